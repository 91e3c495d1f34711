"""Template filters: numbers and statuses for people, in Vietnamese."""

from __future__ import annotations

from typing import Any

from django import template

from ntm import formatting

register = template.Library()


@register.filter
def vn_number(value: Any) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    try:
        return formatting.number(float(value))
    except (TypeError, ValueError):
        return str(value)


@register.filter
def requirement(row: Any) -> str:
    """An indicator row's threshold as people read it (``≥ 90%``, ``Có``)."""
    return formatting.requirement(row.compare, row.threshold, row.kind)


@register.filter
def vn_decimal1(value: Any) -> str:
    return formatting.decimal1(float(value)) if value is not None else ""


@register.filter
def status_class(status: str) -> str:
    return {"met": "st-met", "not_met": "st-not", "unknown": "st-unknown"}.get(status, "")


@register.filter
def get_item(mapping: dict[str, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None
