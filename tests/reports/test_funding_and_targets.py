"""Funds as data, targets with % and met / not met, and the "Kiểm tra số liệu" section."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_helpers import KONTUM, docx_text, kontum_args, read_json, run_report, write_csv

from ntm.io.errors import ImportFailed
from ntm.io.funding import read_funding
from ntm.io.targets import read_targets

FUNDING_HEADER = ["scope_code", "period_start", "period_end", "source", "amount_billion_vnd"]
TARGET_HEADER = ["scope_code", "plan", "year", "measure", "criterion", "value"]


def _fixture_funding_rows() -> list[list[str]]:
    lines = (KONTUM / "funding-2016-2020.csv").read_text(encoding="utf-8").splitlines()[1:]
    return [line.split(",") for line in lines]


def test_the_fixture_funding_file_reads_with_the_decimals_it_writes() -> None:
    funding = read_funding(KONTUM / "funding-2016-2020.csv")
    central = funding.lines[0]
    assert (central.source, central.amount, central.decimals) == ("central_budget", 920.7, 3)
    assert central.name == "Ngân sách Trung ương"
    assert len(funding.lines) == 7 and funding.stated == []


def test_a_vietnamese_spreadsheet_amount_is_read_with_the_comma(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "f.csv",
        FUNDING_HEADER,
        [
            ["62", "2016", "2020", "central_budget", "1.847,561"],
            ["62", "2016", "2020", "credit", "5,5"],
        ],
    )
    funding = read_funding(path)
    assert [ln.amount for ln in funding.lines] == [1847.561, 5.5]


def test_stated_totals_that_disagree_with_their_parts_are_reported(tmp_path: Path) -> None:
    rows = _fixture_funding_rows()
    rows.append(["62", "2016", "2020", "state_budget_direct", "1135.110"])  # agrees
    rows.append(["62", "2016", "2020", "total", "1900.000"])  # does not
    funding = write_csv(tmp_path / "funding.csv", FUNDING_HEADER, rows)
    out = tmp_path / "out"
    assert run_report(*kontum_args(out, funding=funding)).exit_code == 0
    fig = read_json(out)
    assert fig["funding_2016_2020_billion_vnd"]["total"] == 1847.561  # the sum, not the row
    assert [c["kind"] for c in fig["checks"]] == ["funding_sum"]
    check = fig["checks"][0]
    assert check["place"] == "tệp funding.csv, dòng 10"
    assert check["stated"] == 1900.0 and check["computed"] == 1847.561
    # The check is for the office (kiem-tra.md), never in the official report.
    said = "«Tổng nguồn vốn» ghi 1.900 tỷ đồng nhưng tổng các nguồn thành phần là 1.847,561"
    checks = (out / "kiem-tra.md").read_text(encoding="utf-8")
    assert said in checks and "Không phát hiện sai lệch" not in checks
    assert said not in docx_text(out / "report.docx")


def test_a_state_budget_row_that_disagrees_is_reported(tmp_path: Path) -> None:
    rows = [*_fixture_funding_rows(), ["62", "2016", "2020", "state_budget_direct", "1200"]]
    funding = write_csv(tmp_path / "funding.csv", FUNDING_HEADER, rows)
    out = tmp_path / "out"
    assert run_report(*kontum_args(out, funding=funding)).exit_code == 0
    fig = read_json(out)
    assert fig["checks"][0]["message"].startswith("«Ngân sách Nhà nước hỗ trợ trực tiếp» ghi 1.200")
    assert fig["funding_2016_2020_billion_vnd"]["state_budget_direct"] == 1135.11


def test_named_sources_count_in_the_total_and_sub_sources_add_up(tmp_path: Path) -> None:
    header = [*FUNDING_HEADER, "source_name", "parent"]
    rows = [
        ["62", "2016", "2020", "central_budget", "920.700", "", ""],
        ["62", "2016", "2020", "local_budget", "207.906", "", ""],
        ["62", "2016", "2020", "provincial_budget", "150.000", "Ngân sách tỉnh", "local_budget"],
        ["62", "2016", "2020", "district_budget", "50.000", "Ngân sách huyện", "local_budget"],
        ["62", "2016", "2020", "commune_budget", "7.906", "Ngân sách xã", "local_budget"],
        ["62", "2016", "2020", "charity", "10.5", "Quỹ Vì người nghèo", ""],
    ]
    funding = write_csv(tmp_path / "funding.csv", header, rows)
    out = tmp_path / "out"
    assert run_report(*kontum_args(out, funding=funding)).exit_code == 0
    fig = read_json(out)
    flat = fig["funding_2016_2020_billion_vnd"]
    assert flat["total"] == 1139.106
    assert flat["state_budget_direct"] == 1128.606
    assert flat["provincial_budget"] == 150.0 and flat["charity"] == 10.5
    assert fig["checks"] == []
    text = docx_text(out / "report.docx")
    assert "Tổng nguồn vốn huy động giai đoạn 2016 - 2020 là 1.139,106 tỷ đồng" in text
    assert "Quỹ Vì người nghèo 10,5 tỷ đồng" in text or "quỹ Vì người nghèo 10,5 tỷ đồng" in text


def test_sub_sources_that_do_not_add_up_are_reported(tmp_path: Path) -> None:
    header = [*FUNDING_HEADER, "source_name", "parent"]
    rows = [
        ["62", "2016", "2020", "local_budget", "207.906", "", ""],
        ["62", "2016", "2020", "provincial_budget", "100", "Ngân sách tỉnh", "local_budget"],
    ]
    funding = write_csv(tmp_path / "funding.csv", header, rows)
    out = tmp_path / "out"
    assert run_report(*kontum_args(out, funding=funding)).exit_code == 0
    (check,) = read_json(out)["checks"]
    assert check["place"] == "tệp funding.csv, dòng 2"
    assert "ghi 207,906 tỷ đồng nhưng tổng các nguồn thành phần là 100 tỷ đồng" in check["message"]


def test_the_targets_file_reads_every_measure() -> None:
    targets = read_targets(KONTUM / "targets.csv")
    assert len(targets) == 22
    assert targets[1].criterion == 2 and targets[1].value == 35
    assert targets[-1].measure == "communes_recognised_model" and targets[-1].criterion is None


def test_a_bad_targets_file_names_each_bad_cell(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "t.csv",
        TARGET_HEADER,
        [
            ["62", "NQ", "2020", "communes_meeting_criterion", "", "3"],
            ["", "NQ", "2020", "avg_criteria", "", "15"],
        ],
    )
    with pytest.raises(ImportFailed) as caught:
        read_targets(path)
    assert [str(p) for p in caught.value.problems] == [
        "tệp t.csv, dòng 2, cột E (criterion): thiếu giá trị",
        "tệp t.csv, dòng 3, cột A (scope_code): thiếu mã địa bàn",
    ]


def test_support_targets_show_their_percentage_and_verdict(tmp_path: Path) -> None:
    rows = [
        line.split(",")
        for line in (KONTUM / "targets.csv").read_text(encoding="utf-8").splitlines()[1:]
    ]
    rows += [
        ["62", "Nghị quyết 01-NQ/TU", "2020", "avg_criteria", "", "15"],
        ["62", "Nghị quyết 01-NQ/TU", "2020", "max_communes_under", "5", "0"],
        ["62", "Nghị quyết 01-NQ/TU", "2020", "communes_meeting_criterion", "20", "10"],
        ["610", "Nghị quyết 01-NQ/TU", "2020", "communes_recognised", "", "15"],
    ]
    targets = write_csv(tmp_path / "targets.csv", TARGET_HEADER, rows)
    out = tmp_path / "out"
    assert run_report(*kontum_args(out, targets=targets)).exit_code == 0
    fig = read_json(out)
    by_measure = {t["measure"]: t for t in fig["targets"]}
    assert by_measure["avg_criteria"] | {} == {
        "measure": "avg_criteria",
        "criterion": None,
        "plan": "Nghị quyết 01-NQ/TU",
        "year": 2020,
        "value": 15,
        "actual": 14.8,
        "pct_of_target": 98.67,
        "met": False,
    }
    assert by_measure["max_communes_under"]["actual"] == 0
    assert by_measure["max_communes_under"]["met"] is True
    assert by_measure["communes_recognised"]["pct_of_target"] == 46.67
    kinds = sorted(c["kind"] for c in fig["checks"])
    assert kinds == ["target_exceeds_communes", "target_unknown_criterion"]
    text = docx_text(out / "report.docx")
    assert "Bình quân số tiêu chí đạt/xã: 14,8 tiêu chí, đạt 98,67% so với mục tiêu 15,0" in text
    assert "Số xã đạt dưới 5 tiêu chí: 0 xã" in text
    checks = (out / "kiem-tra.md").read_text(encoding="utf-8")
    assert "tiêu chí số 20, nhưng bộ tiêu chí xa-ntm-2016-2020 chỉ có 19 tiêu chí" in checks
    assert "vượt số xã của Huyện Đắk Glei (11 xã)" in checks
    assert "tiêu chí số 20, nhưng" not in text


def test_a_targets_workbook_with_a_title_row_is_read_and_its_cells_named(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    ws = book.active
    ws.title = "Chỉ tiêu"
    ws.append(["CHỈ TIÊU NGHỊ QUYẾT 01-NQ/TU"])
    ws.append(TARGET_HEADER)
    ws.append(["62", "NQ 01", 2020, "communes_meeting_criterion", 2, 35])
    ws.append(["62", "NQ 01", 2020, "avg_criteria", None, "14,5"])
    ws.append(["62", "NQ 01", 2020, "communes_recognised", None, "nhiều"])
    path = tmp_path / "chi-tieu.xlsx"
    book.save(str(path))
    with pytest.raises(ImportFailed) as caught:
        read_targets(path)
    assert [str(p) for p in caught.value.problems] == [
        "tệp chi-tieu.xlsx, trang tính «Chỉ tiêu», dòng 5, cột F (value): «nhiều» không phải là số"
    ]
    ws.delete_rows(5)
    book.save(str(path))
    targets = read_targets(path)
    assert [(t.measure, t.criterion, t.value, t.row) for t in targets] == [
        ("communes_meeting_criterion", 2, 35.0, 3),
        ("avg_criteria", None, 14.5, 4),
    ]
