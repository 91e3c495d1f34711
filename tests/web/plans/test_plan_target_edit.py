"""Editing a plan target: the add form prefilled with the target, the add form's checks, each
change audited old → new ("Sửa mục tiêu") and listed on the targets page; a save that changes
nothing writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from ntm.web.audit.models import AuditEntry
from ntm.web.public.models import PlanTarget

pytestmark = pytest.mark.django_db

TARGET = {
    "measure": "communes_recognised_share",
    "value": "65",
    "year": "2030",
    "baseline_year": "2025",
    "plan": "Nghị quyết 257/2025/QH15",
}


@pytest.fixture
def target(client: Any, world: Any) -> PlanTarget:
    world.login(client, "office")
    assert client.post(f"/ky/{world.period.pk}/chi-tieu-ke-hoach/", TARGET).status_code == 302
    return PlanTarget.objects.get()


def _url(world: Any, target: PlanTarget) -> str:
    return f"/ky/{world.period.pk}/chi-tieu-ke-hoach/{target.pk}/sua/"


def test_the_edit_form_is_the_add_form_prefilled(
    client: Any, world: Any, target: PlanTarget
) -> None:
    page = client.get(_url(world, target)).content.decode()
    assert '<option value="communes_recognised_share" selected>' in page
    assert 'name="value" value="65"' in page and 'name="baseline_year" value="2025"' in page
    assert 'value="Nghị quyết 257/2025/QH15"' in page


def test_an_edit_is_saved_and_audited_old_to_new_and_listed_on_the_page(
    client: Any, world: Any, target: PlanTarget
) -> None:
    response = client.post(_url(world, target), TARGET | {"value": "70,5", "year": "2029"})
    assert response.status_code == 302
    target.refresh_from_db()
    assert (target.value, target.year) == (70.5, 2029)
    entry = AuditEntry.objects.filter(kind="target").latest("id")
    assert entry.old.endswith("≥ 65 đến năm 2030 (năm gốc 2025); Nghị quyết 257/2025/QH15")
    assert entry.new.endswith("≥ 70,5 đến năm 2029 (năm gốc 2025); Nghị quyết 257/2025/QH15")
    assert (entry.unit_code, entry.period_id_ref, entry.username) == (
        "91",
        world.period.pk,
        "office",
    )
    page = client.get(f"/ky/{world.period.pk}/chi-tieu-ke-hoach/").content.decode()
    history = page.split('id="target-history"', 1)[1]
    assert f"Sửa mục tiêu KH{target.pk}" in history and f"Thêm mục tiêu KH{target.pk}" in history
    assert "≥ 70,5 đến năm 2029" in history


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"value_high": "60"}, "Cận trên nhỏ hơn cận dưới."),
        ({"year": "2025"}, "Năm mục tiêu phải sau năm gốc."),
        ({"value": "-3"}, "Giá trị phải là số không âm"),
        ({"measure": "communes_meeting_criterion"}, "Chỉ tiêu này cần tham số."),
    ],
)
def test_the_edit_keeps_the_add_form_checks(
    client: Any, world: Any, target: PlanTarget, change: dict[str, str], message: str
) -> None:
    response = client.post(_url(world, target), TARGET | change)
    assert response.status_code == 400 and message in response.content.decode()
    target.refresh_from_db()
    assert (target.measure, target.value, target.year) == ("communes_recognised_share", 65, 2030)
    assert AuditEntry.objects.filter(kind="target").count() == 1  # the add only


def test_a_prefilled_form_saved_unchanged_keeps_every_decimal_and_writes_nothing(
    client: Any, world: Any
) -> None:
    world.login(client, "office")
    income = {
        "measure": "indicator",
        "parameter": "income_million",
        "value": "2,5",
        "value_high": "3",
        "relative": "on",
        "year": "2030",
        "baseline_year": "2020",
        "baseline_value": "41,123456",
    }
    client.post(f"/ky/{world.period.pk}/chi-tieu-ke-hoach/", income)
    target = PlanTarget.objects.get()
    page = client.get(_url(world, target)).content.decode()
    assert 'name="baseline_value" value="41,123456"' in page and 'name="value" value="2,5"' in page
    same = income | {"baseline_value": "41,123456"}
    assert client.post(_url(world, target), same).status_code == 302
    target.refresh_from_db()
    assert (target.value, target.value_high, target.baseline_value) == (2.5, 3.0, 41.123456)
    assert AuditEntry.objects.filter(kind="target").count() == 1


def test_a_deleted_target_is_audited_and_the_audit_names_the_change_in_vietnamese(
    client: Any, world: Any, target: PlanTarget
) -> None:
    client.post(f"/ky/{world.period.pk}/chi-tieu-ke-hoach/{target.pk}/xoa/")
    assert not PlanTarget.objects.exists()
    entry = AuditEntry.objects.filter(kind="target").latest("id")
    assert "≥ 65 đến năm 2030" in entry.old and entry.new == ""
    assert entry.get_kind_display() == "Chỉ tiêu kế hoạch"
    page = client.get(f"/ky/{world.period.pk}/chi-tieu-ke-hoach/").content.decode()
    assert f"Xóa mục tiêu KH{target.pk}" in page


def test_a_target_of_another_province_is_not_found_under_this_period(
    client: Any, world: Any, target: PlanTarget
) -> None:
    other = PlanTarget.objects.create(
        regime="new",
        province_code="92",
        year=2030,
        measure="communes_recognised",
        value=10,
        baseline_year=2025,
    )
    assert client.get(_url(world, other)).status_code == 404
    assert client.post(_url(world, other), TARGET).status_code == 404
    other.refresh_from_db()
    assert other.value == 10
