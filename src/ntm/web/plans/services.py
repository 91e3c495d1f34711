"""Writes of the office's pages: plan targets, the report's settings, narrative sections (each
save of a section keeps the text it replaces as a revision)."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ntm.domain.measures import MEASURE_REGISTRY
from ntm.web.assessments.models import Period
from ntm.web.plans.forms import INTEGER_PARAMETERS
from ntm.web.plans.models import NarrativeRevision, NarrativeSection, ReportSetting
from ntm.web.public.models import PlanTarget


def target_add(*, period: Period, data: dict[str, Any]) -> PlanTarget:
    """A target of the period's province from a valid ``TargetForm``'s data."""
    parameter: str = data["parameter"]
    integer = MEASURE_REGISTRY[data["measure"]].parameter in INTEGER_PARAMETERS
    return PlanTarget.objects.create(
        regime=period.regime,
        province_code=period.province_code,
        plan=data.get("plan") or "",
        year=data["year"],
        measure=data["measure"],
        # The dashboards and the report read a criterion's number from ``criterion``.
        criterion=int(parameter) if integer else None,
        parameter="" if integer else parameter,
        value=data["value"],
        value_high=data.get("value_high"),
        direction=data.get("direction") or "",
        relative=bool(data.get("relative")),
        baseline_year=data["baseline_year"],
        baseline_value=data.get("baseline_value"),
    )


def target_delete(*, period: Period, target_id: int) -> int:
    """Deletes a target of the period's province; how many rows went (0 or 1)."""
    rows = PlanTarget.objects.filter(
        pk=target_id, regime=period.regime, province_code=period.province_code
    )
    return rows.delete()[0]


def setting_save(*, period: Period, data: dict[str, Any], user: Any) -> ReportSetting:
    names = ("issuer", "number", "place", "title", "signer_title", "signer", "recipients")
    fields: dict[str, Any] = {k: data.get(k) or "" for k in names}
    fields["date"] = data.get("date")
    row, _created = ReportSetting.objects.update_or_create(
        period=period, defaults={**fields, "updated_by": user}
    )
    return row


@transaction.atomic
def section_save(
    *, period: Period, section: str, text: str, state: str, user: Any
) -> NarrativeSection:
    """Saves a section's text and state; the saved version goes into its history."""
    row, created = NarrativeSection.objects.select_for_update().get_or_create(
        period=period, section=section, defaults={"text": text, "state": state, "updated_by": user}
    )
    if not created:
        if row.text == text and row.state == state:
            return row
        row.text, row.state, row.updated_by = text, state, user
        row.version += 1
        row.save()
    NarrativeRevision.objects.create(
        narrative=row, version=row.version, text=text, state=state, saved_by=user
    )
    return row
