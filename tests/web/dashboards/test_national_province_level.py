"""The national view from 2026: each province's verdict on the province-level set (Decision
51/2025, tinh-ntm-2026-2030), judged by the engine from its communes and its own indicators, as a
column of the provinces' table and of its spreadsheet — «Chưa xác định» where a level or a value
is unknown, never a guess."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest
from openpyxl import load_workbook

from ntm.criteria import load_set
from ntm.domain.criteria import criteria_set_from_data, criteria_set_to_data
from ntm.web.assessments.models import Assessment, IndicatorValue, Period
from ntm.web.assessments.services import criteria_set_store
from ntm.web.units.models import Unit

RECOGNISED = {"1.1": 1.0, "2.1": 75.0, "2.2": 1.0, "3.1": 45.0}  # Xã A, Nhóm 1: every criterion


def _province_set() -> Any:
    """Tỉnh Thử Nghiệm's variant of the province-level set: a level for the share of communes
    recognised (test data: 50 %) and one condition of its own (a yes/no the office enters)."""
    data = criteria_set_to_data(load_set("tinh-ntm-2026-2030"))
    data |= {"code": "tinh-ntm-2026-2030-tinh-91", "parent": "tinh-ntm-2026-2030"}
    criterion = data["criteria"][0]
    criterion["indicators"][0]["thresholds"] = {"all": 50}
    own = {"code": "1.2", "name": "Điều kiện thử của tỉnh", "kind": "yes_no", "compare": "=",
           "thresholds": {"all": True}}  # fmt: skip
    criterion["indicators"].append(own)
    criterion["indicators_complete"] = True
    cset = criteria_set_from_data(data)
    return criteria_set_store(cset=cset, data=criteria_set_to_data(cset))


@pytest.fixture
def province_level(world: Any) -> IndicatorValue:
    """Xã A recognised (1 of 2 communes: 50 %), and 91's province-level period of 2026 with its
    own condition entered as met."""
    assessment = Assessment.objects.create(unit=world.xa_a, period=world.period)
    for code, value in RECOGNISED.items():
        IndicatorValue.objects.create(assessment=assessment, indicator=code, value=value)
    province = Unit.objects.create(regime="new", code="91", name="Tỉnh Thử Nghiệm",
                                   level="province", kind="tỉnh", province_code="91",
                                   province_name="Tỉnh Thử Nghiệm")  # fmt: skip
    level = Period.objects.create(regime="new", province_code="91", province_name="Tỉnh Thử Nghiệm",
                                  year=2026, criteria_set=_province_set())  # fmt: skip
    own = Assessment.objects.create(unit=province, period=level)
    return IndicatorValue.objects.create(assessment=own, indicator="1.2", value=1.0)


def _annex(client: Any) -> dict[str, str]:
    page = client.get("/tong-hop/ca-nuoc/?year=2026").content.decode()
    table = page.split('id="national-provinces"')[1].split("</table>")[0]
    return dict(re.findall(r'<tr data-province="new-(\d+)">.*?data-col="annex">([^<]*)<', table,
                           re.S))  # fmt: skip


def test_a_province_meeting_its_levels_is_met_and_one_on_the_shipped_set_unknown(
    client: Any, world: Any, province_level: IndicatorValue
) -> None:
    client = world.login(client, "central")
    assert _annex(client) == {"91": "Đạt", "92": "Chưa xác định"}
    page = client.get("/tong-hop/ca-nuoc/?year=2026").content.decode()
    table = page.split('id="national-completion"')[1].split("</table>")[0]
    assert "tinh-ntm-2026-2030-tinh-91" in table and ">50%<" in table


def test_its_own_indicator_not_met_or_not_entered_moves_the_verdict_on_the_next_view(
    client: Any, world: Any, province_level: IndicatorValue
) -> None:
    client = world.login(client, "central")
    assert _annex(client)["91"] == "Đạt"
    IndicatorValue.objects.filter(pk=province_level.pk).update(value=0.0)
    assert _annex(client)["91"] == "Chưa đạt"
    IndicatorValue.objects.filter(pk=province_level.pk).delete()
    assert _annex(client)["91"] == "Chưa xác định"  # its own value unknown: never a guess


def test_the_share_under_the_level_is_not_met(
    client: Any, world: Any, province_level: IndicatorValue
) -> None:
    IndicatorValue.objects.filter(assessment__unit=world.xa_a, indicator="2.1").update(value=10.0)
    assert _annex(world.login(client, "central")) == {"91": "Chưa đạt", "92": "Chưa xác định"}


def test_the_central_offices_province_default_judges_provinces_without_their_own_period(
    client: Any, world: Any, province_level: IndicatorValue
) -> None:
    from ntm.web.accounts.scope import scope_for
    from ntm.web.sets.defaults import national_default_set

    central = world.users["central"]
    client = world.login(client, "central")
    assert _annex(client)["92"] == "Chưa xác định"
    national_default_set(user=central, scope=scope_for(central), record=_province_set())
    # Xã C, 92's one commune, has nothing entered: 0 % under the default's level of 50 %.
    assert _annex(client)["92"] == "Chưa đạt"


def test_the_spreadsheet_holds_the_verdict_and_the_set(
    client: Any, world: Any, province_level: IndicatorValue
) -> None:
    answer = world.login(client, "central").get("/tong-hop/ca-nuoc/?year=2026&export=xlsx")
    sheet = load_workbook(io.BytesIO(answer.content)).active
    headers = [c.value for c in sheet[4]]
    rows = [dict(zip(headers, (c.value for c in row), strict=True)) for row in sheet.iter_rows(5)]
    by_code = {r["Mã tỉnh"]: r for r in rows}
    verdict = "Tỉnh hoàn thành nhiệm vụ NTM (Phụ lục III)"
    assert (by_code["91"][verdict], by_code["91"]["Bộ tiêu chí cấp tỉnh"]) == (
        "Đạt", "tinh-ntm-2026-2030-tinh-91",
    )  # fmt: skip
    assert (by_code["92"][verdict], by_code["92"]["Bộ tiêu chí cấp tỉnh"]) == (
        "Chưa xác định", "tinh-ntm-2026-2030",
    )  # fmt: skip


def _provinces(first: int, last: int, commune_set: Any, province_set: Any) -> None:
    """Provinces of one commune each, each with its province-level period and condition."""
    for n in range(first, last + 1):
        code, name = f"{n:02d}", f"Tỉnh Số {n:02d}"
        Unit.objects.create(regime="new", code=f"{code}001", name="Xã 1", level="commune",
                            kind="xã", province_code=code, province_name=name)  # fmt: skip
        Period.objects.create(regime="new", province_code=code, province_name=name, year=2026,
                              criteria_set=commune_set)  # fmt: skip
        unit = Unit.objects.create(regime="new", code=code, name=name, level="province",
                                   kind="tỉnh", province_code=code, province_name=name)  # fmt: skip
        level = Period.objects.create(regime="new", province_code=code, province_name=name,
                                      year=2026, criteria_set=province_set)  # fmt: skip
        own = Assessment.objects.create(unit=unit, period=level)
        IndicatorValue.objects.create(assessment=own, indicator="1.2", value=1.0)


def test_province_level_periods_read_as_many_queries_for_3_provinces_as_for_30(
    client: Any, world: Any
) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    province_set = _province_set()
    client = world.login(client, "central")

    def fresh() -> int:
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/tong-hop/ca-nuoc/?year=2026").status_code == 200
        return len(queries)

    _provinces(11, 13, world.set_record, province_set)
    client.get("/tong-hop/ca-nuoc/?year=2026")  # sets parsed, session warmed
    three = fresh()
    _provinces(14, 40, world.set_record, province_set)
    assert fresh() == three
    # 11–40: 0 % of their one commune under their level; 91 and 92 on the shipped set.
    assert set(_annex(client).values()) == {"Chưa đạt", "Chưa xác định"}
