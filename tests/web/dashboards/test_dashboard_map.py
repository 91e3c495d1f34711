"""The office's GeoJSON map: checked whole, errors in Vietnamese, drawn by criteria met."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from dashboard_samples import collection, feature, square
from django.core.files.uploadedfile import SimpleUploadedFile

from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.services import assessment_get_or_create, assessment_save
from ntm.web.dashboards.geo import MAP_MAX_BYTES
from ntm.web.dashboards.models import CommuneMap


def _upload(client, world, content: bytes, prop: str = "ma_xa", name: str = "xa.geojson"):
    return client.post(
        f"/tong-hop/ban-do/tai-len/?period={world.period.pk}",
        {"file": SimpleUploadedFile(name, content, "application/geo+json"), "code_property": prop},
    )


def _values(world):
    admin = world.users["admin"]
    for unit, values in ((world.xa_a, {"1.1": 1.0, "2.1": 75.0, "2.2": 2.0, "3.1": 45.0}),
                         (world.xa_b, {"1.1": 1.0})):  # fmt: skip
        assessment = assessment_save(
            user=admin, scope=scope_for(admin), version=None, values=values, channel="form",
            assessment=assessment_get_or_create(unit=unit, period=world.period),
        )  # fmt: skip
        assert assessment


def test_without_a_map_the_dashboard_says_how_to_add_one(client, world):
    page = world.login(client, "office").get(f"/tong-hop/?period={world.period.pk}")
    text = page.content.decode()
    assert "Chưa có bản đồ các xã của tỉnh." in text
    assert f"/tong-hop/ban-do/tai-len/?period={world.period.pk}" in text
    assert "leaflet.js" not in text


def test_a_valid_map_is_stored_and_coloured_by_criteria_met(client, world):
    _values(world)
    world.login(client, "office")
    content = collection(feature("91001"), feature(91002, x=0.2))
    response = _upload(client, world, content)
    assert response.status_code == 302
    stored = CommuneMap.objects.get(province_code="91", regime="new")
    assert [f["code"] for f in stored.features] == ["91001", "91002"]
    page = client.get(f"/tong-hop/?period={world.period.pk}").content.decode()
    assert "vendor/leaflet/leaflet.js" in page and 'id="dash-map"' in page
    assert "tile" not in page.lower()
    # The page tells its script where the map's data is: the same period, one "?".
    data_url = html.unescape(re.search(r'id="dash-map"[^>]*data-url="([^"]+)"', page).group(1))
    assert data_url == f"/tong-hop/ban-do/?period={world.period.pk}&mode=criteria"
    geo = client.get(data_url).json()
    props = {f["properties"]["code"]: f["properties"] for f in geo["features"]}
    assert (props["91001"]["met"], props["91001"]["band"], props["91001"]["fill"]) == (
        3, "3", "#166534")  # fmt: skip
    assert props["91002"]["met"] == 1 and props["91002"]["fill"] != props["91001"]["fill"]
    assert geo["features"][0]["geometry"] == square(0.0)
    assert geo["legend"][0] == ["#166534", "3 tiêu chí"]


def test_the_map_by_recognition_and_for_a_commune_officer_shows_only_what_they_may_read(
    client, world
):
    _values(world)
    CommuneMap.objects.create(
        regime="new", province_code="91", code_property="ma_xa", filename="xa.geojson",
        features=[{"code": u, "geometry": square(i)} for i, u in enumerate(["91001", "91002"])],
        feature_count=2,
    )  # fmt: skip
    world.login(client, "officer_a")
    geo = client.get(f"/tong-hop/ban-do/?period={world.period.pk}&mode=recognition").json()
    assert [f["properties"]["code"] for f in geo["features"]] == ["91001"]
    assert geo["features"][0]["properties"]["label"] == "Đạt đủ tiêu chí"


MAX_MB = f"{MAP_MAX_BYTES / 2**20:.0f}"
BAD_FILES = [
    ("khong-phai-json", b"{ma_xa: 91001", "ma_xa", "không phải JSON hợp lệ (dòng 1, cột 2)"),
    ("sai-kieu", b'{"type": "Feature"}', "ma_xa", "cần một GeoJSON kiểu FeatureCollection"),
    ("rong", collection(), "ma_xa", "không có vùng nào"),
    ("thieu-thuoc-tinh", collection(feature("91001")), "MA_GSO",
     "vùng thứ 1: thiếu thuộc tính «MA_GSO» (mã xã)"),
    ("ma-la", collection(feature("91001"), feature("62999"), feature("92001")), "ma_xa",
     "2 mã xã không có trong tỉnh: 62999, 92001"),
    ("trung-ma", collection(feature("91001"), feature("91001")), "ma_xa",
     "vùng thứ 2: mã xã 91001 đã có ở vùng thứ 1"),
    ("khong-phai-vung", collection({**feature("91001"), "geometry": {"type": "Point",
                                                                    "coordinates": [106, 14]}}),
     "ma_xa", "vùng thứ 1: cần hình Polygon hoặc MultiPolygon"),
    ("qua-lon", b" " * (MAP_MAX_BYTES + 1), "ma_xa", f"tối đa {MAX_MB} MB"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "content", "prop", "message"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_a_bad_map_file_is_refused_with_a_vietnamese_message(client, world, name, content, prop,
                                                             message):  # fmt: skip
    world.login(client, "office")
    response = _upload(client, world, content, prop, name=f"{name}.geojson")
    assert response.status_code == 400
    text = response.content.decode()
    assert message in text, text[-2000:]
    assert f"Tệp {name}.geojson" in text
    assert not CommuneMap.objects.exists()


def test_every_problem_of_a_map_file_is_reported_at_once(client, world):
    world.login(client, "office")
    content = collection(feature("91001"), {"type": "Feature", "properties": {}}, feature("99999"))
    text = _upload(client, world, content).content.decode()
    assert "Tệp có 3 lỗi; bản đồ chưa được lưu" in text
    assert "vùng thứ 2: cần hình Polygon hoặc MultiPolygon" in text
    assert "vùng thứ 2: thiếu thuộc tính «ma_xa» (mã xã)" in text
    assert "1 mã xã không có trong tỉnh: 99999" in text


def test_a_commune_officer_cannot_upload_a_map(client, world):
    world.login(client, "officer_a")
    response = _upload(client, world, collection(feature("91001")))
    assert response.status_code == 403
    assert not CommuneMap.objects.exists()


def test_leaflet_and_the_chart_library_are_our_own_static_files_with_no_cdn():
    from django.contrib.staticfiles import finders

    for name in ("vendor/leaflet/leaflet.js", "vendor/leaflet/leaflet.css",
                 "vendor/leaflet/images/layers.png", "vendor/charts/frappe-charts.min.umd.js",
                 "dashboards/map.js", "dashboards/dashboard.js"):  # fmt: skip
        path = finders.find(name)
        assert path, name
        text = Path(path).read_bytes()
        assert b"sourceMappingURL" not in text and b"tile.openstreetmap" not in text, name
