"""Plan targets (chỉ tiêu kế hoạch) for "communes per criterion against targets" and the report.

The targets are stored by the ``public`` app (``PlanTarget``, loaded from a plan's targets file).
Its model is fetched through the app registry when the app is installed, so the dashboards work
without it: the dashboard then shows counts alone and says that targets are missing.
"""

from __future__ import annotations

from django.apps import apps

from ntm.domain.measures import MEASURE_REGISTRY
from ntm.io.targets import MEASURES, Target
from ntm.web.assessments.models import Period

PUBLIC_APP = "ntm.web.public"
PER_CRITERION = "communes_meeting_criterion"
NOT_IN_REPORT_LIST = [
    code
    for code, m in MEASURE_REGISTRY.items()
    if m.source in ("assessment", "indicator", "fund") and code not in MEASURES
]


def period_plan_targets(*, period: Period) -> list[Target]:
    """Every stored target of the period's province for the period's year (for the report)."""
    if not apps.is_installed(PUBLIC_APP):
        return []
    model = apps.get_model("public", "PlanTarget")
    # The report's own target list knows the file's measures (and the registries', which it
    # hands on); targets of the other measures, ranges and multiples of a baseline are stated
    # by the office's report from the plan targets' progress (ntm.web.plans.report).
    rows = (
        model.objects.filter(
            regime=period.regime,
            province_code=period.province_code,
            year=period.year,
            relative=False,
            value_high__isnull=True,
        )
        .exclude(measure__in=NOT_IN_REPORT_LIST)
        .order_by("pk")
    )
    return [
        Target(scope_code=t.province_code, plan=t.plan, year=t.year, measure=t.measure,
               criterion=t.criterion, value=t.value, row=i)
        for i, t in enumerate(rows, start=2)
    ]  # fmt: skip


def period_targets(*, period: Period) -> dict[int, int] | None:
    """Criterion number → communes the plan expects to meet it; None when no plan is stored."""
    if not apps.is_installed(PUBLIC_APP):
        return None
    # Only the two columns used, filtered in SQL (read on every dashboard request for the cache
    # key); in the same order as ``period_plan_targets``, so a later row still wins.
    rows = (
        apps.get_model("public", "PlanTarget")
        .objects.filter(
            regime=period.regime, province_code=period.province_code, year=period.year,
            measure=PER_CRITERION, criterion__isnull=False,
        )
        .order_by("pk")
        .values_list("criterion", "value")
    )  # fmt: skip
    # ``criterion is not None`` is the SQL filter again, for the type of the nullable column.
    found = {criterion: round(value) for criterion, value in rows if criterion is not None}
    return found or None
