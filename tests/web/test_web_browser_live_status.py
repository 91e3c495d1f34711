"""In a real chromium: typing a value updates the indicator's and the criterion's status at once."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.test import Client
from playwright.sync_api import expect, sync_playwright
from web_world import make_world

CHROMIUM = "/usr/bin/chromium"


@pytest.mark.browser
def test_typing_a_value_updates_the_statuses_without_saving(live_server, transactional_db):
    world = make_world()
    client = Client()
    client.force_login(world.users["officer_a"])
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    url = f"{live_server.url}/ky/{world.period.pk}/xa/{world.xa_a.pk}/"
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # playwright's loop shares this thread
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        context = browser.new_context()
        host = live_server.url.split("//")[1].split(":")[0]
        context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session,
                              "domain": host, "path": "/"}])  # fmt: skip
        page = context.new_page()
        page.goto(url)
        expect(page.locator("#st-tc-2")).to_have_text("Chưa xác định")
        page.fill("input[name='ind-2.1']", "75")
        page.fill("input[name='ind-2.2']", "2")
        expect(page.locator("#st-ind-2_1")).to_have_text("Đạt")
        expect(page.locator("#st-tc-2")).to_have_text("Đạt")
        expect(page.locator("#summary")).to_contain_text("Đạt 1/3 tiêu chí")
        page.fill("input[name='ind-2.1']", "120")
        expect(page.locator("#err-ind-2_1")).to_contain_text("0–100%")
        browser.close()
    from ntm.web.assessments.models import IndicatorValue

    assert IndicatorValue.objects.count() == 0
