"""Province-level periods for the web tests (Annex III of Decision 51/2025, tinh-ntm-2026-2030):
a province's variant of the set with a level for the share of communes recognised (test data:
50 %) and one condition of its own, the province's unit of level province and its period."""

from __future__ import annotations

from typing import Any

PROVINCE_SET_CODE = "tinh-ntm-2026-2030-tinh-91"
RECOGNISED = {"1.1": 1.0, "2.1": 75.0, "2.2": 1.0, "3.1": 45.0}  # Xã A, Nhóm 1: every criterion


def province_set() -> Any:
    """The variant: 1.1 (derived from the communes) at 50 %, 1.2 a yes/no the office enters and
    1.3 a percent the office enters (test levels, not official ones)."""
    from ntm.criteria import load_set
    from ntm.domain.criteria import criteria_set_from_data, criteria_set_to_data
    from ntm.web.assessments.services import criteria_set_store

    data = criteria_set_to_data(load_set("tinh-ntm-2026-2030"))
    data |= {"code": PROVINCE_SET_CODE, "parent": "tinh-ntm-2026-2030"}
    criterion = data["criteria"][0]
    criterion["indicators"][0]["thresholds"] = {"all": 50}
    criterion["indicators"] += [
        {"code": "1.2", "name": "Điều kiện thử của tỉnh", "kind": "yes_no", "compare": "=",
         "thresholds": {"all": True}},
        {"code": "1.3", "name": "Tỷ lệ thử của tỉnh", "kind": "percent", "unit": "%",
         "compare": ">=", "thresholds": {"all": 80}},
    ]  # fmt: skip
    criterion["indicators_complete"] = True
    cset = criteria_set_from_data(data)
    return criteria_set_store(cset=cset, data=criteria_set_to_data(cset))


def province_level_period(period: Any, record: Any | None = None) -> Any:
    """``period``'s province: its unit of level province and its province-level period of the
    same year (on ``record``, else the variant above)."""
    from ntm.web.assessments.models import Period
    from ntm.web.units.models import Unit

    code, name = period.province_code, period.province_name
    Unit.objects.get_or_create(regime=period.regime, code=code,
                               defaults={"name": name, "level": "province", "kind": "tỉnh",
                                         "province_code": code, "province_name": name})  # fmt: skip
    record = record or province_set()
    return Period.objects.create(regime=period.regime, province_code=code, province_name=name,
                                 year=period.year, criteria_set=record)  # fmt: skip


def recognise_xa_a(world: Any) -> None:
    """Xã A meets every criterion of the test set: 1 of 91's 2 communes, 50 %."""
    from ntm.web.assessments.models import Assessment, IndicatorValue

    assessment = Assessment.objects.create(unit=world.xa_a, period=world.period)
    for code, value in RECOGNISED.items():
        IndicatorValue.objects.create(assessment=assessment, indicator=code, value=value)
