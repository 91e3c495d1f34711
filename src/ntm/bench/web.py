"""Load test of the web system: ``ntm serve`` on PostgreSQL with the demonstration data.

A fresh database (``ntm_bench`` on 127.0.0.1:5432, user postgres; ``NTM_BENCH_POSTGRES_URL``
names another server) gets the demo as ``ntm serve --demo`` loads it; the server runs as in
production (gunicorn, DEBUG off) on a free loopback port. One login of the Kon Tum office, then
50 client threads, each signed in on its own keep-alive connection; three in four requests open
the dashboard of Kon Tum 2020, one in four saves a criterion status of the client's own commune
through the API with the version it last read (the optimistic lock; a 409 is counted as a
conflict, a right answer, not an error). Four phases:

1. **the target load** (judged): 50 people working at once, each waiting about 2 s (jittered
   0,5–1,5×) between an answer and their next request;
2. **headroom**: the same clients pausing less and less, until the targets no longer hold;
3. **saturation**: no pause at all — a probe of throughput, not a person's behaviour;
4. **the floor**: no pause on ``/healthz`` (no session, one ``SELECT 1``) — the most requests
   per second any page could be answered at on this machine.

Latencies are client-side wall times; CPU per request is read from /proc. The run stops by itself
and the server and the database are removed afterwards. docs/performance.md says why the targets
are judged on the first phase.
"""

from __future__ import annotations

import http.client
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import psycopg

from ntm.bench._load import Client, cpu_now, free_port, login, wait_ready
from ntm.bench._web_figures import headroom, lines, meets_targets, stats, summary, targets
from ntm.bench.registry import BenchResult, register

