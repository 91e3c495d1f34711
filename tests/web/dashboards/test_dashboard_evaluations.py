"""The dashboard judges several years in one go exactly as each period is judged on its own."""

from __future__ import annotations

import numpy as np
from django.db import connection

from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.models import CriterionStatus, IndicatorValue, Period
from ntm.web.assessments.selectors import period_evaluation
from ntm.web.assessments.services import assessment_get_or_create, assessment_save
from ntm.web.readmodel.inputs import periods_evaluate
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


def _statements(run) -> list[tuple[str, tuple]]:
    seen: list[tuple[str, tuple]] = []

    def note(execute, sql, params, many, context):
        seen.append((sql, tuple(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(note):
        run()
    return seen


def test_a_periods_rows_are_read_again_only_when_its_data_version_moved(world):
    admin = world.users["admin"]
    units = list(Unit.objects.filter(province_code="91").order_by("code"))
    rows = {world.xa_a: ({"1.1": 1.0, "2.1": 75.0}, {3: 1}), world.xa_b: ({"2.1": 95.0}, {1: 0})}
    assessments = {}
    for unit, (values, statuses) in rows.items():
        assessments[unit] = assessment_get_or_create(unit=unit, period=world.period)
        assessment_save(
            user=admin, scope=scope_for(admin), version=None, values=values, statuses=statuses,
            assessment=assessments[unit], channel="form",
        )  # fmt: skip
    first = _statements(lambda: periods_evaluate(periods=[world.period], units=units))
    # The versions, every commune's values and statuses, whether any group decision is stored.
    assert len(first) == 4
    again = _statements(lambda: periods_evaluate(periods=[world.period], units=units))
    assert len(again) == 1  # the versions only: nothing moved
    other = assessment_get_or_create(unit=world.xa_c, period=world.other_period)
    IndicatorValue.objects.create(assessment=other, indicator="1.1", value=1.0)
    elsewhere = _statements(lambda: periods_evaluate(periods=[world.period], units=units))
    assert len(elsewhere) == 1  # a write in another period moves only that period's version
    changed = assessments[world.xa_b]
    # A raw update, past every service: the database's trigger still moves the version.
    IndicatorValue.objects.filter(assessment=changed, indicator="2.1").update(value=10.0)
    CriterionStatus.objects.filter(assessment=changed, criterion=1).update(status=1)
    after: dict = {}
    read = _statements(lambda: after.update(periods_evaluate(periods=[world.period], units=units)))
    assert len(read) == 3
    statuses_b = after[world.period.pk].criterion_status[1].tolist()
    assert statuses_b[0] == 1  # criterion 1 as just written
    values_b = after[world.period.pk].values[1]
    column = [i.code for i in after[world.period.pk].cset.indicators].index("2.1")
    assert values_b[column] == 10.0
