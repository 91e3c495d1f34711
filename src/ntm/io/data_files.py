"""Data files offices keep, in any of three shapes, read in two steps.

Shapes, told apart by their headers:

- ``wide``: one row per commune (and year). Columns ``tc1`` … ``tcN`` hold criterion statuses
  (1/0, Đạt/Không đạt, x) as in the fixture ``criteria-2020.csv``; columns named by indicator codes
  (``10.1``) hold indicator values, as in the template ntm writes (``ntm.io.template``), whose
  extra header rows (names, units, thresholds) are skipped.
- ``long``: ``unit_code, year, indicator, value``, one row per value.

Step one (``open_data``) finds the header, the shape and the years, before the criteria set is
known (the set may be inferred from them). Step two (``read_values``) checks every cell against
the set and the units. Both collect every problem; nothing is used unless there is none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ntm.domain.criteria import CriteriaSet
from ntm.domain.evaluation import empty_statuses, empty_values
from ntm.domain.units import Unit
from ntm.formatting import number as number_text
from ntm.io.columns import (
    ALIASES,
    NO_WORDS,
    YES_WORDS,
    criterion_number,
    header_score,
    is_code_header,
    looks_like_indicator,
    pad_code,
)
from ntm.io.errors import ImportFailed, Problem
from ntm.io.limits import LIMITS
from ntm.io.numbers import Convention
from ntm.io.rawfile import RawFile
from ntm.io.tabular import Column, Row, Table, cell_text, header_key, read_table
from ntm.io.template import ENTRY_SHEET
from ntm.io.units_file import UnitColumns
from ntm.io.values import (
    CONVENTION_NOTES,
    criterion_status,
    detect_convention,
    indicator_value,
    parse_year,
)

DATA_EXPECTED = "«commune_code» («Mã xã») kèm tc1…tcN, mã chỉ tiêu (10.1…) hoặc «indicator, value»"

# The first cell of the header rows the template puts under the codes row (header_key form).
SUBHEADER_LABELS = ("ten chi tieu", "ten tieu chi", "don vi", "nguong", "loai", "cach nhap")

_NUMERIC = re.compile(r"^[+-]?[\d.,\s]*\d[\d.,\s]*%?$")

Progress = Callable[[str, int, int], None]


@dataclass
class DataSource:
    """One opened data file (or sheet): its table, shape, and the columns that matter."""

    table: Table
    shape: str  # "wide" | "long"
    units: UnitColumns
    year_column: Column | None
    criterion_columns: dict[int, Column] = field(default_factory=dict)
    indicator_columns: dict[str, Column] = field(default_factory=dict)
    indicator_column: Column | None = None
    value_column: Column | None = None
    years: dict[int, int] = field(default_factory=dict)  # year → its first row's number
    data_rows: list[Row] = field(default_factory=list)

    @property
    def file(self) -> str:
        return self.table.file

    @property
    def meta_year(self) -> int | None:
        text = self.table.meta.get("year", "")
        return int(text) if text.isdigit() else None

    @property
    def meta_set(self) -> str | None:
        return self.table.meta.get("criteria_set") or None


def _is_subheader(row: Row, code_column: Column | None) -> bool:
    """A descriptive header row under the codes row: a known label, or only words, no code."""
    first = header_key(row.text(code_column))
    if first.startswith(SUBHEADER_LABELS):
        return True
    if first:
        return False
    # A row of words only (names under codes): no number, no yes/no answer a data row would hold.
    for cell in row.cells:
        if isinstance(cell, int | float) or header_key(cell) in YES_WORDS | NO_WORDS:
            return False
        if _NUMERIC.match(cell_text(cell)):
            return False
    return True


def open_data(path: str | Path | RawFile, *, sheet: str | None = None) -> DataSource:
    """Step one: header, shape, years. ImportFailed with every problem found so far."""
    table = read_table(
        path,
        score=header_score,
        anchor=is_code_header,
        expected=DATA_EXPECTED,
        sheet=sheet,
        prefer_sheets=(ENTRY_SHEET,),
    )
    problems: list[Problem] = []
    source = DataSource(
        table=table,
        shape="wide",
        units=UnitColumns(table),
        year_column=table.find(ALIASES["year"]),
        indicator_column=table.find(ALIASES["indicator"]),
        value_column=table.find(ALIASES["value"]),
    )
    for col in table.columns:
        number = criterion_number(col.key)
        if number is not None:
            source.criterion_columns.setdefault(number, col)
        elif looks_like_indicator(col.key):
            source.indicator_columns.setdefault(col.key, col)
    if source.indicator_column is not None or source.value_column is not None:
        source.shape = "long"
        for name, found in (("indicator", source.indicator_column), ("value", source.value_column)):
            if found is None:
                alias = {"indicator": "indicator (Chỉ tiêu)", "value": "value (Giá trị)"}[name]
                problems.append(table.problem(f"thiếu cột «{alias}»", row=table.header_row))
    elif not source.criterion_columns and not source.indicator_columns:
        problems.append(
            table.problem(
                "không có cột dữ liệu nào: cần các cột tiêu chí (tc1, tc2, …), các cột mã chỉ "
                "tiêu (10.1, …) hoặc hai cột «indicator» và «value»",
                row=table.header_row,
            )
        )
    rows = table.rows
    while rows and _is_subheader(rows[0], source.units["code"]):
        rows = rows[1:]
    source.data_rows = rows
    if source.shape == "wide" and len(rows) > LIMITS.max_rows:
        raise ImportFailed(
            [
                table.problem(
                    f"tệp có {number_text(len(rows))} dòng dữ liệu, vượt giới hạn "
                    f"{number_text(LIMITS.max_rows)} dòng (mỗi xã một dòng); tệp bị từ chối"
                )
            ]
        )
    if source.year_column is not None:
        for row in rows:
            raw = row.get(source.year_column)
            if raw is None:
                problems.append(
                    table.problem("thiếu năm", row=row.number, column=source.year_column)
                )
                continue
            try:
                year = parse_year(raw)
            except ValueError as exc:
                problems.append(table.problem(str(exc), row=row.number, column=source.year_column))
                continue
            source.years.setdefault(year, row.number)
    if not rows:
        problems.append(table.problem("không có dòng dữ liệu nào dưới dòng tiêu đề"))
    if problems:
        raise ImportFailed(problems)
    return source


@dataclass
class DataBundle:
    """What the data files say about the units, aligned to a set's indicators and criteria."""

    units: list[Unit]
    year: int
    values: np.ndarray  # (n_units, n_indicators), NaN = no value
    statuses: np.ndarray  # (n_units, n_criteria), NOT_GIVEN = not stated
    notes: list[str] = field(default_factory=list)


