"""Production settings pass Django's deployment checks; bad settings fail loudly."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "SECURE_SSL_REDIRECT"}
    }
    return subprocess.run(
        [sys.executable, "-m", "ntm.web.manage", *args], env=base | env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip


def test_check_deploy_reports_nothing_with_production_settings(tmp_path):
    result = _manage(
        "check", "--deploy", "--fail-level", "DEBUG",
        DEBUG="0", SECRET_KEY=secrets.token_urlsafe(60), ALLOWED_HOSTS="ntm.example.gov.vn",
        DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_a_missing_secret_key_in_production_stops_the_server_with_its_name(tmp_path):
    result = _manage("check", DEBUG="0", DATABASE_URL=f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert result.returncode != 0
    assert "Thiếu biến môi trường SECRET_KEY" in result.stderr


def test_a_malformed_debug_flag_is_refused_not_guessed(tmp_path):
    result = _manage("check", DEBUG="maybe", SECRET_KEY="x" * 60)
    assert result.returncode != 0
    assert "DEBUG='maybe': cần 0/1" in result.stderr
