"""The dashboard's commune-group filter uses the group in force in the year shown (the decision
then in force, as the engine judges), not each commune's latest group: a commune moved from
Nhóm 1 to Nhóm 2 in 2027 is counted in Nhóm 1 on 2026's dashboard and in Nhóm 2 on 2027's."""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import load_workbook

from ntm.web.assessments.models import Period
from ntm.web.units.models import Unit

DECISION = {"number": "30/QĐ-UBND", "date": "20/01/2027", "from_year": "2027"}


@pytest.fixture
def moved(client, world) -> Period:
    """Xã A (Nhóm 1 in 2026) moved to Nhóm 2 from 2027; Xã B in Nhóm 2 both years."""
    later = Period.objects.create(regime="new", province_code="91", province_name="Tỉnh Thử Nghiệm",
                                  year=2027, criteria_set=world.set_record)  # fmt: skip
    world.login(client, "office")
    answer = client.post(f"/ky/{later.pk}/nhom-xa/", DECISION | {"g-91001": "2", "g-91002": "2"})
    assert answer.status_code == 302
    assert Unit.objects.get(code="91001").group == "2"  # today's group: the latest decision
    return later


def _page(client, period: Period, group: str) -> str:
    answer = client.get(f"/tong-hop/?period={period.pk}&group={group}")
    assert answer.status_code == 200
    return answer.content.decode()


def _total(page: str) -> int:
    return int(re.findall(r'data-figure="total">(\d+)<', page)[0])


def _choices(page: str) -> list[str]:
    select = page.split('<select name="group">')[1].split("</select>")[0]
    return [v for v in re.findall(r'<option value="(\w*)"', select) if v]


def _years(page: str) -> dict[str, str]:
    """Year → communes in the table of years."""
    table = page.split('data-table="years"')[1].split("</table>")[0]
    return dict(re.findall(r'<tr data-year="(\d+)">.*?</td>\s*<td>(\d+)</td>', table, re.S))


def test_2026_counts_the_moved_commune_in_its_2026_group(client, world, moved):
    assert _total(_page(client, world.period, "1")) == 1  # Xã A, Nhóm 1 in 2026
    page = _page(client, world.period, "2")
    assert _total(page) == 1  # Xã B only
    assert _choices(page) == ["1", "2"]


def test_2027_counts_it_in_its_new_group_and_its_2026_row_in_the_old(client, world, moved):
    page = _page(client, moved, "2")
    assert _total(page) == 2
    assert _choices(page) == ["2"]  # nobody is in Nhóm 1 in 2027
    # The earlier year's figures over the communes of Nhóm 2 in 2026: Xã B alone.
    assert _years(page) == {"2026": "1", "2027": "2"}
    assert 'data-figure="total"' not in _page(client, moved, "1")


def test_the_communes_table_shows_the_group_of_the_year(client, world, moved):
    answer = client.get(f"/tong-hop/?period={world.period.pk}&export=xlsx&table=communes")
    rows = list(load_workbook(io.BytesIO(answer.content)).active.iter_rows(values_only=True))
    header = next(r for r in rows if r and "Nhóm" in r)
    groups = {r[0]: r[header.index("Nhóm")] for r in rows[rows.index(header) + 1 :] if r[0]}
    assert groups == {"91001": "1", "91002": "2"}
