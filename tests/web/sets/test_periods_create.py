"""The central office creates periods on /ky/tao/: a year, a level, one, several or every
province of the regime, with the national default of that level (or a set chosen); a period
already there is reported, not made twice; all or nothing; each period logged."""

from __future__ import annotations

from typing import Any

from province_world import province_set

from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.models import Period
from ntm.web.sets.defaults import national_default_set
from ntm.web.sets.models import SetLog
from ntm.web.units.models import Unit

ALL_NEW = {"regime": "new", "level": "commune", "year": "2027", "everyone": "on", "choice": ""}


def _default(world: Any, record: Any) -> None:
    central = world.users["central"]
    national_default_set(user=central, scope=scope_for(central), record=record)


def _messages(client: Any, answer: Any) -> str:
    assert answer.status_code == 302 and answer["Location"] == "/ky/tao/"
    return client.get("/ky/tao/").content.decode()


def test_every_province_at_once_then_a_second_run_creates_none_and_says_so(
    client: Any, world: Any
) -> None:
    _default(world, world.set_record)
    central = world.login(client, "central")
    page = _messages(central, central.post("/ky/tao/", ALL_NEW))
    assert "Đã tạo 2 kỳ đánh giá." in page
    made = Period.objects.filter(year=2027).order_by("province_code")
    assert [(p.province_code, p.criteria_set_id) for p in made] == [
        ("91", world.set_record.pk), ("92", world.set_record.pk),
    ]  # fmt: skip
    logs = SetLog.objects.filter(action="period").order_by("period_id_ref")
    assert [(s.username, s.period_id_ref) for s in logs] == [("central", p.pk) for p in made]
    page = _messages(central, central.post("/ky/tao/", ALL_NEW))
    assert "Không tạo kỳ nào: mọi tỉnh đã chọn đều đã có kỳ này." in page
    assert "Tỉnh Thử Nghiệm 2027" in page and "Tỉnh Bên Cạnh 2027" in page
    assert Period.objects.filter(year=2027).count() == 2
    assert SetLog.objects.filter(action="period").count() == 2


def test_province_level_periods_get_their_province_unit_and_their_page(
    client: Any, world: Any
) -> None:
    record = province_set()
    central = world.login(client, "central")
    data = ALL_NEW | {"level": "province", "year": "2026", "everyone": "", "provinces": ["new:91"],
                      "choice": ""}  # fmt: skip
    answer = central.post("/ky/tao/", data)  # no default of level province yet
    assert answer.status_code == 400
    assert "Chưa có bộ tiêu chí mặc định cấp tỉnh cho năm 2026" in answer.content.decode()
    assert not Period.objects.filter(criteria_set=record).exists()
    _default(world, record)
    assert "Đã tạo 1 kỳ đánh giá." in _messages(central, central.post("/ky/tao/", data))
    level = Period.objects.get(criteria_set=record)
    assert level.province_code == "91" and level.year == 2026
    unit = Unit.objects.get(regime="new", code="91")
    assert (unit.level, unit.kind, unit.name) == ("province", "tỉnh", "Tỉnh Thử Nghiệm")
    assert client.get(f"/ky/{level.pk}/cap-tinh/").status_code == 200
    # The commune period of 91 in 2026 is of the other level: it was not "already there".
    assert Period.objects.filter(province_code="91", year=2026).count() == 2


def test_one_existing_is_reported_and_the_others_made(client: Any, world: Any) -> None:
    _default(world, world.set_record)
    central = world.login(client, "central")
    first = ALL_NEW | {"everyone": "", "provinces": ["new:92"]}
    _messages(central, central.post("/ky/tao/", first))
    both = ALL_NEW | {"everyone": "", "provinces": ["new:91", "new:92"]}
    page = _messages(central, central.post("/ky/tao/", both))
    assert (
        "Đã tạo 1 kỳ đánh giá." in page and "Đã có sẵn, không tạo lại: Tỉnh Bên Cạnh 2027" in page
    )
    assert Period.objects.filter(year=2027).count() == 2


def test_a_set_of_another_level_or_years_or_an_unknown_province_creates_nothing(
    client: Any, world: Any
) -> None:
    central = world.login(client, "central")
    wrong_level = ALL_NEW | {"choice": "s:tinh-ntm-2026-2030"}
    answer = central.post("/ky/tao/", wrong_level)
    assert answer.status_code == 400
    assert "không phải bộ tiêu chí cấp xã" in answer.content.decode()
    wrong_years = ALL_NEW | {"choice": "s:xa-ntm-2021-2025"}
    assert "không áp dụng cho năm 2027" in central.post("/ky/tao/", wrong_years).content.decode()
    unknown = ALL_NEW | {"everyone": "", "provinces": ["new:91"], "regime": "old",
                         "choice": "s:xa-ntm-2026-2030"}  # fmt: skip
    answer = central.post("/ky/tao/", unknown)
    assert answer.status_code == 400 and "Tỉnh 91 không có xã nào" in answer.content.decode()
    none = ALL_NEW | {"everyone": "", "choice": "s:xa-ntm-2026-2030"}
    assert "Chưa chọn tỉnh nào." in central.post("/ky/tao/", none).content.decode()
    assert not Period.objects.filter(year=2027).exists()
    assert not SetLog.objects.filter(action="period").exists()


def test_a_province_office_cannot_create_periods(client: Any, world: Any) -> None:
    _default(world, world.set_record)
    office = world.login(client, "office")
    assert office.get("/ky/tao/").status_code == 403
    assert office.post("/ky/tao/", ALL_NEW).status_code == 403
    assert not Period.objects.filter(year=2027).exists()
