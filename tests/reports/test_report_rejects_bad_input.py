"""On any input problem ``ntm report`` prints every problem with its place and writes nothing."""

from __future__ import annotations

from pathlib import Path

from report_helpers import KONTUM, kontum_args, run_report, write_csv


def test_it_prints_every_problem_of_every_file_and_writes_no_file(tmp_path: Path) -> None:
    targets = write_csv(
        tmp_path / "targets.csv",
        ["scope_code", "plan", "year", "measure", "criterion", "value"],
        [
            ["62", "NQ", "2020", "communes_meeting_criterion", "2", "ba mươi"],
            ["62", "NQ", "2020", "communes_happy", "", "5"],
            ["62", "NQ", "năm", "communes_recognised", "", "10"],
        ],
    )
    funding = write_csv(
        tmp_path / "funding.csv",
        ["scope_code", "period_start", "period_end", "source", "amount_billion_vnd"],
        [
            ["62", "2016", "2020", "central_budget", "920.700"],
            ["62", "2016", "2020", "lottery", "12.5"],
            ["62", "2020", "2016", "credit", "-3"],
        ],
    )
    out = tmp_path / "out"
    args = kontum_args(out, targets=targets, funding=funding)
    args += ["--template", tmp_path / "missing.docx"]
    result = run_report(*args)
    assert result.exit_code == 2
    text = result.output
    assert "không ghi tệp báo cáo nào" in text
    assert "tệp targets.csv, dòng 2, cột F (value): «ba mươi» không phải là số" in text
    assert "tệp targets.csv, dòng 3, cột D (measure): chỉ tiêu «communes_happy» không có" in text
    assert "tệp targets.csv, dòng 4, cột C (year): «năm» không phải là số nguyên" in text
    assert (
        "tệp funding.csv, dòng 3, cột D (source): nguồn vốn «lottery» không có trong danh mục"
        in text
    )
    assert (
        "tệp funding.csv, dòng 4, cột C (period_end): năm kết thúc 2016 trước năm bắt đầu 2020"
        in text
    )
    assert "tệp funding.csv, dòng 4, cột E (amount_billion_vnd): giá trị âm (-3)" in text
    assert "tùy chọn --template" in text
    assert not out.exists()


def test_a_bad_data_file_stops_the_report_with_its_place(tmp_path: Path) -> None:
    data = tmp_path / "criteria-2020.csv"
    lines = (KONTUM / "criteria-2020.csv").read_text(encoding="utf-8").splitlines()
    cells = lines[3].split(",")
    cells[6] = "có lẽ"
    lines[3] = ",".join(cells)
    data.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_report(*kontum_args(out, data=data))
    assert result.exit_code == 2
    assert "tệp criteria-2020.csv" in result.output
    assert "dòng 4" in result.output
    assert not out.exists()


def test_a_district_report_needs_a_known_district(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_report(*kontum_args(out), "--level", "district", "--unit", "999")
    assert result.exit_code == 2
    assert "không có xã nào thuộc huyện mã 999" in result.output
    assert not out.exists()


def test_a_bad_date_is_named_by_its_option(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_report(*kontum_args(out), "--date", "31/2/2021")
    assert result.exit_code == 2
    assert "tùy chọn --date: ngày «31/2/2021» không hợp lệ" in result.output
    assert not out.exists()
