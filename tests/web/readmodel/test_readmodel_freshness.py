"""Whatever writes the data — the admin, a raw ORM update — the next dashboard, public page and
API answer show it: the database's triggers move the period's data version, and every cached
figure is keyed by it."""

from __future__ import annotations

import re

from django.db import connection

from ntm.web.assessments.models import Assessment, CriterionStatus
from ntm.web.readmodel.triggers import installed_triggers, trigger_names
from ntm.web.readmodel.versions import period_versions


def _dashboard_recognised(client, world) -> str:
    page = client.get(f"/tong-hop/?period={world.period.pk}").content.decode()
    return re.search(r'data-figure="recognised">([^<]*)<', page).group(1)


def _public_meeting_all(client, world) -> str:
    page = client.get("/public/").content.decode()
    row = re.search(r"Tỉnh Thử Nghiệm</a></td><td>\d+</td>\s*<td>[^<]*</td><td>([^<]*)<", page)
    return row.group(1)


def _api_recognised(client, world) -> int:
    return client.get(f"/api/periods/{world.period.pk}/rollup").json()["recognised"]


def _figures(client, world) -> tuple[str, str, int]:
    return (
        _dashboard_recognised(client, world),
        _public_meeting_all(client, world),
        _api_recognised(client, world),
    )


def _xa_a_statuses(world, status: int) -> Assessment:
    assessment = Assessment.objects.create(unit=world.xa_a, period=world.period)
    CriterionStatus.objects.bulk_create(
        CriterionStatus(assessment=assessment, criterion=n, status=status) for n in (1, 2, 3)
    )
    return assessment


def test_every_trigger_of_the_read_model_exists_after_all_migrations(db):
    assert installed_triggers(connection) == set(trigger_names())


def test_insert_update_and_delete_each_move_the_periods_data_version(world):
    def version() -> int:
        return dict(period_versions([world.period.pk, world.other_period.pk]))[world.period.pk]

    before = version()
    assessment = _xa_a_statuses(world, 0)
    inserted = version()
    CriterionStatus.objects.filter(assessment=assessment).update(status=1)
    updated = version()
    CriterionStatus.objects.filter(assessment=assessment).delete()
    assert before < inserted < updated < version()
    assert dict(period_versions([world.other_period.pk]))[world.other_period.pk] == 0


def test_a_raw_orm_update_shows_on_the_next_dashboard_public_page_and_api_answer(client, world):
    assessment = _xa_a_statuses(world, 0)
    world.login(client, "admin")
    assert _figures(client, world) == ("0", "0", 0)
    assert _figures(client, world) == ("0", "0", 0)  # now read from the cache
    CriterionStatus.objects.filter(assessment=assessment).update(status=1)
    assert _figures(client, world) == ("1", "1", 1)


def test_an_edit_in_the_django_admin_shows_on_the_next_pages(client, world):
    assessment = _xa_a_statuses(world, 1)
    world.login(client, "admin")
    assert _figures(client, world) == ("1", "1", 1)
    statuses = list(CriterionStatus.objects.filter(assessment=assessment).order_by("criterion"))
    form = {"values-TOTAL_FORMS": "0", "values-INITIAL_FORMS": "0",
            "statuses-TOTAL_FORMS": "3", "statuses-INITIAL_FORMS": "3", "_save": "Lưu"}  # fmt: skip
    for i, row in enumerate(statuses):
        form |= {f"statuses-{i}-id": str(row.pk), f"statuses-{i}-assessment": str(assessment.pk),
                 f"statuses-{i}-criterion": str(row.criterion),
                 f"statuses-{i}-status": "0" if row.criterion == 2 else "1",
                 f"statuses-{i}-comment": ""}  # fmt: skip
    url = f"/quan-tri/assessments/assessment/{assessment.pk}/change/"
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert CriterionStatus.objects.get(assessment=assessment, criterion=2).status == 0
    assert _figures(client, world) == ("0", "0", 0)


def test_a_period_added_or_locked_outside_any_service_shows_on_the_next_home_page(client, world):
    from ntm.web.assessments.models import Period, PeriodState

    world.login(client, "central")
    first = client.get("/").content.decode()
    assert "2027" not in first and str(PeriodState.LOCKED.label) not in first
    later = Period.objects.create(regime="new", province_code="91", province_name="Tỉnh Thử Nghiệm",
                                  year=2027, criteria_set=world.set_record)  # fmt: skip
    assert "2027" in client.get("/").content.decode()
    Period.objects.filter(pk=later.pk).update(state=PeriodState.LOCKED)
    assert str(PeriodState.LOCKED.label) in client.get("/").content.decode()
