"""Figures of the web load test: per-phase summaries, the headroom, the targets and the lines
printed for people. Pure functions of the samples, so they are tested without a server."""

from __future__ import annotations

from typing import Any

import numpy as np

from ntm import formatting as fmt
from ntm.bench.registry import Target

TARGET_DASHBOARD_P95 = 0.100  # seconds
TARGET_SAVE_P95 = 0.150

Sample = tuple[str, float, int, str | None]  # (kind, seconds, HTTP status, X-Dashboard-Figures)


def stats(samples: list[float]) -> dict[str, float]:
    a = np.asarray(samples) if samples else np.zeros(1)
    return {
        "p50": float(np.percentile(a, 50)), "p95": float(np.percentile(a, 95)),
        "max": float(a.max()), "mean": float(a.mean()),
    }  # fmt: skip


def summary(flat: list[Sample], wall: float, cpu: dict[str, float]) -> dict[str, Any]:
    """One phase: latencies by kind, conflicts (a 409 is a right answer), errors, CPU."""
    dash = [s for k, s, _c, _f in flat if k == "dashboard"]
    save = [s for k, s, c, _f in flat if k == "save" and c == 200]
    conflicts = sum(1 for k, _s, c, _f in flat if k == "save" and c == 409)
    errors = [(k, c) for k, _s, c, _f in flat if not (c == 200 or (k == "save" and c == 409))]
    n = len(flat) or 1
    per_request_ms = {k: 1000 * cpu[k] / n for k in ("server", "postgres", "client") if k in cpu}
    if cpu.get("machine_total"):
        per_request_ms["machine"] = 1000 * cpu["machine_busy"] / n
    return {
        "requests": len(flat), "wall_seconds": wall,
        "throughput_rps": len(flat) / wall if wall else 0.0,
        "dashboard_requests": len(dash), "save_requests": len(save), "conflicts": conflicts,
        "dashboard_cached": sum(1 for k, _s, _c, f in flat if k == "dashboard" and f == "cached"),
        "dashboard": stats(dash), "save": stats(save), "errors": len(errors),
        "error_codes": sorted({f"{k}:{c}" for k, c in errors}),
        "cpu_ms_per_request": per_request_ms,
        "machine_busy_share": (cpu["machine_busy"] / cpu["machine_total"]
                               if cpu.get("machine_total") else None),
    }  # fmt: skip


def meets_targets(phase: dict[str, Any]) -> bool:
    return (
        phase["dashboard"]["p95"] <= TARGET_DASHBOARD_P95
        and phase["save"]["p95"] <= TARGET_SAVE_P95
        and phase["errors"] == 0
    )


