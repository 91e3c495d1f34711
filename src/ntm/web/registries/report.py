"""The report's OCOP figures, from the registry: what ``dashboard_report_file`` gives the report
package (``ntm.reports.figures.OcopFigures``) beside the assessed figures."""

from __future__ import annotations

from collections.abc import Sequence

from django.apps import apps

from ntm.criteria import ocop as ocop_data
from ntm.io.targets import Target
from ntm.reports.figures import OcopFigures
from ntm.web.assessments.models import Period
from ntm.web.registries.selectors import (
    OCOP_MEASURE,
    REGISTRY_MEASURES,
    product_ratings,
    year_end,
)
from ntm.web.units.models import Unit


def _ocop_target(period: Period) -> tuple[float | None, str]:
    """The plan's target of OCOP products (3 stars or more) for the period's province and year,
    stored like every plan target (``public.PlanTarget``); the last stored one wins."""
    if not apps.is_installed("ntm.web.public"):
        return None, ""
    found = (
        apps.get_model("public", "PlanTarget")
        .objects.filter(
            regime=period.regime,
            province_code=period.province_code,
            year=period.year,
            measure=OCOP_MEASURE,
        )
        .order_by("pk")
        .last()
    )
    return (found.value, found.plan) if found else (None, "")


def report_ocop(*, period: Period, communes: Sequence[Unit]) -> OcopFigures | None:
    """OCOP products of ``communes`` at the end of the period's year; None when the registry
    holds none and no target is set (the report then says nothing of OCOP, as before)."""
    ratings = product_ratings(units=communes, as_of=year_end(period.year))
    target, plan = _ocop_target(period)
    if not ratings and target is None:
        return None
    counts = ocop_data.count([r.judged for r in ratings])
    by_group = {group: n for group, n in counts.by_group.items() if n}
    return OcopFigures(period.year, counts.by_stars, by_group, counts.expiring, target, plan)


def assessed_targets(targets: list[Target]) -> list[Target]:
    """The plan targets the assessed figures answer: the registries' own measures are left to
    the registries (the report's target list knows only the assessment measures)."""
    return [t for t in targets if t.measure not in REGISTRY_MEASURES]
