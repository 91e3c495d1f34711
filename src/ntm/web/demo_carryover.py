"""The demonstration's data across the 2025 reform: Kon Tum judged in 2025 in its old communes
(2021–2025 set, statuses generated from its 2020 ones, marked minh họa) and new Quảng Ngãi,
which absorbed Kon Tum on 1 July 2025, judged in 2026 in its new communes. Its 2026 dashboard
and report derive their 2025 baseline through the lineage (ntm.domain.carryover)."""

from __future__ import annotations

import numpy as np

from ntm.domain.criteria import criteria_set_from_data
from ntm.web.assessments.models import (
    Assessment,
    CriteriaSetRecord,
    CriterionStatus,
    IndicatorValue,
    Period,
)
from ntm.web.units.models import Unit

QUANG_NGAI = ("51", "Tỉnh Quảng Ngãi")


def kontum_2025(record: CriteriaSetRecord, period_2020: Period) -> Period:
    """Kon Tum 2025: a criterion met in 2020 stays met; one not met is met with chance 0,6."""
    period = Period.objects.create(
        regime="old", province_code="62", year=2025, province_name="Tỉnh Kon Tum",
        criteria_set=record,
    )  # fmt: skip
    numbers = criteria_set_from_data(record.data).criterion_numbers
    before = dict.fromkeys(
        CriterionStatus.objects.filter(assessment__period=period_2020, status=1).values_list(
            "assessment__unit_id", "criterion"
        )
    )
    rng = np.random.default_rng(2025)
    rows = []
    units = Unit.objects.filter(assessments__period=period_2020).order_by("code")
    for unit in units:
        assessment = Assessment.objects.create(unit=unit, period=period, version=1)
        for n in numbers:
            met = (unit.pk, n) in before or bool(rng.random() < 0.6)
            rows.append(CriterionStatus(assessment=assessment, criterion=n, status=int(met)))
    CriterionStatus.objects.bulk_create(rows, batch_size=2000)
    return period


def quang_ngai_2026(record: CriteriaSetRecord) -> Period:
    """New Quảng Ngãi 2026 on the demonstration set: groups and values generated (minh họa)."""
    communes = list(Unit.objects.filter(regime="new", province_code=QUANG_NGAI[0], kind="xã"))
    for i, unit in enumerate(communes):
        unit.group = "123"[i % 3]
    Unit.objects.bulk_update(communes, ["group"])
    period = Period.objects.create(
        regime="new", province_code=QUANG_NGAI[0], year=2026, province_name=QUANG_NGAI[1],
        criteria_set=record,
    )  # fmt: skip
    cset = criteria_set_from_data(record.data)
    rng = np.random.default_rng(5126)
    values = []
    for unit in communes:
        assessment = Assessment.objects.create(unit=unit, period=period, version=1)
        for ind in cset.indicators:
            yes_no = ind.kind == "yes_no"
            v = float(rng.random() < 0.92) if yes_no else round(rng.uniform(70, 100), 1)
            values.append(IndicatorValue(assessment=assessment, indicator=ind.code, value=v))
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    return period
