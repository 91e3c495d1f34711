"""Web tests: SQLite by default, PostgreSQL when NTM_TEST_DATABASE_URL is set.

The settings are chosen here, before pytest-django sets Django up. Tests marked ``postgres`` need
PostgreSQL; the Makefile selects them with ``-m`` on the PostgreSQL run and deselects them on the
SQLite run, and a run on SQLite that still selects them reports them as deselected, loudly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

_PG = os.environ.get("NTM_TEST_DATABASE_URL")
os.environ["DJANGO_SETTINGS_MODULE"] = "ntm.web.settings"
os.environ["DEBUG"] = "0"
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-" + "x" * 40)
os.environ["ALLOWED_HOSTS"] = "testserver,localhost,127.0.0.1"
os.environ["SECURE_SSL_REDIRECT"] = "0"
os.environ["DATABASE_URL"] = _PG or "sqlite:///" + str(
    Path(os.environ.get("TMPDIR", "/tmp")) / "ntm-web-tests.sqlite3"
)
os.environ.setdefault("NTM_VAR_DIR", str(Path(os.environ.get("TMPDIR", "/tmp")) / "ntm-web-var"))

USING_POSTGRES = bool(_PG)
(Path(os.environ["NTM_VAR_DIR"]) / "static").mkdir(parents=True, exist_ok=True)

# Set Django up now: this conftest may load after pytest-django's own start-up (a run from the
# repository root collects tests/web late), and pytest-django then finds Django ready.
import django  # noqa: E402

from ntm.web.i18n import compile_catalogues  # noqa: E402

compile_catalogues()  # English pages need the .mo; Babel writes it without GNU gettext
django.setup()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if USING_POSTGRES:
        return
    pg_only = [i for i in items if i.get_closest_marker("postgres")]
    if pg_only:
        config.hook.pytest_deselected(items=pg_only)
        items[:] = [i for i in items if not i.get_closest_marker("postgres")]
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None:
            reporter.write_line(
                f"ntm: {len(pg_only)} test(s) marked 'postgres' deselected: "
                "set NTM_TEST_DATABASE_URL to run them",
                yellow=True,
            )


@pytest.fixture(autouse=True)
def _media_in_tmp(settings: object, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"  # type: ignore[attr-defined]
    # Fast test settings: hashing seven passwords per test with PBKDF2 would take seconds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # type: ignore[attr-defined]
    settings.STORAGES = {  # type: ignore[attr-defined]
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


from web_world import World, make_world  # noqa: E402

__all__ = ["World", "make_world"]


@pytest.fixture
def world(db: None) -> World:
    return make_world()


@pytest.fixture(autouse=True)
def _empty_cache() -> None:
    """Each test's database starts again from nothing (SQLite may hand out the same ids and
    data versions again), so the cache does too: what one test kept is never another's."""
    from django.core.cache import cache

    cache.clear()
