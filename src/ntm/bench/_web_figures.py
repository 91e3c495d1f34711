"""Figures of the national web load test: per-page summaries, the targets and the lines printed
for people. Pure functions of the samples, so they are tested without a server."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ntm import formatting as fmt
from ntm.bench.registry import Target

PAGE_P95 = 0.150  # seconds: every page, and a save
FAST_P95 = 0.100  # the public index and dashboards answered from the cache
NATIONAL_COLD = 1.0  # the national view with nothing cached for the data version


@dataclass(frozen=True)
class Page:
    key: str
    label: str  # Vietnamese
    p95: float  # the target


# The page mix, in the order printed. "check" is the read that follows a save: the commune's
# evaluation, which must count the value just saved.
PAGES = (
    Page("national", "Toàn quốc /tong-hop/ca-nuoc/", PAGE_P95),
    Page("dashboard", "Bảng tổng hợp Thanh Hóa 2025 (454 xã, 10 năm)", PAGE_P95),
    Page("commune", "Trang nhập số liệu của một xã", PAGE_P95),
    Page("save", "Lưu một chỉ tiêu qua API (khóa lạc quan)", PAGE_P95),
    Page("check", "Đọc lại đánh giá của xã ngay sau khi lưu", PAGE_P95),
    Page("public_index", "Trang công khai /public/", FAST_P95),
    Page("public_province", "Trang công khai của một tỉnh", PAGE_P95),
)
PAGE_BY_KEY = {p.key: p for p in PAGES}

# (kind, seconds, HTTP status, flag): flag is the dashboard's X-Dashboard-Figures header
# ("cached"/"judged"), or for a check "fresh"/"stale" (None: nothing to compare, e.g. after a 409).
Sample = tuple[str, float, int, str | None]


def stats(samples: list[float]) -> dict[str, float]:
    a = np.asarray(samples) if samples else np.zeros(1)
    return {
        "count": len(samples),
        "p50": float(np.percentile(a, 50)),
        "p95": float(np.percentile(a, 95)),
        "max": float(a.max()),
        "mean": float(a.mean()),
    }


def _is_error(kind: str, code: int) -> bool:
    return not (code == 200 or (kind == "save" and code == 409))


def summary(flat: list[Sample], wall: float, cpu: dict[str, float]) -> dict[str, Any]:
    """One phase: latencies by page (answers that count), conflicts, errors, stale reads, CPU."""
    ok = [(k, s, f) for k, s, c, f in flat if c == 200]
    pages = {p.key: stats([s for k, s, _f in ok if k == p.key]) for p in PAGES}
    errors = [(k, c) for k, _s, c, _f in flat if _is_error(k, c)]
    n = len(flat) or 1
    per_request_ms: dict[str, float] = {
        k: 1000 * cpu[k] / n for k in ("server", "postgres", "client") if k in cpu
    }
    if cpu.get("machine_total"):
        per_request_ms["machine"] = 1000 * cpu["machine_busy"] / n
    return {
        "requests": len(flat),
        "wall_seconds": wall,
        "throughput_rps": len(flat) / wall if wall else 0.0,
        "pages": pages,
        "dashboard_cached": stats([s for k, s, f in ok if k == "dashboard" and f == "cached"]),
        "conflicts": sum(1 for k, _s, c, _f in flat if k == "save" and c == 409),
        "stale": sum(1 for k, _s, _c, f in flat if k == "check" and f == "stale"),
        "checked": sum(1 for k, _s, _c, f in flat if k == "check" and f in ("fresh", "stale")),
        "errors": len(errors),
        "error_codes": sorted({f"{k}:{c}" for k, c in errors}),
        "cpu_ms_per_request": per_request_ms,
    }


def _ms(seconds: float) -> str:
    return f"{fmt.number(seconds * 1000, 0)} ms"


def _page_target(page: Page, g: dict[str, Any], missing: list[str]) -> Target:
    name = f"{page.label}: p95 ≤ {_ms(page.p95)}"
    if page.key in missing:
        return Target(name, False, "chưa có trang (HTTP 404): không đo được")
    s = g["pages"][page.key]
    if not s["count"]:
        return Target(name, False, "không có câu trả lời nào để đo")
    return Target(name, s["p95"] <= page.p95, _ms(s["p95"]))


def targets(f: dict[str, Any]) -> list[Target]:
    """The issue's targets, judged on the clients working with a pause; errors in every phase."""
    g = f["load"]
    out = [_page_target(p, g, f["missing"]) for p in PAGES]
    cached = g["dashboard_cached"]
    out.append(
        Target(
            f"Bảng tổng hợp lấy từ bộ nhớ đệm: p95 ≤ {_ms(FAST_P95)}",
            bool(cached["count"]) and cached["p95"] <= FAST_P95,
            _ms(cached["p95"]) if cached["count"] else "không có lần nào lấy từ bộ nhớ đệm",
        )
    )
    failed = {
        name: f[key]["errors"]
        for name, key in (("có nghỉ", "load"), ("không nghỉ", "saturation"))
        if f[key]["errors"]
    }
    out.append(
        Target(
            "Không có lỗi ở mọi pha (kể cả khi không nghỉ)",
            not failed,
            "0 lỗi" if not failed else "; ".join(f"{k}: {n} lỗi" for k, n in failed.items()),
        )
    )
    stale = g["stale"] + f["saturation"]["stale"]
    checked = g["checked"] + f["saturation"]["checked"]
    out.append(
        Target(
            "Giá trị vừa lưu được tính ngay ở yêu cầu sau",
            bool(checked) and not stale,
            f"{stale} lần đọc cũ trên {fmt.number(checked)} lần kiểm tra",
        )
    )
    return out + national_targets(f)


