"""Numbers and words of the registry pages, and the dashboard's block of registry counts."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import template

from ntm import formatting
from ntm.domain import ocop

register = template.Library()


@register.filter
def vi_number(value: Any) -> str:
    if value in (None, ""):
        return ""
    return formatting.number(value)


@register.filter
def vi_decimal(value: Any) -> str:
    """A score or an amount with its two decimals as people write them: 29,99."""
    if value in (None, ""):
        return ""
    return formatting.number(float(Decimal(str(value))), 2)


@register.filter
def status_vi(status: str) -> str:
    return ocop.STATUS_VI.get(status, status)


@register.filter
def level_vi(level: str | None) -> str:
    return ocop.LEVEL_VI.get(level or "", "")


@register.inclusion_tag("registries/_block.html", takes_context=True)
def registries_block(context: dict[str, Any]) -> dict[str, Any]:
    """Counts of the user's communes (OCOP by stars and group, models, villages, expiring
    ratings), shown on the dashboard; the registry pages hold the details."""
    from ntm.web.assessments.access import request_scope
    from ntm.web.readmodel.blocks import versioned_block
    from ntm.web.readmodel.triggers import UNITS_VERSION_ID
    from ntm.web.registries.selectors import readable_units
    from ntm.web.registries.summary import registry_summary
    from ntm.web.registries.triggers import REGISTRIES_VERSION_ID

    scope = request_scope(context["request"])
    units = readable_units(scope=scope)
    period = context.get("period")
    area = None
    if period is not None:  # the dashboard's province, not every commune the user may read
        area = (period.regime, period.province_code)
        units = units.filter(regime=period.regime, province_code=period.province_code)
    # Kept under the registries' and the units' data versions; the day is part of the key
    # because ratings expire with it.
    today = date.today()
    summary = versioned_block(
        "registries",
        [REGISTRIES_VERSION_ID, UNITS_VERSION_ID],
        (repr(scope), area, today),
        lambda: registry_summary(units=units, today=today),
    )
    latest = summary.years[-1] if summary.years else None
    total = next((a for a in summary.areas if a.level == "province"), None)
    return {"summary": summary, "latest": latest, "total": total}
