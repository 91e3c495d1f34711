"""Editing and deleting registry records in the pages: the same form prefilled, a version so that
two officers editing one record never overwrite each other silently, stars judged again from the
edited scores, every change audited old → new and named in Vietnamese in the audit pages."""

from __future__ import annotations

import re
import struct
import zlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F

from ntm.criteria import load_set
from ntm.domain.evaluation import MET, NOT_MET
from ntm.web.assessments.models import Period
from ntm.web.assessments.services import criteria_set_store
from ntm.web.audit.models import AuditEntry
from ntm.web.readmodel.inputs import period_evaluation
from ntm.web.registries.models import (
    Initiative,
    ModelKind,
    OcopProduct,
    OcopRating,
    Village,
    VillageStanding,
)

pytestmark = pytest.mark.django_db

RATING = {
    "code": "MO1",
    "name": "Mật ong",
    "group": "Thực phẩm",
    "subject": "HTX Hoa Ban",
    "scorecard": "148/2023",
    "score_a": "20",
    "score_b": "15",
    "score_c": "20",
    "decision_number": "1/QĐ-UBND",
    "decision_date": "2025-01-10",
}


def _png() -> bytes:
    """A real 1×1 PNG (the photo check looks inside the file, not at its name)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _stars(client: Any) -> dict[str, str]:
    page = client.get("/so-theo-doi/ocop/", {"as_of": "2025-06-01"}).content.decode()
    return dict(re.findall(r'data-code="([^"]+)" data-stars="(\d)"', page))


@pytest.fixture
def rating(client: Any, world: Any) -> OcopRating:
    world.login(client, "office")
    added = client.post("/so-theo-doi/ocop/them/", RATING | {"unit": world.xa_a.pk})
    assert added.status_code == 302
    return OcopRating.objects.get()


def test_the_edit_form_is_the_add_form_prefilled_with_the_record_and_its_version(
    client: Any, rating: OcopRating
) -> None:
    page = client.get(f"/so-theo-doi/ocop/{rating.pk}/sua/").content.decode()
    assert 'value="MO1"' in page and 'value="HTX Hoa Ban"' in page
    assert 'value="1/QĐ-UBND"' in page and 'value="2025-01-10"' in page
    assert 'name="version" value="1"' in page


def test_editing_the_scores_judges_the_stars_again_and_audits_old_and_new(
    client: Any, world: Any, rating: OcopRating
) -> None:
    assert _stars(client) == {"MO1": "3"}  # 55 points
    edit = RATING | {"unit": world.xa_a.pk, "score_a": "35", "score_c": "25", "version": "1"}
    assert client.post(f"/so-theo-doi/ocop/{rating.pk}/sua/", edit).status_code == 302
    assert _stars(client) == {"MO1": "4"}  # 75 points, by the 148/2023 scorecard
    rating.refresh_from_db()
    assert (rating.score_a, rating.score_c, rating.version) == (35, 25, 2)
    entry = AuditEntry.objects.filter(kind="ocop").latest("id")
    assert "55,00 điểm, 3 sao" in entry.old and "75,00 điểm, 4 sao" in entry.new
    audit = client.get(f"/nhat-ky/xa/{world.xa_a.pk}/").content.decode()
    assert "Sản phẩm OCOP MO1" in audit and ">ocop MO1<" not in audit


def test_a_second_officer_editing_the_same_version_gets_a_conflict_and_nothing_is_overwritten(
    client: Any, world: Any, rating: OcopRating
) -> None:
    url = f"/so-theo-doi/ocop/{rating.pk}/sua/"
    first = RATING | {"unit": world.xa_a.pk, "name": "Mật ong rừng", "version": "1"}
    second = RATING | {"unit": world.xa_a.pk, "name": "Mật ong nuôi", "version": "1"}
    assert client.post(url, first).status_code == 302
    world.login(client, "admin")
    response = client.post(url, second)
    assert response.status_code == 409
    text = response.content.decode()
    assert "vừa được người khác sửa (phiên bản hiện tại: 2)" in text
    assert OcopProduct.objects.get().name == "Mật ong rừng"
    assert AuditEntry.objects.filter(kind="ocop").count() == 2  # the add and the first edit


def test_an_edit_to_a_code_the_commune_already_has_is_refused_in_vietnamese(
    client: Any, world: Any, rating: OcopRating
) -> None:
    other = RATING | {"unit": world.xa_a.pk, "code": "CHE1", "name": "Chè"}
    assert client.post("/so-theo-doi/ocop/them/", other).status_code == 302
    edit = RATING | {"unit": world.xa_a.pk, "code": "CHE1", "version": "1"}
    response = client.post(f"/so-theo-doi/ocop/{rating.pk}/sua/", edit)
    assert response.status_code == 409
    assert "Xã A đã có sản phẩm mã CHE1." in response.content.decode()
    assert sorted(OcopProduct.objects.values_list("code", flat=True)) == ["CHE1", "MO1"]


def test_a_score_over_the_part_maximum_is_refused_on_edit_as_on_add(
    client: Any, world: Any, rating: OcopRating
) -> None:
    edit = RATING | {"unit": world.xa_a.pk, "score_b": "26", "version": "1"}
    response = client.post(f"/so-theo-doi/ocop/{rating.pk}/sua/", edit)
    assert response.status_code == 400 and "điểm tối đa 25" in response.content.decode()
    rating.refresh_from_db()
    assert (rating.score_b, rating.version) == (15, 1)


def test_deleting_the_last_rating_asks_first_then_removes_the_product_and_audits(
    client: Any, world: Any, rating: OcopRating
) -> None:
    url = f"/so-theo-doi/ocop/{rating.pk}/xoa/"
    page = client.get(url).content.decode()
    assert "MO1 Mật ong" in page and "sản phẩm cũng bị xóa" in page
    assert OcopRating.objects.exists()  # asking deletes nothing
    assert client.post(url, {"version": "1"}).status_code == 302
    assert not OcopProduct.objects.exists() and not OcopRating.objects.exists()
    entry = AuditEntry.objects.filter(kind="ocop").latest("id")
    assert "MO1 Mật ong" in entry.old and entry.new == "(đã xóa)"


def test_deleting_a_later_rating_brings_the_earlier_one_back(
    client: Any, world: Any, rating: OcopRating
) -> None:
    later = RATING | {
        "unit": world.xa_a.pk,
        "score_a": "35",
        "score_c": "25",
        "decision_number": "2/QĐ",
        "decision_date": "2025-04-01",
    }
    client.post("/so-theo-doi/ocop/them/", later)
    assert _stars(client) == {"MO1": "4"}
    newest = OcopRating.objects.get(decision_number="2/QĐ")
    assert "còn 1 kết quả" in client.get(f"/so-theo-doi/ocop/{newest.pk}/xoa/").content.decode()
    client.post(f"/so-theo-doi/ocop/{newest.pk}/xoa/", {"version": "1"})
    assert _stars(client) == {"MO1": "3"}


def test_a_model_is_edited_keeping_its_photo_and_then_deleted(client: Any, world: Any) -> None:
    world.login(client, "office")
    kind = ModelKind.objects.get(code="kinh-te")
    form = {
        "unit": world.xa_a.pk,
        "name": "Nuôi ong",
        "kind": kind.pk,
        "field": "economy",
        "year": "2024",
        "households": "12",
        "value": "350.5",
        "description": "",
    }
    photo = SimpleUploadedFile("ong.png", _png(), content_type="image/png")
    assert client.post("/so-theo-doi/mo-hinh/them/", form | {"photo": photo}).status_code == 302
    record = Initiative.objects.get()
    page = client.get(f"/so-theo-doi/mo-hinh/{record.pk}/sua/").content.decode()
    assert 'value="Nuôi ong"' in page and "Để trống để giữ ảnh hiện có." in page
    edit = form | {"households": "15", "version": "1"}
    assert client.post(f"/so-theo-doi/mo-hinh/{record.pk}/sua/", edit).status_code == 302
    record.refresh_from_db()
    assert record.households == 15 and record.photo.name.startswith("mo-hinh/ong")
    entry = AuditEntry.objects.filter(kind="model").latest("id")
    assert "12 hộ/thành viên" in entry.old and "15 hộ/thành viên" in entry.new
    stale = client.post(f"/so-theo-doi/mo-hinh/{record.pk}/xoa/", {"version": "1"}, follow=True)
    assert "vừa được người khác sửa" in stale.content.decode()
    assert Initiative.objects.exists()
    client.post(f"/so-theo-doi/mo-hinh/{record.pk}/xoa/", {"version": "2"})
    assert not Initiative.objects.exists()
    audit = client.get(f"/nhat-ky/xa/{world.xa_a.pk}/").content.decode()
    assert f"Mô hình MH{record.pk}" in audit


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
    return int(ev.criterion_status[0, ev.cset.criterion_numbers.index(3)])


def test_a_standing_edited_to_smart_and_its_village_deleted_flip_the_model_commune_condition(
    client: Any, world: Any, model_period: Period
) -> None:
    world.login(client, "office")
    client.post(
        "/so-theo-doi/thon/them/", {"unit": world.xa_a.pk, "name": "Thôn 1", "kind": "thon"}
    )
    village = Village.objects.get()
    standing = {
        "village": village.pk,
        "year": 2025,
        "standing": "ntm",
        "decision_number": "5/QĐ",
        "decision_date": "2025-03-01",
    }
    client.post("/so-theo-doi/thon/danh-hieu/", standing)
    record = VillageStanding.objects.get()
    assert _smart_status(model_period, world) != MET
    edit = standing | {"standing": "smart", "version": "1"}
    assert client.post(f"/so-theo-doi/thon/danh-hieu/{record.pk}/sua/", edit).status_code == 302
    assert _smart_status(model_period, world) == MET
    page = client.get(f"/so-theo-doi/thon/{village.pk}/xoa/").content.decode()
    assert "Cả 1 danh hiệu của thôn cũng bị xóa." in page
    client.post(f"/so-theo-doi/thon/{village.pk}/xoa/", {"version": "1"})
    assert not Village.objects.exists() and not VillageStanding.objects.exists()
    assert _smart_status(model_period, world) == NOT_MET
    assert AuditEntry.objects.filter(kind="village").latest("id").new == "(đã xóa)"


def test_a_village_renamed_to_a_name_its_commune_has_is_refused(client: Any, world: Any) -> None:
    world.login(client, "office")
    for name in ("Thôn 1", "Thôn 2"):
        client.post(
            "/so-theo-doi/thon/them/", {"unit": world.xa_a.pk, "name": name, "kind": "thon"}
        )
    second = Village.objects.get(name="Thôn 2")
    edit = {"unit": world.xa_a.pk, "name": "Thôn 1", "kind": "ban", "version": "1"}
    response = client.post(f"/so-theo-doi/thon/{second.pk}/sua/", edit)
    assert response.status_code == 409
    assert "Xã A đã có thôn tên «Thôn 1»." in response.content.decode()
    edit["name"] = "Bản 2"
    assert client.post(f"/so-theo-doi/thon/{second.pk}/sua/", edit).status_code == 302
    second.refresh_from_db()
    assert (second.name, second.kind, second.version) == ("Bản 2", "ban", 2)
    entry = AuditEntry.objects.filter(kind="village").latest("id")
    assert (entry.old, entry.new) == ("Thôn Thôn 2 (Xã A)", "Bản Bản 2 (Xã A)")


def test_the_list_pages_link_edit_and_delete_only_for_those_who_keep_the_registry(
    client: Any, world: Any, rating: OcopRating
) -> None:
    assert (
        f"/so-theo-doi/ocop/{rating.pk}/sua/" in client.get("/so-theo-doi/ocop/").content.decode()
    )
    world.login(client, "officer_a")
    page = client.get("/so-theo-doi/ocop/").content.decode()
    assert "MO1" in page and "/sua/" not in page and "/xoa/" not in page
    assert client.get(f"/so-theo-doi/ocop/{rating.pk}/sua/").status_code == 403
    assert client.post(f"/so-theo-doi/ocop/{rating.pk}/xoa/", {"version": 1}).status_code == 403
    assert OcopRating.objects.exists()


def test_a_delete_of_another_province_record_by_the_office_is_refused(
    client: Any, world: Any
) -> None:
    village = Village.objects.create(name="Thôn Xa", kind="thon", unit=world.xa_c)
    world.login(client, "office")
    assert client.post(f"/so-theo-doi/thon/{village.pk}/xoa/", {"version": 1}).status_code == 403
    assert Village.objects.filter(pk=village.pk).exists()


def test_an_edit_moves_the_registries_data_version_so_cached_counts_follow(
    client: Any, world: Any, rating: OcopRating
) -> None:
    # The version columns were added by rebuilding the tables on SQLite: the triggers that move
    # the registries' data version must have been put back on every one of them.
    from ntm.web.registries.triggers import REGISTRIES

    before = REGISTRIES.version()
    edit = RATING | {"unit": world.xa_a.pk, "score_a": "35", "version": "1"}
    assert client.post(f"/so-theo-doi/ocop/{rating.pk}/sua/", edit).status_code == 302
    after_rating = REGISTRIES.version()
    assert after_rating > before
    village = Village.objects.create(name="Thôn 9", kind="thon", unit=world.xa_a)
    VillageStanding.objects.create(
        village=village,
        year=2025,
        standing="ntm",
        decision_number="1/QĐ",
        decision_date="2025-01-02",
    )
    kind = ModelKind.objects.get(code="kinh-te")
    Initiative.objects.create(name="X", kind=kind, field="economy", unit=world.xa_a, year=2025)
    moved = REGISTRIES.version()
    for table in (Village, VillageStanding, Initiative, OcopRating):
        table.objects.update(version=F("version") + 1)
        assert REGISTRIES.version() > moved, table.__name__
        moved = REGISTRIES.version()
