"""Editing one plan target: the add form prefilled, the same checks, the change audited."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ntm.web.assessments.access import get_period, request_scope
from ntm.web.plans.forms import TargetForm
from ntm.web.plans.target_changes import target_initial, target_update
from ntm.web.public.models import PlanTarget
from ntm.web.public.selectors import target_name


@login_required
@require_http_methods(["GET", "POST"])
def target_edit(request: HttpRequest, period_id: int, target_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    if not request_scope(request).can_manage_period(period):
        raise PermissionDenied
    target = PlanTarget.objects.filter(
        pk=target_id, regime=period.regime, province_code=period.province_code
    ).first()
    if target is None:
        raise Http404
    form = TargetForm(request.POST or None, initial=target_initial(target))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if target_update(period=period, target_id=target.pk, data=data, user=request.user):
            messages.success(request, _("Đã sửa chỉ tiêu kế hoạch."))
        return redirect("plan-targets", period_id=period.pk)
    context = {"period": period, "form": form, "target": target, "name": target_name(target)}
    return render(request, "plans/target_edit.html", context, status=400 if form.errors else 200)
