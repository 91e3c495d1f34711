"""The dashboard's forecast by indicator trends (issue #15.2): three years of indicator values
saved through the forms' service; each commune's year comes from its unmet indicators' trends
toward its own group's threshold, and «Các xã gần đạt chuẩn nhất» lists them soonest first
with the indicators holding them back."""

from __future__ import annotations

import re

import pytest

from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.models import Period
from ntm.web.assessments.services import assessment_get_or_create, assessment_save

# 2.1 (roads, %) ≥ 70 in group 1 and ≥ 80 in group 2; 3.1 (income) ≥ 40 and ≥ 50 (web_world)
VALUES = {
    2026: {"1.1": 1.0, "2.1": 50.0, "2.2": 1.0, "3.1": 44.0},
    2027: {"1.1": 1.0, "2.1": 55.0, "2.2": 1.0, "3.1": 45.0},
    2028: {"1.1": 1.0, "2.1": 60.0, "2.2": 1.0, "3.1": 46.0},
}


def _save(world, unit, period, values):
    admin = world.users["admin"]
    assessment = assessment_get_or_create(unit=unit, period=period)
    assessment_save(user=admin, scope=scope_for(admin), assessment=assessment, version=None,
                    values=values, channel="form")  # fmt: skip


@pytest.fixture
def page(world, client) -> str:
    periods = {2026: world.period}
    for year in (2027, 2028):
        periods[year] = Period.objects.create(
            regime="new", province_code="91", province_name="Tỉnh Thử Nghiệm", year=year,
            criteria_set=world.set_record,
        )  # fmt: skip
    for year, values in VALUES.items():
        for unit in (world.xa_a, world.xa_b):  # the same values, groups 1 and 2
            _save(world, unit, periods[year], values)
    world.login(client, "office")
    return client.get(f"/tong-hop/?period={periods[2028].pk}").content.decode()


def _row(page: str, code: str) -> str:
    found = re.search(rf'<tr data-commune="{code}">(.*?)</tr>', page, re.S)
    assert found, code
    return found.group(1)


def test_the_closest_communes_are_dated_by_their_indicators_and_their_groups_thresholds(page):
    closest = page[page.index('data-table="forecast-closest"') :]
    assert "Các xã gần đạt chuẩn nhất" in page
    a, b = _row(closest, "91001"), _row(closest, "91002")
    assert closest.index('data-commune="91001"') < closest.index('data-commune="91002"')
    # Xã A (group 1): roads 60 % at +5 a year to 70 %: 2030; income 46 already ≥ 40
    assert "<td data-year>2030</td>" in a
    assert "2. Giao thông: 2030 — theo xu hướng chỉ tiêu" in a
    assert "2.1: 60% (cần ≥ 70%), +5 điểm %/năm" in a
    assert "3. Thu nhập" not in a
    # Xã B (group 2): roads to 80 % and income +1 a year from 46 to 50: both 2032
    assert "<td data-year>2032</td>" in b
    assert "2.1: 60% (cần ≥ 80%), +5 điểm %/năm" in b
    assert "3.1: 46 (cần ≥ 50), +1/năm" in b
    assert "khá chắc chắn, sai số khoảng ±1 năm" in a


def test_the_provinces_count_uses_the_indicator_years(page):
    def expected(year: int) -> str:
        row = re.search(rf'<tr data-year="{year}" data-kind="forecast">(.*?)</tr>', page, re.S)
        assert row, year
        found = re.search(r"<td data-expected>([^<]*)</td>", row.group(1))
        assert found
        return found.group(1)

    assert [expected(y) for y in (2029, 2030)] == ["0", "1"]


def test_a_yes_no_criterion_not_met_takes_the_count_pace_and_the_page_says_why(world, client):
    periods = {2026: world.period}
    periods[2027] = Period.objects.create(
        regime="new", province_code="91", province_name="Tỉnh Thử Nghiệm", year=2027,
        criteria_set=world.set_record,
    )  # fmt: skip
    for year in (2026, 2027):
        _save(world, world.xa_a, periods[year], {**VALUES[year], "1.1": 0.0})
    world.login(client, "office")
    page = client.get(f"/tong-hop/?period={periods[2027].pk}").content.decode()
    row = _row(page[page.index('data-table="forecast-closest"') :], "91001")
    # 1 of 3 criteria met both years: the count pace does not move, no year for criterion 1
    assert (
        "1. Quy hoạch: chưa rõ — theo tốc độ số tiêu chí (chỉ tiêu 1.1 là chỉ tiêu có/không)" in row
    )
    assert "2. Giao thông: 2030 — theo xu hướng chỉ tiêu" in row  # 55 % at +5 a year to 70 %
    assert "<td data-year>chưa rõ</td>" in row