class _Reader:
    """Step two over every source at once, so duplicates across files are found too."""

    def __init__(self, cset: CriteriaSet, units: Sequence[Unit], year: int, units_label: str):
        self.cset, self.units, self.year = cset, list(units), year
        self.units_label = units_label
        self.unit_index = {u.code: i for i, u in enumerate(self.units)}
        self.indicators = {ind.code: (j, ind) for j, ind in enumerate(cset.indicators)}
        self.criteria = {n: c for c, n in enumerate(cset.criterion_numbers)}
        self.values = empty_values(len(self.units), cset)
        self.statuses = empty_statuses(len(self.units), cset)
        # Where each (unit, indicator) was first given (column -1: a wide row), as the row number
        # and the index of its table: duplicates are named with the first place. Arrays, not a
        # dict of places: a long file for the country has half a million of them.
        shape = (len(self.units), len(cset.indicators) + 1)
        self.first_row = np.zeros(shape, dtype=np.int32)
        self.first_table = np.zeros(shape, dtype=np.int16)
        self.tables: list[Table] = []
        self.present: set[str] = set()
        self.problems: list[Problem] = []
        self.notes: list[str] = []

    def _unit_row(self, source: DataSource, row: Row) -> int | None:
        t, col = source.table, source.units["code"]
        raw = row.get(col)
        if raw is None:
            self.problems.append(t.problem("thiếu mã xã", row=row.number, column=col))
            return None
        try:
            code = pad_code(raw, "commune")
        except ValueError as exc:
            self.problems.append(t.problem(str(exc), row=row.number, column=col))
            return None
        if code not in self.unit_index:
            self.problems.append(
                t.problem(
                    f"mã xã «{code}» không có trong danh sách đơn vị ({self.units_label})",
                    row=row.number,
                    column=col,
                )
            )
            return None
        self.present.add(code)
        return self.unit_index[code]

    def _row_year_ok(self, source: DataSource, row: Row) -> bool:
        if source.year_column is None:
            return True
        try:
            return parse_year(row.get(source.year_column)) == self.year
        except ValueError:
            return False  # reported in step one

    def _first(self, r: int, j: int, source: DataSource, row: Row, what: str) -> None:
        first = int(self.first_row[r, j])
        if first:
            t = self.tables[int(self.first_table[r, j])]
            place = f"{t.file}" + (f" «{t.sheet}»" if t.sheet else "") + f" dòng {first}"
            self.problems.append(
                source.table.problem(f"dòng trùng: {what} đã có ở {place}", row=row.number)
            )
        else:
            self.first_row[r, j] = row.number
            self.first_table[r, j] = len(self.tables) - 1

    def header_checks(self, source: DataSource) -> None:
        t = source.table
        for number, col in source.criterion_columns.items():
            if number not in self.criteria:
                self.problems.append(
                    t.problem(
                        f"bộ tiêu chí {self.cset.code} không có tiêu chí {number} "
                        f"(chỉ có tiêu chí {self.cset.criterion_numbers[0]}–"
                        f"{self.cset.criterion_numbers[-1]})",
                        row=t.header_row,
                        column=col,
                    )
                )
        for code, col in source.indicator_columns.items():
            if code not in self.indicators:
                self.problems.append(
                    t.problem(
                        f"mã chỉ tiêu «{code}» không có trong bộ tiêu chí {self.cset.code}",
                        row=t.header_row,
                        column=col,
                    )
                )

    def read(self, source: DataSource, progress: Progress | None) -> None:
        t = source.table
        self.tables.append(t)
        self.header_checks(source)
        convention = self._convention(source)
        skipped = 0
        total = len(source.data_rows)
        for count, row in enumerate(source.data_rows, 1):
            if progress is not None and count % 2000 == 0:
                progress(t.file, count, total)
            if not self._row_year_ok(source, row):
                skipped += 1
                continue
            r = self._unit_row(source, row)
            if r is None:
                continue
            code = self.units[r].code
            if source.shape == "long":
                self._long_cell(source, row, r, code, convention)
                continue
            # A duplicate is reported, and its cells are checked all the same: every problem of
            # the files at once. Nothing is used when there is any problem.
            self._first(r, -1, source, row, f"xã {code} năm {self.year}")
            for number, col in source.criterion_columns.items():
                if number in self.criteria:
                    try:
                        self.statuses[r, self.criteria[number]] = criterion_status(row.get(col))
                    except ValueError as exc:
                        self.problems.append(t.problem(str(exc), row=row.number, column=col))
            for code_i, col in source.indicator_columns.items():
                if code_i in self.indicators:
                    self._value(source, row, col, r, code_i, convention)
        if progress is not None:
            progress(t.file, total, total)
        if skipped:
            self.notes.append(f"{t.file}: bỏ qua {skipped} dòng của năm khác năm {self.year}")

    def _long_cell(
        self, source: DataSource, row: Row, r: int, code: str, convention: Convention
    ) -> None:
        t = source.table
        ind_code = row.text(source.indicator_column)
        if ind_code not in self.indicators:
            message = (
                "thiếu mã chỉ tiêu"
                if not ind_code
                else f"mã chỉ tiêu «{ind_code}» không có trong bộ tiêu chí {self.cset.code}"
            )
            self.problems.append(t.problem(message, row=row.number, column=source.indicator_column))
            return
        j = self.indicators[ind_code][0]
        self._first(r, j, source, row, f"xã {code}, chỉ tiêu {ind_code}, năm {self.year}")
        self._value(source, row, source.value_column, r, ind_code, convention)

    def _value(
        self,
        source: DataSource,
        row: Row,
        col: Column | None,
        r: int,
        ind_code: str,
        convention: Convention,
    ) -> None:
        j, indicator = self.indicators[ind_code]
        try:
            value, assumed = indicator_value(row.get(col), indicator, convention)
        except ValueError as exc:
            self.problems.append(source.table.problem(str(exc), row=row.number, column=col))
            return
        if value is not None:
            self.values[r, j] = value
        if assumed:
            place = source.table.problem("", row=row.number, column=col).place()
            self.notes.append(f"{place}: «{row.text(col)}» — {assumed}")

    def _convention(self, source: DataSource) -> Convention:
        cols = list(source.indicator_columns.values())
        if source.value_column is not None:
            cols.append(source.value_column)
        convention = detect_convention(
            value for row in source.data_rows for col in cols if (value := row.get(col)) is not None
        )
        if convention in CONVENTION_NOTES:
            self.notes.append(f"{source.file}: {CONVENTION_NOTES[convention]}")
        return convention


def read_values(
    sources: Sequence[DataSource],
    *,
    cset: CriteriaSet,
    units: Sequence[Unit],
    year: int,
    units_label: str = "tệp đơn vị",
    progress: Progress | None = None,
) -> DataBundle:
    """Step two: every cell of every source checked and placed; ImportFailed on any problem.

    The bundle's units are those of ``units`` that the data mention, in the order of ``units``.
    """
    reader = _Reader(cset, units, year, units_label)
    for source in sources:
        reader.read(source, progress)
    if not reader.present and not reader.problems:
        for source in sources:
            reader.problems.append(
                source.table.problem(f"không có dòng dữ liệu nào của năm {year}")
            )
    if reader.problems:
        raise ImportFailed(reader.problems)
    keep = [i for i, u in enumerate(reader.units) if u.code in reader.present]
    notes = reader.notes
    missing = len(reader.units) - len(keep)
    if missing:
        notes.append(
            f"{missing} đơn vị trong danh sách không có trong dữ liệu, không được đánh giá"
        )
    return DataBundle(
        units=[reader.units[i] for i in keep],
        year=year,
        values=reader.values[keep],
        statuses=reader.statuses[keep],
        notes=notes,
    )
