"""Figures are computed from the data: change one commune and every output moves."""

from __future__ import annotations

import csv
from pathlib import Path

from report_helpers import KONTUM, docx_text, kontum_args, read_json, run_report, total_row


def _copy_with_one_change(tmp_path: Path, commune: str, criterion: str, value: str) -> Path:
    src = KONTUM / "criteria-2020.csv"
    rows = list(csv.DictReader(src.open(encoding="utf-8")))
    for row in rows:
        if row["commune_name"] == commune:
            row[criterion] = value
    path = tmp_path / "criteria-2020.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_recognised_commune_losing_a_criterion_moves_all_four_outputs(tmp_path: Path) -> None:
    data = _copy_with_one_change(tmp_path, "Xã Đoàn Kết", "tc2", "0")
    out = tmp_path / "out"
    result = run_report(*kontum_args(out, data=data))
    assert result.exit_code == 0, result.output

    fig = read_json(out)
    assert fig["recognised"] == 27
    assert fig["recognised_change_vs_baseline"] == 18
    assert fig["bands"]["19"] == 27 and fig["bands"]["15-18"] == 10
    assert fig["criteria"]["2"]["met"] == 56
    assert fig["criteria"]["2"]["pct_of_target"] == 160.0
    assert "Xã Đoàn Kết" not in fig["recognised_communes"]

    text = docx_text(out / "report.docx")
    assert "27 xã đạt chuẩn 19/19 tiêu chí, tăng 18 xã" in text
    assert "56/85 xã đạt chuẩn (đạt 160% so với mục tiêu 35 xã" in text
    assert "28 xã đạt chuẩn" not in text

    total = total_row(out)
    assert total["TC 2"] == 56
    assert total["Đạt chuẩn NTM"] == 27

    md = (out / "report.md").read_text(encoding="utf-8")
    assert "27 xã đạt chuẩn 19/19 tiêu chí" in md
    assert "56/85 xã" in md


def test_a_commune_meeting_a_criterion_everyone_met_no_longer_is_listed_once(
    tmp_path: Path,
) -> None:
    data = _copy_with_one_change(tmp_path, "Xã Mường Hoong", "tc1", "0")
    out = tmp_path / "out"
    assert run_report(*kontum_args(out, data=data)).exit_code == 0
    fig = read_json(out)
    assert fig["criteria_met_by_all"] == [3, 4, 7, 12]
    assert fig["criteria"]["1"]["met"] == 84
    assert fig["criteria"]["1"]["lagging"] == [
        {"code": "610", "name": "Huyện Đắk Glei", "met": 10, "total": 11}
    ]
    text = docx_text(out / "report.docx")
    assert "Tiêu chí số 1 về quy hoạch: Có 84/85 xã đạt chuẩn (đạt 98,82% so với mục tiêu" in text
    assert "Đắk Glei (đạt 10/11 xã)" in text
