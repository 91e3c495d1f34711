"""`ntm template` writes the workbook an official fills in; `ntm evaluate` reads it back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from ntm.cli import app
from ntm.criteria import SHIPPED_DIR, read_set_file
from ntm.units.registry import communes_of

# Test levels only, to exercise the engine: the real 2026–2030 levels are not known to ntm.
TEST_INDICATORS = {
    1: [{"code": "1.1", "name": "Có quy hoạch chung xã được duyệt", "kind": "yes_no",
         "compare": "=", "thresholds": True}],
    3: [{"code": "3.1", "name": "Thu nhập bình quân đầu người", "unit": "triệu đồng/người/năm",
         "kind": "number", "thresholds": {"all": {"1": 70, "2": 60, "3": 50}}}],
    5: [{"code": "5.1", "name": "Tỷ lệ người dân tham gia bảo hiểm y tế", "kind": "percent",
         "thresholds": {"all": {"1": 95, "2": 90, "3": 85}}},
        {"code": "5.2", "name": "Số trường đạt chuẩn quốc gia", "kind": "count", "thresholds": 2}],
}  # fmt: skip


@pytest.fixture
def completed_set(tmp_path: Path) -> dict[str, str]:
    """The shipped 2026–2030 set with three criteria completed, as an office would complete it."""
    data = read_set_file(SHIPPED_DIR / "xa-ntm-2026-2030.yaml")
    for crit in data["criteria"]:
        if crit["number"] in TEST_INDICATORS:
            crit["indicators"] = TEST_INDICATORS[crit["number"]]
            crit["indicators_complete"] = True
    directory = tmp_path / "sets"
    directory.mkdir()
    (directory / "xa-ntm-2026-2030.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    return {"NTM_CRITERIA_DIR": str(directory)}


def make_template(tmp_path: Path, env: dict[str, str] | None = None) -> Path:
    out = tmp_path / "mau-tuyen-quang.xlsx"
    result = CliRunner(env=env).invoke(
        app,
        ["template", "xa-ntm-2026-2030", "--province", "Tuyên Quang", "--year", "2026",
         "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return out


def layout(path: Path):
    wb = load_workbook(path)
    meta = {r[0]: r[1] for r in wb["_ntm"].iter_rows(values_only=True)}
    ws = wb["Nhập liệu"]
    code_row, first = int(meta["code_row"]), int(meta["first_data_row"])
    # The fixed columns' labels sit in a cell merged over the criterion row and the codes row.
    columns = {
        ws.cell(code_row, c).value or ws.cell(code_row - 1, c).value: c
        for c in range(1, ws.max_column + 1)
    }
    return wb, ws, columns, first


def test_the_template_lists_every_rural_commune_of_new_tuyen_quang_and_says_7_wards_left_out(
    tmp_path: Path,
) -> None:
    out = tmp_path / "mau-tuyen-quang.xlsx"
    result = CliRunner().invoke(
        app,
        ["template", "xa-ntm-2026-2030", "--province", "Tuyên Quang", "--year", "2026",
         "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert "117 xã" in said and "7 phường không đưa vào" in said
    wb, ws, columns, first = layout(out)
    every = communes_of("Tuyên Quang", regime="new")
    assert len(every) == 124 and sum(u.kind == "phường" for u in every) == 7
    expected = [u for u in every if u.kind == "xã"]
    codes = [ws.cell(r, 1).value for r in range(first, ws.max_row + 1)]
    names = [ws.cell(r, 2).value for r in range(first, ws.max_row + 1)]
    assert len(expected) == 117
    assert codes == [u.code for u in expected]
    assert names == [u.name for u in expected]
    # No indicators shipped for 2026–2030: one column per criterion, answered Đạt / Không đạt.
    assert [k for k in columns if k and str(k).startswith("tc")] == [f"tc{n}" for n in range(1, 11)]
    assert "Huyện" not in columns  # no districts after 1 July 2025
    assert wb["Hướng dẫn"]["A1"].value == "HƯỚNG DẪN NHẬP LIỆU"
    assert ws.freeze_panes == f"D{first}"
    lists = [dv.formula1 for dv in ws.data_validations.dataValidation]
    assert '"Đạt,Không đạt"' in lists
    assert '"Nhóm 1,Nhóm 2,Nhóm 3"' in lists
    meta = {r[0]: r[1] for r in wb["_ntm"].iter_rows(values_only=True)}
    assert meta["left_out"].startswith("7 phường không đưa vào")
    guide = [c.value for c in wb["Hướng dẫn"]["A"] if c.value]
    assert any("7 phường không đưa vào" in line for line in guide)


def test_wards_are_kept_when_asked(tmp_path: Path) -> None:
    out = tmp_path / "mau.xlsx"
    result = CliRunner().invoke(
        app,
        ["template", "xa-ntm-2026-2030", "--province", "Tuyên Quang", "--year", "2026",
         "--include-wards", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    _wb, ws, _columns, first = layout(out)
    assert ws.max_row - first + 1 == 124
    assert "không đưa vào" not in result.stderr


def test_a_commune_with_no_group_is_named_by_ntm_evaluate(tmp_path: Path) -> None:
    path = make_template(tmp_path)
    wb, ws, columns, first = layout(path)
    for r in range(first, ws.max_row + 1):
        ws.cell(r, columns["Nhóm"], "Nhóm 2")
    ws.cell(first + 4, columns["Nhóm"]).value = None
    unnamed = ws.cell(first + 4, 2).value
    wb.save(path)
    result = CliRunner().invoke(app, ["evaluate", str(path)])
    assert result.exit_code == 0, result.output
    said = " ".join(result.stderr.split())
    assert f"1 xã chưa có nhóm (chỉ tiêu theo nhóm chưa xét được): {unnamed}" in said


def test_criterion_answers_typed_in_the_template_are_read_back(tmp_path: Path) -> None:
    path = make_template(tmp_path)
    wb, ws, columns, first = layout(path)
    ws.cell(first, columns["tc1"], "Đạt")
    ws.cell(first, columns["tc2"], "Không đạt")
    ws.cell(first + 1, columns["tc1"], "Đạt")
    wb.save(path)
    result = CliRunner().invoke(app, ["evaluate", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got["criteria_set"] == "xa-ntm-2026-2030"
    assert got["year"] == 2026
    assert got["communes_total"] == 117
    c0, c1, c2 = got["communes"][:3]
    assert (c0["criteria"]["1"], c0["criteria"]["2"], c0["criteria"]["3"]) == (
        "met", "not_met", "unknown",
    )  # fmt: skip
    assert c1["criteria"]["1"] == "met"
    assert c2["criteria"]["1"] == "unknown"
    assert got["criteria"]["1"] == {"met": 2}


def test_a_template_filled_by_hand_is_evaluated_against_each_groups_levels(
    tmp_path: Path, completed_set: dict[str, str]
) -> None:
    path = make_template(tmp_path, completed_set)
    wb, ws, columns, first = layout(path)
    assert {"1.1", "3.1", "5.1", "5.2", "Nhóm"} <= set(columns)
    # The level rows above the table: one per group, as the official compares.
    labels = [ws.cell(r, 1).value for r in range(1, first)]
    assert {"Ngưỡng – Nhóm 1", "Ngưỡng – Nhóm 2", "Ngưỡng – Nhóm 3"} <= set(labels)
    row_g3 = first - 1
    assert ws.cell(row_g3, columns["5.1"]).value == "≥ 85%"
    typed = [
        # group, 1.1, 3.1 (Vietnamese decimals), 5.1, 5.2
        ("Nhóm 1", "Có", "72,5", "96%", 3),
        ("Nhóm 3", "Không", "1.234,5", "84,9", None),
        ("Nhóm 2", None, "59,9", 90, "2"),
    ]
    for i, (group, has_plan, income, insured, schools) in enumerate(typed):
        row = first + i
        ws.cell(row, columns["Nhóm"], group)
        for code, value in (("1.1", has_plan), ("3.1", income), ("5.1", insured), ("5.2", schools)):
            ws.cell(row, columns[code], value)
    wb.save(path)

    out = tmp_path / "ket-qua.json"
    result = CliRunner(env=completed_set).invoke(
        app, ["evaluate", str(path), "--format", "json", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    got = json.loads(out.read_text(encoding="utf-8"))
    first_c, second_c, third_c = got["communes"][:3]
    assert first_c["indicators"]["3.1"] == {"value": 72.5, "threshold": 70, "status": "met"}
    assert first_c["indicators"]["5.1"] == {"value": 96, "threshold": 95, "status": "met"}
    assert [first_c["criteria"][n] for n in ("1", "3", "5")] == ["met", "met", "met"]
    assert second_c["indicators"]["3.1"] == {"value": 1234.5, "threshold": 50, "status": "met"}
    assert second_c["indicators"]["5.1"] == {"value": 84.9, "threshold": 85, "status": "not_met"}
    assert second_c["indicators"]["5.2"]["status"] == "unknown"  # a blank cell is no data
    assert [second_c["criteria"][n] for n in ("1", "3", "5")] == ["not_met", "met", "not_met"]
    assert third_c["indicators"]["1.1"]["value"] is None
    assert third_c["indicators"]["3.1"] == {"value": 59.9, "threshold": 60, "status": "not_met"}
    assert [third_c["criteria"][n] for n in ("1", "3", "5")] == ["unknown", "not_met", "met"]
    assert got["criteria"]["5"] == {"met": 2}
    assert got["communes"][3]["indicators"]["3.1"]["threshold"] is None  # no group given yet


def test_a_template_from_a_units_file_keeps_districts_and_regions(
    tmp_path: Path, kontum: Path
) -> None:
    out = tmp_path / "mau-kon-tum.xlsx"
    result = CliRunner().invoke(
        app,
        ["template", "xa-ntm-2016-2020", "--units", str(kontum / "communes.csv"), "--year",
         "2020", "--out", str(out)],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    _wb, ws, columns, first = layout(out)
    assert {"Mã xã", "Tên xã", "Huyện", "Vùng", "10.1", "15.1"} <= set(columns)
    assert ws.cell(first, columns["Vùng"]).value == "TN"
    labels = [ws.cell(r, 1).value for r in range(1, first)]
    assert "Ngưỡng – Tây Nguyên" in labels
    row = labels.index("Ngưỡng – Tây Nguyên") + 1
    assert ws.cell(row, columns["10.1"]).value == "≥ 41"
    assert ws.cell(row, columns["15.1"]).value == "≥ 85%"
    assert ws.max_row - first + 1 == 85


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["khong-co-bo-nay", "--province", "Tuyên Quang", "--year", "2026"],
         "không có bộ tiêu chí mã này"),
        (["xa-ntm-2026-2030", "--province", "Tỉnh Không Có", "--year", "2026"],
         "Không tìm thấy tỉnh"),
        (["xa-ntm-2026-2030", "--province", "Tuyên Quang", "--year", "2020"],
         "năm 2020 nằm ngoài giai đoạn 2026–2030"),
    ],
)  # fmt: skip
def test_a_bad_template_request_writes_nothing(tmp_path: Path, args, message) -> None:
    out = tmp_path / "mau.xlsx"
    result = CliRunner().invoke(app, ["template", *args, "--out", str(out)])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert not out.exists()
