"""The dashboard by commune group (issue #11.3, #11.5): a row per group that adds up to the
province, and every commune with no group listed by name; a group set through the groups page
is on the very next dashboard (the read model's version moved)."""

from __future__ import annotations

import re

from ntm.web.units.models import Unit

DECISION = {"number": "12/QĐ-UBND", "date": "15/01/2026", "from_year": "2026"}


def _dashboard(client, world) -> tuple[str, str]:
    response = client.get(f"/tong-hop/?period={world.period.pk}")
    assert response.status_code == 200
    return response.content.decode(), response["X-Dashboard-Figures"]


def _group_rows(page: str) -> dict[str, str]:
    """data-group → the row's commune count."""
    table = page.split('data-table="groups"')[1].split("</table>")[0]
    return dict(re.findall(r'data-group="(\w+)"><td>[^<]*</td><td>(\d+)</td>', table))


def test_a_commune_with_no_group_is_listed_by_name_on_the_dashboard(client, world):
    Unit.objects.filter(code="91002").update(group="")
    page, _how = _dashboard(world.login(client, "office"), world)
    block = page.split('id="ungrouped"')[1].split("</div>")[0]
    assert "1 xã chưa có nhóm" in block and "Xã B" in block
    assert _group_rows(page) == {"1": "1", "none": "1"}


def test_a_group_set_on_the_groups_page_moves_the_dashboard_on_the_next_page(client, world):
    world.login(client, "office")
    for _ in range(2):  # the second read is the cached one
        page, how = _dashboard(client, world)
    assert how == "cached" and _group_rows(page) == {"1": "1", "2": "1"}
    saved = client.post(
        f"/ky/{world.period.pk}/nhom-xa/", DECISION | {"g-91001": "3", "g-91002": "2"}
    )
    assert saved.status_code == 302
    page, how = _dashboard(client, world)
    assert how == "judged" and _group_rows(page) == {"2": "1", "3": "1"}
    assert 'id="ungrouped"' not in page


def test_the_national_view_sums_the_provinces_by_commune_group(client, world):
    Unit.objects.filter(code="91002").update(group="")
    page = world.login(client, "central").get("/tong-hop/ca-nuoc/").content.decode()
    table = page.split('id="national-groups"')[1].split("</table>")[0]
    rows = re.findall(r'data-group="(\w+)"><td>([^<]*)</td><td class="num">(\d+)</td>'
                      r'<td class="num">(\d+)</td>', table)  # fmt: skip
    assert rows == [("1", "Nhóm 1", "1", "1"), ("3", "Nhóm 3", "1", "1"),
                    ("none", "Chưa có nhóm", "1", "1")]  # fmt: skip


def test_the_public_province_page_shows_the_communes_by_group(client, world):
    page = client.get("/public/tinh/new/91/").content.decode()
    table = page.split('id="public-groups"')[1].split("</table>")[0]
    assert re.findall(r'data-group="(\w+)"><td>([^<]*)</td><td>(\d+)</td>', table) == [
        ("1", "Nhóm 1", "1"), ("2", "Nhóm 2", "1"),
    ]  # fmt: skip
