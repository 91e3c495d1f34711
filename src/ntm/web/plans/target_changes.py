"""Plan targets changed in the office's page, each change audited with the target as people read
it before and after ("sửa mục tiêu": old → new), under the period's province like the unit costs.
The add form's data and checks (``TargetForm``) are the edit's too."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from babel.numbers import format_decimal
from django.db import transaction
from django.db.models import QuerySet

from ntm import formatting
from ntm.domain.measures import AT_LEAST, MEASURE_REGISTRY, TargetGoal, default_direction
from ntm.web.assessments.models import Period
from ntm.web.audit.models import AuditEntry, Kind
from ntm.web.plans.forms import INTEGER_PARAMETERS
from ntm.web.plans.services import target_add, target_delete
from ntm.web.public.models import PlanTarget
from ntm.web.public.selectors import goal_text, target_name

FIELDS = (
    "plan",
    "year",
    "measure",
    "criterion",
    "parameter",
    "value",
    "value_high",
    "direction",
    "relative",
    "baseline_year",
    "baseline_value",
)


def target_text(t: PlanTarget) -> str:
    """A target in one line: its measure, goal, year, baseline and plan."""
    parameter = t.parameter or ("" if t.criterion is None else str(t.criterion))
    direction = t.direction or (
        default_direction(t.measure, parameter) if t.measure in MEASURE_REGISTRY else AT_LEAST
    )
    goal = goal_text(TargetGoal(t.value, t.value_high, direction, t.relative))
    base = f"năm gốc {t.baseline_year}"
    if t.baseline_value is not None:
        base += f": {formatting.number(t.baseline_value)}"
    plan = f"; {t.plan}" if t.plan else ""
    return f"{target_name(t)}: {goal} đến năm {t.year} ({base}){plan}"


def _audit(*, period: Period, user: Any, target: PlanTarget, old: str, new: str) -> None:
    AuditEntry.of_office(
        user=user,
        regime=period.regime,
        province_code=period.province_code,
        province_name=period.province_name,
        period_id=period.pk,
        year=period.year,
        kind=Kind.TARGET,
        target=f"KH{target.pk}",
        old=old,
        new=new,
    ).save()


def _province_targets(period: Period) -> QuerySet[PlanTarget]:
    return PlanTarget.objects.filter(regime=period.regime, province_code=period.province_code)


def target_create(*, period: Period, data: dict[str, Any], user: Any) -> PlanTarget:
    """Add a target (``services.target_add``) and audit it."""
    with transaction.atomic():
        row = target_add(period=period, data=data)
        _audit(period=period, user=user, target=row, old="", new=target_text(row))
    return row


def target_update(
    *, period: Period, target_id: int, data: dict[str, Any], user: Any
) -> PlanTarget | None:
    """Replace a target of the period's province with a valid ``TargetForm``'s data (None if
    the province has no such target); unchanged data writes nothing."""
    with transaction.atomic():
        row = _province_targets(period).select_for_update().filter(pk=target_id).first()
        if row is None:
            return None
        old = target_text(row)
        parameter: str = data["parameter"]
        integer = MEASURE_REGISTRY[data["measure"]].parameter in INTEGER_PARAMETERS
        row.plan, row.year, row.measure = data.get("plan") or "", data["year"], data["measure"]
        row.criterion = int(parameter) if integer else None
        row.parameter = "" if integer else parameter
        row.value, row.value_high = data["value"], data.get("value_high")
        row.direction, row.relative = data.get("direction") or "", bool(data.get("relative"))
        row.baseline_year, row.baseline_value = data["baseline_year"], data.get("baseline_value")
        new = target_text(row)
        if new != old:
            row.save(update_fields=list(FIELDS))
            _audit(period=period, user=user, target=row, old=old, new=new)
    return row


def target_remove(*, period: Period, target_id: int, user: Any) -> int:
    """Delete a target of the period's province and audit it; how many rows went (0 or 1)."""
    with transaction.atomic():
        row = _province_targets(period).filter(pk=target_id).first()
        if row is None:
            return 0
        _audit(period=period, user=user, target=row, old=target_text(row), new="")
        return target_delete(period=period, target_id=row.pk)


def target_initial(t: PlanTarget) -> dict[str, Any]:
    """The add form's fields for an existing target (numbers the Vietnamese way: 2,5)."""

    def shown(x: float | None) -> str:
        # Every decimal kept (formatting.number shows three): a prefilled value saved unchanged
        # must stay the value it was.
        if x is None:
            return ""
        return format_decimal(Decimal(repr(x)), format="#,##0.##########", locale="vi_VN")

    return {
        "measure": t.measure,
        "parameter": t.parameter or ("" if t.criterion is None else str(t.criterion)),
        "value": shown(t.value),
        "value_high": shown(t.value_high),
        "relative": t.relative,
        "direction": t.direction,
        "year": t.year,
        "baseline_year": t.baseline_year,
        "baseline_value": shown(t.baseline_value),
        "plan": t.plan,
    }


def target_history(*, period: Period, limit: int = 30) -> QuerySet[AuditEntry]:
    """The latest changes of the province's plan targets, newest first."""
    return AuditEntry.objects.filter(
        regime=period.regime, unit_code=period.province_code, kind=Kind.TARGET
    )[:limit]
