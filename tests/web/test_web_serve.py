"""``ntm serve --demo`` on a fresh database: migrates, loads the demo, prints logins, serves."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_demo_answers_healthz_and_prints_the_demo_logins(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'demo.sqlite3'}", "NTM_VAR_DIR": str(tmp_path)}
    ntm = Path(sys.executable).with_name("ntm")
    proc = subprocess.Popen(
        [str(ntm), "serve", "--demo", "--port", str(port), "--workers", "1"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        start_new_session=True,
    )  # fmt: skip
    try:
        body, deadline = None, time.monotonic() + 90
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as r:
                    body = (r.status, r.read().decode())
                    break
            except OSError:
                time.sleep(0.3)
        assert body is not None, "the server never answered /healthz"
        assert body[0] == 200 and '"database": "ok"' in body[1]
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        output = proc.communicate(timeout=30)[0]
    assert "Tài khoản minh họa (mật khẩu chung: ntm-demo-2026):" in output
    for login in ("xa", "thamdinh", "tinh", "trunguong", "quantri"):
        assert f"  {login} " in output
    assert "ngưỡng minh họa, không phải ngưỡng chính thức" in output
