"""Plan targets (chỉ tiêu kế hoạch): ``targets.csv`` or the same columns in an Excel sheet.

Columns: ``scope_code, plan, year, measure, criterion, value`` (fixtures/README.md). Measures:

- ``communes_meeting_criterion`` — communes meeting criterion ``criterion`` (a criterion number);
- ``communes_recognised``, ``communes_recognised_advanced``, ``communes_recognised_model``;
- ``avg_criteria`` — average criteria met per commune;
- ``max_communes_under`` — at most ``value`` communes under ``criterion`` criteria (the
  ``criterion`` column holds N: "no commune under 5 criteria" is ``criterion=5, value=0``).

Every bad cell is a Problem with its file, row and column; all are raised at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ntm.domain.plans import COUNT_MEASURES, MEASURES, NEEDS_CRITERION, Target
from ntm.io import tabular
from ntm.io.errors import ImportFailed, ProblemList
from ntm.io.numbers import Convention, parse_number
from ntm.io.rawfile import RawFile

# The records live in ntm.domain.plans; they are named here too for the readers' callers.
__all__ = [
    "COLUMNS",
    "COUNT_MEASURES",
    "MEASURES",
    "NEEDS_CRITERION",
    "Problems",
    "Table",
    "Target",
    "cell_int",
    "cell_number",
    "cell_text",
    "read_table",
    "read_targets",
    "require_columns",
]
COLUMNS = ["scope_code", "plan", "year", "measure", "criterion", "value"]


@dataclass(frozen=True)
class Table:
    """A sheet or CSV file as rows of column name → cell, with the row numbers a person sees."""

    file: str
    sheet: str | None
    headers: list[str]  # canonical names of the columns found ('scope_code', …)
    header_row: int
    rows: list[tuple[int, dict[str, Any]]]
    convention: Convention  # how the file writes decimals, for text cells


class Problems(ProblemList):
    """Problems that name a column as the person sees it (``E (value)``), given its name."""

    def __init__(self, file: str):
        super().__init__(file)
        self.labels: dict[str, str] = {}

    def add(self, message: str, *, row: int | None = None, column: str | None = None) -> None:
        super().add(message, row=row, column=self.labels.get(column or "", column))


def read_table(path: str | Path | RawFile, problems: Problems, columns: list[str]) -> Table | None:
    """The first sheet of a workbook, or a CSV file (any encoding and delimiter the shared
    reader knows), with its header found among the first rows; ``columns`` are the names read."""
    keys = {c.replace("_", " "): c for c in columns}
    try:
        table = tabular.read_table(
            path,
            score=lambda key: int(key in keys),
            anchor=lambda key: key == "scope code",
            expected=", ".join(f"«{c}»" for c in columns[:5]),
        )
    except ImportFailed as exc:
        problems.items.extend(exc.problems)
        return None
    problems.sheet = table.sheet
    found = {keys[c.key]: c for c in table.columns if c.key in keys}
    problems.labels = {name: col.label for name, col in found.items()}
    rows = [
        (row.number, {name: row.get(col) for name, col in found.items()})
        for row in table.rows
        if not row.is_blank()
    ]
    # The exchange files write decimals with a dot; a file typed in Vietnam uses the comma. When
    # no text cell has a comma the file is taken to follow the exchange format.
    has_comma = any(isinstance(v, str) and "," in v for _, r in rows for v in r.values())
    convention: Convention = "auto" if has_comma else "dot"
    return Table(table.file, table.sheet, list(found), table.header_row, rows, convention)


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_int(value: Any, problems: ProblemList, row: int, column: str) -> int | None:
    text = cell_text(value)
    if not text:
        problems.add("thiếu giá trị", row=row, column=column)
        return None
    try:
        return int(text)
    except ValueError:
        problems.add(f"«{text}» không phải là số nguyên", row=row, column=column)
        return None


def cell_number(
    value: Any, problems: ProblemList, row: int, column: str, convention: Convention
) -> float | None:
    try:
        parsed = parse_number(value, convention)
    except ValueError as exc:
        problems.add(str(exc), row=row, column=column)
        return None
    if parsed is None:
        problems.add("thiếu giá trị", row=row, column=column)
        return None
    if parsed.value < 0:
        problems.add(f"giá trị âm ({cell_text(value)})", row=row, column=column)
        return None
    return parsed.value


def require_columns(table: Table, columns: list[str], problems: ProblemList) -> bool:
    missing = [c for c in columns if c not in table.headers]
    for column in missing:
        problems.add(
            f"thiếu cột «{column}» (các cột cần có: {', '.join(columns)})", row=table.header_row
        )
    return not missing


def read_targets(path: str | Path) -> list[Target]:
    """All targets of the file; raises ImportFailed listing every problem."""
    problems = Problems(Path(path).name)
    table = read_table(
        path, problems, ["scope_code", "plan", "year", "measure", "criterion", "value"]
    )
    if table is None or not require_columns(
        table, ["scope_code", "year", "measure", "criterion", "value"], problems
    ):
        problems.raise_if_any()
        return []
    targets: list[Target] = []
    seen: dict[tuple[str, int | None, str, int | None], int] = {}
    for row, cells in table.rows:
        before = len(problems.items)
        scope = cell_text(cells.get("scope_code"))
        if not scope:
            problems.add("thiếu mã địa bàn", row=row, column="scope_code")
        year = cell_int(cells.get("year"), problems, row, "year")
        measure = cell_text(cells.get("measure"))
        if measure not in MEASURES:
            problems.add(
                f"chỉ tiêu «{measure}» không có trong danh mục ({', '.join(MEASURES)})",
                row=row,
                column="measure",
            )
        criterion = None
        if measure in NEEDS_CRITERION:
            criterion = cell_int(cells.get("criterion"), problems, row, "criterion")
        elif cell_text(cells.get("criterion")):
            problems.add(
                f"chỉ tiêu «{measure}» không gắn với tiêu chí", row=row, column="criterion"
            )
        value = cell_number(cells.get("value"), problems, row, "value", table.convention)
        if len(problems.items) > before:
            continue
        if year is None or value is None:
            continue
        key = (scope, year, measure, criterion)
        if key in seen:
            problems.add(f"trùng với dòng {seen[key]}", row=row, column="measure")
            continue
        seen[key] = row
        plan = cell_text(cells.get("plan"))
        targets.append(Target(scope, plan, year, measure, criterion, value, row))
    problems.raise_if_any()
    return targets