def headroom(steps: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The busiest step of the ladder at which every target still held (None: not even one)."""
    held = [s for s in steps if meets_targets(s)]
    return max(held, key=lambda s: s["throughput_rps"]) if held else None


def _ms(seconds: float) -> str:
    return f"{fmt.number(seconds * 1000, 0)} ms"


def targets(f: dict[str, Any]) -> list[Target]:
    """The issue's targets, judged on the 50 people working at once; no error anywhere."""
    g = f["load"]
    who = f"{f['clients']} người dùng đồng thời"
    errors = {name: f[key]["errors"] for name, key in
              (("tải mục tiêu", "load"), ("không nghỉ", "saturation"))}  # fmt: skip
    errors |= {f"nhịp {fmt.decimal1(s['pause_seconds'])} giây": s["errors"] for s in f["ladder"]}
    failed = {name: n for name, n in errors.items() if n}
    return [
        Target(f"{who}: bảng tổng hợp p95 ≤ {_ms(TARGET_DASHBOARD_P95)}",
               g["dashboard"]["p95"] <= TARGET_DASHBOARD_P95, _ms(g["dashboard"]["p95"])),
        Target(f"{who}: lưu số liệu p95 ≤ {_ms(TARGET_SAVE_P95)}",
               g["save"]["p95"] <= TARGET_SAVE_P95, _ms(g["save"]["p95"])),
        Target("không có lỗi ở mọi pha (kể cả khi quá tải)", not failed,
               "0 lỗi" if not failed else "; ".join(f"{k}: {n} lỗi" for k, n in failed.items())),
    ]  # fmt: skip


def _row(name: str, key: str, g: dict[str, Any]) -> str:
    s = g[key]
    return (f"  {name}: {fmt.number(g[key + '_requests'])} yêu cầu; p50 {_ms(s['p50'])}, "
            f"p95 {_ms(s['p95'])}, tối đa {_ms(s['max'])}")  # fmt: skip


def _cpu(g: dict[str, Any]) -> str:
    names = {"server": "ntm serve", "postgres": "PostgreSQL", "client": "máy khách",
             "machine": "cả máy (kể cả việc khác)"}  # fmt: skip
    return "  CPU mỗi yêu cầu: " + ", ".join(
        f"{names[k]} {fmt.decimal1(v)} ms" for k, v in g["cpu_ms_per_request"].items() if k in names
    )


def _phase(g: dict[str, Any], title: str) -> list[str]:
    return [
        f"{title}: {fmt.number(g['requests'])} yêu cầu trong {fmt.number(g['wall_seconds'], 1)} "
        f"giây ({fmt.number(g['throughput_rps'], 0)} yêu cầu/giây)",
        _row("Bảng tổng hợp Kon Tum 2020 (85 xã, so với 2015)", "dashboard", g),
        f"    trong đó lấy lại số liệu đã dựng (cùng phiên bản dữ liệu): "
        f"{fmt.number(g['dashboard_cached'])}",
        _row("Lưu trạng thái một tiêu chí qua API (khóa lạc quan)", "save", g),
        f"  Xung đột phiên bản (409, câu trả lời đúng): {g['conflicts']}; lỗi: {g['errors']}",
        _cpu(g),
    ]


def _ladder(f: dict[str, Any]) -> list[str]:
    out = [f"Sức chứa — cùng {f['clients']} máy khách, nghỉ ngắn dần (mỗi bậc dừng khi trượt "
           "mục tiêu):"]  # fmt: skip
    for s in f["ladder"]:
        verdict = "giữ được mục tiêu" if meets_targets(s) else "trượt mục tiêu"
        out.append(
            f"  nghỉ ≈{fmt.decimal1(s['pause_seconds'])} giây: "
            f"{fmt.number(s['throughput_rps'], 0)} yêu cầu/giây; bảng tổng hợp p95 "
            f"{_ms(s['dashboard']['p95'])}, lưu p95 {_ms(s['save']['p95'])}, "
            f"{s['errors']} lỗi — {verdict}"
        )
    best = headroom([f["load"], *f["ladder"]])
    if best is not None:
        # Each person of the judged phase asks load_rps / clients requests a second.
        users = best["throughput_rps"] / f["load"]["throughput_rps"] * f["clients"]
        out.append(
            f"  Mục tiêu còn giữ tới {fmt.number(best['throughput_rps'], 0)} yêu cầu/giây, tức "
            f"khoảng {fmt.number(users, 0)} người dùng làm việc như pha mục tiêu"
        )
    return out


def lines(f: dict[str, Any]) -> list[str]:
    sat, fl = f["saturation"], f["floor"]
    return [
        f"ntm serve (gunicorn {f['server_workers']} tiến trình × {f['server_threads']} luồng, "
        f"bộ nhớ đệm {f['cache']}, PostgreSQL, dữ liệu minh họa; sẵn sàng sau "
        f"{fmt.number(f['server_ready_seconds'], 1)} giây); {f['cpus']} CPU, tải 1 phút "
        f"{fmt.decimal1(f['load_before'])} trước, {fmt.decimal1(f['load_after'])} sau",
        *_phase(f["load"], f"Tải mục tiêu — {f['clients']} người dùng đăng nhập làm việc cùng "
                f"lúc, mỗi người khoảng {fmt.number(f['pause_seconds'], 1)} giây một yêu cầu"),
        *_ladder(f),
        *_phase(sat, f"Bão hòa — {f['clients']} máy khách không nghỉ giữa các yêu cầu "
                "(đo thông lượng, không phải cách người dùng làm việc)"),
        f"  Luôn có {f['clients']} yêu cầu trong hệ thống nên độ trễ trung bình = "
        f"{f['clients']} ÷ thông lượng = {_ms(f['clients'] / sat['throughput_rps'])}"
        if sat["throughput_rps"] else "  (không đo được thông lượng)",
        f"Mức sàn — {f['clients']} máy khách không nghỉ trên /healthz (không phiên, một SELECT 1): "
        f"{fmt.number(fl['throughput_rps'], 0)} yêu cầu/giây, p95 {_ms(fl['latency']['p95'])}",
    ]  # fmt: skip
