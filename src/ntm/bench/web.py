"""Load test of the web system on the national dataset: ``ntm serve`` on PostgreSQL.

The dataset (``ntm.bench.national_data``, database ``ntm_national``; ``NTM_BENCH_NATIONAL_URL``
names another) is loaded first when missing. The server runs as in production (gunicorn, DEBUG
off, ``ntm serve``'s default 2 workers × 4 threads, locmem cache unless ``NTM_BENCH_CACHE_URL``)
on a free loopback port. Fifty clients, each signed in with its own login (``_web_plan``), walk
their cycle of pages: the national view, Thanh Hóa's dashboard (454 communes, 10 years), a
commune page, a save through the API with the version last read (a 409 is a right answer, counted
as a conflict), the read that checks the saved value is counted, the public index and a public
province page. Two phases after a warm-up:

1. **with pauses** (judged): each client waits about 2 s (jittered 0,5–1,5×) between requests;
2. **without pause** (reported): a probe of throughput, not a person's behaviour.

A page that does not exist yet (HTTP 404 at the start) is left out of the load and reported
missing. Latencies are client-side wall times; CPU per request is read from /proc. The server is
stopped afterwards; the national database stays (it takes minutes to load).
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

from ntm.bench._load import Client, cpu_now, free_port, login, wait_ready
from ntm.bench._web_figures import Sample, lines, summary, targets
from ntm.bench._web_plan import SAVED_INDICATOR, ClientPlan, plan_clients, role_counts
from ntm.bench.registry import BenchResult, register

CLIENTS = 50
JSON = "application/json"
PAUSE = 2.0
LOAD_PER_CLIENT = int(os.environ.get("NTM_BENCH_WEB_PER_CLIENT", "16"))
SATURATION_REQUESTS = int(os.environ.get("NTM_BENCH_WEB_SATURATION", "1000"))
WORKERS = int(os.environ.get("NTM_BENCH_WORKERS", "2"))
THREADS = int(os.environ.get("NTM_BENCH_THREADS", "4"))
CACHE_URL = os.environ.get("NTM_BENCH_CACHE_URL", "locmem://")
NATIONAL_URL = os.environ.get(
    "NTM_BENCH_NATIONAL_URL", "postgres://postgres@127.0.0.1:5432/ntm_national"
)
# A smaller dataset for development (``--provinces N`` of the loader); 0 = the whole country.
PROVINCES = int(os.environ.get("NTM_BENCH_PROVINCES", "0")) or None
ROOT = Path(__file__).resolve().parents[3]


def dataset_ensure(url: str, provinces: int | None = None) -> list[str]:
    """Load the national dataset when missing (a subprocess: Django settings are per process);
    the loader's lines, in Vietnamese."""
    command = [sys.executable, "-m", "ntm.bench.national_data", "--database-url", url]
    if provinces:
        command += ["--provinces", str(provinces)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"không nạp được dữ liệu toàn quốc: {done.stderr.strip()[-500:]}")
    return done.stdout.strip().splitlines()


def _start_server(db_url: str, port: int, var_dir: Path) -> Any:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "NTM_TEST"))}
    env |= {
        "DATABASE_URL": db_url,
        "NTM_VAR_DIR": str(var_dir),
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "k" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "DATABASE_CONN_MAX_AGE": "600",
        "LOG_LEVEL": "ERROR",
        "CACHE_URL": CACHE_URL,
    }
    ntm = Path(sys.executable).with_name("ntm")
    command = [
        str(ntm),
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--workers",
        str(WORKERS),
        "--threads",
        str(THREADS),
    ]
    # The server writes to its own copy of the descriptor: ours is closed once it has started.
    with open(var_dir / "server.log", "w") as log:
        return subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def _stop_server(proc: Any) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)


def _path(plan: ClientPlan, kind: str) -> str:
    commune = f"/api/periods/{plan.period_id}/communes/{plan.unit_id}"
    return {
        "national": "/tong-hop/ca-nuoc/",
        "dashboard": f"/tong-hop/?period={plan.dashboard_period}",
        "commune": f"/ky/{plan.period_id}/xa/{plan.unit_id}/",
        "save": f"{commune}/values",
        "check": f"{commune}/evaluation",
        "public_index": "/public/",
        "public_province": "/public/tinh/{}/{}/".format(*plan.public_province),
    }[kind]


