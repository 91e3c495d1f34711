"""A block of rows pasted from the decision's Word table or from Excel, read like the
``ntm criteria export`` table: the rows are laid into that table (the set as it is now) and the
table is read back by the same reader, so the pasted cells obey the same rules (Vietnamese
decimals, "có"/"không", "≥", "%") and a problem names the pasted line and column.

Columns are those of the exported table in its order (Số tiêu chí, Tên tiêu chí, Mã chỉ tiêu,
Tên chỉ tiêu, Đơn vị tính, Loại, So sánh, one column per group or region, Nguồn, Ghi chú), or
any order when the first pasted line is the header row. A level written "≥ 90%" gives its
comparison when the So sánh cell is empty.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from ntm.criteria.table_import import import_set_table
from ntm.criteria.table_layout import (
    COL_CODE,
    COL_COMPARE,
    FIXED_AFTER,
    FIXED_BEFORE,
    SHEET_INDICATORS,
    norm,
    variant_headers,
)
from ntm.domain.criteria import CriteriaSet
from ntm.io.criteria_table import export_set_table
from ntm.io.errors import ImportFailed
from ntm.problems import Problem

PASTE_NAME = "khối dòng dán"
MAX_PASTE_LINES = 2000
_COMPARE_PREFIX = re.compile(r"^\s*(≥|≤|>=|<=|=>|=<|=)\s*")


@dataclass(frozen=True)
class PasteResult:
    cset: CriteriaSet
    rows: int  # pasted rows read (added or replaced indicators)


def paste_headers(cset: CriteriaSet) -> list[str]:
    """The columns a pasted row is read in, when it has no header line."""
    return [*FIXED_BEFORE, *(h for h, _ in variant_headers(cset)), *FIXED_AFTER]


def _lines(text: str) -> list[list[str]]:
    rows = [line.split("\t") for line in text.replace("\r\n", "\n").split("\n")]
    return [[c.strip() for c in r] for r in rows if any(c.strip() for c in r)]


def _problem(line_of: dict[int, int], problem: Problem) -> Problem:
    """A problem of the laid-out table, named by the pasted line it came from."""
    line = line_of.get(problem.row or -1)
    if problem.sheet == SHEET_INDICATORS and line is not None:
        return Problem(PASTE_NAME, problem.message, None, line, problem.column)
    return Problem(PASTE_NAME, problem.message, problem.sheet, problem.row, problem.column)


def _split_level(cells: dict[str, str], headers: list[str], level_headers: set[str]) -> None:
    """'≥ 90%' in a level cell: the sign goes to So sánh when that is empty."""
    for name in headers:
        if norm(name) not in level_headers or not cells.get(name):
            continue
        found = _COMPARE_PREFIX.match(cells[name])
        if found:
            cells[name] = cells[name][found.end() :]
            if not cells.get(COL_COMPARE):
                cells[COL_COMPARE] = found.group(1)


def _header_of(first: list[str], known: list[str]) -> list[str] | None:
    by_norm = {norm(h): h for h in known}
    if sum(norm(c) in by_norm for c in first) >= 3 and norm(COL_CODE) in map(norm, first):
        return [by_norm.get(norm(c), c) for c in first]
    return None


def _lay_out(cset: CriteriaSet, lines: list[list[str]], path: Path) -> dict[int, int]:
    """Write the set's table to ``path`` with the pasted rows in it (a pasted indicator
    replaces the row of the same code); returns sheet row → pasted line."""
    export_set_table(cset, path)
    book = load_workbook(path)
    sheet = book[SHEET_INDICATORS]
    columns = [str(c.value) for c in sheet[1]]
    headers = _header_of(lines[0], columns)
    first_line = 2 if headers else 1
    headers = headers or paste_headers(cset)
    level_headers = {norm(h) for h, _ in variant_headers(cset)}
    by_code = {str(sheet.cell(row=r, column=3).value): r for r in range(2, sheet.max_row + 1)}
    line_of: dict[int, int] = {}
    for number, cells in enumerate(lines[first_line - 1 :], start=first_line):
        named = dict(zip(headers, cells, strict=False))
        _split_level(named, headers, level_headers)
        row = by_code.get(named.get(COL_CODE, ""), sheet.max_row + 1)
        for col, name in enumerate(columns, start=1):
            if name in named or row > sheet.max_row:
                sheet.cell(row=row, column=col).value = named.get(name) or None
        line_of[row] = number
    book.save(path)
    return line_of


def read_pasted_rows(cset: CriteriaSet, text: str, new_code: str) -> PasteResult:
    """``cset`` with the pasted rows applied, as set ``new_code`` (parent: ``cset``'s parent).
    Raises ``ImportFailed`` naming each bad pasted line and column; nothing is kept then."""
    lines = _lines(text)
    if not lines:
        raise ImportFailed([Problem(PASTE_NAME, "không có dòng nào để đọc")])
    if len(lines) > MAX_PASTE_LINES:
        message = f"quá nhiều dòng ({len(lines)}); tối đa {MAX_PASTE_LINES} dòng một lần"
        raise ImportFailed([Problem(PASTE_NAME, message)])
    with tempfile.TemporaryDirectory(prefix="ntm-paste-") as tmp:
        path = Path(tmp) / "bang.xlsx"
        line_of = _lay_out(cset, lines, path)
        try:
            read = import_set_table(path, new_code, base=cset, title=cset.title)
        except ImportFailed as failed:
            raise ImportFailed([_problem(line_of, p) for p in failed.problems]) from None
    return PasteResult(cset=read, rows=len(line_of))
