"""Template filters for the dashboards: percentages and averages in Vietnamese format."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from django import template
from django.urls import get_script_prefix, reverse

from ntm import formatting
from ntm.domain.rollup import round_half_up

register = template.Library()


def int_text(n: int) -> str:
    """``1847`` → ``1.847``: what ``ntm.formatting.number`` gives for a whole number, faster."""
    return f"{int(n):,}".replace(",", ".")


def decimal1_text(x: float) -> str:
    """``14.75`` → ``14,8`` (half up): ``ntm.formatting.decimal1`` for an average, faster."""
    text = f"{round_half_up(x, 1):,.1f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


@register.filter
def vn_int(value: Any) -> str:
    """A count: ``1.847``."""
    return "" if value is None or value == "" else int_text(value)


@register.filter
def vn_percent(value: Any) -> str:
    """``162.857`` → ``163%``; ``96.47`` → ``96,47%`` (the rule of ``ntm.formatting.percent``)."""
    if value is None:
        return ""
    x = float(value)
    if 95 <= x < 100 and not x.is_integer():
        return formatting.percent(x)  # two decimals: the rare case, through Babel
    return int_text(int(round_half_up(x, 0))) + "%"


@register.filter
def vn_avg(value: Any) -> str:
    """An average as reports print it: rounded half up to one decimal, ``14,8``."""
    return "" if value is None else decimal1_text(float(value))


@register.filter
def history_url(unit_id: int) -> str:
    """The commune history page of ``unit_id``: reversed once per process and script prefix,
    not once per row (a province's three tables hold ~1.400 links)."""
    return _history_pattern(get_script_prefix()).format(int(unit_id))


@lru_cache(maxsize=8)
def _history_pattern(script_prefix: str) -> str:
    return reverse("commune-history", args=[0]).replace("/0/", "/{}/")


@register.filter
def any_district(rows: list[Any]) -> bool:
    """Whether a commune table has a district column: districts ended with the 2025 merger."""
    return any(r.unit.district_name for r in rows)


@register.filter
def band_count(bands: dict[str, int], label: str) -> int:
    return bands.get(label, 0)


@register.filter
def vn_signed(value: Any) -> str:
    """A change: ``+3``, ``−2``, ``0``; ``—`` when there is nothing to compare with."""
    if value is None:
        return "—"
    x = int(value)
    return ("+" if x > 0 else "−" if x < 0 else "") + int_text(abs(x))


@register.filter
def vn_signed_avg(value: Any) -> str:
    """A change of an average, one decimal: ``+0,4``, ``−1,2``; ``—`` without a year before."""
    if value is None:
        return "—"
    x = round_half_up(float(value), 1)
    return ("+" if x > 0 else "−" if x < 0 else "") + decimal1_text(abs(x))


@register.simple_tag(takes_context=True)
def national_link(context: dict[str, Any]) -> str:
    """The header's link to the national view, for the users who may open it."""
    from django.urls import reverse
    from django.utils.html import format_html
    from django.utils.translation import gettext as _

    from ntm.web.assessments.access import request_scope
    from ntm.web.readmodel.scopes import spans_provinces

    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return ""
    if not spans_provinces(request_scope(request)):
        return ""
    return format_html('<a href="{}" id="nav-national">{}</a>', reverse("dashboard-national"),
                       _("Tổng hợp cả nước"))  # fmt: skip
