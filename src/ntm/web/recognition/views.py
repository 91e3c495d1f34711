"""Recognition pages: a commune's dossier, a dossier's review, queues, decisions, revocation.

Each view fetches through an access check, refuses (403) before reading any input, then hands
the form's fields to one service verb; a step refused by the rules comes back as a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django_htmx.middleware import HtmxDetails

from ntm.web.assessments.access import get_commune, get_period, request_scope
from ntm.web.assessments.selectors import cset_of, period_list
from ntm.web.recognition import services
from ntm.web.recognition.exports import deadlines_xlsx
from ntm.web.recognition.forms import (
    AppraiseForm,
    DecisionForm,
    ReviewForm,
    RevocationForm,
    SubmissionForm,
    review_choices,
)
from ntm.web.recognition.models import Decision, Submission
from ntm.web.recognition.pages import render_commune, render_submission
from ntm.web.recognition.permissions import (
    may_appraise,
    may_review,
    may_submit,
    reviewable_criteria,
    sees_lists,
)
from ntm.web.recognition.selectors import office_list, reviewer_queue, revocation_list


class HtmxHttpRequest(HttpRequest):
    """A request as HtmxMiddleware leaves it (django-htmx's advice for type checking)."""

    htmx: HtmxDetails


def get_submission(request: HttpRequest, submission_id: int) -> Submission:
    submission = get_object_or_404(
        Submission.objects.select_related("unit", "period__criteria_set"), pk=submission_id
    )
    if not request_scope(request).can_read_unit(submission.unit):
        raise PermissionDenied
    return submission


def _office_submission(request: HttpRequest, submission_id: int) -> Submission:
    submission = get_submission(request, submission_id)
    if not may_appraise(request_scope(request), submission.unit):
        raise PermissionDenied
    return submission


def _done(request: HttpRequest, submission: Submission, ok: str) -> HttpResponse:
    messages.success(request, ok)
    return redirect("recognition-submission", submission_id=submission.pk)


@login_required
@require_GET
def commune(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    return render_commune(request, period, get_commune(request, period, unit_id))


@login_required
@require_POST
def submit(request: HttpRequest, period_id: int, unit_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    unit = get_commune(request, period, unit_id)
    scope = request_scope(request)
    if not may_submit(scope, unit):
        raise PermissionDenied
    form = SubmissionForm(request.POST)
    if not form.is_valid():
        return render_commune(request, period, unit, form=form, status=400)
    action = form.cleaned_data["action"]
    try:
        saved = services.submission_draft_save(user=request.user, scope=scope, unit=unit,
                                               period=period, **form.dossier())  # fmt: skip
        if action in ("submit", "resubmit"):
            verb = (
                services.submission_submit if action == "submit" else services.submission_resubmit
            )
            verb(user=request.user, scope=scope, submission=saved)
    except services.RecognitionError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã gửi hồ sơ.") if action != "save" else _("Đã lưu nháp."))
    return redirect("recognition-commune", period_id=period.pk, unit_id=unit.pk)


@login_required
@require_GET
def submission(request: HttpRequest, submission_id: int) -> HttpResponse:
    return render_submission(request, get_submission(request, submission_id))


@login_required
@require_POST
def review(request: HtmxHttpRequest, submission_id: int, number: int) -> HttpResponse:
    submission = get_submission(request, submission_id)
    scope = request_scope(request)
    if not may_review(scope, submission.unit, number):
        raise PermissionDenied
    form = ReviewForm(request.POST)
    if form.is_valid():
        verb = (services.criterion_confirm if form.cleaned_data["decision"] == Decision.CONFIRMED
                else services.criterion_return)  # fmt: skip
        try:
            submission = verb(user=request.user, scope=scope, submission=submission,
                              criterion=number, comment=form.cleaned_data["comment"])  # fmt: skip
        except services.RecognitionError as exc:
            messages.error(request, str(exc))
    if request.htmx:
        return render_submission(request, submission, partial=True)
    return redirect("recognition-submission", submission_id=submission.pk)


@login_required
@require_POST
def review_all(request: HttpRequest, submission_id: int) -> HttpResponse:
    """The workspace's one form: a word on every criterion the reviewer covers, in one pass."""
    submission = get_submission(request, submission_id)
    scope = request_scope(request)
    numbers = cset_of(submission.period.criteria_set).criterion_numbers
    mine = sorted(reviewable_criteria(scope, submission.unit, numbers))
    if not mine:
        raise PermissionDenied
    try:
        services.criteria_review(user=request.user, scope=scope, submission=submission,
                                 choices=review_choices(request.POST, mine))  # fmt: skip
    except services.RecognitionError as exc:
        messages.error(request, str(exc))
        return redirect("recognition-submission", submission_id=submission.pk)
    return _done(request, submission, _("Đã ghi kết quả thẩm tra."))


def _office_step(
    request: HttpRequest,
    submission_id: int,
    *,
    form_class: type,
    form_key: str,
    verb: Callable[..., Any],
    done: str,
) -> HttpResponse:
    """The provincial office's steps share one shape: access, form, one service verb, message."""
    submission = _office_submission(request, submission_id)
    form = form_class(request.POST)
    if not form.is_valid():
        return render_submission(request, submission, status=400, **{form_key: form})
    try:
        verb(user=request.user, scope=request_scope(request), submission=submission,
             **form.cleaned_data)  # fmt: skip
    except services.RecognitionError as exc:
        messages.error(request, str(exc))
        return redirect("recognition-submission", submission_id=submission.pk)
    return _done(request, submission, done)


@login_required
@require_POST
def appraise(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _office_step(request, submission_id, form_class=AppraiseForm,
                        form_key="appraise_form", verb=services.submission_appraise,
                        done=_("Đã thẩm định hồ sơ."))  # fmt: skip


@login_required
@require_POST
def decide(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _office_step(request, submission_id, form_class=DecisionForm,
                        form_key="decision_form", verb=services.recognition_decide,
                        done=_("Đã ghi quyết định công nhận."))  # fmt: skip


@login_required
@require_POST
def revoke(request: HttpRequest, submission_id: int) -> HttpResponse:
    return _office_step(request, submission_id, form_class=RevocationForm,
                        form_key="revocation_form", verb=services.revocation_decide,
                        done=_("Đã ghi quyết định thu hồi."))  # fmt: skip


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    if not sees_lists(scope, "reviewer"):
        raise PermissionDenied
    rows = reviewer_queue(scope=scope)
    if request.GET.get("export") == "xlsx":
        return deadlines_xlsx(title=_("Hồ sơ chờ thẩm tra"), rows=rows,
                              filename="ho-so-cho-tham-tra.xlsx")  # fmt: skip
    return render(request, "recognition/queue.html", {"rows": rows})


@login_required
@require_GET
def office(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    if not sees_lists(scope, "province"):
        raise PermissionDenied
    rows = office_list(scope=scope)
    if request.GET.get("export") == "xlsx":
        return deadlines_xlsx(title=_("Hồ sơ chờ thẩm định"), rows=[(s, None) for s in rows],
                              filename="ho-so-cho-tham-dinh.xlsx")  # fmt: skip
    return render(request, "recognition/office.html", {"rows": rows})


@login_required
@require_GET
def revocations(request: HttpRequest) -> HttpResponse:
    scope = request_scope(request)
    if not sees_lists(scope, "province"):
        raise PermissionDenied
    periods = [p for p in period_list(scope=scope) if any(a.holds_period(p) for a in scope.offices)]
    context = {"rows": revocation_list(scope=scope), "periods": periods}
    return render(request, "recognition/revocations.html", context)


@login_required
@require_POST
def flag(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    scope = request_scope(request)
    if not any(area.holds_period(period) for area in scope.offices):
        raise PermissionDenied
    flagged = services.revocation_flag_review(user=request.user, scope=scope, period=period)
    messages.success(request, _("Đã rà soát: %(n)d xã cần xem xét thu hồi.") % {"n": len(flagged)})
    return redirect("recognition-revocations")
