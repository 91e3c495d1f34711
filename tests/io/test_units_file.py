"""The units file: codes padded, regions, groups and flags read in every way offices write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from ntm.io.errors import ImportFailed
from ntm.io.units_file import read_units


def test_it_reads_the_kontum_units_with_their_region(kontum: Path) -> None:
    units = read_units(kontum / "communes.csv")
    assert len(units) == 85
    first = units[0]
    assert (first.code, first.name, first.district_code, first.province_code) == (
        "23311", "Xã Đắk Cấm", "608", "62",
    )  # fmt: skip
    assert first.region == "TN"  # from the province, no region column
    assert first.kind == "xã"


def test_it_reads_region_group_and_flags_columns(tmp_path: Path) -> None:
    path = tmp_path / "don-vi.csv"
    path.write_text(
        "commune_code,commune_name,province_name,region,group,border,island,"
        "extremely_difficult,safe_zone,flags\n"
        "23311,Xã A,Tỉnh Kon Tum,Đồng bằng sông Hồng,Nhóm 1,x,,có,0,\n"
        "23314,Xã B,Tỉnh Kon Tum,DBSH,2,1,0,không,1,đảo\n"
        '23317,Xã C,Tỉnh Kon Tum,,3,,,,,"biên giới; an toàn khu"\n',
        encoding="utf-8",
    )
    a, b, c = read_units(path)
    assert (a.region, a.group, a.flags) == ("ĐBSH", "1", {"border", "extremely_difficult"})
    assert (b.region, b.group, b.flags) == ("ĐBSH", "2", {"border", "safe_zone", "island"})
    assert (c.region, c.group, c.flags) == ("TN", "3", {"border", "safe_zone"})


def test_it_pads_codes_excel_turned_into_numbers(tmp_path: Path) -> None:
    path = tmp_path / "don-vi.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH SÁCH XÃ"])  # a title row above the header
    ws.append([])
    ws.append(["Mã xã", "Tên xã", "Mã huyện", "Huyện", "Mã tỉnh", "Tỉnh", "Nhóm"])
    ws.append([2269, "Xã Thượng Lâm", 71, "Huyện Lâm Bình", 8, "Tỉnh Tuyên Quang", 3])
    ws.append([])
    ws.append([4.0, "Xã B", 1, "Quận Ba Đình", 1, "Thành phố Hà Nội", "Nhóm 2"])
    wb.save(path)
    a, b = read_units(path)
    assert (a.code, a.district_code, a.province_code, a.group, a.region) == (
        "02269", "071", "08", "3", "TDMNPB",
    )  # fmt: skip
    assert (b.code, b.district_code, b.province_code, b.group, b.region) == (
        "00004", "001", "01", "2", "ĐBSH",
    )  # fmt: skip


def test_it_reports_every_bad_row_at_once(tmp_path: Path) -> None:
    path = tmp_path / "don-vi.csv"
    path.write_text(
        "commune_code,commune_name,region,group\n"
        "23311,Xã A,TN,1\n"
        "23311,Xã A lần hai,TN,1\n"
        "2331X,Xã B,TN,1\n"
        "23317,Xã C,Sao Hỏa,1\n"
        "23320,Xã D,TN,Nhóm 5\n",
        encoding="utf-8",
    )
    with pytest.raises(ImportFailed) as caught:
        read_units(path)
    texts = [str(p) for p in caught.value.problems]
    assert texts == [
        "tệp don-vi.csv, dòng 3, cột A (commune_code): mã xã 23311 bị trùng (đã có ở dòng 2)",
        "tệp don-vi.csv, dòng 4, cột A (commune_code): mã «2331X» không hợp lệ: mã chỉ gồm chữ số",
        "tệp don-vi.csv, dòng 5, cột C (region): vùng «Sao Hỏa» không hợp lệ (mã như TN, ĐBSH, "
        "TDMNPB hoặc tên vùng đầy đủ)",
        "tệp don-vi.csv, dòng 6, cột D (group): nhóm «Nhóm 5» không hợp lệ (nhập 1, 2, 3 hoặc "
        "Nhóm 1, Nhóm 2, Nhóm 3)",
    ]


def test_it_names_the_missing_name_column(tmp_path: Path) -> None:
    path = tmp_path / "don-vi.csv"
    path.write_text("commune_code,district_name\n23311,Huyện A\n", encoding="utf-8")
    with pytest.raises(ImportFailed) as caught:
        read_units(path)
    assert str(caught.value.problems[0]) == (
        "tệp don-vi.csv, dòng 1: thiếu cột «commune_name (Tên xã)»"
    )
