"""Queries sized for the country: the national view, a province dashboard, the public index and
the home page read the same number of queries with 3 provinces as with 30, computed afresh
(the cache emptied) and kept."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from web_world import TEST_SET

from ntm.domain.criteria import criteria_set_from_data
from ntm.web.accounts.models import Role, RoleAssignment
from ntm.web.assessments.models import Assessment, CriterionStatus, IndicatorValue, Period
from ntm.web.assessments.services import criteria_set_store
from ntm.web.units.models import Unit

PAGES = {  # page → the user who reads it
    "/tong-hop/ca-nuoc/": "central",
    "/tong-hop/": "office",
    "/public/": None,
    "/": "central",
}


def _province(number: int, record) -> None:
    """A province of three communes, two years, with values and a status given."""
    code, name = f"{number:02d}", f"Tỉnh Số {number:02d}"
    units = [
        Unit.objects.create(regime="new", code=f"{code}{i:03d}", name=f"Xã {i}", level="commune",
                            kind="xã", province_code=code, province_name=name, group=str(i))
        for i in (1, 2, 3)
    ]  # fmt: skip
    for year in (2026, 2027):
        period = Period.objects.create(regime="new", province_code=code, province_name=name,
                                       year=year, criteria_set=record)  # fmt: skip
        for i, unit in enumerate(units):
            a = Assessment.objects.create(unit=unit, period=period)
            IndicatorValue.objects.bulk_create([
                IndicatorValue(assessment=a, indicator="1.1", value=1.0),
                IndicatorValue(assessment=a, indicator="2.1", value=60.0 + 15 * i),
                IndicatorValue(assessment=a, indicator="3.1", value=45.0 + year - 2026),
            ])  # fmt: skip
            CriterionStatus.objects.create(assessment=a, criterion=2, status=i % 2)


def _users() -> dict[str, User]:
    central = User.objects.create_user("trung-uong")
    RoleAssignment.objects.create(user=central, role=Role.CENTRAL)
    office = User.objects.create_user("van-phong")
    RoleAssignment.objects.create(user=office, role=Role.PROVINCE, regime="new",
                                  province_code="01")  # fmt: skip
    return {"central": central, "office": office}


def _counts(client, users: dict[str, User]) -> dict[str, tuple[int, int]]:
    """Page → (queries computed afresh, queries when kept)."""
    out = {}
    for url, who in PAGES.items():
        client.logout()
        if who:
            client.force_login(users[who])
        assert client.get(url).status_code == 200, url  # parsed sets and sessions warmed
        cache.clear()
        found = []
        for _fresh_then_kept in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(url).status_code == 200, url
            found.append(len(queries))
        out[url] = (found[0], found[1])
    return out


def test_each_page_reads_as_many_queries_for_3_provinces_as_for_30(client, db):
    record = criteria_set_store(cset=criteria_set_from_data(TEST_SET), data=TEST_SET)
    users = _users()
    for n in range(1, 4):
        _province(n, record)
    three = _counts(client, users)
    for n in range(4, 31):
        _province(n, record)
    thirty = _counts(client, users)
    assert thirty == three
    assert three["/public/"][1] <= 2  # kept: the data version (and nothing per province)


def test_after_a_save_the_national_view_reads_again_only_the_province_year_it_moved(client, db):
    record = criteria_set_store(cset=criteria_set_from_data(TEST_SET), data=TEST_SET)
    users = _users()
    for n in range(1, 6):
        _province(n, record)
    client.force_login(users["central"])
    assert client.get("/tong-hop/ca-nuoc/").status_code == 200
    moved = Period.objects.get(province_code="03", year=2027)
    IndicatorValue.objects.filter(assessment__period=moved, indicator="2.1").update(value=99.0)
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/tong-hop/ca-nuoc/").status_code == 200
    reads = [q["sql"] for q in queries if "assessments_indicatorvalue" in q["sql"]]
    assert len(reads) == 1 and f"IN ({moved.pk})" in reads[0]
