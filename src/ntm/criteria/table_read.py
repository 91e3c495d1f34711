"""Reading the cells of a filled criteria-set table (see ``ntm.io.criteria_table``).

Every bad cell is collected with its sheet, row and column (``TableReader.problems``); the caller
raises them all at once. A base indicator whose row was deleted is a problem too: the new set has
the table's set as ``parent`` and a variant can only add and change (``ntm.criteria.merge``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from ntm.criteria.table_layout import (
    COL_CODE,
    COL_COMPARE,
    COL_COMPLETE,
    COL_CRITERION,
    COL_CRITERION_NAME,
    COL_GROUP,
    COL_KIND,
    COL_NAME,
    COL_NOTE,
    COL_SOURCE,
    COL_UNIT,
    COMPARE_BY_TEXT,
    COMPARE_LABELS,
    FIXED_AFTER,
    FIXED_BEFORE,
    KIND_BY_TEXT,
    KIND_LABELS,
    NO,
    SHEET_CRITERIA,
    SHEET_INDICATORS,
    YES,
    norm,
    variant_by_header,
    variant_headers,
)
from ntm.domain.criteria import (
    CriteriaSet,
)
from ntm.numbers import parse_number
from ntm.problems import Problem

_CODE = re.compile(r"\d+(\.\d+)*[a-z]?")
_REQUIRED = (COL_CRITERION, COL_CODE, COL_NAME, COL_KIND, COL_COMPARE)


@dataclass
class TableRow:
    row: int
    number: int
    code: str
    name: str
    unit: str | None
    kind: str
    compare: str
    values: dict[str, float | bool | None]
    source: str | None
    note: str | None


@dataclass
class CriterionRow:
    row: int
    number: int
    name: str | None
    group: str | None
    complete: bool | None
    source: str | None


@dataclass
class _Sheet:
    """A sheet's header (normalised text → column index) and its non-blank rows."""

    headers: dict[str, int]
    header_text: dict[int, str]
    rows: list[tuple[int, list[Any], list[str]]] = field(default_factory=list)

    def place(self, col: int) -> str:
        return f"{get_column_letter(col + 1)} «{self.header_text.get(col, '')}»"

    def column(self, name: str) -> str:
        return self.place(self.headers[norm(name)])


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _read_sheet(ws: Any) -> _Sheet:
    rows = list(ws.iter_rows())
    header_cells = rows[0] if rows else []
    header_text = {i: str(c.value).strip() for i, c in enumerate(header_cells) if _text(c.value)}
    sheet = _Sheet({norm(t): i for i, t in header_text.items()}, header_text)
    for r, cells in enumerate(rows[1:], start=2):
        values = [c.value for c in cells]
        if any(_text(v) is not None for v in values):
            sheet.rows.append((r, values, [c.number_format or "" for c in cells]))
    return sheet


def _cell(values: list[Any], sheet: _Sheet, name: str) -> Any:
    col = sheet.headers.get(norm(name))
    return values[col] if col is not None and col < len(values) else None


@dataclass(frozen=True)
class _Line:
    """One row of a sheet, its cells found by column name."""

    sheet: _Sheet
    row: int
    values: list[Any]

    def get(self, name: str) -> Any:
        return _cell(self.values, self.sheet, name)


