"""Load test of the web system: ``ntm serve`` on PostgreSQL with the demonstration data.

A fresh database (``ntm_bench`` on 127.0.0.1:5432, user postgres; ``NTM_BENCH_POSTGRES_URL``
names another server) gets the demo as ``ntm serve --demo`` loads it; the server runs as in
production (gunicorn, DEBUG off) on a free loopback port. One login of the Kon Tum office, then
50 client threads, each on its own keep-alive connection and with no pause between requests,
send 2.000 requests in all: three in four open the dashboard of Kon Tum 2020, one in four saves a
criterion status of the client's own commune through the API with the version it last read (the
optimistic lock). Latencies are client-side wall times; the run stops by itself and the server
and the database are removed afterwards.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

import numpy as np
import psycopg

from ntm import formatting as fmt
from ntm.bench.registry import BenchResult, Target, register

TARGET_DASHBOARD_P95 = 0.100  # seconds
TARGET_SAVE_P95 = 0.150
CLIENTS = 50
REQUESTS = 2000
SAVE_EVERY = 4  # every fourth request of a client is a save
DATABASE = "ntm_bench"
SAVED_CRITERION = "19"
# A second, informative phase: the same 50 clients as people working, about one request every
# PACE seconds each (jittered), PACED_PER_CLIENT requests each. Targets are judged on the first.
PACE = 2.0
PACED_PER_CLIENT = 8
ROOT = Path(__file__).resolve().parents[3]


# --- a small HTTP client: keep-alive, cookies by hand (the server's cookies are marked Secure,
# which cookie jars withhold over plain http on the loopback) --------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Client:
    def __init__(self, port: int, cookies: dict[str, str] | None = None):
        self.port = port
        self.cookies = dict(cookies or {})
        self.conn: http.client.HTTPConnection | None = None

    def copy(self) -> Client:
        return Client(self.port, self.cookies)

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def send(
        self, method: str, path: str, body: bytes | None = None, kind: str | None = None
    ) -> tuple[int, bytes, float]:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        if method not in ("GET", "HEAD"):
            headers["X-CSRFToken"] = self.cookies.get("csrftoken", "")
        if kind:
            headers["Content-Type"] = kind
        t0 = time.perf_counter()
        for attempt in (0, 1):  # a keep-alive connection the server closed is opened again
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (ConnectionError, http.client.HTTPException):
                self.close()
                if attempt:
                    raise
        seconds = time.perf_counter() - t0
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        return response.status, data, seconds

    def send_json(self, method: str, path: str, payload: Any) -> tuple[int, Any, float]:
        code, data, seconds = self.send(method, path, json.dumps(payload).encode(),
                                        "application/json")  # fmt: skip
        return code, json.loads(data) if data else None, seconds

    def json(self, method: str, path: str) -> Any:
        code, data, _seconds = self.send(method, path)
        if code != 200:
            raise RuntimeError(f"{method} {path}: HTTP {code}")
        return json.loads(data)


def wait_ready(port: int, proc: Any, *, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("ntm serve dừng trước khi sẵn sàng (xem server.log)")
        try:
            code, _body, _s = Client(port).send("GET", "/healthz")
            if code == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"ntm serve không trả lời /healthz sau {timeout:.0f} giây")


def login(port: int, username: str, password: str) -> Client:
    client = Client(port)
    code, page, _s = client.send("GET", "/dang-nhap/")
    token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if code != 200 or token is None:
        raise RuntimeError("không mở được trang đăng nhập")
    form = urllib.parse.urlencode({"username": username, "password": password,
                                   "csrfmiddlewaretoken": token.group(1).decode()})  # fmt: skip
    code, _page, _s = client.send("POST", "/dang-nhap/", form.encode(),
                                  "application/x-www-form-urlencoded")  # fmt: skip
    if code != 302 or "sessionid" not in client.cookies:
        raise RuntimeError(f"đăng nhập {username} không thành công (HTTP {code})")
    client.close()
    return client


def _admin_url() -> str:
    return os.environ.get("NTM_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _recreate_database(name: str, *, drop_only: bool = False) -> str:
    admin = _admin_url()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')
    return admin.rsplit("/", 1)[0] + "/" + name


def _start_server(db_url: str, port: int, var_dir: Path, workers: int, threads: int) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NTM_TEST"))}
    env |= {
        "DATABASE_URL": db_url, "NTM_VAR_DIR": str(var_dir), "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0", "DATABASE_CONN_MAX_AGE": "60", "LOG_LEVEL": "ERROR",
    }  # fmt: skip
    ntm = Path(sys.executable).with_name("ntm")
    command = [str(ntm), "serve", "--demo", "--host", "127.0.0.1", "--port", str(port),
               "--workers", str(workers), "--threads", str(threads)]  # fmt: skip
    log = open(var_dir / "server.log", "w")  # noqa: SIM115 — closed with the server
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                            start_new_session=True)  # fmt: skip
    proc.log = log  # type: ignore[attr-defined]
    return proc


def _stop_server(proc: Any) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
    proc.log.close()


def _setup(client: Client) -> tuple[int, list[list[int]]]:
    """The Kon Tum 2020 period, and for each client a commune with its version and a status."""
    periods = client.json("GET", "/api/periods")
    period = next(p for p in periods if p["province_code"] == "62" and p["year"] == 2020)
    units = client.json("GET", "/api/units?regime=old&province=62&limit=500")
    communes = [u["id"] for u in units if u["level"] == "commune"][:CLIENTS]
    plan = []
    for unit_id in communes:
        values = client.json("GET", f"/api/periods/{period['id']}/communes/{unit_id}/values")
        plan.append([unit_id, values["version"], values["statuses"].get(SAVED_CRITERION, 1)])
    return period["id"], plan


def _client_loop(
    base: Client, period_id: int, commune: list[int], count: int, out: list[tuple], pause: float
) -> None:
    """One client's requests; ``commune`` (unit id, version, status) is updated for the next
    phase. ``pause``: mean seconds between requests (0: none), jittered so clients spread out."""
    client = base.copy()
    unit_id, version, status = commune
    save_path = f"/api/periods/{period_id}/communes/{unit_id}/values"
    rng = random.Random(unit_id)
    for i in range(count):
        if pause:
            time.sleep(rng.uniform(0.5, 1.5) * pause)
        if i % SAVE_EVERY == SAVE_EVERY - 1:
            status = 1 - status
            body = {"version": version, "statuses": {SAVED_CRITERION: status}}
            code, answer, seconds = client.send_json("PUT", save_path, body)
            if code == 200:
                version = answer["version"]
            out.append(("save", seconds, code))
        else:
            code, _body, seconds = client.send("GET", f"/tong-hop/?period={period_id}")
            out.append(("dashboard", seconds, code))
    commune[1:] = [version, status]
    client.close()


def _stats(samples: list[float]) -> dict[str, float]:
    a = np.asarray(samples) if samples else np.zeros(1)
    return {
        "p50": float(np.percentile(a, 50)), "p95": float(np.percentile(a, 95)),
        "max": float(a.max()), "mean": float(a.mean()),
    }  # fmt: skip


def run(*, clients: int = CLIENTS, requests: int = REQUESTS, workers: int = 2,
        threads: int = 4) -> dict[str, Any]:  # fmt: skip
    db_url = _recreate_database(DATABASE)
    with tempfile.TemporaryDirectory(prefix="ntm-bench-web-") as tmp:
        port = free_port()
        proc = _start_server(db_url, port, Path(tmp), workers, threads)
        try:
            started = time.perf_counter()
            wait_ready(port, proc, timeout=180)
            ready_seconds = time.perf_counter() - started
            base = login(port, "kontum", "ntm-demo-2026")
            period_id, plan = _setup(base)
            for _ in range(3):  # warm each worker's caches (parsed set, templates) before timing
                base.send("GET", f"/tong-hop/?period={period_id}")
            closed, wall = _phase(base, period_id, plan[:clients], requests // clients, 0.0)
            paced, paced_wall = _phase(base, period_id, plan[:clients], PACED_PER_CLIENT, PACE)
        finally:
            _stop_server(proc)
    _recreate_database(DATABASE, drop_only=True)
    return {
        **_summary(closed, wall), "paced": _summary(paced, paced_wall),
        "paced_mean_pause_seconds": PACE, "clients": min(clients, len(plan)),
        "server_workers": workers, "server_threads": threads,
        "server_ready_seconds": ready_seconds, "database": "postgresql",
    }  # fmt: skip


def _phase(
    base: Client, period_id: int, plan: list[list[int]], per_client: int, pause: float
) -> tuple[list[tuple], float]:
    results: list[list[tuple]] = [[] for _ in plan]
    pool = [
        threading.Thread(target=_client_loop, args=(base, period_id, c, per_client, r, pause))
        for c, r in zip(plan, results, strict=True)
    ]
    t0 = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=900)
    return [r for rs in results for r in rs], time.perf_counter() - t0


def _summary(flat: list[tuple], wall: float) -> dict[str, Any]:
    dash = [s for k, s, _c in flat if k == "dashboard"]
    save = [s for k, s, _c in flat if k == "save"]
    errors = [(k, c) for k, _s, c in flat if c != 200]
    return {
        "requests": len(flat), "wall_seconds": wall,
        "throughput_rps": len(flat) / wall if wall else 0.0,
        "dashboard_requests": len(dash), "save_requests": len(save),
        "dashboard": _stats(dash), "save": _stats(save), "errors": len(errors),
        "error_codes": sorted({f"{k}:{c}" for k, c in errors}),
    }  # fmt: skip


def _ms(seconds: float) -> str:
    return f"{fmt.number(seconds * 1000, 0)} ms"


def targets(f: dict[str, Any]) -> list[Target]:
    return [
        Target(f"Bảng tổng hợp p95 ≤ {_ms(TARGET_DASHBOARD_P95)}",
               f["dashboard"]["p95"] <= TARGET_DASHBOARD_P95, _ms(f["dashboard"]["p95"])),
        Target(f"Lưu số liệu p95 ≤ {_ms(TARGET_SAVE_P95)}",
               f["save"]["p95"] <= TARGET_SAVE_P95, _ms(f["save"]["p95"])),
        Target("Không có lỗi", f["errors"] == 0,
               f"{f['errors']} lỗi" + (f" ({', '.join(f['error_codes'])})" if f["errors"] else "")),
    ]  # fmt: skip


def lines(f: dict[str, Any]) -> list[str]:
    def row(name: str, key: str, g: dict[str, Any] = f) -> str:
        s = g[key]
        return (f"  {name}: {fmt.number(g[key + '_requests'])} yêu cầu; p50 {_ms(s['p50'])}, "
                f"p95 {_ms(s['p95'])}, tối đa {_ms(s['max'])}")  # fmt: skip

    p = f["paced"]

    return [
        f"ntm serve (gunicorn {f['server_workers']} tiến trình × {f['server_threads']} luồng, "
        f"PostgreSQL, dữ liệu minh họa; sẵn sàng sau {fmt.number(f['server_ready_seconds'], 1)} "
        "giây)",
        f"{f['clients']} máy khách đồng thời, không nghỉ giữa các yêu cầu: "
        f"{fmt.number(f['requests'])} yêu cầu trong {fmt.number(f['wall_seconds'], 1)} giây "
        f"({fmt.number(f['throughput_rps'], 0)} yêu cầu/giây)",
        row("Bảng tổng hợp Kon Tum 2020 (85 xã, so với 2015)", "dashboard"),
        row("Lưu trạng thái một tiêu chí qua API (khóa lạc quan)", "save"),
        f"  Lỗi: {f['errors']}",
        f"Để tham khảo — {f['clients']} người dùng, mỗi người khoảng "
        f"{fmt.number(f['paced_mean_pause_seconds'], 1)} giây một yêu cầu: "
        f"{fmt.number(p['requests'])} yêu cầu trong {fmt.number(p['wall_seconds'], 1)} giây "
        f"({fmt.number(p['throughput_rps'], 0)} yêu cầu/giây)",
        row("Bảng tổng hợp", "dashboard", p),
        row("Lưu số liệu", "save", p),
        f"  Lỗi: {p['errors']}",
    ]


@register("web", "Hệ thống web: 50 máy khách đồng thời trên bảng tổng hợp và lưu số liệu")
def bench(options: dict[str, Any]) -> BenchResult:
    figures = run()
    return BenchResult(name="web", title="Hệ thống web dưới tải", figures=figures,
                       lines=lines(figures), targets=targets(figures))  # fmt: skip
