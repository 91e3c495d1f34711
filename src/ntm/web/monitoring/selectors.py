"""Reads of monitoring values and funds, as the domain's records: what pages, the report and
plan targets (``indicator_rollup``, ``fund_total``) call.

Every read is scoped by the caller: it passes the communes the user may read.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import Q

from ntm.domain.monitoring import (
    MonitoringCatalogue,
    MonitoringIndicator,
    MonitoringValue,
    RollupResult,
    ValueTable,
    rollup,
)
from ntm.domain.plans import SOURCES, STATE_BUDGET, FundingFile, FundingLine
from ntm.monitoring import catalogue_for_year
from ntm.reports.figures import MonitoringFigure
from ntm.reports.monitoring import monitoring_figures
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Period
from ntm.web.monitoring.models import FundAmount
from ntm.web.monitoring.models import MonitoringValue as Stored
from ntm.web.units.models import Unit

DB_SOURCE = "cơ sở dữ liệu ntm"


def catalogue_of(period: Period) -> MonitoringCatalogue:
    return catalogue_for_year(period.year)


def readable_communes(*, period: Period, scope: Scope) -> list[Unit]:
    return list(
        Unit.objects.filter(
            scope.units_q(),
            regime=period.regime,
            province_code=period.province_code,
            level="commune",
        ).order_by("district_code", "code")
    )


def value_table(*, period: Period, unit_codes: Sequence[str] | None = None) -> ValueTable:
    """Every stored value of the period's province (of ``unit_codes`` and the province, when
    given), every year."""
    rows = Stored.objects.filter(regime=period.regime, province_code=period.province_code)
    if unit_codes is not None:
        rows = rows.filter(Q(unit_code__in=list(unit_codes)) | Q(unit_code=period.province_code))
    return ValueTable(
        MonitoringValue(u, y, i, v)
        for u, y, i, v in rows.values_list("unit_code", "year", "indicator", "value")
    )


def indicator_rollup(
    *, period: Period, code: str, communes: Sequence[str], years: tuple[int, int]
) -> RollupResult:
    """One indicator rolled up over ``communes`` for ``years`` (KeyError for an unknown code)."""
    table = value_table(period=period, unit_codes=communes)
    return rollup(
        catalogue_of(period),
        table,
        code,
        communes=communes,
        province_code=period.province_code,
        years=years,
    )


@dataclass(frozen=True)
class RollupRow:
    indicator: MonitoringIndicator
    result: RollupResult


def rollup_rows(
    *, period: Period, communes: Sequence[str], years: tuple[int, int]
) -> list[tuple[str, list[RollupRow]]]:
    """Every indicator of the catalogue rolled up, by group, for the roll-up page."""
    catalogue = catalogue_of(period)
    table = value_table(period=period, unit_codes=communes)
    return [
        (
            group,
            [
                RollupRow(
                    i,
                    rollup(
                        catalogue,
                        table,
                        i.code,
                        communes=communes,
                        province_code=period.province_code,
                        years=years,
                    ),
                )
                for i in members
            ],
        )
        for group, members in catalogue.by_group()
    ]


def report_monitoring(
    *, period: Period, communes: Sequence[str], baseline_year: int | None
) -> list[MonitoringFigure]:
    """The monitoring figures of the report of ``period`` over ``communes``."""
    return monitoring_figures(
        catalogue_of(period),
        value_table(period=period, unit_codes=communes),
        communes=communes,
        province_code=period.province_code,
        year=period.year,
        baseline_year=baseline_year,
    )


def _names(row: FundAmount) -> tuple[str, str]:
    """A source's name in a table and in a sentence, as ``ntm.io.funding`` gives them."""
    if row.source in SOURCES:
        return (row.source_name, row.source_name) if row.source_name else SOURCES[row.source]
    name = row.source_name or row.source
    return name, name[:1].lower() + name[1:]


def funding_file(*, period: Period, scope_code: str, communes: Sequence[str]) -> FundingFile:
    """The funds of ``scope_code`` as the CLI reads them from a file: the lines entered for it;
    when a period has none, the lines of ``communes`` added up by source."""
    rows = list(
        FundAmount.objects.filter(
            regime=period.regime, province_code=period.province_code, disbursed__isnull=False
        )
        .filter(Q(unit_code=scope_code) | Q(unit_code__in=list(communes)))
        .order_by("period_start", "period_end", "pk")
    )
    out = FundingFile(DB_SOURCE)
    own = {(r.period_start, r.period_end) for r in rows if r.unit_code == scope_code}
    summed: dict[tuple[tuple[int, int], str], list[FundAmount]] = defaultdict(list)
    for r in rows:
        key = (r.period_start, r.period_end)
        if r.unit_code == scope_code or key not in own:
            summed[(key, r.source)].append(r)
    for number, ((span, source), group) in enumerate(summed.items(), start=1):
        first = group[0]
        name, in_sentence = _names(first)
        amount = sum(r.disbursed or 0.0 for r in group)
        decimals = max((r.decimals for r in group if r.decimals is not None), default=None)
        line = FundingLine(
            scope_code,
            span,
            source,
            amount,
            decimals,
            name,
            in_sentence,
            first.parent or None,
            number,
        )
        (out.stated if source in ("total", STATE_BUDGET) else out.lines).append(line)
    return out


def fund_total(
    *,
    period: Period,
    scope_code: str,
    communes: Sequence[str],
    years: tuple[int, int],
    source: str | None = None,
) -> float:
    """Money disbursed (billion VND) in periods inside ``years``, of one source or all."""
    funding = funding_file(period=period, scope_code=scope_code, communes=communes)
    return sum(
        ln.amount
        for ln in funding.lines
        if years[0] <= ln.period[0]
        and ln.period[1] <= years[1]
        and (source is None or ln.source == source)
        and ln.parent is None
    )