def _integer(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = _text(value)
    return int(text) if text and text.isdigit() else None


def _code_text(value: Any) -> str | None:
    """A code as the person typed it; Excel may have stored 2.1 as a number."""
    if isinstance(value, float):
        return repr(value)
    return _text(value)


def _yes_no(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = norm(value)
    return True if text in YES else False if text in NO else None


class TableReader:
    def __init__(self, path: Path, base: CriteriaSet):
        self.path, self.base = path, base
        self.problems: list[Problem] = []
        self.file = str(path)

    def add(
        self, sheet: str | None, message: str, row: int | None = None, col: str | None = None
    ) -> None:
        self.problems.append(Problem(self.file, message, sheet, row, col))

    # --- «Tiêu chí» -------------------------------------------------------------------------
    def criteria_rows(self, ws: Any) -> dict[int, CriterionRow]:
        sheet = _read_sheet(ws)
        out: dict[int, CriterionRow] = {}
        base_numbers = set(self.base.criterion_numbers)
        if norm(COL_CRITERION) not in sheet.headers:
            self.add(SHEET_CRITERIA, f"thiếu cột «{COL_CRITERION}»", 1)
            return out
        for r, values, _formats in sheet.rows:
            raw = _cell(values, sheet, COL_CRITERION)
            number = _integer(raw)
            if number is None:
                message = f"số tiêu chí phải là số nguyên dương, không phải «{_text(raw) or ''}»"
                self.add(SHEET_CRITERIA, message, r, sheet.column(COL_CRITERION))
                continue
            if number in out:
                message = f"tiêu chí số {number} trùng với dòng {out[number].row}"
                self.add(SHEET_CRITERIA, message, r, sheet.column(COL_CRITERION))
                continue
            name = _text(_cell(values, sheet, COL_CRITERION_NAME))
            if name is None and number not in base_numbers:
                has_col = norm(COL_CRITERION_NAME) in sheet.headers
                col = sheet.column(COL_CRITERION_NAME) if has_col else COL_CRITERION_NAME
                self.add(SHEET_CRITERIA, f"thiếu tên của tiêu chí mới số {number}", r, col)
            raw_complete = _cell(values, sheet, COL_COMPLETE)
            complete = None if _text(raw_complete) is None else _yes_no(raw_complete)
            if _text(raw_complete) is not None and complete is None:
                message = f"«{raw_complete}» không hợp lệ; ghi «có» hoặc «không»"
                self.add(SHEET_CRITERIA, message, r, sheet.column(COL_COMPLETE))
            out[number] = CriterionRow(
                r,
                number,
                name,
                _text(_cell(values, sheet, COL_GROUP)),
                complete,
                _text(_cell(values, sheet, COL_SOURCE)),
            )
        return out

    # --- «Chỉ tiêu» -------------------------------------------------------------------------
    def variant_columns(self, sheet: _Sheet) -> dict[int, str]:
        known = {norm(h) for h in (*FIXED_BEFORE, *FIXED_AFTER)}
        lookup = variant_by_header(self.base)
        columns: dict[int, str] = {}
        for name in _REQUIRED:
            if norm(name) not in sheet.headers:
                self.add(SHEET_INDICATORS, f"thiếu cột «{name}»", 1)
        for col, text in sheet.header_text.items():
            if norm(text) in known:
                continue
            if norm(text) in lookup:
                columns[col] = lookup[norm(text)]
                continue
            expected = ", ".join(h for h, _ in variant_headers(self.base))
            message = (
                f"tiêu đề cột «{text}» không phải vùng/nhóm của bộ {self.base.code} "
                f"(các cột ngưỡng hợp lệ: {expected})"
            )
            self.add(SHEET_INDICATORS, message, 1, sheet.place(col))
        return columns

    def threshold(
        self, raw: Any, fmt: str, kind: str, r: int, place: str
    ) -> tuple[bool, float | bool | None]:
        if _text(raw) is None:
            return True, None
        if kind == "yes_no":
            value = _yes_no(raw)
            if value is None:
                message = f"ngưỡng có/không phải ghi «có» hoặc «không», không phải «{raw}»"
                self.add(SHEET_INDICATORS, message, r, place)
                return False, None
            return True, value
        try:
            parsed = parse_number(raw, "auto")
        except ValueError:
            message = f"ngưỡng «{raw}» không phải là số (ví dụ đúng: 85 hoặc 14,8)"
            self.add(SHEET_INDICATORS, message, r, place)
            return False, None
        number = parsed.value if parsed else None
        # A cell typed as 85% in Excel is stored as 0,85 with a percent format.
        if number is not None and isinstance(raw, int | float) and "%" in fmt:
            number *= 100
        if kind == "percent" and number is not None and not 0 <= number <= 100:
            message = f"tỷ lệ phải từ 0 đến 100, không phải «{raw}»"
            self.add(SHEET_INDICATORS, message, r, place)
            return False, None
        if kind == "count" and number is not None and number < 0:
            self.add(SHEET_INDICATORS, f"số lượng không được âm: «{raw}»", r, place)
            return False, None
        return True, number

    def indicator_rows(self, ws: Any, numbers: set[int]) -> list[TableRow]:
        sheet = _read_sheet(ws)
        variant_cols = self.variant_columns(sheet)
        if any(norm(name) not in sheet.headers for name in _REQUIRED):
            return []
        rows: list[TableRow] = []
        seen: dict[str, int] = {}
        base_kinds = {i.code: i.kind for i in self.base.indicators}
        for r, values, formats in sheet.rows:
            line = _Line(sheet, r, values)
            number = self._criterion_number(line, numbers)
            code, code_ok = self._indicator_code(line, number, seen)
            if code is not None and code not in seen:
                seen[code] = r
            name = _text(line.get(COL_NAME))
            if name is None:
                self.add(SHEET_INDICATORS, "thiếu tên chỉ tiêu", r, sheet.column(COL_NAME))
            kind = self._kind(line)
            compare = self._compare(line)
            levels: dict[str, float | bool | None] = {}
            check_kind = kind or base_kinds.get(code or "", "number")
            levels_ok = True
            for col, variant in variant_cols.items():
                raw = values[col] if col < len(values) else None
                fmt = formats[col] if col < len(formats) else ""
                good, level = self.threshold(raw, fmt, check_kind, r, sheet.place(col))
                levels_ok &= good
                levels[variant] = level
            if number is None or code is None or name is None or kind is None or compare is None:
                continue
            if not (code_ok and levels_ok):
                continue
            unit, source, note = (_text(line.get(c)) for c in (COL_UNIT, COL_SOURCE, COL_NOTE))
            rows.append(TableRow(r, number, code, name, unit, kind, compare, levels, source, note))
        self._missing_base_indicators(seen)
        return rows

    def _criterion_number(self, line: _Line, numbers: set[int]) -> int | None:
        """The criterion the row belongs to: a whole number the set has."""
        raw = line.get(COL_CRITERION)
        number = _integer(raw)
        place = line.sheet.column(COL_CRITERION)
        if number is None:
            given = _text(raw)
            message = (
                "thiếu số tiêu chí"
                if given is None
                else f"số tiêu chí phải là số nguyên, không phải «{given}»"
            )
            self.add(SHEET_INDICATORS, message, line.row, place)
            return None
        if number not in numbers:
            message = (
                f"bộ tiêu chí không có tiêu chí số {number} (thêm tiêu chí ở trang "
                f"«{SHEET_CRITERIA}» trước)"
            )
            self.add(SHEET_INDICATORS, message, line.row, place)
            return None
        return number

    def _indicator_code(
        self, line: _Line, number: int | None, seen: dict[str, int]
    ) -> tuple[str | None, bool]:
        """The indicator's code as typed (None when missing) and whether it is valid: well
        formed, not repeated, under its criterion's number."""
        raw = line.get(COL_CODE)
        code = _code_text(raw)
        place = line.sheet.column(COL_CODE)
        if isinstance(raw, dt.datetime | dt.date):
            excel_date = "mã chỉ tiêu bị Excel hiểu thành ngày tháng; định dạng ô là Văn bản"
            self.add(SHEET_INDICATORS, excel_date, line.row, place)
            return None, False
        if code is None:
            self.add(SHEET_INDICATORS, "thiếu mã chỉ tiêu", line.row, place)
            return None, False
        message: str | None = None
        if not _CODE.fullmatch(code):
            message = f"mã chỉ tiêu «{code}» không hợp lệ (ví dụ đúng: 10.1)"
        elif code in seen:
            message = f"mã chỉ tiêu «{code}» trùng với dòng {seen[code]}"
        elif number is not None and code.split(".")[0] != str(number):
            message = (
                f"mã chỉ tiêu «{code}» không thuộc tiêu chí số {number} "
                f"(mã phải bắt đầu bằng «{number}.»)"
            )
        if message is not None:
            self.add(SHEET_INDICATORS, message, line.row, place)
        return code, message is None

    def _kind(self, line: _Line) -> str | None:
        raw_kind = _text(line.get(COL_KIND))
        kind = KIND_BY_TEXT.get(norm(raw_kind)) if raw_kind else None
        if kind is None:
            labels = ", ".join(KIND_LABELS.values())
            message = (
                "thiếu loại chỉ tiêu"
                if raw_kind is None
                else f"loại «{raw_kind}» không hợp lệ; chỉ nhận: {labels}"
            )
            self.add(SHEET_INDICATORS, message, line.row, line.sheet.column(COL_KIND))
        return kind

    def _compare(self, line: _Line) -> str | None:
        raw_compare = _text(line.get(COL_COMPARE))
        compare = COMPARE_BY_TEXT.get(raw_compare.replace(" ", "")) if raw_compare else None
        if compare is None:
            labels = ", ".join(COMPARE_LABELS.values())
            message = (
                f"thiếu phép so sánh ({labels})"
                if raw_compare is None
                else f"phép so sánh «{raw_compare}» không hợp lệ; chỉ nhận: {labels}"
            )
            self.add(SHEET_INDICATORS, message, line.row, line.sheet.column(COL_COMPARE))
        return compare

    def _missing_base_indicators(self, seen: dict[str, int]) -> None:
        """A base indicator whose row was deleted: a variant can only add and change."""
        missing = [i.code for i in self.base.indicators if i.code not in seen]
        for code in missing:
            message = (
                f"chỉ tiêu «{code}» của bộ gốc {self.base.code} không có trong bảng: bộ mới kế "
                "thừa bộ gốc nên không bỏ được chỉ tiêu — giữ dòng và để trống ngưỡng nếu chưa rõ"
            )
            self.add(SHEET_INDICATORS, message)
