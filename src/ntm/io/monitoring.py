"""Monitoring values in the long form: ``unit_code, year, indicator, value`` (CSV or Excel).

One row per value; a row whose value is blank is skipped (the template lists every place and
indicator, an office fills what it has). Vietnamese headers are read too (``mã đơn vị, năm,
chỉ tiêu, giá trị``). The catalogue says which indicators exist, which are entered (a ratio is
computed, never entered) and at which level: a province-level value goes on the province's code
(2 digits), a commune-level one on a commune's. Every bad cell is a Problem naming file, sheet,
row and column; all are raised at once and nothing of the file is used. Reading is bounded by
``ntm.io.limits`` (the shared reader refuses a file past them before it is parsed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ntm.domain.monitoring import MonitoringCatalogue, MonitoringIndicator, MonitoringValue
from ntm.io import tabular
from ntm.io.errors import ImportFailed, ProblemList
from ntm.io.numbers import Convention, parse_number
from ntm.io.rawfile import RawFile

COLUMNS = ("unit_code", "year", "indicator", "value")
_ALIASES: dict[str, str] = {
    "unit code": "unit_code",
    "ma don vi": "unit_code",
    "ma xa": "unit_code",
    "year": "year",
    "nam": "year",
    "indicator": "indicator",
    "chi tieu": "indicator",
    "ma chi tieu": "indicator",
    "value": "value",
    "gia tri": "value",
}
YEARS = (1990, 2100)


@dataclass
class MonitoringFile:
    file: str
    values: list[MonitoringValue] = field(default_factory=list)
    rows: dict[tuple[str, int, str], int] = field(default_factory=dict)  # value → its row
    notes: list[str] = field(default_factory=list)


class _Problems(ProblemList):
    def __init__(self, file: str, labels: Mapping[str, str]) -> None:
        super().__init__(file)
        self.labels = dict(labels)

    def at(self, message: str, row: int, column: str) -> None:
        self.add(message, row=row, column=self.labels.get(column, column))


def read_monitoring(
    source: str | Path | RawFile,
    catalogue: MonitoringCatalogue,
    *,
    units: Mapping[str, str] | None = None,
) -> MonitoringFile:
    """Every value of the file. ``units`` (code → level, 'commune' | 'province'), when given,
    is what the codes are checked against."""
    table = tabular.read_table(
        source,
        score=lambda key: int(key in _ALIASES),
        anchor=lambda key: _ALIASES.get(key) == "unit_code",
        expected=", ".join(f"«{c}»" for c in COLUMNS),
    )
    found = {_ALIASES[c.key]: c for c in reversed(table.columns) if c.key in _ALIASES}
    problems = _Problems(table.file, {name: col.label for name, col in found.items()})
    problems.sheet = table.sheet
    missing = [c for c in COLUMNS if c not in found]
    for column in missing:
        problems.add(f"thiếu cột «{column}» (cần: {', '.join(COLUMNS)})", row=table.header_row)
    problems.raise_if_any()
    rows = [(r.number, {n: r.get(c) for n, c in found.items()}) for r in table.rows]
    rows = [(n, cells) for n, cells in rows if any(v not in (None, "") for v in cells.values())]
    has_comma = any(isinstance(v, str) and "," in v for _, cells in rows for v in cells.values())
    convention: Convention = "auto" if has_comma else "dot"
    out = MonitoringFile(table.file, notes=list(table.grid.notes))
    for number, cells in rows:
        if tabular.cell_text(cells.get("value")) == "":
            continue  # a row of the template left blank: nothing entered, nothing changed
        value = _row(number, cells, catalogue, units, convention, problems, out)
        if value is not None:
            out.values.append(value)
    problems.raise_if_any()
    return out


def _row(
    row: int,
    cells: dict[str, Any],
    catalogue: MonitoringCatalogue,
    units: Mapping[str, str] | None,
    convention: Convention,
    problems: _Problems,
    out: MonitoringFile,
) -> MonitoringValue | None:
    before = len(problems.items)
    code = tabular.cell_text(cells.get("unit_code"))
    year = _year(cells.get("year"), row, problems)
    ind = _indicator(tabular.cell_text(cells.get("indicator")), catalogue, row, problems)
    if code and ind is not None:
        _level(code, ind, units, row, problems)
    elif not code:
        problems.at("thiếu mã đơn vị", row, "unit_code")
    value = _value(cells.get("value"), ind, convention, row, problems)
    if len(problems.items) > before or year is None or ind is None or value is None:
        return None
    key = (code, year, ind.code)
    if key in out.rows:
        problems.at(
            f"trùng với dòng {out.rows[key]} (cùng đơn vị, năm, chỉ tiêu)", row, "indicator"
        )
        return None
    out.rows[key] = row
    return MonitoringValue(code, year, ind.code, value)


def _year(raw: Any, row: int, problems: _Problems) -> int | None:
    text = tabular.cell_text(raw)
    if not text:
        problems.at("thiếu năm", row, "year")
        return None
    if not text.isdigit() or not YEARS[0] <= int(text) <= YEARS[1]:
        problems.at(f"«{text}» không phải là năm (từ {YEARS[0]} đến {YEARS[1]})", row, "year")
        return None
    return int(text)


def _indicator(
    code: str, catalogue: MonitoringCatalogue, row: int, problems: _Problems
) -> MonitoringIndicator | None:
    if not code:
        problems.at("thiếu mã chỉ tiêu", row, "indicator")
        return None
    ind = catalogue.get(code)
    if ind is None:
        problems.at(f"chỉ tiêu «{code}» không có trong danh mục {catalogue.code}", row, "indicator")
        return None
    if not ind.entered:
        problems.at(
            f"chỉ tiêu «{code}» được tính từ «{ind.numerator}» và «{ind.denominator}», "
            "không nhập trực tiếp",
            row,
            "indicator",
        )
        return None
    return ind


def _level(
    code: str,
    ind: MonitoringIndicator,
    units: Mapping[str, str] | None,
    row: int,
    problems: _Problems,
) -> None:
    if units is not None and code not in units:
        problems.at(f"không có đơn vị mã «{code}» trong địa bàn", row, "unit_code")
        return
    level = units[code] if units is not None else ("province" if len(code) <= 2 else "commune")
    if level != ind.level:
        where = "cấp tỉnh (mã tỉnh)" if ind.level == "province" else "cấp xã (mã xã)"
        problems.at(
            f"chỉ tiêu «{ind.code}» được nhập ở {where}, không ở «{code}»", row, "unit_code"
        )


def _value(
    raw: Any,
    ind: MonitoringIndicator | None,
    convention: Convention,
    row: int,
    problems: _Problems,
) -> float | None:
    if isinstance(raw, tabular.PercentCell):
        raw = raw.percent  # Excel shows 0.9035 as 90,35%: the person means 90,35
    try:
        parsed = parse_number(raw, convention)
    except ValueError as exc:
        problems.at(str(exc), row, "value")
        return None
    if parsed is None:
        problems.at("thiếu giá trị", row, "value")
        return None
    value = parsed.value
    if value < 0:
        problems.at(f"giá trị âm ({tabular.cell_text(raw)})", row, "value")
        return None
    if ind is not None and ind.unit == "%" and value > 100:
        problems.at(f"tỷ lệ {tabular.cell_text(raw)} lớn hơn 100%", row, "value")
        return None
    return value


__all__ = ["COLUMNS", "ImportFailed", "MonitoringFile", "read_monitoring"]
