"""Access-checking fetch helpers: a missing object is a 404, one outside the scope a 403."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from ntm.web.accounts.scope import Scope, scope_for
from ntm.web.assessments.models import Evidence, Period
from ntm.web.units.models import Unit


def request_scope(request: HttpRequest) -> Scope:
    cached = getattr(request, "_ntm_scope", None)
    if cached is None:
        cached = scope_for(request.user)
        request._ntm_scope = cached  # type: ignore[attr-defined]  # a cache HttpRequest lacks
    return cached


def get_period(request: HttpRequest, period_id: int) -> Period:
    period = get_object_or_404(Period.objects.select_related("criteria_set"), pk=period_id)
    if not request_scope(request).can_read_period(period):
        raise PermissionDenied
    return period


def get_commune(request: HttpRequest, period: Period, unit_id: int) -> Unit:
    unit = get_object_or_404(
        Unit, pk=unit_id, regime=period.regime, province_code=period.province_code
    )
    if not request_scope(request).can_read_unit(unit):
        raise PermissionDenied
    return unit


def get_unit(request: HttpRequest, unit_id: int) -> Unit:
    unit = get_object_or_404(Unit, pk=unit_id)
    if not request_scope(request).can_read_unit(unit):
        raise PermissionDenied
    return unit


def get_evidence(request: HttpRequest, evidence_id: int) -> Evidence:
    evidence = get_object_or_404(
        Evidence.objects.select_related("assessment__unit"), pk=evidence_id
    )
    if not request_scope(request).can_read_unit(evidence.assessment.unit):
        raise PermissionDenied
    return evidence


def require_write(request: HttpRequest, unit: Unit, period: Period) -> None:
    """Writing is checked before any form is read: a denial never depends on the input."""
    if not request_scope(request).can_write_any(unit, period):
        raise PermissionDenied
