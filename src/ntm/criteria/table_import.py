"""A filled criteria-set table turned into a new set: all-or-nothing.

Nothing is returned unless the whole table is good; otherwise ``ImportFailed`` carries every
problem with its sheet, row and column.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from pydantic import ValidationError

from ntm.criteria.messages import vietnamese_message
from ntm.criteria.table_layout import SHEET_CRITERIA, SHEET_INDICATORS
from ntm.criteria.table_read import CriterionRow, TableReader, TableRow
from ntm.domain.criteria import (
    CriteriaSet,
    Criterion,
    CriterionRule,
    Indicator,
    ThresholdRule,
)
from ntm.problems import ImportFailed, Problem, ProblemList

__all__ = ["build_set", "import_set_table", "table_base_code"]


def table_base_code(path: str | Path) -> str | None:
    """The code of the set a table was exported from (kept in the workbook's properties)."""
    try:
        wb = load_workbook(path, read_only=True)
    except Exception:  # the import itself reports an unreadable file with its reason
        return None
    code = wb.properties.identifier
    wb.close()
    return code or None


def _span(base: CriteriaSet, year: int | tuple[int, int] | None) -> tuple[int, int]:
    if year is None:
        return base.period
    span = (year, year) if isinstance(year, int) else (int(year[0]), int(year[1]))
    if not (base.period[0] <= span[0] <= span[1] <= base.period[1]):
        raise ImportFailed(
            [
                Problem(
                    "(tham số --year)",
                    f"năm {span[0]}-{span[1]} nằm ngoài giai đoạn "
                    f"{base.period[0]}-{base.period[1]} của bộ {base.code}",
                )
            ]
        )
    return span


def _rules(old: list[ThresholdRule], span: tuple[int, int], row: TableRow) -> list[ThresholdRule]:
    """The indicator's rules with the table's levels for ``span``: replacing a rule of the same
    span in place (keeping its general level and levels of variants the table has no column
    for), otherwise added last, where it wins over the years it covers."""
    rules = list(old)
    for i, rule in enumerate(rules):
        if rule.years == span:
            values = {**rule.values, **row.values}
            rules[i] = ThresholdRule(
                years=span, values=values, source=row.source, general=rule.general
            )
            return rules
    return [*rules, ThresholdRule(years=span, values=row.values, source=row.source)]


def build_set(
    base: CriteriaSet,
    new_code: str,
    span: tuple[int, int],
    criteria_rows: dict[int, CriterionRow],
    rows: list[TableRow],
    *,
    title: str | None,
    note: str,
) -> CriteriaSet:
    by_number: dict[int, list[TableRow]] = {}
    for row in rows:
        by_number.setdefault(row.number, []).append(row)
    base_criteria = {c.number: c for c in base.criteria}
    numbers = sorted(set(base_criteria) | set(criteria_rows))
    criteria = [
        _criterion(
            number,
            base_criteria.get(number),
            criteria_rows.get(number),
            _indicators(base_criteria.get(number), by_number.get(number, []), span),
        )
        for number in numbers
    ]
    return base.model_copy(
        update={
            "code": new_code,
            "title": title or f"{base.title} ({new_code})",
            "criteria": criteria,
            "parent": base.code,
            "note": note,
        }
    )


def _indicators(
    old: Criterion | None, table_rows: list[TableRow], span: tuple[int, int]
) -> list[Indicator]:
    """The base criterion's indicators in their order, changed by the table, then new ones."""
    old_indicators = {i.code: i for i in old.indicators} if old else {}
    table = {r.code: r for r in table_rows}
    order = [*old_indicators, *(c for c in table if c not in old_indicators)]
    indicators = []
    for code in order:
        row, prev = table[code], old_indicators.get(code)
        indicators.append(
            Indicator(
                code=code,
                name=row.name,
                unit=row.unit,
                kind=row.kind,
                compare=row.compare,
                thresholds=_rules(prev.thresholds if prev else [], span, row),
                source=(prev.source if prev and prev.source else row.source),
                note=row.note,
            )
        )
    return indicators


def _criterion(
    number: int, old: Criterion | None, sheet_row: CriterionRow | None, indicators: list[Indicator]
) -> Criterion:
    # A new criterion is incomplete until the sheet says otherwise: it cannot be met
    # from indicators an office may not have finished listing.
    complete = old.indicators_complete if old else False
    name, group, source = (old.name, old.group, old.source) if old else ("", None, None)
    if sheet_row:
        complete = complete if sheet_row.complete is None else sheet_row.complete
        name, group = sheet_row.name or name, sheet_row.group
        source = sheet_row.source or source
    return Criterion(
        number=number,
        name=name,
        group=group,
        indicators=indicators,
        rule=old.rule if old else CriterionRule(),
        indicators_complete=complete,
        source=source,
    )


def import_set_table(
    path: str | Path,
    new_code: str,
    base: CriteriaSet,
    year: int | tuple[int, int] | None = None,
    *,
    title: str | None = None,
) -> CriteriaSet:
    """Read a filled table into a new set ``new_code`` whose parent is ``base``.

    The table's thresholds apply to ``year`` (one year or a span) or, when None, to the whole
    period of ``base``. Raises ``ImportFailed`` with every problem found.
    """
    path = Path(path)
    span = _span(base, year)
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a file that is not xlsx
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        raise ImportFailed(
            [Problem(str(path), f"không mở được tệp Excel (.xlsx): {reason}")]
        ) from None
    reader = TableReader(path, base)
    if SHEET_INDICATORS not in wb.sheetnames:
        reader.add(None, f"không có trang tính «{SHEET_INDICATORS}»")
        raise ImportFailed(reader.problems)
    criteria_rows = (
        reader.criteria_rows(wb[SHEET_CRITERIA]) if SHEET_CRITERIA in wb.sheetnames else {}
    )
    numbers = set(base.criterion_numbers) | set(criteria_rows)
    rows = reader.indicator_rows(wb[SHEET_INDICATORS], numbers)
    if reader.problems:
        raise ImportFailed(reader.problems)
    when = f"năm {span[0]}" if span[0] == span[1] else f"các năm {span[0]}-{span[1]}"
    note = f"Ngưỡng nhập từ bảng {path.name}, áp dụng cho {when}; bộ gốc {base.code}."
    try:
        cset = build_set(base, new_code, span, criteria_rows, rows, title=title, note=note)
        return CriteriaSet.model_validate(cset.model_dump())
    except ValidationError as exc:
        problems = ProblemList(str(path))
        for error in exc.errors(include_url=False):
            problems.add(f"{'.'.join(map(str, error['loc']))}: {vietnamese_message(error)}")
        raise ImportFailed(problems.items) from None
