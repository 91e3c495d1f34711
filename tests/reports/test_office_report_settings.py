"""The report the office sends (issue #12.4): settings from a TOML or YAML file, narrative
sections whose named fields are filled from the report's figures at render time."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from report_helpers import KONTUM, docx_text, run_report

from ntm.reports.fields import FieldError, fill
from ntm.reports.settings import SettingsError, read_settings

TOML = """
issuer = "ubnd_tinh"
number = "215/BC-UBND"
place = "Kon Tum"
date = "15/12/2020"
title = "Kết quả xây dựng nông thôn mới năm 2020"
signer_title = "PHÓ CHỦ TỊCH"
signer = "Nguyễn Văn Hòa"
recipients = ["Văn phòng Điều phối nông thôn mới Trung ương (b/c)", "Các sở, ban, ngành"]

[sections]
trien_khai = "Đến cuối năm {{ nam }}, toàn tỉnh có {{ so_xa_dat_chuan }} xã đạt chuẩn."
nhiem_vu = '''Phấn đấu {{ so_xa_dat_tieu_chi_2 }} xã giữ vững tiêu chí giao thông.

Đoạn thứ hai.'''
"""
YAML = """
issuer: ubnd_tinh
number: 215/BC-UBND
place: Kon Tum
date: 2020-12-15
title: Kết quả xây dựng nông thôn mới năm 2020
signer_title: PHÓ CHỦ TỊCH
signer: Nguyễn Văn Hòa
recipients: [Văn phòng Điều phối nông thôn mới Trung ương (b/c), "Các sở, ban, ngành"]
sections:
  trien_khai: "Đến cuối năm {{ nam }}, toàn tỉnh có {{ so_xa_dat_chuan }} xã đạt chuẩn."
  nhiem_vu: |-
    Phấn đấu {{ so_xa_dat_tieu_chi_2 }} xã giữ vững tiêu chí giao thông.

    Đoạn thứ hai.
