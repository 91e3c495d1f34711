"""Villages: the model-commune condition "at least one smart village" (Decision 319, criterion 3
of the kieu-mau set) is judged from the village registry, and flips when a standing is recorded
or removed; village and model files are imported whole or not at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from ntm.criteria import load_set
from ntm.domain.evaluation import MET, NOT_MET
from ntm.web.assessments.models import Period
from ntm.web.assessments.services import criteria_set_store
from ntm.web.readmodel.inputs import period_evaluation
from ntm.web.registries.models import Initiative, Standing, Village, VillageStanding
from ntm.web.registries.selectors import VillageCounts, village_counts
from ntm.web.registries.services import (
    StandingInput,
    village_add,
    village_standing_record,
    village_standing_remove,
)

pytestmark = pytest.mark.django_db
SMART_CRITERION = 3  # "Thôn thông minh" in xa-ntm-kieu-mau-2021-2025


@pytest.fixture
def model_period(world: Any) -> Period:
    record = criteria_set_store(cset=load_set("xa-ntm-kieu-mau-2021-2025"))
    return Period.objects.create(
        regime="new",
        province_code="91",
        province_name="Tỉnh Thử Nghiệm",
        year=2025,
        criteria_set=record,
    )


def _smart_status(period: Period, world: Any) -> int:
    ev = period_evaluation(period=period, units=[world.xa_a])
    column = ev.cset.criterion_numbers.index(SMART_CRITERION)
    return int(ev.criterion_status[0, column])


def test_the_smart_village_condition_flips_when_a_standing_is_recorded(
    world: Any, model_period: Period
) -> None:
    office, scope = world.users["office"], _scope(world)
    village = village_add(user=office, scope=scope, unit=world.xa_a, name="Thôn 1", kind="thon")
    ntm = StandingInput(village, 2025, Standing.NTM, "5/QĐ-UBND", date(2025, 3, 1))
    village_standing_record(user=office, scope=scope, item=ntm, channel="form")
    assert _smart_status(model_period, world) != MET
    smart = StandingInput(village, 2025, Standing.SMART, "7/QĐ-UBND", date(2025, 6, 1))
    record = village_standing_record(user=office, scope=scope, item=smart, channel="form")
    assert _smart_status(model_period, world) == MET
    village_standing_remove(user=office, scope=scope, record=record)
    assert _smart_status(model_period, world) == NOT_MET


def test_a_smart_village_of_a_later_year_does_not_count_for_an_earlier_period(
    world: Any, model_period: Period
) -> None:
    office, scope = world.users["office"], _scope(world)
    village = village_add(user=office, scope=scope, unit=world.xa_a, name="Thôn 2", kind="ban")
    later = StandingInput(village, 2026, Standing.SMART, "9/QĐ-UBND", date(2026, 2, 1))
    village_standing_record(user=office, scope=scope, item=later, channel="form")
    assert _smart_status(model_period, world) == NOT_MET


def _scope(world: Any) -> Any:
    from ntm.web.accounts.scope import scope_for

    return scope_for(world.users["office"])


def _upload(client: Any, url: str, path: Path) -> Any:
    with path.open("rb") as handle:
        return client.post(url, {"regime": "new", "file": handle})


def test_a_villages_file_registers_villages_and_standings(
    client: Any, world: Any, model_period: Period, tmp_path: Path
) -> None:
    path = tmp_path / "thon.csv"
    path.write_text(
        "unit_code,village,kind,year,standing,decision_number,decision_date\n"
        "91001,Thôn 1,Thôn,2025,Thôn thông minh,7/QĐ-UBND,01/6/2025\n"
        "91001,Thôn 2,bản,2025,ntm,8/QĐ-UBND,2025-06-02\n"
        "91002,Tổ 3,Tổ dân phố,,,,\n",
        encoding="utf-8",
    )
    world.login(client, "office")
    assert _upload(client, "/so-theo-doi/thon/nhap/", path).status_code == 302
    assert Village.objects.count() == 3 and VillageStanding.objects.count() == 2
    assert village_counts(province_code="91", year=2025) == VillageCounts(3, 1, 0, 1)
    assert _smart_status(model_period, world) == MET


def test_a_villages_file_with_a_bad_date_saves_nothing(
    client: Any, world: Any, tmp_path: Path
) -> None:
    path = tmp_path / "thon.csv"
    path.write_text(
        "unit_code,village,kind,year,standing,decision_number,decision_date\n"
        "91001,Thôn 1,Thôn,2025,smart,7/QĐ-UBND,01/6/2025\n"
        "91001,Thôn 2,Thôn,2025,ntm,8/QĐ-UBND,ba mươi\n",
        encoding="utf-8",
    )
    world.login(client, "office")
    response = _upload(client, "/so-theo-doi/thon/nhap/", path)
    assert response.status_code == 400
    text = response.content.decode()
    assert "decision_date" in text and "không phải là ngày" in text and ">3<" in text
    assert Village.objects.count() == 0


def test_a_models_file_is_imported_and_counted_by_kind(
    client: Any, world: Any, tmp_path: Path
) -> None:
    path = tmp_path / "mo-hinh.csv"
    path.write_text(
        "unit_code,name,kind,field,year,households,value,description\n"
        '91001,Nuôi ong lấy mật,kinh-te,Kinh tế,2024,12,"350,5",Hộ liên kết\n'
        "91002,Tuyến đường hoa,Mô hình “Dân vận khéo”,Văn hóa – xã hội,2025,,,\n",
        encoding="utf-8",
    )
    world.login(client, "office")
    assert _upload(client, "/so-theo-doi/mo-hinh/nhap/", path).status_code == 302
    page = client.get("/so-theo-doi/mo-hinh/").content.decode()
    assert "Nuôi ong lấy mật" in page and "350,50" in page
    assert Initiative.objects.get(name="Nuôi ong lấy mật").value == 350.5


def test_a_commune_officer_sees_only_the_villages_of_their_commune(client: Any, world: Any) -> None:
    office, scope = world.users["office"], _scope(world)
    village_add(user=office, scope=scope, unit=world.xa_a, name="Thôn Của A", kind="thon")
    village_add(user=office, scope=scope, unit=world.xa_b, name="Thôn Của B", kind="thon")
    world.login(client, "officer_a")
    page = client.get("/so-theo-doi/thon/").content.decode()
    assert "Thôn Của A" in page and "Thôn Của B" not in page


def test_the_office_records_a_smart_village_through_the_pages_and_the_condition_flips(
    client: Any, world: Any, model_period: Period
) -> None:
    world.login(client, "office")
    added = client.post(
        "/so-theo-doi/thon/them/", {"unit": world.xa_a.pk, "name": "Thôn Mới", "kind": "thon"}
    )
    assert added.status_code == 302
    village = Village.objects.get(name="Thôn Mới")
    form = {
        "village": village.pk,
        "year": 2025,
        "standing": "smart",
        "decision_number": "12/QĐ-UBND",
        "decision_date": "2025-08-01",
    }
    assert _smart_status(model_period, world) != MET
    assert client.post("/so-theo-doi/thon/danh-hieu/", form).status_code == 302
    assert _smart_status(model_period, world) == MET
    page = client.get("/so-theo-doi/thon/", {"standing": "smart"}).content.decode()
    assert "Thôn Mới" in page and "12/QĐ-UBND" in page


def test_a_model_commune_period_added_later_starts_with_the_village_answer(world: Any) -> None:
    office, scope = world.users["office"], _scope(world)
    village = village_add(user=office, scope=scope, unit=world.xa_a, name="Thôn 5", kind="thon")
    smart = StandingInput(village, 2024, Standing.SMART, "3/QĐ-UBND", date(2024, 9, 1))
    village_standing_record(user=office, scope=scope, item=smart, channel="form")
    record = criteria_set_store(cset=load_set("xa-ntm-kieu-mau-2021-2025"))
    later = Period.objects.create(
        regime="new",
        province_code="91",
        province_name="Tỉnh Thử Nghiệm",
        year=2025,
        criteria_set=record,
    )
    assert _smart_status(later, world) == MET
