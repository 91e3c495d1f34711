"""Guessing passwords or tokens is throttled: after the limit of failures an account, or an
address, is refused with a Vietnamese message, even with the right password, until the cool-off."""

from __future__ import annotations

from datetime import timedelta

from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client

from ntm.web.accounts.models import ApiToken

RIGHT = "mat-khau-thu-nghiem"  # web_world's password


def _login(client: Client, username: str, password: str, address: str = "10.0.0.1"):
    return client.post(
        "/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_the_attempt_after_the_limit_is_refused_even_with_the_right_password(client, world):
    limit = settings.AXES_FAILURE_LIMIT
    assert limit == 5 and timedelta(minutes=15) == settings.AXES_COOLOFF_TIME
    for _ in range(limit - 1):
        assert _login(client, "office", "sai").status_code == 200  # the form again, with its error
    locked = _login(client, "office", "sai")
    assert locked.status_code == 429
    response = _login(client, "office", RIGHT)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Đã nhập sai mật khẩu 5 lần" in html and "thử lại sau 15 phút" in html
    assert "_auth_user_id" not in client.session


def test_the_account_is_locked_from_another_address_too(client, world):
    for i in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "office", "sai", address=f"10.0.1.{i}")
    assert _login(Client(), "office", RIGHT, address="10.9.9.9").status_code == 429


def test_an_address_is_locked_whatever_account_it_tries(client, world):
    for name in ["officer_a", "officer_b", "reviewer", "central", "admin"]:
        _login(client, name, "sai", address="10.0.2.1")
    assert _login(Client(), "outsider", RIGHT, address="10.0.2.1").status_code == 429
    assert _login(Client(), "outsider", RIGHT, address="10.0.2.2").status_code == 302


def test_the_lock_ends_with_the_cool_off(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "office", "sai")
    assert _login(client, "office", RIGHT).status_code == 429
    past = AccessAttempt.objects.all()
    past.update(attempt_time=past[0].attempt_time - settings.AXES_COOLOFF_TIME * 2)
    assert _login(client, "office", RIGHT).status_code == 302


def test_a_success_before_the_limit_clears_the_failures(client, world):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "office", "sai")
    assert _login(client, "office", RIGHT).status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "office", "sai")
    assert _login(client, "office", RIGHT).status_code == 302


def test_wrong_api_tokens_lock_the_address_even_for_a_right_token(client, world):
    _token, raw = ApiToken.issue(user=world.users["office"], name="may")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        wrong = client.get(
            "/api/periods", HTTP_AUTHORIZATION="Bearer ntm_sai", REMOTE_ADDR="10.1.0.1"
        )
        assert wrong.status_code == 401
    refused = client.get("/api/periods", HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="10.1.0.1")
    assert refused.status_code == 429
    assert refused.json()["detail"].startswith("Quá nhiều")  # Vietnamese, whichever handler says it
    other = client.get("/api/periods", HTTP_AUTHORIZATION=f"Bearer {raw}", REMOTE_ADDR="10.1.0.2")
    assert other.status_code == 200
