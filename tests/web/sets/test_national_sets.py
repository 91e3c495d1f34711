"""National sets completed by the central office (issue #11.1): the list of sets for everyone,
the completed national version started and edited by the central office only."""

from __future__ import annotations

from typing import Any

from ntm.web.readmodel.sets import cset_of
from ntm.web.sets.models import AuthoredSet

ROWS = "1\t\t1.1\tCó quy hoạch chung xã\t\tcó/không\t=\tcó\tcó\tcó\tQĐ 51/2025, Phụ lục I\t"


def test_the_central_office_completes_a_national_set_by_pasting_rows(
    client: Any, world: Any
) -> None:
    world.login(client, "central")
    start = client.post("/bo-tieu-chi/", {"base": "xa-ntm-2026-2030"})
    assert start.status_code == 302
    authored = AuthoredSet.objects.get(code="xa-ntm-2026-2030-hoan-thien")
    assert authored.province_code == "" and authored.parent_code == "xa-ntm-2026-2030"
    pasted = client.post(f"/bo-tieu-chi/{authored.code}/soan/", {"rows": ROWS})
    assert pasted.status_code == 302
    assert cset_of(authored.current().record).indicator("1.1").threshold_for("3", 2026) is True
    listing = client.get("/bo-tieu-chi/").content.decode()
    assert 'data-set="xa-ntm-2026-2030-hoan-thien"' in listing and "1/47" in listing


def test_a_provincial_office_reads_the_list_but_may_not_author_national_sets(
    client: Any, world: Any
) -> None:
    world.login(client, "office")
    assert client.get("/bo-tieu-chi/").status_code == 200
    assert client.post("/bo-tieu-chi/", {"base": "xa-ntm-2026-2030"}).status_code == 403
    assert not AuthoredSet.objects.exists()


def test_a_province_starts_its_variant_from_the_completed_national_set(
    client: Any, world: Any
) -> None:
    from ntm.criteria import load_set
    from ntm.web.assessments.services import criteria_set_store

    world.period.criteria_set = criteria_set_store(cset=load_set("xa-ntm-2026-2030"))
    world.period.save(update_fields=["criteria_set"])
    world.login(client, "central")
    client.post("/bo-tieu-chi/", {"base": "xa-ntm-2026-2030"})
    client.post("/bo-tieu-chi/xa-ntm-2026-2030-hoan-thien/soan/", {"rows": ROWS})
    world.login(client, "office")
    start = client.post(
        f"/ky/{world.period.pk}/bo-tieu-chi/bien-the/", {"base": "xa-ntm-2026-2030-hoan-thien"}
    )
    assert start.status_code == 302
    variant = AuthoredSet.objects.get(province_code="91")
    assert variant.parent_code == "xa-ntm-2026-2030-hoan-thien"
    assert cset_of(variant.current().record).indicator("1.1").kind == "yes_no"
