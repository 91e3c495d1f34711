"""Reads of the audit trail, always filtered by what the reader may see."""

from __future__ import annotations

from django.db.models import QuerySet

from ntm.web.audit.models import AuditEntry
from ntm.web.units.models import Unit


def audit_for_unit(*, unit: Unit) -> QuerySet[AuditEntry]:
    return AuditEntry.objects.filter(regime=unit.regime, unit_code=unit.code)


def audit_for_indicator(*, period_id: int, target: str, units: QuerySet[Unit]) -> list[AuditEntry]:
    codes = set(units.values_list("code", flat=True))
    entries = AuditEntry.objects.filter(period_id_ref=period_id, target=target)
    return [e for e in entries if e.unit_code in codes]
