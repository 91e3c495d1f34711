"""The central office and the sets of the provinces' periods (issue #11 gap): it attaches the
national set, or the province's own variant, to any province's open period, and sets the
national default of a programme period, which every new province period then starts with;
every change is logged (who, what, before and after)."""

from __future__ import annotations

from typing import Any

import pytest

from ntm.web.assessments.models import Period, PeriodState
from ntm.web.readmodel.versions import period_versions
from ntm.web.sets.defaults import national_default, period_create
from ntm.web.sets.models import NationalDefault, SetLog
from ntm.web.sets.services import variant_start


def _attach(client: Any, period: Period, choice: str) -> Any:
    return client.post(f"/ky/{period.pk}/bo-tieu-chi/gan/", {"choice": choice})


def test_the_central_office_attaches_the_national_set_to_a_provinces_period(
    client: Any, world: Any
) -> None:
    client = world.login(client, "central")
    before = dict(period_versions([world.period.pk]))[world.period.pk]
    page = client.get(f"/ky/{world.period.pk}/bo-tieu-chi/gan/").content.decode()
    assert 'data-choice="s:xa-ntm-2026-2030"' in page  # the shipped national set is offered
    assert 'data-choice="s:xa-ntm-2021-2025"' not in page  # not another programme's
    answer = _attach(client, world.period, "s:xa-ntm-2026-2030")
    assert answer.status_code == 302
    world.period.refresh_from_db()
    assert world.period.criteria_set.code == "xa-ntm-2026-2030"
    log = SetLog.objects.get(action="attach")
    assert (log.username, log.set_code, log.period_id_ref) == (
        "central", "xa-ntm-2026-2030", world.period.pk,
    )  # fmt: skip
    assert log.old.startswith("xa-thu-nghiem") and log.new.startswith("xa-ntm-2026-2030")
    assert dict(period_versions([world.period.pk]))[world.period.pk] > before  # judged again


def test_the_central_office_attaches_a_provinces_variant_and_sees_the_attach_link(
    client: Any, world: Any
) -> None:
    office = world.users["office"]
    from ntm.web.accounts.scope import scope_for

    variant = variant_start(user=office, scope=scope_for(office), period=world.period,
                            base_code="xa-ntm-2026-2030")  # fmt: skip
    version = variant.current()
    client = world.login(client, "central")
    overview = client.get(f"/ky/{world.period.pk}/bo-tieu-chi/").content.decode()
    assert f"/ky/{world.period.pk}/bo-tieu-chi/gan/" in overview
    assert "/bo-tieu-chi/soan/" not in overview  # authoring stays the province's
    assert _attach(client, world.period, f"v:{version.pk}").status_code == 302
    world.period.refresh_from_db()
    assert world.period.criteria_set_id == version.record_id
    # Another province's variant is not among this period's choices.
    assert _attach(client, world.other_period, f"v:{version.pk}").status_code == 400


def test_a_closed_period_keeps_its_set_whoever_asks(client: Any, world: Any) -> None:
    Period.objects.filter(pk=world.period.pk).update(state=PeriodState.CLOSED)
    client = world.login(client, "central")
    answer = _attach(client, world.period, "s:xa-ntm-2026-2030")
    assert answer.status_code == 302
    page = client.get(answer["Location"]).content.decode()
    assert "Kỳ đã đóng hoặc đã khóa: không đổi được bộ tiêu chí." in page
    world.period.refresh_from_db()
    assert world.period.criteria_set.code == "xa-thu-nghiem"
    assert not SetLog.objects.filter(action="attach").exists()


def test_the_central_office_sets_the_default_a_new_period_starts_with(
    client: Any, world: Any
) -> None:
    client = world.login(client, "central")
    page = client.get("/bo-tieu-chi/").content.decode()
    assert "Chưa đặt bộ mặc định nào" in page and 'id="national-default-form"' in page
    answer = client.post("/bo-tieu-chi/mac-dinh/", {"choice": "s:xa-ntm-2026-2030"})
    assert answer.status_code == 302
    default = NationalDefault.objects.get()
    assert (default.first_year, default.last_year, default.record.code, default.username) == (
        2026, 2030, "xa-ntm-2026-2030", "central",
    )  # fmt: skip
    log = SetLog.objects.get(action="default")
    assert log.username == "central" and log.new.startswith("2026–2030: xa-ntm-2026-2030")
    assert national_default(year=2028) == default.record
    assert national_default(year=2025) is None
    created = period_create(regime="new", province_code="93", province_name="Tỉnh Mới",
                            year=2027)  # fmt: skip
    assert created.criteria_set == default.record
    shown = client.get("/bo-tieu-chi/").content.decode()
    assert 'data-default="2026-2030"' in shown and "Chưa đặt bộ mặc định nào" not in shown


def test_a_new_period_in_the_admin_starts_with_the_default(client: Any, world: Any) -> None:
    client = world.login(client, "central")
    client.post("/bo-tieu-chi/mac-dinh/", {"choice": "s:xa-ntm-2026-2030"})
    admin = world.login(client, "admin")
    form = {"regime": "new", "province_code": "93", "province_name": "Tỉnh Mới", "year": "2027",
            "criteria_set": "", "state": "open"}  # fmt: skip
    answer = admin.post("/quan-tri/assessments/period/add/", form)
    assert answer.status_code == 302, answer.content.decode()[:2000]
    created = Period.objects.get(province_code="93")
    assert created.criteria_set == NationalDefault.objects.get().record


def test_without_a_default_the_admin_asks_for_a_set_in_vietnamese(client: Any, world: Any) -> None:
    admin = world.login(client, "admin")
    form = {"regime": "new", "province_code": "93", "province_name": "Tỉnh Mới", "year": "2027",
            "criteria_set": "", "state": "open"}  # fmt: skip
    answer = admin.post("/quan-tri/assessments/period/add/", form)
    assert answer.status_code == 200
    assert "Chưa có bộ tiêu chí mặc định cho năm 2027" in answer.content.decode()
    assert not Period.objects.filter(province_code="93").exists()
    with pytest.raises(Exception, match="Chưa có bộ tiêu chí mặc định cho năm"):
        period_create(regime="new", province_code="93", province_name="Tỉnh Mới", year=2027)


@pytest.mark.parametrize("role", ["office", "reviewer", "officer_a"])
def test_only_the_central_office_sets_the_default(client: Any, world: Any, role: str) -> None:
    answer = world.login(client, role).post("/bo-tieu-chi/mac-dinh/",
                                            {"choice": "s:xa-ntm-2026-2030"})  # fmt: skip
    assert answer.status_code == 403
    assert not NationalDefault.objects.exists()


def test_a_set_of_another_tier_is_not_offered_as_the_default(client: Any, world: Any) -> None:
    client = world.login(client, "central")
    answer = client.post("/bo-tieu-chi/mac-dinh/", {"choice": "s:xa-ntm-hien-dai-2026-2030"})
    assert answer.status_code == 302
    assert "Chọn một bộ tiêu chí trong danh sách." in client.get("/bo-tieu-chi/").content.decode()
    assert not NationalDefault.objects.exists()
