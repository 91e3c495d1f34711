"""Cells, columns, rows, grids and tables: a file's content as a person sees it in Excel.

The data model of ``ntm.io.tabular`` (which reads files into it and re-exports it): a ``Row`` is
numbered as the spreadsheet numbers it, a ``Column`` knows its letter and header text, and a
``Table`` names the place of any problem found in it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from ntm.io.errors import Problem

META_SHEET = "_ntm"  # hidden sheet of the templates ntm writes: key/value pairs


def header_key(text: Any) -> str:
    """A header reduced for matching: 'Mã xã' → 'ma xa', 'commune_code' → 'commune code'."""
    raw = cell_text(text)
    raw = unicodedata.normalize("NFD", raw.lower().replace("đ", "d"))
    raw = "".join(ch for ch in raw if unicodedata.category(ch) != "Mn")
    # Dots stay: they are part of indicator codes ('10.1').
    raw = re.sub(r"[\s_\-/:()*]+", " ", raw)
    return raw.strip()


class PercentCell(float):
    """A number Excel shows as a percentage: the cell holds 0.85, a person sees and means 85%.

    Still the float the file holds, so code that ignores the format is unchanged; readers of
    values ask ``percent_format`` (see ``ntm.io.values``) and ``cell_text`` shows it as seen.
    """

    __slots__ = ()
    percent_format = True

    @property
    def percent(self) -> float:
        """The percentage shown: 0.85 → 85.0 (by its decimal text: not 85.00000000000001)."""
        return float(Decimal(repr(float(self))) * 100)


def cell_text(value: Any) -> str:
    """A cell as the text a person sees: whole floats without '.0', text NFC-normalised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, PercentCell):
        return cell_text(value.percent) + "%"
    if isinstance(value, float):
        if abs(value) >= 1e21 or value != value:  # 1e308 as "1e+308", not 309 digits; NaN
            return repr(value)
        if value.is_integer():
            return str(int(value))
        return f"{value:g}" if abs(value) < 1e15 else repr(value)
    if isinstance(value, str) and value.isascii():
        return value.strip()  # nothing to normalise: the common case, half a million times a file
    return unicodedata.normalize("NFC", str(value)).strip()


def column_letter(index: int) -> str:
    """0 → 'A', 25 → 'Z', 26 → 'AA'."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


@dataclass(frozen=True)
class Column:
    index: int  # 0-based position in the row
    header: str  # the header text as written
    key: str  # header_key(header)

    @property
    def letter(self) -> str:
        return column_letter(self.index)

    @property
    def label(self) -> str:
        """How a problem names the column: 'D (tc2)'."""
        return f"{self.letter} ({self.header})" if self.header else self.letter


@dataclass(frozen=True)
class Row:
    number: int  # as the spreadsheet or text editor numbers it, from 1
    cells: tuple[Any, ...]

    def get(self, column: Column | None) -> Any:
        if column is None or column.index >= len(self.cells):
            return None
        value = self.cells[column.index]
        return None if value == "" else value

    def text(self, column: Column | None) -> str:
        return cell_text(self.get(column))

    def is_blank(self) -> bool:
        # Only empty or whitespace text is blank (a 0 is a value): cell_text for each cell would
        # say the same, at several times the cost on a file of 500.000 rows.
        return all(c is None or (isinstance(c, str) and not c.strip()) for c in self.cells)


@dataclass
class Grid:
    """Every non-blank row of one sheet (or of a CSV file), before the header is known."""

    path: Path
    sheet: str | None
    rows: list[Row]
    meta: dict[str, str] = field(default_factory=dict)
    sheets: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # e.g. the encoding assumed for a CSV file

    @property
    def file(self) -> str:
        return self.path.name


@dataclass
class Table:
    """A grid whose header row is known: columns, then the data rows below the header."""

    grid: Grid
    header_row: int
    columns: list[Column]
    rows: list[Row]
    above: list[Row]  # title rows above the header
    duplicates: list[tuple[Column, Column]] = field(default_factory=list)  # (first, repeated)

    @property
    def file(self) -> str:
        return self.grid.file

    @property
    def sheet(self) -> str | None:
        return self.grid.sheet

    @property
    def meta(self) -> dict[str, str]:
        return self.grid.meta

    def problem(
        self, message: str, *, row: int | None = None, column: Column | None = None
    ) -> Problem:
        return Problem(self.file, message, self.sheet, row, column.label if column else None)

    def find(self, keys: set[str] | frozenset[str]) -> Column | None:
        for col in self.columns:
            if col.key in keys:
                return col
        return None
