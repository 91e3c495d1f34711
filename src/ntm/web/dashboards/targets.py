"""Plan targets (chỉ tiêu kế hoạch) for "communes per criterion against targets" and the report.

The targets are stored by the ``public`` app (``PlanTarget``, loaded from a plan's targets file).
Its model is fetched through the app registry when the app is installed, so the dashboards work
without it: the dashboard then shows counts alone and says that targets are missing.
"""

from __future__ import annotations

from django.apps import apps

from ntm.io.targets import Target
from ntm.web.assessments.models import Period

PUBLIC_APP = "ntm.web.public"
PER_CRITERION = "communes_meeting_criterion"


def period_plan_targets(*, period: Period) -> list[Target]:
    """Every stored target of the period's province for the period's year (for the report)."""
    if not apps.is_installed(PUBLIC_APP):
        return []
    model = apps.get_model("public", "PlanTarget")
    rows = model.objects.filter(
        regime=period.regime, province_code=period.province_code, year=period.year
    ).order_by("pk")
    return [
        Target(scope_code=t.province_code, plan=t.plan, year=t.year, measure=t.measure,
               criterion=t.criterion, value=t.value, row=i)
        for i, t in enumerate(rows, start=2)
    ]  # fmt: skip


def period_targets(*, period: Period) -> dict[int, int] | None:
    """Criterion number → communes the plan expects to meet it; None when no plan is stored."""
    found = {
        t.criterion: round(t.value)
        for t in period_plan_targets(period=period)
        if t.measure == PER_CRITERION and t.criterion is not None
    }
    return found or None
