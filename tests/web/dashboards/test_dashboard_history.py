"""A commune's page shows its criteria over the years, carried across the 2025 merger."""

from __future__ import annotations

import copy
import datetime as dt
import re

import pytest
from web_world import TEST_SET

from ntm.domain.criteria import criteria_set_from_data
from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.models import Period
from ntm.web.assessments.services import (
    assessment_get_or_create,
    assessment_save,
    criteria_set_store,
)
from ntm.web.recognition.models import RecognitionDecision, Submission
from ntm.web.units.models import Unit

OLD_SET = {**copy.deepcopy(TEST_SET), "code": "xa-thu-nghiem-cu", "period": [2016, 2020]}


def _old_unit(code: str, name: str) -> Unit:
    return Unit.objects.create(
        regime="old", code=code, name=name, province_code="91", province_name="Tỉnh Thử Nghiệm",
        district_code="911", district_name="Huyện Thử", group="1",
    )  # fmt: skip


def _save(world, unit, period, values):
    admin = world.users["admin"]
    assessment = assessment_get_or_create(unit=unit, period=period)
    assessment_save(user=admin, scope=scope_for(admin), assessment=assessment, version=None,
                    values=values, channel="form")  # fmt: skip


@pytest.fixture
def merged(world):
    """Xã A (from 1/7/2025) was made of two old communes, judged in 2019 and 2020."""
    record = criteria_set_store(cset=criteria_set_from_data(OLD_SET), data=OLD_SET)
    one, two = _old_unit("91101", "Xã Cũ Một"), _old_unit("91102", "Xã Cũ Hai")
    world.xa_a.predecessors.add(one, two)
    periods = {
        year: Period.objects.create(regime="old", province_code="91", year=year,
                                    province_name="Tỉnh Thử Nghiệm", criteria_set=record)
        for year in (2019, 2020)
    }  # fmt: skip
    _save(world, one, periods[2019], {"1.1": 1.0, "2.1": 65.0, "2.2": 1.0, "3.1": 41.5})
    _save(world, one, periods[2020], {"1.1": 1.0, "2.1": 72.5, "2.2": 1.0, "3.1": 43.0})
    _save(world, two, periods[2020], {"1.1": 0.0})
    _save(world, world.xa_a, world.period, {"1.1": 1.0, "2.1": 90.0, "2.2": 3.0, "3.1": 60.0})
    return one, two


def _section(page: str, code: str) -> str:
    found = re.search(rf'<section [^>]*data-history="{code}">(.*?)</section>', page, re.S)
    assert found, code
    return found.group(1)


def _line(section: str, key: str) -> list[str]:
    row = re.search(rf'data-line="{key}">(.*?)</tr>', section, re.S)
    assert row, key
    cells = re.findall(r"<td>(.*?)</td>", row.group(1), re.S)[1:]
    return [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", c)).strip() for c in cells]


def test_a_new_commune_shows_the_history_of_the_old_communes_it_came_from(client, world, merged):
    page = world.login(client, "officer_a").get(f"/xa/{world.xa_a.pk}/lich-su/").content.decode()
    own, one, two = _section(page, "91001"), _section(page, "91101"), _section(page, "91102")
    assert "<th>2026</th>" in own and _line(own, "criterion-2") == ["Đạt"]
    assert "<th>2019</th><th>2020</th>" in one
    assert _line(one, "criterion-2") == ["Chưa đạt", "Đạt"]
    assert _line(one, "indicator-2.1") == ["Chưa đạt (65)", "Đạt (72,5)"]
    assert _line(one, "indicator-3.1") == ["Đạt (41,5)", "Đạt (43)"]
    assert _line(two, "criterion-1") == ["Chưa đạt"]
    assert "Xã được thành lập ngày 1/7/2025 từ" in page


def test_an_old_commune_names_the_new_commune_it_went_into(client, world, merged):
    one, _two = merged
    page = world.login(client, "admin").get(f"/xa/{one.pk}/lich-su/").content.decode()
    assert f'href="/xa/{world.xa_a.pk}/lich-su/">Xã A</a>' in page
    assert _line(_section(page, "91101"), "criterion-1") == ["Đạt", "Đạt"]


def test_a_commune_officer_cannot_read_the_history_of_a_commune_of_another_province(client, world):
    response = world.login(client, "officer_a").get(f"/xa/{world.xa_c.pk}/lich-su/")
    assert response.status_code == 403
    assert "quyền" in response.content.decode()


def test_the_recognition_of_an_old_commune_shows_on_the_new_communes_page(client, world, merged):
    one, _two = merged
    period = Period.objects.get(regime="old", year=2020)
    submission = Submission.objects.create(unit=one, period=period, tier="standard",
                                           state="recognised")  # fmt: skip
    RecognitionDecision.objects.create(submission=submission, number="123/QĐ-UBND",
                                       date=dt.date(2020, 12, 30), tier="standard",
                                       signer="Chủ tịch UBND tỉnh")  # fmt: skip
    page = world.login(client, "officer_a").get(f"/xa/{world.xa_a.pk}/lich-su/").content.decode()
    table = re.search(r'<table data-table="recognition">(.*?)</table>', page, re.S).group(1)
    cells = [re.sub(r"\s+", " ", c).strip() for c in re.findall(r"<td>(.*?)</td>", table, re.S)]
    assert cells[:5] == ["2020", "Xã Cũ Một", "Xã đạt chuẩn nông thôn mới", "Đã công nhận",
                         "123/QĐ-UBND, 30/12/2020"]  # fmt: skip
