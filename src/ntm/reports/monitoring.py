"""The monitoring figures of a report: each indicator of the catalogue rolled up over the
report's scope (``ntm.domain.monitoring``), with the baseline year's value of a rate or stock.

A flow (works built, labour days) is summed from the year after the baseline to the report's
year, so a 2020 report with a 2015 baseline states what was done in 2016-2020; without a
baseline, the report's year alone. Indicators that only weight others (households, population)
are not stated.
"""

from __future__ import annotations

from collections.abc import Sequence

from ntm.domain.monitoring import GROUPS, MonitoringCatalogue, ValueTable, rollup
from ntm.reports.figures import MonitoringFigure


def monitoring_figures(
    catalogue: MonitoringCatalogue,
    table: ValueTable,
    *,
    communes: Sequence[str],
    province_code: str,
    year: int,
    baseline_year: int | None,
) -> list[MonitoringFigure]:
    weights = {i.weight for i in catalogue.indicators if i.weight}
    first = baseline_year + 1 if baseline_year is not None and baseline_year < year else year
    out: list[MonitoringFigure] = []
    for ind in catalogue.indicators:
        if ind.code in weights:
            continue
        years = (first, year)
        now = rollup(
            catalogue, table, ind.code, communes=communes, province_code=province_code, years=years
        )
        if now.value is None:
            continue
        before = None
        if baseline_year is not None and not ind.is_flow:
            before = rollup(
                catalogue,
                table,
                ind.code,
                communes=communes,
                province_code=province_code,
                years=(baseline_year, baseline_year),
            ).value
        out.append(
            MonitoringFigure(
                ind.code,
                ind.name,
                ind.unit,
                GROUPS[ind.group],
                now.value,
                years,
                ind.decimals,
                before,
                baseline_year if before is not None else None,
            )
        )
    return out
