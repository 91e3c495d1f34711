"""The live server, Debian's chromium and the small helpers the browser tests share.

These tests talk to a real ``ntm serve --demo`` over HTTP only: no Django in this process, no
pytest-django database. Chromium is the system's (``/usr/bin/chromium``); nothing is downloaded.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, BrowserContext, Page

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DEMO_PASSWORD = "ntm-demo-2026"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# Set by ``python -m tests.browser.shoot``: the folder the screenshots are written to.
SHOTS_ENV = "NTM_SCREENSHOTS"
# Variables of the caller's environment that must not reach the demo server (the web tests'
# conftest sets them for its own in-process Django).
SERVER_ENV_DROP = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "SECURE_SSL_REDIRECT", "DATABASE_URL"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/healthz", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def demo_server(workdir: Path, *, timeout: float = 180) -> Iterator[str]:
    """``ntm serve --demo`` on a free port with its own SQLite file and var folder."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in SERVER_ENV_DROP}
    env |= {
        "DATABASE_URL": f"sqlite:///{workdir / 'demo.sqlite3'}",
        "NTM_VAR_DIR": str(workdir / "var"),
    }
    ntm = Path(sys.executable).with_name("ntm")
    log_path = workdir / "server.log"
    url = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        # The log goes to a file: a pipe nobody reads would stall the server once full.
        proc = subprocess.Popen(
            [str(ntm), "serve", "--demo", "--port", str(port), "--workers", "1", "--threads", "4"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
        try:
            deadline = time.monotonic() + timeout
            while not _healthy(url):
                if proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        "ntm serve --demo did not answer /healthz:\n" + log_path.read_text()
                    )
                time.sleep(0.3)
            yield url
        finally:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)


@dataclass
class Site:
    """The running server and the browser, with one logged-in context per person."""

    url: str
    browser: Browser
    shots_dir: Path | None = None
    contexts: list[BrowserContext] = field(default_factory=list)

    def page(self, *, viewport: dict[str, int] = DESKTOP) -> Page:
        context = self.browser.new_context(viewport=viewport, locale="vi-VN")
        context.set_default_timeout(15_000)
        self.contexts.append(context)
        return context.new_page()

    def login(self, username: str, *, viewport: dict[str, int] = DESKTOP) -> Page:
        """A page logged in through the login form, as a person does."""
        page = self.page(viewport=viewport)
        page.goto(f"{self.url}/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill(username)
        page.get_by_label("Mật khẩu").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Đăng nhập").click()
        page.wait_for_url(f"{self.url}/")
        return page

    def close(self) -> None:
        for context in self.contexts:
            context.close()
        self.contexts.clear()

    def shot(self, page: Page, name: str, *, at: str | None = None) -> None:
        """``<name>-1366.png`` and ``<name>-390.png`` of the page as it is now, when asked for.

        One screen's height is kept at 1366 and two at 390 (the files stay small), from the top
        of the page or from the element ``at`` (a CSS selector) when the point is further down.
        """
        if self.shots_dir is None:
            return
        size = page.viewport_size or DESKTOP
        for viewport, height in ((DESKTOP, DESKTOP["height"]), (PHONE, 2 * PHONE["height"])):
            page.set_viewport_size(viewport)
            page.wait_for_timeout(800)  # let the layout settle (charts animate, redraw on resize)
            full = int(page.evaluate("document.documentElement.scrollHeight"))
            top = 0
            if at is not None:
                top = int(page.locator(at).first.evaluate(
                    "e => e.getBoundingClientRect().top + window.scrollY"
                ))  # fmt: skip
                top = max(0, min(top - 16, full - height))
            clip = {"x": 0, "y": top, "width": viewport["width"], "height": min(full, height)}
            path = self.shots_dir / f"{name}-{viewport['width']}.png"
            page.screenshot(path=str(path), clip=clip, full_page=True)
        page.set_viewport_size(size)


def page_width(page: Page) -> int:
    """The width of the whole document: wider than the screen means sideways scrolling."""
    return int(page.evaluate("document.documentElement.scrollWidth"))
