"""``{% readings_link %}`` (the header's link, for the offices that may use the page) and
``rule_name`` (an arithmetic check's rule in Vietnamese)."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ntm.web.assessments.access import request_scope
from ntm.web.readings.services import may_use

register = template.Library()


@register.simple_tag(takes_context=True)
def readings_link(context: dict[str, Any]) -> SafeString:
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return SafeString("")
    if not may_use(request_scope(request)):
        return SafeString("")
    return format_html('<a href="{}">{}</a>', reverse("readings"), _("Báo cáo của tỉnh"))


@register.filter
def rule_name(rule: str) -> str:
    names = {
        "bands_add_up": _("Các nhóm xã cộng lại bằng tổng số xã"),
        "average_within_bands": _("Bình quân tiêu chí/xã nằm trong khoảng các nhóm cho phép"),
        "percentage_matches_counts": _("Tỷ lệ phần trăm khớp với các số đếm"),
        "increase_matches_years": _("Mức tăng khớp với số liệu các năm"),
        "funds_add_up": _("Các nguồn vốn cộng lại bằng tổng"),
        "ocop_adds_up": _("Sản phẩm OCOP theo số sao cộng lại bằng tổng"),
        "communes_total_agrees": _("Số xã nêu trong câu khớp với tổng số xã"),
        "district_total_agrees": _("Số xã của một huyện khớp giữa các câu"),
    }
    return names.get(rule, rule)
