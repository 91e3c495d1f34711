"""Commune groups as a province decision sets them: ``Mã xã, Tên xã, Nhóm`` (Excel or CSV).

One row per commune; the group is 1, 2 or 3 (``Nhóm 1`` read too). A row whose group is blank
leaves that commune as it is. Codes are checked against the communes the office may set (its
province's rural communes); a commune twice, an unknown code or a bad group is a Problem naming
file, sheet, row and column, all raised at once, and nothing of the file is used. Reading is
bounded by ``ntm.io.limits`` through the shared reader.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ntm.io.columns import ALIASES
from ntm.io.errors import ProblemList
from ntm.io.rawfile import RawFile
from ntm.io.tabular import Column, read_table
from ntm.io.units_file import parse_group

EXPECTED = "«Mã xã» và «Nhóm»"
HEADERS = ("Mã xã", "Tên xã", "Nhóm")


@dataclass
class GroupFile:
    """The groups a file sets: commune code → '1' | '2' | '3', and each one's row."""

    file: str
    groups: dict[str, str] = field(default_factory=dict)
    rows: dict[str, int] = field(default_factory=dict)


def _column(name: str, columns: list[Column]) -> Column | None:
    return next((c for c in columns if c.key in ALIASES[name]), None)


def read_groups(source: str | Path | RawFile, communes: Mapping[str, str]) -> GroupFile:
    """Every group of the file; ``communes`` (code → name) are the communes it may name."""
    table = read_table(
        source,
        score=lambda key: int(key in ALIASES["code"] or key in ALIASES["group"]),
        anchor=lambda key: key in ALIASES["code"],
        expected=EXPECTED,
    )
    code_col, group_col = _column("code", table.columns), _column("group", table.columns)
    problems = ProblemList(table.file, table.sheet)
    if group_col is None:
        problems.add("thiếu cột «Nhóm» (cần: Mã xã, Nhóm)", row=table.header_row)
    problems.raise_if_any()
    assert code_col is not None and group_col is not None  # the anchor found the code column
    out = GroupFile(table.file)
    for row in table.rows:
        code, raw = row.text(code_col), row.get(group_col)
        if not code and raw is None:
            continue
        if code not in communes:
            problems.add(
                f"mã xã «{code}» không thuộc các xã của tỉnh được phân nhóm", row=row.number,
                column=code_col.label,
            )  # fmt: skip
            continue
        if code in out.rows:
            problems.add(
                f"xã {communes[code]} ({code}) có hai dòng: dòng {out.rows[code]} và dòng này",
                row=row.number, column=code_col.label,
            )  # fmt: skip
            continue
        out.rows[code] = row.number
        if raw is None:
            continue
        try:
            out.groups[code] = parse_group(raw)
        except ValueError as exc:
            problems.add(str(exc), row=row.number, column=group_col.label)
    if not out.rows:
        problems.add("tệp không có dòng xã nào", row=table.header_row)
    problems.raise_if_any()
    return out
