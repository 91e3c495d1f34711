"""The funding what-if page (issue #15.3): the province's unit costs (a form and the CLI's CSV),
and the plan for a budget given in the query string (shareable), with its xlsx.

Who: the province's office reads and writes its own province; the central office reads every
province and admin writes any. Reviewers and communes are refused: the plan is the office's
working tool, not a published figure.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ntm.domain.funding_costs import UnitCosts
from ntm.io.errors import ImportFailed, Problem
from ntm.io.unit_costs import unit_costs_parse
from ntm.web.assessments.access import get_period, request_scope
from ntm.web.assessments.models import Period
from ntm.web.assessments.selectors import period_communes
from ntm.web.audit.display import audit_rows
from ntm.web.audit.models import Channel
from ntm.web.plans.funding_forms import CostsFileForm, CostsForm, PlanForm
from ntm.web.plans.funding_plan import FundingPlan, period_funding_plan
from ntm.web.plans.unit_costs import (
    period_cost_lines,
    unit_cost_history,
    unit_costs_get,
    unit_costs_save,
)
from ntm.web.readmodel.sets import cset_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request: HttpRequest, period_id: int) -> tuple[Period, bool]:
    """The period and whether the user may change its costs; 403 unless an office reads it."""
    period = get_period(request, period_id)
    scope = request_scope(request)
    can_manage = scope.can_manage_period(period)
    if not (can_manage or scope.read_all):
        raise PermissionDenied
    return period, can_manage


def _plan(request: HttpRequest, period: Period, form: PlanForm) -> FundingPlan | None:
    if not (form.is_bound and form.is_valid()):
        return None
    units = list(period_communes(period=period, scope=request_scope(request)))
    costs = unit_costs_get(period=period)
    return period_funding_plan(period=period, units=units, costs=costs, inputs=form.inputs())


def _page(
    request: HttpRequest,
    period: Period,
    can_manage: bool,
    *,
    costs_form: CostsForm | None = None,
    problems: list[str] | None = None,
) -> HttpResponse:
    """The page with its forms (bound ones keep their errors) and the plan, if asked for."""
    plan_form = PlanForm(request.GET if "budget" in request.GET else None)
    result = _plan(request, period, plan_form)
    if result is not None and request.GET.get("export") == "xlsx":
        response = HttpResponse(result.xlsx(), content_type=XLSX)
        name = f"phuong-an-von-{period.province_code}-{period.year}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    costs_form = costs_form or CostsForm(lines=period_cost_lines(period=period))
    problems = problems or []
    failed = bool(costs_form.errors or plan_form.errors or problems)
    context = {
        "period": period,
        "can_manage": can_manage,
        "plan_form": plan_form,
        "costs_form": costs_form,
        "file_form": CostsFileForm(),
        "import_problems": problems,
        "result": result,
        "history": audit_rows(unit_cost_history(period=period)),
        "query": request.GET.urlencode(),
    }
    return render(request, "plans/funding.html", context, status=400 if failed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def funding_plan(request: HttpRequest, period_id: int) -> HttpResponse:
    """GET: the costs and the plan for ``?budget=…&cap=…&tranche=…``; POST: saves the costs."""
    period, can_manage = _period(request, period_id)
    if request.method == "GET":
        return _page(request, period, can_manage)
    if not can_manage:
        raise PermissionDenied
    form = CostsForm(request.POST, lines=period_cost_lines(period=period))
    if not form.is_valid():
        return _page(request, period, can_manage, costs_form=form)
    changed = unit_costs_save(
        period=period, costs=form.unit_costs(), user=request.user, channel=Channel.FORM
    )
    messages.success(request, _saved(changed))
    return redirect(request.get_full_path())


def _saved(changed: int) -> str:
    if not changed:
        return _("Không có thay đổi nào: không có gì được ghi.")
    return _("Đã lưu %(n)s thay đổi đơn giá.") % {"n": changed}


def _read_upload(form: CostsFileForm, period: Period) -> UnitCosts:
    upload = form.cleaned_data["file"]
    name = upload.name or "don-gia.csv"
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFailed([Problem(name, "không đọc được tệp (cần CSV mã UTF-8)")]) from None
    cset = cset_of(period.criteria_set)
    return unit_costs_parse(
        text, name, criteria=cset.criterion_numbers, indicators=[i.code for i in cset.indicators]
    )


@login_required
@require_POST
def funding_costs_import(request: HttpRequest, period_id: int) -> HttpResponse:
    """The CLI's CSV (criterion or indicator, unit_cost_billion_vnd): it replaces the costs of
    the period's set, all or nothing."""
    period, can_manage = _period(request, period_id)
    if not can_manage:
        raise PermissionDenied
    form = CostsFileForm(request.POST, request.FILES)
    if not form.is_valid():
        problems = [str(m) for errors in form.errors.values() for m in errors]
        return _page(request, period, can_manage, problems=problems)
    try:
        costs = _read_upload(form, period)
    except ImportFailed as exc:
        return _page(request, period, can_manage, problems=[str(p) for p in exc.problems])
    changed = unit_costs_save(period=period, costs=costs, user=request.user, channel=Channel.IMPORT)
    messages.success(request, _saved(changed))
    query = request.GET.urlencode()  # the plan's inputs, kept across the import
    return redirect(reverse("funding-plan", args=[period.pk]) + (f"?{query}" if query else ""))
