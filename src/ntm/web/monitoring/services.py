"""Writes of monitoring values and funds: each change saved and audited, an import all or none.

Audit entries go to ``ntm.web.audit`` like every other change: kind ``indicator``, target
``m:<code>`` for a monitoring value and ``v:<source>`` for a fund (cut to the trail's 20
characters; the full source is in the entry's text), the period the change was made from.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from ntm.domain.monitoring import MonitoringCatalogue, MonitoringValue
from ntm.domain.plans import SOURCES, FundingFile
from ntm.formatting import number
from ntm.web.assessments.models import Period
from ntm.web.assessments.values import value_text
from ntm.web.audit.models import AuditEntry, Channel, Kind
from ntm.web.monitoring.models import FundAmount
from ntm.web.monitoring.models import MonitoringValue as Stored


@dataclass(frozen=True)
class ValueChange:
    unit_code: str
    unit_name: str
    year: int
    indicator: str
    old: float | None
    new: float | None


@dataclass(frozen=True)
class FundChange:
    unit_code: str
    unit_name: str
    period: tuple[int, int]
    source: str
    old: str
    new: str


def _text(value: float | None) -> str:
    """For people (the fund's summary line), in Vietnamese."""
    return "" if value is None else number(value)


def values_save(
    *,
    user: Any,
    period: Period,
    values: Iterable[MonitoringValue],
    names: dict[str, str],
    channel: str = Channel.FORM,
) -> list[ValueChange]:
    """Upsert ``values`` (None removes nothing: a value is changed, never blanked here), audit
    each change; one transaction."""
    values = list(values)
    with transaction.atomic():
        existing = {
            (v.unit_code, v.year, v.indicator): v
            for v in Stored.objects.select_for_update().filter(
                regime=period.regime,
                province_code=period.province_code,
                unit_code__in={v.unit_code for v in values},
            )
        }
        changes: list[ValueChange] = []
        for v in values:
            row = existing.get((v.unit_code, v.year, v.indicator))
            if row is not None and row.value == v.value:
                continue
            old = row.value if row is not None else None
            row = row or Stored(
                regime=period.regime,
                province_code=period.province_code,
                unit_code=v.unit_code,
                year=v.year,
                indicator=v.indicator,
            )
            row.value = v.value
            row.updated_by = user if getattr(user, "pk", None) else None
            row.save()
            name = names.get(v.unit_code, v.unit_code)
            changes.append(ValueChange(v.unit_code, name, v.year, v.indicator, old, v.value))
        _audit_values(user, period, changes, channel)
    return changes


def _audit_values(user: Any, period: Period, changes: list[ValueChange], channel: str) -> None:
    AuditEntry.objects.bulk_create(
        AuditEntry(
            user=user if getattr(user, "pk", None) else None,
            username=getattr(user, "username", "") or "",
            regime=period.regime,
            unit_code=c.unit_code,
            unit_name=c.unit_name[:120],
            period_id_ref=period.pk,
            year=c.year,
            kind=Kind.INDICATOR,
            target=f"m:{c.indicator}"[:20],
            old=value_text(c.old),
            new=value_text(c.new),
            channel=channel,
            version=0,
        )
        for c in changes
    )


@dataclass(frozen=True)
class FundInput:
    unit_code: str
    period: tuple[int, int]
    source: str
    source_name: str = ""
    parent: str = ""
    plan: float | None = None
    allocated: float | None = None
    disbursed: float | None = None
    decimals: int | None = None


def _fund_text(row: FundAmount | None) -> str:
    if row is None:
        return ""
    return (
        f"kế hoạch {_text(row.plan)}; được giao {_text(row.allocated)}; "
        f"thực hiện {_text(row.disbursed)} (tỷ đồng)"
    )


def funds_save(
    *,
    user: Any,
    period: Period,
    funds: Iterable[FundInput],
    names: dict[str, str],
    channel: str = Channel.FORM,
) -> list[FundChange]:
    """Upsert each fund line and audit the change; one transaction."""
    changes: list[FundChange] = []
    with transaction.atomic():
        for f in funds:
            row = (
                FundAmount.objects.select_for_update()
                .filter(
                    regime=period.regime,
                    unit_code=f.unit_code,
                    period_start=f.period[0],
                    period_end=f.period[1],
                    source=f.source,
                )
                .first()
            )
            old = _fund_text(row)
            row = row or FundAmount(
                regime=period.regime,
                province_code=period.province_code,
                unit_code=f.unit_code,
                period_start=f.period[0],
                period_end=f.period[1],
                source=f.source,
            )
            row.source_name, row.parent = f.source_name, f.parent
            row.plan, row.allocated, row.disbursed = f.plan, f.allocated, f.disbursed
            row.decimals = f.decimals
            new = _fund_text(row)
            if new == old:
                continue
            row.save()
            name = names.get(f.unit_code, f.unit_code)
            changes.append(FundChange(f.unit_code, name, f.period, f.source, old, new))
        _audit_funds(user, period, changes, channel)
    return changes


def _audit_funds(user: Any, period: Period, changes: list[FundChange], channel: str) -> None:
    AuditEntry.objects.bulk_create(
        AuditEntry(
            user=user if getattr(user, "pk", None) else None,
            username=getattr(user, "username", "") or "",
            regime=period.regime,
            unit_code=c.unit_code,
            unit_name=c.unit_name[:120],
            period_id_ref=period.pk,
            year=c.period[1],
            kind=Kind.INDICATOR,
            target=f"v:{c.source}"[:20],
            old=c.old,
            new=f"{c.source} {c.period[0]}-{c.period[1]}: {c.new}",
            channel=channel,
            version=0,
        )
        for c in changes
    )


def funding_inputs(funding: FundingFile) -> list[FundInput]:
    """The lines of a funding file (``ntm.io.funding``) as fund inputs: the amount is what was
    mobilised, kept as ``disbursed``; a stated total is a check, not a line, and is not kept."""
    return [
        FundInput(
            unit_code=ln.scope_code,
            period=ln.period,
            source=ln.source,
            source_name=ln.name if ln.source not in SOURCES else "",
            parent=ln.parent or "",
            disbursed=ln.amount,
            decimals=ln.decimals,
        )
        for ln in funding.lines
    ]


def catalogue_entered(catalogue: MonitoringCatalogue, level: str) -> list[str]:
    return [i.code for i in catalogue.indicators if i.entered and i.level == level]