"""


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _report(tmp_path: Path, settings: Path, data: Path | None = None) -> tuple[Path, Any]:
    out = tmp_path / "out"
    result = run_report(
        "--year", "2020", "--data", data or KONTUM / "criteria-2020.csv",
        "--baseline", KONTUM / "criteria-2015.csv", "--units", KONTUM / "communes.csv",
        "--out", out, "--settings", settings,
    )  # fmt: skip
    return out, result


def _without_one_commune(tmp_path: Path) -> Path:
    rows = list(csv.DictReader((KONTUM / "criteria-2020.csv").open(encoding="utf-8")))
    for row in rows:
        if row["commune_name"] == "Xã Đoàn Kết":
            row["tc2"] = "0"
    path = tmp_path / "criteria-2020.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_a_narrative_field_renders_28_for_kon_tum_2020_in_every_file(tmp_path: Path) -> None:
    out, result = _report(tmp_path, _write(tmp_path, "s.toml", TOML))
    assert result.exit_code == 0, result.output
    sentence = "Đến cuối năm 2020, toàn tỉnh có 28 xã đạt chuẩn."
    assert sentence in docx_text(out / "report.docx")
    assert sentence in (out / "report.md").read_text(encoding="utf-8")
    narrative = json.loads((out / "report.json").read_text(encoding="utf-8"))["narrative"]
    assert [s["key"] for s in narrative] == ["trien_khai", "nhiem_vu"]
    assert narrative[1]["paragraphs"] == [
        "Phấn đấu 57 xã giữ vững tiêu chí giao thông.",
        "Đoạn thứ hai.",
    ]


def test_the_field_follows_the_data_when_one_commune_changes(tmp_path: Path) -> None:
    settings = _write(tmp_path, "s.toml", TOML)
    out, result = _report(tmp_path, settings, _without_one_commune(tmp_path))
    assert result.exit_code == 0, result.output
    text = docx_text(out / "report.docx")
    assert "toàn tỉnh có 27 xã đạt chuẩn." in text
    assert "Phấn đấu 56 xã giữ vững" in text


def test_the_settings_give_issuer_number_date_and_signer(tmp_path: Path) -> None:
    out, result = _report(tmp_path, _write(tmp_path, "s.toml", TOML))
    assert result.exit_code == 0, result.output
    text = docx_text(out / "report.docx")
    assert "ỦY BAN NHÂN DÂN" in text and "Tỉnh ủy Kon Tum" not in text
    assert "215/BC-UBND" in text
    assert "ngày 15 tháng 12 năm 2020" in text
    assert "Nguyễn Văn Hòa" in text and "PHÓ CHỦ TỊCH" in text
    assert "Các sở, ban, ngành;" in text


def test_yaml_and_toml_settings_are_the_same(tmp_path: Path) -> None:
    toml = read_settings(_write(tmp_path, "s.toml", TOML))
    yaml = read_settings(_write(tmp_path, "s.yaml", YAML))
    assert toml == yaml


def test_an_unknown_field_is_a_vietnamese_error_naming_it_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    bad = TOML.replace("{{ so_xa_dat_chuan }}", "{{ so_xa_dat_chuan_moi }}")
    out, result = _report(tmp_path, _write(tmp_path, "s.toml", bad))
    assert result.exit_code == 2
    assert "Trường «so_xa_dat_chuan_moi» không có trong số liệu báo cáo" in result.output
    assert "I. Công tác triển khai" in result.output
    assert not out.exists()


def test_a_bad_settings_file_names_the_key_and_nothing_is_written(tmp_path: Path) -> None:
    bad = TOML.replace('"ubnd_tinh"', '"so_tai_chinh"').replace("signer =", "signor =")
    out, result = _report(tmp_path, _write(tmp_path, "s.toml", bad))
    assert result.exit_code == 2
    assert "khóa «issuer» = «so_tai_chinh» không có" in result.output
    assert "khóa «signor» không dùng" in result.output
    assert not out.exists()


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ __import__('os') }}", "Trường viết sai"),
        ("{{ nam|upper }}", "Trường viết sai"),
        ("Năm {{ nam", "Trường viết sai"),
        ("{{ open }}", "Trường «open» không có"),
    ],
)
def test_fields_are_names_only_never_expressions(template: str, message: str) -> None:
    with pytest.raises(FieldError, match=message):
        fill(template, {"nam": "2020"})


def test_a_field_is_filled_with_spaces_or_without() -> None:
    assert fill("{{nam}} và {{  nam  }}", {"nam": "2020"}) == "2020 và 2020"


def test_a_settings_file_that_is_not_a_table_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match=r"s\.yaml: tệp cần là một bảng"):
        read_settings(_write(tmp_path, "s.yaml", "- a\n- b\n"))


@pytest.mark.parametrize(
    ("issuer", "present", "absent"),
    [
        ("tinh_uy", ["TỈNH ỦY KON TUM", "T/M BAN THƯỜNG VỤ"], ["ỦY BAN NHÂN DÂN TỈNH KON TUM"]),
        ("van_phong_dieu_phoi", ["VĂN PHÒNG ĐIỀU PHỐI", "CHÁNH VĂN PHÒNG", "/BC-VPĐP"],
         ["TM. ỦY BAN NHÂN DÂN", "Tỉnh ủy Kon Tum"]),
        ("ban_chi_dao", ["BAN CHỈ ĐẠO", "TM. BAN CHỈ ĐẠO", "TRƯỞNG BAN", "/BC-BCĐ"],
         ["Tỉnh ủy Kon Tum"]),
    ],
)  # fmt: skip
def test_each_issuer_heads_and_signs_the_report_its_own_way(
    tmp_path: Path, issuer: str, present: list[str], absent: list[str]
) -> None:
    settings = _write(tmp_path, "s.yaml", f"issuer: {issuer}\ndate: 15/12/2020\n")
    out, result = _report(tmp_path, settings)
    assert result.exit_code == 0, result.output
    text = docx_text(out / "report.docx")
    for phrase in present:
        assert phrase in text, phrase
    for phrase in absent:
        assert phrase not in text, phrase
