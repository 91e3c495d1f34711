"""``{% province_level_link period %}``: on a province-level period's page, the way to the page
where its office enters the province's own indicators (the period page lists communes)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ntm.web.assessments.models import Period
from ntm.web.readmodel.province_own import is_province_level

register = template.Library()


@register.simple_tag
def province_level_link(period: Period) -> SafeString | str:
    if not is_province_level(period):
        return ""
    return format_html('<p id="province-level-link"><a href="{}">{}</a></p>',
                       reverse("province-level", args=[period.pk]),
                       _("Chỉ tiêu cấp tỉnh (Phụ lục III)"))  # fmt: skip
