"""Browser tests: a real ``ntm serve --demo`` and Debian's chromium, driven with Playwright.

Independent of pytest-django and of the web tests' database: the server runs in its own process
with a temporary SQLite file, and the tests reach it over HTTP only. Our own fixtures, not
pytest-playwright's (those expect a browser downloaded by ``playwright install``).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from browser_support import CHROMIUM, CHROMIUM_ARGS, SHOTS_ENV, Site, demo_server
from playwright.sync_api import Browser, sync_playwright


@pytest.fixture(scope="session")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with demo_server(tmp_path_factory.mktemp("ntm-demo")) as url:
        yield url


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def site(server_url: str, chromium: Browser) -> Iterator[Site]:
    shots = os.environ.get(SHOTS_ENV)
    if shots:
        Path(shots).mkdir(parents=True, exist_ok=True)
    s = Site(url=server_url, browser=chromium, shots_dir=Path(shots) if shots else None)
    yield s
    s.close()
