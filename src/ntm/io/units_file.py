"""The units file: the communes an office works with and what sets their thresholds.

Columns (fixture ``communes.csv``): commune_code, commune_name, district_code, district_name,
province_code, province_name; optional ``region`` (code or full name), ``group`` (1/2/3 or
"Nhóm 1"), flags as columns (``border``, ``island``, ``extremely_difficult``, ``safe_zone`` with
1/0/x/có/không) or one ``flags`` column ("border, island" or "biên giới; đảo"). Vietnamese headers
(``Mã xã``, ``Tên xã``, ``Vùng``, ``Nhóm`` …) are read alike.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ntm.domain.units import GROUPS, Unit
from ntm.io.columns import (
    ALIASES,
    FLAG_COLUMNS,
    FLAG_WORDS,
    header_score,
    is_code_header,
    pad_code,
    unit_kind,
    yes_no,
)
from ntm.io.errors import ImportFailed, Problem
from ntm.io.rawfile import RawFile
from ntm.io.tabular import Column, Row, Table, header_key, read_table
from ntm.units.regions import region_code, region_for_province

UNITS_EXPECTED = "«commune_code» («Mã xã») và «commune_name» («Tên xã»)"


def parse_group(value: object) -> str:
    """'1', 1.0, 'Nhóm 1' → '1'; ValueError otherwise."""
    key = header_key(value)
    key = re.sub(r"^nhom\s*", "", key)
    if key.endswith(".0"):
        key = key[:-2]
    if key in GROUPS:
        return key
    raise ValueError(f"nhóm «{value}» không hợp lệ (nhập 1, 2, 3 hoặc Nhóm 1, Nhóm 2, Nhóm 3)")


def parse_region(value: object) -> str:
    code = region_code(str(value))
    if code is None:
        raise ValueError(
            f"vùng «{value}» không hợp lệ (mã như TN, ĐBSH, TDMNPB hoặc tên vùng đầy đủ)"
        )
    return code


def parse_flags(value: object) -> frozenset[str]:
    flags = set()
    for part in re.split(r"[,;|]", str(value)):
        key = header_key(part)
        if not key:
            continue
        if key not in FLAG_WORDS:
            raise ValueError(
                f"đặc điểm «{part.strip()}» không hợp lệ (biên giới, đảo, đặc biệt khó khăn, "
                "an toàn khu)"
            )
        flags.add(FLAG_WORDS[key])
    return frozenset(flags)


class UnitColumns:
    """The unit columns of a table, found once."""

    def __init__(self, table: Table):
        self.table = table
        self.by_name: dict[str, Column | None] = {
            name: table.find(ALIASES[name])
            for name in (
                "code", "name", "district_code", "district_name", "province_code",
                "province_name", "kind", "region", "group", "flags", *FLAG_COLUMNS,
            )
        }  # fmt: skip

    def __getitem__(self, name: str) -> Column | None:
        return self.by_name[name]

    @property
    def has_names(self) -> bool:
        return self["code"] is not None and self["name"] is not None

    def unit(self, row: Row, code: str, problems: list[Problem]) -> Unit:
        """The unit a row describes; bad attribute cells go to ``problems``."""
        t = self.table

        # Any: each cell parses to its own type (a code, a region, a set of flags).
        def attempt(column_name: str, parse: Callable[[Any], Any], default: Any = None) -> Any:
            column = self[column_name]
            raw = row.get(column)
            if raw is None or row.text(column) == "":
                return default
            try:
                return parse(raw)
            except ValueError as exc:
                problems.append(t.problem(str(exc), row=row.number, column=column))
                return default

        def code_of(column_name: str, level: str) -> str | None:
            code: str | None = attempt(column_name, lambda v: pad_code(v, level))
            return code

        name = row.text(self["name"]) or code
        province_name = row.text(self["province_name"])
        region = attempt("region", parse_region)
        if region is None and province_name:
            region = region_for_province(province_name)
        flags = set(attempt("flags", parse_flags, frozenset()))
        for flag in FLAG_COLUMNS:
            if attempt(flag, _flag_cell, False):
                flags.add(flag)
        return Unit(
            code=code,
            name=name,
            level="commune",
            kind=row.text(self["kind"]) or unit_kind(name),
            province_code=code_of("province_code", "province") or "",
            province_name=province_name,
            district_code=code_of("district_code", "district"),
            district_name=row.text(self["district_name"]) or None,
            region=region,
            group=attempt("group", parse_group),
            flags=frozenset(flags),
        )


def _flag_cell(value: object) -> bool:
    flag = yes_no(value)
    return bool(flag)


def units_table(path: str | Path | RawFile, sheet: str | None = None) -> Table:
    return read_table(
        path, score=header_score, anchor=is_code_header, expected=UNITS_EXPECTED, sheet=sheet
    )


def read_units(path: str | Path | RawFile, *, sheet: str | None = None) -> list[Unit]:
    """Every unit of a units file, in file order; ImportFailed with every problem otherwise."""
    table = units_table(path, sheet)
    cols = UnitColumns(table)
    problems: list[Problem] = []
    for needed in ("code", "name"):
        if cols[needed] is None:
            alias = {"code": "commune_code (Mã xã)", "name": "commune_name (Tên xã)"}[needed]
            problems.append(table.problem(f"thiếu cột «{alias}»", row=table.header_row))
    if problems:
        raise ImportFailed(problems)
    units: list[Unit] = []
    first_row: dict[str, int] = {}
    for row in table.rows:
        raw = row.get(cols["code"])
        if raw is None:
            problems.append(table.problem("thiếu mã xã", row=row.number, column=cols["code"]))
            continue
        try:
            code = pad_code(raw, "commune")
        except ValueError as exc:
            problems.append(table.problem(str(exc), row=row.number, column=cols["code"]))
            continue
        if code in first_row:
            problems.append(
                table.problem(
                    f"mã xã {code} bị trùng (đã có ở dòng {first_row[code]})",
                    row=row.number,
                    column=cols["code"],
                )
            )
            continue
        first_row[code] = row.number
        units.append(cols.unit(row, code, problems))
    if not units and not problems:
        problems.append(table.problem("tệp không có đơn vị nào dưới dòng tiêu đề"))
    if problems:
        raise ImportFailed(problems)
    return units