def _save(client: Client, plan: ClientPlan, rng: random.Random) -> Sample:
    value = round(rng.uniform(0, 100), 1)
    body = json.dumps({"version": plan.version, "values": {SAVED_INDICATOR: value}}).encode()
    plan.expected = None  # until this save is answered, there is nothing to check
    code, data, seconds = client.send("PUT", _path(plan, "save"), body, JSON)
    if code == 200:
        plan.version, plan.expected = json.loads(data)["version"], value
    elif code == 409:  # the optimistic lock answered: take the version it gives
        plan.version = json.loads(data)["current_version"]
    return ("save", seconds, code, None)


def _check(client: Client, plan: ClientPlan) -> Sample:
    code, data, seconds = client.send("GET", _path(plan, "check"))
    flag = None
    if code == 200 and plan.expected is not None:
        seen = json.loads(data)["indicators"][SAVED_INDICATOR]["value"]
        flag = "fresh" if seen is not None and abs(seen - plan.expected) < 1e-9 else "stale"
    return ("check", seconds, code, flag)


def _request(client: Client, plan: ClientPlan, kind: str, rng: random.Random) -> Sample:
    if kind == "save":
        return _save(client, plan, rng)
    if kind == "check":
        return _check(client, plan)
    code, _body, seconds = client.send("GET", _path(plan, kind))
    flag = client.headers.get("X-Dashboard-Figures") if kind == "dashboard" else None
    return (kind, seconds, code, flag)


def _client_loop(
    base: Client,
    plan: ClientPlan,
    count: int,
    out: list[Sample],
    pause: float,
    skip: frozenset[str],
) -> None:
    client = base.copy()
    rng = random.Random(plan.unit_id * 7919 + len(plan.username or "public"))
    cycle = [k for k in plan.cycle if k not in skip] or ["public_index"]
    step = plan.counters.get("step", 0)
    for _ in range(count):
        if pause:
            time.sleep(rng.uniform(0.5, 1.5) * pause)
        kind = cycle[step % len(cycle)]
        step += 1
        t0 = time.perf_counter()
        try:
            out.append(_request(client, plan, kind, rng))
        except (OSError, http.client.HTTPException, ValueError, KeyError, TypeError):
            # No answer (refused, reset, timed out) or not the answer promised: an error.
            out.append((kind, time.perf_counter() - t0, 0, None))
            client.close()
    plan.counters["step"] = step
    client.close()


def _sign_in(port: int, plans: list[ClientPlan]) -> list[Client]:
    """Each client's own session, and the version of the commune it saves."""
    clients = []
    for plan in plans:
        client = login(port, plan.username, plan.password) if plan.username else Client(port)
        if "save" in plan.cycle:
            path = f"/api/periods/{plan.period_id}/communes/{plan.unit_id}/values"
            plan.version = int(client.json("GET", path)["version"])
        client.close()
        clients.append(client)
    return clients


def _missing(port: int, base: Client) -> list[str]:
    """Pages not built yet: left out of the load, reported missing."""
    code, _body, _s = base.copy().send("GET", "/tong-hop/ca-nuoc/")
    return ["national"] if code == 404 else []


def national_view(
    sessions: list[Client], plans: list[ClientPlan], cached: int = 20, writes: int = 3
) -> dict[str, Any]:
    """The national view alone, on one keep-alive connection (one process): the process's first
    answer, ``cached`` answers with nothing written, then ``writes`` times a save elsewhere and
    the next answer (the cache keyed by the data version must be rebuilt: cold)."""
    central = next(i for i, p in enumerate(plans) if p.role == "central")
    writer = next((i for i, p in enumerate(plans) if "save" in p.cycle), None)
    client, rng = sessions[central].copy(), random.Random(1)
    first = _timed_get(client, "/tong-hop/ca-nuoc/")
    warm = [_timed_get(client, "/tong-hop/ca-nuoc/") for _ in range(cached)]
    cold: list[float] = []
    for _ in range(writes if writer is not None else 0):
        assert writer is not None
        saver = sessions[writer].copy()
        _save(saver, plans[writer], rng)
        saver.close()
        cold.append(_timed_get(client, "/tong-hop/ca-nuoc/"))
    client.close()
    return {"first": first, "cached": warm, "after_write": cold}


