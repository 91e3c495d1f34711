"""Who sees which dashboard, and that its figures are judged live from the stored values."""

from __future__ import annotations

import re

from dashboard_samples import commune_rows, figure, table

from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.services import assessment_get_or_create, assessment_save

GOOD_A = {"1.1": 1.0, "2.1": 75.0, "2.2": 2.0, "3.1": 45.0}  # group 1: every criterion met
HALF_B = {"1.1": 1.0, "2.1": 75.0, "2.2": 1.0, "3.1": 40.0}  # group 2: 2.1 < 80, 3.1 < 50


def _save(world, unit, values):
    admin = world.users["admin"]
    assessment = assessment_get_or_create(unit=unit, period=world.period)
    assessment_save(user=admin, scope=scope_for(admin), assessment=assessment, version=None,
                    values=values, channel="form")  # fmt: skip


def test_a_commune_officer_gets_a_vietnamese_403_for_another_provinces_dashboard(client, world):
    world.login(client, "officer_a")
    response = client.get(f"/tong-hop/?period={world.other_period.pk}")
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()
    assert "Xã C" not in response.content.decode()


def test_a_commune_officer_sees_only_their_own_commune_on_their_provinces_dashboard(client, world):
    _save(world, world.xa_a, GOOD_A)
    _save(world, world.xa_b, HALF_B)
    page = world.login(client, "officer_a").get("/tong-hop/").content.decode()
    assert [r[:3] for r in commune_rows(page, "communes")] == [("91001", "Xã A", "3")]
    assert figure(page, "total") == "1"
    assert "Xã B" not in page


def test_the_office_sees_a_saved_value_on_the_next_page_without_any_delay(client, world):
    _save(world, world.xa_a, GOOD_A)
    _save(world, world.xa_b, HALF_B)
    world.login(client, "office")
    page = client.get(f"/tong-hop/?period={world.period.pk}").content.decode()
    assert figure(page, "recognised") == "1"
    assert figure(page, "avg") == "2,0"
    assert commune_rows(page, "closest") == [("91002", "Xã B", "1", "2. Giao thông; 3. Thu nhập")]
    _save(world, world.xa_b, {"2.1": 85.0, "3.1": 55.0})
    page = client.get(f"/tong-hop/?period={world.period.pk}").content.decode()
    assert figure(page, "recognised") == "2"
    assert figure(page, "avg") == "3,0"


def test_the_group_filter_narrows_the_figures_and_the_export(client, world):
    _save(world, world.xa_a, GOOD_A)
    _save(world, world.xa_b, HALF_B)
    world.login(client, "office")
    page = client.get(f"/tong-hop/?period={world.period.pk}&group=2").content.decode()
    assert [r[1] for r in commune_rows(page, "communes")] == ["Xã B"]
    assert figure(page, "recognised") == "0"
    response = client.get(f"/tong-hop/?period={world.period.pk}&group=2&export=xlsx&table=closest")
    assert response["Content-Disposition"].endswith('-closest.xlsx"')


def test_the_communes_sort_by_criteria_met_either_way(client, world):
    _save(world, world.xa_a, GOOD_A)
    _save(world, world.xa_b, HALF_B)
    world.login(client, "office")
    most = client.get(f"/tong-hop/?period={world.period.pk}").content.decode()
    fewest = client.get(f"/tong-hop/?period={world.period.pk}&sort=met").content.decode()
    assert [r[1] for r in commune_rows(most, "communes")] == ["Xã A", "Xã B"]
    assert [r[1] for r in commune_rows(fewest, "communes")] == ["Xã B", "Xã A"]


def test_communes_since_the_2025_merger_are_listed_without_a_district_column(client, world):
    _save(world, world.xa_a, GOOD_A)
    world.login(client, "office")
    page = client.get(f"/tong-hop/?period={world.period.pk}").content.decode()
    heads = re.findall(r"<th>([^<]*)</th>", table(page, "communes"))
    assert heads == ["Mã", "Xã", "Số tiêu chí đạt", "Tiêu chí chưa đạt"]
    assert [r[1] for r in commune_rows(page, "communes")] == ["Xã A", "Xã B"]


def test_the_under_n_line_is_the_sets_own_on_the_page_and_in_the_export(client, world):
    from io import BytesIO

    from openpyxl import load_workbook
    from web_world import TEST_SET

    from ntm.domain.criteria import criteria_set_from_data

    line = criteria_set_from_data(TEST_SET).lagging_line()
    _save(world, world.xa_a, GOOD_A)
    world.login(client, "office")
    page = client.get(f"/tong-hop/?period={world.period.pk}").content.decode()
    assert f"Xã dưới {line} tiêu chí" in page
    assert "dưới 10 tiêu chí" not in page
    response = client.get(f"/tong-hop/?period={world.period.pk}&export=xlsx&table=under")
    sheet = load_workbook(BytesIO(response.content)).active
    assert sheet["A1"].value == f"Xã đạt dưới {line} tiêu chí"
