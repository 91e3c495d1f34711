"""The province's unit costs for the funding what-if (issue #15.3): read as the engine's
``UnitCosts``, listed per line of the period's set for the form, and saved all at once with one
audit entry per change (who, when, old → new), from the form or from the CLI's CSV."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from ntm.domain.criteria import CriteriaSet, Indicator
from ntm.domain.funding_costs import UnitCosts
from ntm.web.assessments.models import Period
from ntm.web.audit.models import AuditEntry
from ntm.web.plans.models import CostKind, UnitCost
from ntm.web.readmodel.sets import cset_of

# The audit's ``kind`` of a unit cost's change; its target is "tc 5" or "ct 2.1".
AUDIT_UNIT_COST = "unit_cost"
_UNIT_OF_KIND = {"percent": "điểm phần trăm", "count": "đơn vị", "yes_no": "có/không: 1 đơn vị"}


@dataclass(frozen=True)
class CostLine:
    """One line of the costs table: a criterion of the period's set or one of its indicators."""

    kind: str  # CostKind
    code: str  # the criterion's number or the indicator's code
    label: str
    unit: str  # what one unit of the cost is ("tiêu chí", "km", "điểm phần trăm")
    cost: float | None

    @property
    def field(self) -> str:
        return f"{'c' if self.kind == CostKind.CRITERION else 'i'}-{self.code}"


def _indicator_unit(indicator: Indicator) -> str:
    return indicator.unit or _UNIT_OF_KIND.get(indicator.kind, "đơn vị")


def _stored(period: Period) -> QuerySet[UnitCost]:
    return UnitCost.objects.filter(
        regime=period.regime,
        province_code=period.province_code,
        set_code=period.criteria_set.code,
    )


def unit_costs_get(*, period: Period) -> UnitCosts:
    costs = UnitCosts()
    for kind, code, cost in _stored(period).values_list("kind", "code", "cost"):
        if kind == CostKind.CRITERION:
            costs.criterion[int(code)] = cost
        else:
            costs.indicator[code] = cost
    return costs


def cost_lines(*, cset: CriteriaSet, costs: UnitCosts) -> list[CostLine]:
    """Each criterion, then its indicators, in the set's order, with the cost stored."""
    lines = []
    for c in cset.criteria:
        lines.append(
            CostLine(
                CostKind.CRITERION,
                str(c.number),
                f"Tiêu chí {c.number}. {c.name}",
                "tiêu chí",
                costs.criterion.get(c.number),
            )
        )
        lines += [
            CostLine(
                CostKind.INDICATOR,
                i.code,
                f"Chỉ tiêu {i.code}. {i.name}",
                _indicator_unit(i),
                costs.indicator.get(i.code),
            )
            for i in c.indicators
        ]
    return lines


def period_cost_lines(*, period: Period) -> list[CostLine]:
    return cost_lines(cset=cset_of(period.criteria_set), costs=unit_costs_get(period=period))


def _text(value: float | None) -> str:
    return "" if value is None else repr(value)


def _changes(period: Period, costs: UnitCosts) -> list[tuple[str, str, float | None, float | None]]:
    """(kind, code, old, new) of every cost that the save changes."""
    before = unit_costs_get(period=period)
    out = []
    for kind, old_map, new_map in (
        (CostKind.CRITERION, before.criterion, costs.criterion),
        (CostKind.INDICATOR, before.indicator, costs.indicator),
    ):
        old_s = {str(k): v for k, v in old_map.items()}
        new_s = {str(k): v for k, v in new_map.items()}
        for code in sorted(old_s.keys() | new_s.keys()):
            if old_s.get(code) != new_s.get(code):
                out.append((str(kind), code, old_s.get(code), new_s.get(code)))
    return out


@transaction.atomic
def unit_costs_save(*, period: Period, costs: UnitCosts, user: Any, channel: str) -> int:
    """The province's costs for the period's set become ``costs`` (a cost absent is removed);
    each change is audited. How many costs changed."""
    changes = _changes(period, costs)
    stored = _stored(period)
    who = user if getattr(user, "pk", None) else None
    for kind, code, _old, new in changes:
        if new is None:
            stored.filter(kind=kind, code=code).delete()
        else:
            UnitCost.objects.update_or_create(
                regime=period.regime,
                province_code=period.province_code,
                set_code=period.criteria_set.code,
                kind=kind,
                code=code,
                defaults={"cost": new, "updated_by": who},
            )
    AuditEntry.objects.bulk_create(
        AuditEntry.of_office(
            user=user,
            regime=period.regime,
            province_code=period.province_code,
            province_name=period.province_name,
            period_id=period.pk,
            year=period.year,
            kind=AUDIT_UNIT_COST,
            target=f"{'tc' if kind == CostKind.CRITERION else 'ct'} {code}",
            old=_text(old),
            new=_text(new),
            channel=channel,
        )
        for kind, code, old, new in changes
    )
    return len(changes)


def unit_cost_history(*, period: Period, limit: int = 30) -> QuerySet[AuditEntry]:
    """The latest changes of the province's unit costs, newest first."""
    return AuditEntry.objects.filter(
        regime=period.regime, unit_code=period.province_code, kind=AUDIT_UNIT_COST
    )[:limit]
