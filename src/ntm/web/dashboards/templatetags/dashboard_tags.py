"""Template filters for the dashboards: percentages and averages in Vietnamese format."""

from __future__ import annotations

from typing import Any

from django import template

from ntm import formatting
from ntm.domain.rollup import round_half_up
from ntm.web.dashboards import tables

register = template.Library()


@register.filter
def vn_int(value: Any) -> str:
    """A count: ``1.847``."""
    return "" if value is None or value == "" else tables.vn_int(value)


@register.filter
def vn_percent(value: Any) -> str:
    """``162.857`` → ``163%``; ``96.47`` → ``96,47%`` (the rule of ``ntm.formatting.percent``)."""
    if value is None:
        return ""
    x = float(value)
    if 95 <= x < 100 and not x.is_integer():
        return formatting.percent(x)  # two decimals: the rare case, through Babel
    return tables.vn_int(int(round_half_up(x, 0))) + "%"


@register.filter
def vn_avg(value: Any) -> str:
    """An average as reports print it: rounded half up to one decimal, ``14,8``."""
    return "" if value is None else tables.vn_decimal1(float(value))


@register.filter
def band_count(bands: dict[str, int], label: str) -> int:
    return bands.get(label, 0)