CLIENTS = 50
SAVE_EVERY = 4  # every fourth request of a client is a save
DATABASE = "ntm_bench"
SAVED_CRITERION = "19"
JSON = "application/json"
# The target load: each client waits about PAUSE seconds (jittered 0,5–1,5×) before each request,
# LOAD_PER_CLIENT requests each.
PAUSE = 2.0
LOAD_PER_CLIENT = 16
# Headroom: shorter and shorter pauses, LADDER_PER_CLIENT requests each; the ladder stops at the
# first step that misses a target.
LADDER_PAUSES = (1.5, 1.0, 0.75, 0.5)
LADDER_PER_CLIENT = 10
# Saturation and the floor: no pause, this many requests in all.
REQUESTS = 1000
# The server as ``ntm serve`` runs it by default; NTM_BENCH_CACHE_URL picks the cache
# (locmem:// by default, as production without Redis).
WORKERS = int(os.environ.get("NTM_BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("NTM_BENCH_THREADS", "4"))
CACHE_URL = os.environ.get("NTM_BENCH_CACHE_URL", "locmem://")
ROOT = Path(__file__).resolve().parents[3]


def _admin_url() -> str:
    return os.environ.get("NTM_BENCH_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _recreate_database(name: str, *, drop_only: bool = False) -> str:
    admin = _admin_url()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            conn.execute(f'CREATE DATABASE "{name}"')
    return admin.rsplit("/", 1)[0] + "/" + name


def _start_server(
    db_url: str, port: int, var_dir: Path, workers: int, threads: int, cache_url: str
) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NTM_TEST"))}
    env |= {
        "DATABASE_URL": db_url, "NTM_VAR_DIR": str(var_dir), "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "k" * 50, "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0", "DATABASE_CONN_MAX_AGE": "600", "LOG_LEVEL": "ERROR",
        "CACHE_URL": cache_url,
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
        kind = "save" if i % SAVE_EVERY == SAVE_EVERY - 1 else "dashboard"
        t0 = time.perf_counter()
        try:
            if kind == "save":
                body = json.dumps({"version": version, "statuses": {SAVED_CRITERION: 1 - status}})
                code, data, seconds = client.send("PUT", save_path, body.encode(), JSON)
                if code == 200:
                    version, status = json.loads(data)["version"], 1 - status
                elif code == 409:  # the optimistic lock answered: take the version it gives
                    version = json.loads(data)["current_version"]
                out.append(("save", seconds, code, ""))
            else:
                code, _body, seconds = client.send("GET", f"/tong-hop/?period={period_id}")
                out.append(("dashboard", seconds, code, client.headers.get("X-Dashboard-Figures")))
        except (OSError, http.client.HTTPException, ValueError, KeyError, TypeError):
            # No answer (refused, reset, timed out) or not the answer the API promises: an error.
            out.append((kind, time.perf_counter() - t0, 0, ""))
            client.close()
    commune[1:] = [version, status]
    client.close()


def _floor(port: int, server_sid: int, clients: int, per_client: int) -> dict[str, Any]:
    """The same clients, no pause, on ``/healthz`` (no session, one ``SELECT 1``, 58 bytes): the
    least any request costs on this machine, hence the best any page could do here."""
    seconds: list[float] = []

    def loop() -> None:
        client = Client(port)
        for _ in range(per_client):
            try:
                code, _body, s = client.send("GET", "/healthz")
            except (OSError, http.client.HTTPException):
                code, s = 0, 0.0
                client.close()
            seconds.append(s if code == 200 else float("inf"))  # an error is never fast
        client.close()

    pool = [threading.Thread(target=loop) for _ in range(clients)]
    before, t0 = cpu_now(server_sid, DATABASE), time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=300)
    wall, after = time.perf_counter() - t0, cpu_now(server_sid, DATABASE)
    n = len(seconds) or 1
    return {
        "requests": len(seconds), "throughput_rps": len(seconds) / wall, "latency": stats(seconds),
        "cpu_ms_per_request": {k: 1000 * (after[k] - before[k]) / n for k in before
                               if not k.startswith("machine_")}
        | ({"machine": 1000 * (after["machine_busy"] - before["machine_busy"]) / n}
           if before else {}),
    }  # fmt: skip


def run(*, clients: int = CLIENTS, requests: int = REQUESTS, workers: int = WORKERS,
        threads: int = THREADS, cache_url: str = CACHE_URL) -> dict[str, Any]:  # fmt: skip
    db_url = _recreate_database(DATABASE)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="ntm-bench-web-") as tmp:
        port = free_port()
        proc = _start_server(db_url, port, Path(tmp), workers, threads, cache_url)
        try:
            started = time.perf_counter()
            wait_ready(port, proc, timeout=180)
            ready_seconds = time.perf_counter() - started
            base = login(port, "kontum", "ntm-demo-2026")
            period_id, plan = _setup(base)
            plan = plan[:clients]

            def phase(per_client: int, pause: float) -> dict[str, Any]:
                return summary(*_phase(base, period_id, plan, per_client, pause, proc.pid))

            # Warm every worker (a process's first dashboard parses the set and the templates):
            # each client opens its own connection, and connections spread over the processes.
            phase(2, 0.0)

            load = phase(LOAD_PER_CLIENT, PAUSE)
            ladder: list[dict[str, Any]] = []
            for pause in LADDER_PAUSES:
                ladder.append(phase(LADDER_PER_CLIENT, pause) | {"pause_seconds": pause})
                if not meets_targets(ladder[-1]):
                    break
            saturation = phase(max(1, requests // clients), 0.0)
            floor = _floor(port, proc.pid, clients, max(1, requests // clients))
        finally:
            _stop_server(proc)
    _recreate_database(DATABASE, drop_only=True)
    best = headroom([load, *ladder])
    return {
        "load": load, "ladder": ladder, "saturation": saturation, "floor": floor,
        "headroom_rps": best["throughput_rps"] if best else None,
        "pause_seconds": PAUSE, "clients": len(plan),
        "server_workers": workers, "server_threads": threads, "cache": cache_url.split(":")[0],
        "server_ready_seconds": ready_seconds, "database": "postgresql",
        "cpus": os.cpu_count(), "load_before": load_before[0], "load_after": os.getloadavg()[0],
    }  # fmt: skip


def _phase(
    base: Client, period_id: int, plan: list[list[int]], per_client: int, pause: float,
    server_sid: int,
) -> tuple[list[tuple], float, dict[str, float]]:  # fmt: skip
    results: list[list[tuple]] = [[] for _ in plan]
    pool = [
        threading.Thread(target=_client_loop, args=(base, period_id, c, per_client, r, pause))
        for c, r in zip(plan, results, strict=True)
    ]
    before = cpu_now(server_sid, DATABASE)
    t0 = time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=900)
    wall = time.perf_counter() - t0
    after = cpu_now(server_sid, DATABASE)
    cpu = {k: after[k] - before[k] for k in before}
    return [r for rs in results for r in rs], wall, cpu


@register("web", "Hệ thống web: 50 người dùng đồng thời trên bảng tổng hợp và lưu số liệu")
def bench(options: dict[str, Any]) -> BenchResult:
    figures = run()
    return BenchResult(name="web", title="Hệ thống web dưới tải", figures=figures,
                       lines=lines(figures), targets=targets(figures))  # fmt: skip
