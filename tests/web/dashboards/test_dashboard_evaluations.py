"""The dashboard judges several years in one go exactly as each period is judged on its own."""

from __future__ import annotations

import numpy as np

from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.models import Period
from ntm.web.assessments.selectors import period_evaluation
from ntm.web.assessments.services import assessment_get_or_create, assessment_save
from ntm.web.dashboards.evaluations import periods_evaluate
from ntm.web.units.models import Unit


def test_several_periods_judged_together_equal_each_period_judged_alone(world):
    admin = world.users["admin"]
    later = Period.objects.create(regime="new", province_code="91", province_name="Tỉnh Thử Nghiệm",
                                  year=2027, criteria_set=world.set_record)  # fmt: skip
    saves = [
        (world.xa_a, world.period, {"1.1": 1.0, "2.1": 75.0, "2.2": 2.0}, {3: 1}),
        (world.xa_b, world.period, {"2.1": 95.0, "3.1": 10.0}, {1: 0}),
        (world.xa_a, later, {"1.1": 0.0, "3.1": 99.0}, {2: -1}),
        (world.xa_c, world.other_period, {"1.1": 1.0}, {1: 1, 2: 1, 3: 1}),  # another province
    ]
    for unit, period, values, statuses in saves:
        assessment_save(
            user=admin, scope=scope_for(admin), version=None, values=values, statuses=statuses,
            assessment=assessment_get_or_create(unit=unit, period=period), channel="form",
        )  # fmt: skip
    units = list(Unit.objects.filter(province_code="91").order_by("code"))
    together = periods_evaluate(periods=[world.period, later], units=units)
    for period in (world.period, later):
        alone = period_evaluation(period=period, units=units)
        assert np.array_equal(together[period.pk].criterion_status, alone.criterion_status)
        assert np.array_equal(together[period.pk].indicator_status, alone.indicator_status)
    assert together[world.period.pk].criteria_met.tolist() == [3, 0]
    assert together[later.pk].criterion_status.tolist() == [[0, -1, 1], [-1, -1, -1]]
