"""Numbers for people in the monitoring pages, and the funds block of the dashboard."""

from __future__ import annotations

from typing import Any

from django import template

from ntm.formatting import number

register = template.Library()


@register.filter
def vi_number(value: float | None, decimals: int | None = None) -> str:
    """``1847.561`` → ``1.847,561``; blank for no value."""
    if value is None or value == "":
        return ""
    return number(float(value), decimals)


@register.simple_tag
def flow_value(flows: dict[str, Any], group: str, code: str) -> float | None:
    """The value of ``code`` in the roll-up rows of ``group`` (the page's second column)."""
    for row in flows.get(group, []):
        if row.indicator.code == code:
            return row.result.value
    return None


@register.inclusion_tag("monitoring/_funds_chart.html", takes_context=True)
def funds_block(context: dict[str, Any]) -> dict[str, Any]:
    """The dashboard's funds block: stacked bars of the period's funds by source, over the places
    the user may read, kept under the monitoring, units and periods data versions."""
    from ntm.web.assessments.access import request_scope
    from ntm.web.monitoring.funds import fund_rows, stacked_bars
    from ntm.web.monitoring.selectors import readable_communes
    from ntm.web.monitoring.triggers import MONITORING_VERSION_ID
    from ntm.web.readmodel.blocks import versioned_block
    from ntm.web.readmodel.triggers import PERIODS_VERSION_ID, UNITS_VERSION_ID

    period, request = context.get("period"), context.get("request")
    if period is None or request is None:
        return {"bars": []}
    scope = request_scope(request)

    def build() -> list[Any]:
        communes = readable_communes(period=period, scope=scope)
        return stacked_bars(fund_rows(period=period, communes=communes))

    bars = versioned_block(
        "funds",
        [MONITORING_VERSION_ID, UNITS_VERSION_ID, PERIODS_VERSION_ID],
        (repr(scope), period.pk),
        build,
    )
    return {"bars": bars, "period": period, "link": True}
