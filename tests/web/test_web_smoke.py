"""The first things a person sees: health, login, the pages of a period and a commune."""

from __future__ import annotations


def test_healthz_answers_json_with_the_database_status(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["database"] == "ok"


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, db):
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dang-nhap/")


def test_a_commune_officer_sees_their_commune_page_in_vietnamese(client, world):
    world.login(client, "officer_a")
    response = client.get(f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Xã A" in text and "Tỷ lệ đường xã được nhựa hóa" in text
    assert "Đạt 0/3 tiêu chí" in text


def test_a_commune_officer_is_refused_another_commune_with_a_vietnamese_403(client, world):
    world.login(client, "officer_a")
    response = client.get(f"/ky/{world.period.pk}/xa/{world.xa_b.pk}/")
    assert response.status_code == 403
    assert "Không có quyền truy cập" in response.content.decode()


def test_pages_stay_vietnamese_for_an_english_browser_until_english_is_chosen(client, world):
    world.login(client, "officer_a")
    assert "Các kỳ đánh giá" in client.get("/", HTTP_ACCEPT_LANGUAGE="en-US").content.decode()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert "Assessment periods" in client.get("/").content.decode()


def test_a_missing_page_is_a_vietnamese_404(client, world):
    world.login(client, "officer_a")
    response = client.get(f"/ky/{world.period.pk + 1000}/")
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


def test_a_server_error_page_is_in_vietnamese(client, db):
    from ntm.web.errors import server_error

    response = server_error(None)  # type: ignore[arg-type]
    assert response.status_code == 500
    assert "Lỗi hệ thống" in response.content.decode()


def test_loading_the_shipped_sets_twice_stores_each_content_once(db):
    import io

    from django.core.management import call_command

    from ntm.web.assessments.models import CriteriaSetRecord

    call_command("ntm_sets_load", stdout=io.StringIO())
    first = CriteriaSetRecord.objects.count()
    call_command("ntm_sets_load", stdout=io.StringIO())
    assert first >= 6 and CriteriaSetRecord.objects.count() == first
    assert CriteriaSetRecord.objects.filter(code="xa-ntm-2026-2030").count() == 1
