"""The report of ``ntm report`` for the dashboard's period, through the same report package.

The figures are those of the communes the user may read; with a district chosen (before 2025)
the report is that district's. The baseline is the province's latest earlier period, as
``ntm report --baseline`` would be given.
"""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from ntm.domain.carryover import ProvinceBaseline
from ntm.domain.evaluation import Evaluation
from ntm.domain.groups import GroupBreakdown, group_breakdown
from ntm.reports import ReportData, Scope, build_figures
from ntm.web.accounts.scope import Scope as UserScope
from ntm.web.assessments.models import Period
from ntm.web.assessments.report import commune_scope
from ntm.web.dashboards.carryover import period_carryover
from ntm.web.dashboards.forecast import report_forecast
from ntm.web.dashboards.selectors import DashboardFilter, dashboard_units, earlier_periods
from ntm.web.dashboards.targets import period_plan_targets
from ntm.web.monitoring.selectors import funding_file, report_monitoring
from ntm.web.plans.report import office_report_write
from ntm.web.readmodel.inputs import periods_evaluate
from ntm.web.registries.report import assessed_targets, report_ocop
from ntm.web.units.models import Unit

# The consistency checks are the office's, beside the report (issue #14.4): kiem-tra.md.
FILES = {"docx": "report.docx", "xlsx": "phu-luc.xlsx", "md": "kiem-tra.md"}


def dashboard_report_file(*, period: Period, scope: UserScope, district: str, kind: str) -> bytes:
    """The bytes of ``report.docx`` or ``phu-luc.xlsx`` (``kind`` docx | xlsx)."""
    flt = DashboardFilter(district=district)
    units = dashboard_units(period=period, scope=scope, flt=flt)
    base = earlier_periods(period=period, scope=scope)[-1:]
    evaluations = periods_evaluate(periods=[*base, period], units=units)
    evaluation = evaluations[period.pk]
    base_eval = evaluations[base[0].pk] if base else None
    commune = commune_scope(scope, units)
    if commune is not None:
        where = commune
    elif district:
        name = next((u.district_name for u in units if u.district_name), district)
        where = Scope("district", district, name, period.province_code, period.province_name)
    else:
        where = Scope("province", period.province_code, period.province_name,
                      period.province_code, period.province_name)  # fmt: skip
    part = district or (commune.code if commune else "")  # the province's targets are not theirs
    plan = assessed_targets(period_plan_targets(period=period)) if not part else []
    communes = [u.code for u in units]
    funding = funding_file(period=period, scope_code=where.code, communes=communes)
    data = ReportData(evaluation, where, base_eval, plan, funding, sources=["cơ sở dữ liệu ntm"])
    # Monitoring values and funds come from ntm.web.monitoring (issue #12).
    monitoring = report_monitoring(
        period=period, communes=communes, baseline_year=base[0].year if base else None
    )
    ocop = report_ocop(period=period, communes=units)  # the OCOP registry (issue #13)
    groups, carryover = _issue11_figures(period, units, evaluation, part)
    fig = replace(
        build_figures(data), monitoring=monitoring, ocop=ocop, groups=groups, carryover=carryover
    )
    if not part:  # the province's forecast (issue #15.2), as the dashboard shows it
        fig = replace(fig, forecast=report_forecast(period=period, scope=scope))
    with tempfile.TemporaryDirectory(prefix="ntm-dashboard-report-") as tmp:
        # The office's settings, sections and plan targets (issue #12.4, ntm.web.plans).
        office_report_write(period=period, fig=fig, out=Path(tmp) / "out", part=bool(part))
        return (Path(tmp) / "out" / FILES[kind]).read_bytes()


def _issue11_figures(
    period: Period, units: list[Unit], evaluation: Evaluation, district: str
) -> tuple[GroupBreakdown, ProvinceBaseline | None]:
    """By commune group, and for a 2026 period the 2025 baseline derived through the lineage."""
    carry = None if district else period_carryover(period=period, units=units)
    return group_breakdown(evaluation), carry
