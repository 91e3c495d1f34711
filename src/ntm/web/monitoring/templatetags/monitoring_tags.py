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
            return row.result.value  # type: ignore[no-any-return]
    return None


@register.inclusion_tag("monitoring/_funds_chart.html")
def funds_block(period: Any, scope: Any) -> dict[str, Any]:
    """The dashboard's funds block: the stacked bars of the period's province, read fresh."""
    from ntm.web.monitoring.funds import fund_rows, stacked_bars
    from ntm.web.monitoring.selectors import readable_communes

    if period is None or scope is None:
        return {"bars": []}
    communes = readable_communes(period=period, scope=scope)
    return {"bars": stacked_bars(fund_rows(period=period, communes=communes))}
