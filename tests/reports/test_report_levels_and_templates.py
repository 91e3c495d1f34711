"""Any level, any set: a district report, a 2026–2030 province report, an office's own template."""

from __future__ import annotations

from pathlib import Path

from docx import Document
from report_helpers import docx_text, read_json, run_report, total_row, write_csv

UNITS_HEADER = [
    "commune_code",
    "commune_name",
    "district_code",
    "district_name",
    "province_code",
    "province_name",
]


def _province_2020(tmp_path: Path) -> tuple[Path, Path]:
    """Three districts of four communes; commune k of district d meets 19 − (d + k) criteria."""
    units, rows = [], []
    for d in range(3):
        for k in range(4):
            code = f"{90000 + d * 10 + k:05d}"
            name = f"Xã {chr(65 + d)}{k + 1}"
            units.append([code, name, f"90{d}", f"Huyện Thử {d + 1}", "99", "Tỉnh Thử"])
            missing = d + k
            statuses = [0 if n >= 19 - missing else 1 for n in range(19)]
            rows.append([code, name, 2020, *statuses])
    u = write_csv(tmp_path / "units.csv", UNITS_HEADER, units)
    data = write_csv(
        tmp_path / "data.csv",
        ["commune_code", "commune_name", "year", *[f"tc{n}" for n in range(1, 20)]],
        rows,
    )
    return u, data


def test_a_district_report_covers_its_communes_only(tmp_path: Path) -> None:
    units, data = _province_2020(tmp_path)
    out = tmp_path / "out"
    # Option and value side by side (``fmt: skip`` keeps them so).
    result = run_report(
        "--data", data, "--units", units, "--level", "district", "--unit", "901", "--out", out,
        "--issuer-type", "government", "--date", "15/12/2020",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    fig = read_json(out)
    assert fig["level"] == "district" and fig["scope_name"] == "Huyện Thử 2"
    assert fig["communes_total"] == 4
    # District 2 (d = 1): communes miss 1, 2, 3, 4 criteria.
    assert fig["recognised"] == 0
    assert fig["bands"] == {"19": 0, "15-18": 4, "10-14": 0, "5-9": 0, "<5": 0}
    assert fig["avg_criteria"] == 16.5
    assert fig["criteria"]["19"]["met"] == 0
    assert [c["name"] for c in fig["criteria"]["16"]["lagging"]] == ["Xã B4"]
    assert fig["districts"] == []
    text = docx_text(out / "report.docx")
    assert "ỦY BAN NHÂN DÂN\nHUYỆN THỬ 2" in text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "Thử 2, ngày 15 tháng 12 năm 2020" in text
    assert "toàn huyện chưa có xã đạt chuẩn 19/19 tiêu chí" in text
    assert "Các xã chưa đạt: xã B4." in text
    assert "ĐẢNG CỘNG SẢN" not in text
    assert total_row(out)["Mã xã"] == "4 xã"


def test_a_province_report_compares_its_districts(tmp_path: Path) -> None:
    units, data = _province_2020(tmp_path)
    out = tmp_path / "out"
    assert run_report("--data", data, "--units", units, "--out", out).exit_code == 0
    fig = read_json(out)
    assert fig["communes_total"] == 12 and fig["recognised"] == 1
    assert fig["districts_without_recognised_commune"] == ["Huyện Thử 2", "Huyện Thử 3"]
    # Criterion 17: met by communes missing at most 2 criteria: A1, A2, A3, B1, B2, C1.
    lag = fig["criteria"]["17"]["lagging"]
    # The province's share is 6/12; Huyện Thử 2 (2/4) is not below it.
    assert [(d["name"], d["met"], d["total"]) for d in lag] == [("Huyện Thử 3", 1, 4)]
    text = docx_text(out / "report.docx")
    assert "TỈNH ỦY THỬ" in text
    assert "Các địa phương có tỷ lệ xã đạt chuẩn thấp là: Thử 3 (đạt 1/4 xã)." in text


def test_a_2026_province_report_has_ten_criteria_and_no_districts(tmp_path: Path) -> None:
    units = write_csv(
        tmp_path / "units.csv",
        ["commune_code", "commune_name", "province_code", "province_name", "group"],
        [
            [f"{30001 + i * 3:05d}", f"Xã Mới {i + 1}", "99", "Tỉnh Thử", str(1 + i % 3)]
            for i in range(12)
        ],
    )
    rows = [
        [
            f"{30001 + i * 3:05d}",
            f"Xã Mới {i + 1}",
            2026,
            *[0 if j < i % 4 else 1 for j in range(10)],
        ]
        for i in range(12)
    ]
    data = write_csv(
        tmp_path / "data.csv",
        ["commune_code", "commune_name", "year", *[f"tc{j}" for j in range(1, 11)]],
        rows,
    )
    out = tmp_path / "out"
    result = run_report("--data", data, "--units", units, "--out", out)
    assert result.exit_code == 0, result.output
    fig = read_json(out)
    assert fig["criteria_set"] == "xa-ntm-2026-2030"
    assert fig["criteria_count"] == 10
    assert fig["recognised"] == 3
    assert fig["bands"] == {"10": 3, "8-9": 6, "5-7": 3, "<5": 0}
    assert [fig["criteria"][k]["met"] for k in ("1", "3", "4")] == [3, 9, 12]
    assert fig["has_districts"] is False and fig["districts"] == []
    text = docx_text(out / "report.docx")
    assert "03 xã đạt chuẩn 10/10 tiêu chí" in text
    assert "không còn đơn vị hành chính cấp huyện" in text
    assert "Các địa phương có tỷ lệ" not in text
    assert "Xã Mới 1" in text or "xã Mới 1" in text


def test_an_office_template_is_used_when_given(tmp_path: Path) -> None:
    template = tmp_path / "mau-rieng.docx"
    doc = Document()
    doc.add_paragraph("Báo cáo của {{ province_name }}: bình quân {{ avg_criteria }} tiêu chí/xã.")
    doc.add_paragraph("{%p for item in criteria_items %}")
    doc.add_paragraph("+ {{ item }}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(str(template))
    units, data = _province_2020(tmp_path)
    out = tmp_path / "out"
    result = run_report("--data", data, "--units", units, "--out", out, "--template", template)
    assert result.exit_code == 0, result.output
    paragraphs = [p.text for p in Document(str(out / "report.docx")).paragraphs]
    assert paragraphs[0] == "Báo cáo của Tỉnh Thử: bình quân 16,5 tiêu chí/xã."
    assert paragraphs[1].startswith("+ Tiêu chí số 15 về y tế: Có 11/12 xã đạt chuẩn.")
    assert len(paragraphs) == 1 + 5  # criteria 15 … 19 are not met everywhere


def test_a_commune_listed_twice_under_two_codes_is_reported(tmp_path: Path) -> None:
    units, data = _province_2020(tmp_path)
    lines = units.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("Xã A2", "Xã A1")
    units.write_text("\n".join(lines) + "\n", encoding="utf-8")
    text = data.read_text(encoding="utf-8").replace("Xã A2", "Xã A1")
    data.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = run_report("--data", data, "--units", units, "--out", out)
    assert result.exit_code == 0, result.output
    (check,) = read_json(out)["checks"]
    assert check["kind"] == "unit_twice"
    assert "«Xã A1» (Huyện Thử 1) được liệt kê 2 lần" in check["message"]
    said = "Xã A1» (Huyện Thử 1) được liệt kê 2 lần với các mã khác nhau"
    assert said in (out / "kiem-tra.md").read_text(encoding="utf-8")
    assert said not in docx_text(out / "report.docx")
