"""``ntm serve`` refuses to start, in one Vietnamese line and without a traceback, on a database it
cannot reach (its URL named, the password masked) and, in production, on a weak SECRET_KEY."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from ntm.web.env import masked_database_url, secret_key_weakness

ROOT = Path(__file__).resolve().parents[2]


def _serve(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "DATABASE_URL"}}
    base |= {"NTM_VAR_DIR": str(tmp_path / "var")}
    ntm = Path(sys.executable).with_name("ntm")
    return subprocess.run(
        [str(ntm), "serve", "--port", "1", "--workers", "1"], cwd=ROOT, env=base | env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def _one_line(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 2
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_an_unreachable_postgresql_is_named_with_its_password_masked(tmp_path):
    url = "postgres://ntm:mat-khau-bi-mat@127.0.0.1:1/ntm"
    line = _one_line(_serve(tmp_path, DEBUG="1", DATABASE_URL=url))
    assert line == "Không kết nối được cơ sở dữ liệu postgres://ntm:***@127.0.0.1:1/ntm"


def test_an_unreachable_sqlite_file_is_named(tmp_path):
    url = f"sqlite:///{tmp_path}/khong-co/thu-muc/ntm.sqlite3"
    line = _one_line(_serve(tmp_path, DEBUG="1", DATABASE_URL=url))
    assert line == f"Không kết nối được cơ sở dữ liệu {url}"


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("django-insecure-" + "k3Yq9" * 11, "khóa mẫu 'django-insecure-…'"),
        ("ngan-qua", "chỉ có 8 ký tự (cần ít nhất 50)"),
        ("ab" * 40, "chỉ có 2 ký tự khác nhau"),
    ],
    ids=["django-insecure", "too-short", "too-few-characters"],
)
def test_a_weak_secret_key_in_production_is_refused(tmp_path, key, said):
    db = f"sqlite:///{tmp_path / 'ntm.sqlite3'}"
    line = _one_line(_serve(tmp_path, DEBUG="0", SECRET_KEY=key, DATABASE_URL=db))
    assert line.startswith("Lỗi cấu hình: SECRET_KEY") and said in line
    assert not (tmp_path / "ntm.sqlite3").exists()  # refused before touching the database


def test_the_checks_follow_django_deploy_check():
    assert secret_key_weakness(secrets.token_urlsafe(60)) is None
    assert secret_key_weakness("x" * 49 + "abcd") is None
    assert secret_key_weakness("x" * 49) is not None
    assert masked_database_url("sqlite:///var/ntm.sqlite3") == "sqlite:///var/ntm.sqlite3"
    assert masked_database_url("postgres://u:p%40ss@db:5432/x") == "postgres://u:***@db:5432/x"


@pytest.mark.django_db
def test_the_statistics_warning_follows_postgresqls_autovacuum_setting():
    from django.db import connection

    from ntm.web.db_health import statistics_warning

    warning = statistics_warning(connection)
    if connection.vendor != "postgresql":
        assert warning is None
        return
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        (setting,) = cursor.fetchone()
    if setting == "on":
        assert warning is None
    else:
        assert warning is not None and "autovacuum" in warning and "ANALYZE" in warning