def national_targets(f: dict[str, Any]) -> list[Target]:
    """The national view alone: cold (after a write) ≤ 1 s, cached p95 ≤ 100 ms."""
    cold_name = f"Toàn quốc, chưa có trong bộ nhớ đệm (sau khi lưu): ≤ {_ms(NATIONAL_COLD)}"
    cached_name = f"Toàn quốc, từ bộ nhớ đệm: p95 ≤ {_ms(FAST_P95)}"
    n = f.get("national_view")
    if not n:
        missing = "chưa có trang (HTTP 404): không đo được"
        return [Target(cold_name, False, missing), Target(cached_name, False, missing)]
    cold = max(n["after_write"]) if n["after_write"] else n["first"]
    cached = stats(n["cached"])["p95"]
    return [
        Target(cold_name, cold <= NATIONAL_COLD, f"chậm nhất {_ms(cold)}"),
        Target(cached_name, cached <= FAST_P95, _ms(cached)),
    ]


def national_lines(f: dict[str, Any]) -> list[str]:
    n = f.get("national_view")
    if not n:
        return []
    cached = stats(n["cached"])
    after = ", ".join(_ms(s) for s in n["after_write"]) or "không đo"
    return [
        f"Toàn quốc một mình (một kết nối): lần đầu của tiến trình {_ms(n['first'])}; "
        f"sau mỗi lần lưu {after}; từ bộ nhớ đệm {cached['count']} lần, "
        f"p50 {_ms(cached['p50'])}, p95 {_ms(cached['p95'])}"
    ]


def _phase_lines(g: dict[str, Any], title: str) -> list[str]:
    out = [
        f"{title}: {fmt.number(g['requests'])} yêu cầu trong {fmt.number(g['wall_seconds'], 1)} "
        f"giây ({fmt.number(g['throughput_rps'], 0)} yêu cầu/giây)"
    ]
    for page in PAGES:
        s = g["pages"][page.key]
        if s["count"]:
            out.append(
                f"  {page.label}: {fmt.number(s['count'])} lần; p50 {_ms(s['p50'])}, "
                f"p95 {_ms(s['p95'])}, tối đa {_ms(s['max'])}"
            )
    c = g["dashboard_cached"]
    out.append(
        f"    bảng tổng hợp lấy từ bộ nhớ đệm: {fmt.number(c['count'])} lần, p95 {_ms(c['p95'])}"
    )
    codes = f" ({', '.join(g['error_codes'])})" if g["error_codes"] else ""
    out.append(
        f"  Xung đột phiên bản (409, câu trả lời đúng): {g['conflicts']}; lỗi: "
        f"{g['errors']}{codes}; đọc cũ sau khi lưu: {g['stale']}"
    )
    names = {
        "server": "ntm serve",
        "postgres": "PostgreSQL",
        "client": "máy khách",
        "machine": "cả máy (kể cả việc khác)",
    }
    out.append(
        "  CPU mỗi yêu cầu: "
        + ", ".join(f"{names[k]} {fmt.decimal1(v)} ms" for k, v in g["cpu_ms_per_request"].items())
    )
    return out


def lines(f: dict[str, Any]) -> list[str]:
    who = ", ".join(f"{n} {label}" for label, n in f["roles"].items())
    out = [
        f"ntm serve (gunicorn {f['server_workers']} tiến trình × {f['server_threads']} luồng, "
        f"bộ nhớ đệm {f['cache']}, PostgreSQL {f['database']}; sẵn sàng sau "
        f"{fmt.number(f['server_ready_seconds'], 1)} giây); {f['cpus']} CPU, tải 1 phút "
        f"{fmt.decimal1(f['load_before'])} trước, {fmt.decimal1(f['load_after'])} sau",
        f"{f['clients']} máy khách, mỗi máy một tài khoản: {who}",
    ]
    if f["missing"]:
        labels = ", ".join(PAGE_BY_KEY[k].label for k in f["missing"])
        out.append(f"Trang chưa có (HTTP 404), bỏ khỏi tải: {labels}")
    out += _phase_lines(
        f["load"],
        f"Có nghỉ — mỗi người khoảng {fmt.number(f['pause_seconds'], 1)}"
        " giây một yêu cầu (được chấm)",
    )
    out += _phase_lines(f["saturation"], "Không nghỉ — đo thông lượng (chỉ báo cáo)")
    return out + national_lines(f)
