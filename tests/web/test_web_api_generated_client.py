"""A client generated from /api/openapi.json by openapi-python-client works: it reads, saves,
gets the conflict as a typed 409 and downloads the report zip, against a live server.

The generator runs in its own venv (it pins its own pydantic, httpx, ruff), built once per
generator version under /tmp and reused by later runs; building it needs PyPI (as CI has).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ntm.web.accounts.models import ApiToken

GENERATOR = "openapi-python-client==0.29.1"
VENV = Path(f"/tmp/ntm-openapi-client-venv-{GENERATOR.split('==')[1]}")
SCRIPT = Path(__file__).parent / "api_client" / "client_script.py"
# The client's own configuration: a zip (or a spreadsheet) is a file to keep, and the generated
# code is left as generated (no formatter run).
CONFIG = """\
content_type_overrides:
  application/zip: application/octet-stream
  application/vnd.openxmlformats-officedocument.spreadsheetml.sheet: application/octet-stream
post_hooks: []
"""


def _bin(venv: Path, name: str) -> Path:
    return venv / ("Scripts" if os.name == "nt" else "bin") / name


def _generator_venv() -> Path:
    """The cached venv; a marker written last tells a complete one from an interrupted build
    (a venv's scripts name their own path, so it is built in place, not moved there)."""
    marker = VENV / "ntm-complete"
    if marker.exists():
        return VENV
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(_bin(VENV, "python")), "-m", "pip", "install", "-q", GENERATOR],
                   check=True, timeout=600)  # fmt: skip
    marker.write_text(GENERATOR, encoding="utf-8")
    return VENV


@pytest.fixture
def generated_client(client: Any, tmp_path: Path, db: None) -> Path:
    venv = _generator_venv()
    schema = tmp_path / "openapi.json"
    schema.write_text(json.dumps(client.get("/api/openapi.json").json()), encoding="utf-8")
    config = tmp_path / "config.yml"
    config.write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "ntm_api_client"
    done = subprocess.run(
        [str(_bin(venv, "openapi-python-client")), "generate", "--path", str(schema),
         "--output-path", str(out), "--meta", "none", "--config", str(config)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert "response will be omitted" not in done.stdout + done.stderr
    return tmp_path


def test_a_generated_client_reads_saves_meets_a_conflict_and_downloads_the_report(
    transactional_db: None, live_server: Any, world: Any, generated_client: Path
) -> None:
    token = ApiToken.issue(user=world.users["office"], name="khách tạo sinh")[1]
    env = {**os.environ, "PYTHONPATH": str(generated_client)}
    done = subprocess.run(
        [str(_bin(VENV, "python")), str(SCRIPT), live_server.url, token, str(world.period.pk),
         str(world.xa_a.pk)],
        capture_output=True, text=True, timeout=120, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {
        "read_version": 0,
        "saved_version": 1,
        "saved_targets": ["2.1"],
        "conflict_status": 409,
        "conflict_detail": "Dữ liệu đã được người khác thay đổi; không có gì được ghi.",
        "conflict_version": 1,
        "report_status": 200,
        "report_zip": "PK",
    }
