"""``ntm units`` as a person runs it."""

from __future__ import annotations

import csv
from pathlib import Path

from typer.testing import CliRunner

from ntm.cli import app

runner = CliRunner()


def test_lineage_shows_the_new_commune_of_xa_dak_pek_and_back() -> None:
    result = runner.invoke(app, ["units", "lineage", "23353"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Xã Đắk Pék (23353, trước 01/7/2025) → đơn vị từ 01/7/2025:" in result.output
    assert "│ 23341 │ Xã Đăk Pék │ xã   │ Tỉnh Quảng Ngãi" in result.output


def test_lineage_of_a_code_in_both_regimes_shows_both_directions() -> None:
    result = runner.invoke(app, ["units", "lineage", "23341"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Thị trấn Đắk Glei (23341, trước 01/7/2025) → đơn vị từ 01/7/2025:" in result.output
    assert "Xã Đăk Pék (23341, từ 01/7/2025) ← đơn vị trước 01/7/2025:" in result.output


def test_mapping_prints_the_match_rate_and_writes_the_unmatched(tmp_path: Path) -> None:
    out = tmp_path / "unmatched.csv"
    result = runner.invoke(app, ["units", "mapping", "--out", str(out)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "Khớp 10.023/10.051 xã (99,72%)" in result.output
    assert "295 xã cũ được chia cho nhiều xã mới" in result.output
    with out.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 28
    assert rows[0]["commune_code"] == "03748"
    assert rows[0]["reason"] == "dữ liệu chuyển đổi không có xã này ở huyện của nó"


def test_list_shows_the_communes_of_a_new_province_with_vietnamese_headers() -> None:
    result = runner.invoke(
        app,
        ["units", "list", "--province", "Tuyên Quang", "--regime", "new"],
        env={"COLUMNS": "200"},
    )
    assert result.exit_code == 0, result.output
    assert "┃ Mã    ┃ Tên" in result.output
    assert "124 đơn vị cấp xã" in result.output
    assert "Huyện" not in result.output


def test_show_gives_a_province_and_its_number_of_communes() -> None:
    result = runner.invoke(app, ["units", "show", "62"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "TN — Tây Nguyên" in result.output
    assert "│ Số đơn vị cấp xã │ 102" in result.output


def test_search_finds_a_commune_written_without_diacritics() -> None:
    result = runner.invoke(app, ["units", "search", "dak pek"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert "23353" in result.output and "23341" in result.output


def test_an_unknown_province_fails_with_a_vietnamese_message() -> None:
    result = runner.invoke(app, ["units", "list", "--province", "Kon Tum", "--regime", "new"])
    assert result.exit_code == 1
    assert "Không tìm thấy đơn vị hành chính tên “Kon Tum”" in result.output


def test_districts_do_not_exist_after_2025() -> None:
    result = runner.invoke(app, ["units", "list", "--level", "district", "--regime", "new"])
    assert result.exit_code == 1
    assert "Từ 01/7/2025 không còn cấp huyện" in result.output
