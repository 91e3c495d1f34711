"""``{% recognition_links %}``: the header's links to the workflow, by the user's roles."""

from __future__ import annotations

from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from ntm.web.assessments.access import request_scope
from ntm.web.assessments.models import Period
from ntm.web.recognition.todo import todo_list
from ntm.web.units.models import Unit

register = template.Library()


@register.simple_tag(takes_context=True)
def recognition_links(context: dict[str, Any]) -> SafeString:
    request = context.get("request")
    links = [(reverse("public-index"), _("Công khai"))]
    if request is not None and request.user.is_authenticated:
        scope = request_scope(request)
        for unit in Unit.objects.filter(pk__in=scope.communes).order_by("code")[:3]:
            period = Period.objects.filter(
                regime=unit.regime, province_code=unit.province_code
            ).order_by("-year", "pk").first()  # fmt: skip
            if period is not None:
                url = reverse("recognition-commune", args=[period.pk, unit.pk])
                links.append((url, _("Hồ sơ công nhận %(name)s") % {"name": unit.name}))
        if scope.reviews or scope.read_all:
            links.append((reverse("recognition-queue"), _("Thẩm tra hồ sơ")))
        if scope.offices or scope.read_all:
            links.append((reverse("recognition-office"), _("Thẩm định, công nhận")))
    return format_html_join(" ", '<a href="{}">{}</a>', links) or format_html("")


@register.inclusion_tag("recognition/_todo.html", takes_context=True)
def recognition_todo(context: dict[str, Any]) -> dict[str, Any]:
    """The home page's "Việc cần làm": what waits for the signed-in user (recognition.todo)."""
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"items": []}
    return {"items": todo_list(scope=request_scope(request))}
