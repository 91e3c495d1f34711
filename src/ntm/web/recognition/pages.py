"""Context of the two dossier pages, shared by their GET view and their refused POSTs."""

from __future__ import annotations

from typing import Any

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ntm.web.assessments.access import request_scope
from ntm.web.assessments.models import Period, PeriodState
from ntm.web.assessments.selectors import cset_of
from ntm.web.recognition.forms import (
    AppraiseForm,
    DecisionForm,
    ReviewForm,
    RevocationForm,
    SubmissionForm,
)
from ntm.web.recognition.history import history_rows
from ntm.web.recognition.models import State, Submission
from ntm.web.recognition.period_log import period_notice
from ntm.web.recognition.permissions import may_appraise, may_submit
from ntm.web.recognition.selectors import (
    criterion_lines,
    satisfaction_level,
    submission_check,
    submission_evaluation,
    submission_history,
)
from ntm.web.units.models import Unit


def _history(submission: Submission) -> list[dict[str, Any]]:
    return history_rows(submission_history(submission=submission))


def render_commune(
    request: HttpRequest,
    period: Period,
    unit: Unit,
    *,
    form: forms.Form | None = None,
    status: int = 200,
) -> HttpResponse:
    tier = cset_of(period.criteria_set).tier
    submission = Submission.objects.filter(unit=unit, period=period, tier=tier).first()
    probe = submission or Submission(unit=unit, period=period, tier=tier)
    evaluation = submission_evaluation(submission=probe)
    level = satisfaction_level(submission=probe)
    initial = {
        "satisfaction_pct": "" if probe.satisfaction_pct is None else f"{probe.satisfaction_pct:g}",
        "survey_note": probe.survey_note, "no_construction_debt": probe.no_construction_debt,
        "security_complicated": probe.security_complicated,
    }  # fmt: skip
    editable = probe.state in (State.DRAFT, State.RETURNED) and period.state == PeriodState.OPEN
    context = {
        "period": period, "unit": unit, "submission": submission, "s": submission, "probe": probe,
        "check": submission_check(submission=probe, evaluation=evaluation),
        "required": level.required_pct if level else None,
        "required_basis": level.basis if level else "",
        "lines": criterion_lines(submission=probe, scope=request_scope(request),
                                 evaluation=evaluation) if submission else [],
        "history": _history(submission) if submission else [],
        "form": form or SubmissionForm(initial=initial),
        "can_submit": may_submit(request_scope(request), unit) and editable,
        "period_open": period.state == PeriodState.OPEN,
        "period_notice": period_notice(period=period),
    }  # fmt: skip
    return render(request, "recognition/commune.html", context, status=status)


def render_submission(
    request: HttpRequest,
    submission: Submission,
    *,
    partial: bool = False,
    status: int = 200,
    **forms_given: forms.Form,
) -> HttpResponse:
    scope = request_scope(request)
    evaluation = submission_evaluation(submission=submission)
    office = may_appraise(scope, submission.unit)
    lines = criterion_lines(submission=submission, scope=scope, evaluation=evaluation)
    context = {
        "s": submission, "unit": submission.unit, "period": submission.period, "partial": partial,
        "check": submission_check(submission=submission, evaluation=evaluation),
        "lines": lines, "reviewing": any(line.may_review for line in lines),
        "review_form": ReviewForm(),
        "history": _history(submission),
        "decision": getattr(submission, "decision", None),
        "revocation": getattr(submission, "revocation", None),
        "may_appraise": office and submission.state == State.CONFIRMED,
        "may_decide": office and submission.state == State.APPRAISED,
        "may_revoke": office and submission.state == State.RECOGNISED,
        "appraise_form": forms_given.get("appraise_form") or AppraiseForm(),
        "decision_form": forms_given.get("decision_form") or DecisionForm(),
        "revocation_form": forms_given.get("revocation_form") or RevocationForm(),
    }  # fmt: skip
    template = "recognition/_criteria.html" if partial else "recognition/submission.html"
    return render(request, template, context, status=status)