def _timed_get(client: Client, path: str) -> float:
    code, _body, seconds = client.send("GET", path)
    return seconds if code == 200 else float("inf")  # an error is never fast


def _phase(
    clients: list[Client],
    plans: list[ClientPlan],
    per_client: int,
    pause: float,
    server_sid: int,
    skip: frozenset[str],
) -> dict[str, Any]:
    results: list[list[Sample]] = [[] for _ in plans]
    pool = [
        threading.Thread(target=_client_loop, args=(c, p, per_client, r, pause, skip))
        for c, p, r in zip(clients, plans, results, strict=True)
    ]
    before, t0 = cpu_now(server_sid, _db_name()), time.perf_counter()
    for t in pool:
        t.start()
    for t in pool:
        t.join(timeout=900)
    wall, after = time.perf_counter() - t0, cpu_now(server_sid, _db_name())
    cpu = {k: after[k] - before[k] for k in before}
    return summary([s for rs in results for s in rs], wall, cpu)


def _progress(text: str) -> None:
    """A line on stderr while the benchmark runs (minutes on a busy machine)."""
    print(f"  [web] {text}", file=sys.stderr, flush=True)


def _terminated(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _db_name() -> str:
    return NATIONAL_URL.rstrip("/").rsplit("/", 1)[1]


def run(
    *,
    clients: int = CLIENTS,
    per_client: int = LOAD_PER_CLIENT,
    saturation: int = SATURATION_REQUESTS,
) -> dict[str, Any]:
    # A runner stopped from outside (timeout, Ctrl-C) still stops the server it started.
    signal.signal(signal.SIGTERM, _terminated)
    dataset = dataset_ensure(NATIONAL_URL, PROVINCES)
    plans = plan_clients(NATIONAL_URL, clients)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="ntm-bench-web-") as tmp:
        port = free_port()
        proc = _start_server(NATIONAL_URL, port, Path(tmp))
        try:
            started = time.perf_counter()
            wait_ready(port, proc, timeout=300)
            ready_seconds = time.perf_counter() - started
            sessions = _sign_in(port, plans)
            _progress(f"{len(sessions)} máy khách đã đăng nhập")
            skip = frozenset(_missing(port, sessions[0]))
            national = national_view(sessions, plans) if "national" not in skip else None
            # Warm every worker: each client's first requests open its connection and fill
            # the processes' caches, as a server does in its first minutes.
            _phase(sessions, plans, 3, 0.0, proc.pid, skip)
            _progress("khởi động xong, bắt đầu pha có nghỉ")
            load = _phase(sessions, plans, per_client, PAUSE, proc.pid, skip)
            _progress(f"pha có nghỉ xong: {load['requests']} yêu cầu, {load['errors']} lỗi")
            sat = _phase(sessions, plans, max(1, saturation // len(plans)), 0.0, proc.pid, skip)
        finally:
            _stop_server(proc)
    return {
        "load": load,
        "saturation": sat,
        "missing": sorted(skip),
        "dataset": dataset,
        "national_view": national,
        "pause_seconds": PAUSE,
        "clients": len(plans),
        "roles": role_counts(plans),
        "server_workers": WORKERS,
        "server_threads": THREADS,
        "cache": CACHE_URL.split(":")[0],
        "server_ready_seconds": ready_seconds,
        "database": _db_name(),
        "cpus": os.cpu_count(),
        "load_before": load_before[0],
        "load_after": os.getloadavg()[0],
    }


@register("web", "Hệ thống web trên dữ liệu toàn quốc: 50 người dùng, mỗi người một tài khoản")
def bench(options: dict[str, Any]) -> BenchResult:
    quick = bool(options.get("quick"))
    figures = run(
        clients=10 if quick else CLIENTS,
        per_client=4 if quick else LOAD_PER_CLIENT,
        saturation=100 if quick else SATURATION_REQUESTS,
    )
    return BenchResult(
        name="web",
        title="Hệ thống web dưới tải (dữ liệu toàn quốc)",
        figures=figures,
        lines=figures["dataset"] + lines(figures),
        targets=targets(figures),
    )
