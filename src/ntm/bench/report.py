"""Benchmark: ``ntm report`` for a 500-commune province as a fresh process (target ≤ 3 s).

Counts what a person waits for: starting Python, importing the libraries (docxtpl, openpyxl,
matplotlib…), reading the files, the figures, the two charts, the Word report, the Excel
appendices, the JSON and the Markdown. The province is Thanh Hóa before 2025 (its first 500
commune-level units, real codes, from the GSO list), with seeded criterion statuses for 2020 and
the 2015 baseline, a plan target for every criterion and the seven funding sources, written to a
temporary directory. One untimed run first (a cold disk cache is not the report's cost), then
``repeats`` timed runs; the target is judged on their median.
"""

from __future__ import annotations

import csv
import statistics
import tempfile
from pathlib import Path
from typing import Any

import numpy as np

from ntm import formatting as fmt
from ntm.bench._child import ChildRun, child_run, ntm_command
from ntm.bench.registry import BenchResult, Target, register

PROVINCE = "38"
N_COMMUNES = 500
TARGET_SECONDS = 3.0
SOURCES = (
    "central_budget",
    "local_budget",
    "carried_over",
    "integrated_programs",
    "credit",
    "enterprises",
    "community",
)


def _statuses(path: Path, communes: list[Any], year: int, share: float, seed: int) -> None:
    rng = np.random.default_rng(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "commune_code",
                "commune_name",
                "district_name",
                "year",
                *[f"tc{c}" for c in range(1, 20)],
            ]
        )
        for unit in communes:
            met = (rng.random(19) < share).astype(int)
            writer.writerow([unit.code, unit.name, unit.district_name, year, *met.tolist()])


def files_write(directory: Path, n: int = N_COMMUNES, seed: int = 2020) -> dict[str, Path]:
    """The province's data, baseline, targets and funding files."""
    from ntm.units import registry

    communes = registry.communes_of(PROVINCE)[:n]
    names = ("data", "baseline", "targets", "funding", "units")
    paths = {k: directory / f"{k}.csv" for k in names}
    with paths["units"].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "commune_code",
                "commune_name",
                "district_code",
                "district_name",
                "province_code",
                "province_name",
            ]
        )
        for u in communes:
            writer.writerow(
                [u.code, u.name, u.district_code, u.district_name, u.province_code, u.province_name]
            )
    _statuses(paths["data"], communes, 2020, 0.8, seed)
    _statuses(paths["baseline"], communes, 2015, 0.45, seed + 1)
    with paths["targets"].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["scope_code", "plan", "year", "measure", "criterion", "value"])
        for c in range(1, 20):
            writer.writerow(
                [
                    PROVINCE,
                    "Nghị quyết thử",
                    2020,
                    "communes_meeting_criterion",
                    c,
                    int(n * 0.6) + c,
                ]
            )
    with paths["funding"].open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["scope_code", "period_start", "period_end", "source", "amount_billion_vnd"]
        )
        rng = np.random.default_rng(seed)
        for source in SOURCES:
            writer.writerow([PROVINCE, 2016, 2020, source, f"{rng.uniform(10, 900):.3f}"])
    return paths


def _report(paths: dict[str, Path], out: Path) -> ChildRun:
    command = [
        ntm_command(),
        "report",
        "--data",
        str(paths["data"]),
        "--baseline",
        str(paths["baseline"]),
        "--targets",
        str(paths["targets"]),
        "--funding",
        str(paths["funding"]),
        "--unit",
        PROVINCE,
        "--units",
        str(paths["units"]),
        "--number",
        "01-BC/TU",
        "--date",
        "01/6/2021",
        "--out",
        str(out),
    ]
    return child_run(command)


def run(repeats: int = 3, n: int = N_COMMUNES) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="ntm-bench-report-") as tmp:
        paths = files_write(Path(tmp), n)
        warm = _report(paths, Path(tmp) / "khoi-dong")
        runs = [_report(paths, Path(tmp) / f"bao-cao-{i}") for i in range(max(repeats, 1))]
        written = Path(tmp) / "bao-cao-0"
        sizes = (
            {p.name: p.stat().st_size for p in sorted(written.glob("*"))}
            if written.is_dir()
            else {}
        )
    failed = next((r for r in [warm, *runs] if r.returncode), None)
    seconds = [r.seconds for r in runs]
    return {
        "communes": n,
        "province": PROVINCE,
        "repeats": len(runs),
        "seconds": seconds,
        "warm_up_seconds": warm.seconds,
        "median_seconds": statistics.median(seconds),
        "peak_mib": max(r.peak_mib for r in runs),
        "cpu_seconds": [r.cpu_seconds for r in runs],
        "bytes": sizes,
        "error": failed.stderr[-400:] if failed else "",
    }


def _s(seconds: float) -> str:
    return f"{fmt.number(seconds, 2)} giây"


def lines(f: dict[str, Any]) -> list[str]:
    out = [
        f"Dữ liệu: Thanh Hóa trước 2025, {fmt.number(f['communes'])} xã (mã thật), 19 tiêu chí, "
        "năm 2020 và năm gốc 2015, chỉ tiêu cho mọi tiêu chí, 7 nguồn vốn (hạt giống 2020)",
        f"Mỗi lần là một tiến trình ntm report mới (kể cả khởi động Python và nạp thư viện); "
        f"lần khởi động không tính giờ {_s(f['warm_up_seconds'])}",
        f"{f['repeats']} lần: "
        + ", ".join(_s(s) for s in f["seconds"])
        + f"; trung vị {_s(f['median_seconds'])}; bộ nhớ đỉnh {fmt.number(f['peak_mib'], 0)} MB",
        "Thời gian CPU của tiến trình (ít bị máy bận làm sai lệch): "
        + ", ".join(_s(s) for s in f["cpu_seconds"]),
    ]
    if f["bytes"]:
        out.append(
            "Kích thước: "
            + ", ".join(f"{k} {fmt.number(v / 1024, 0)} KiB" for k, v in f["bytes"].items())
        )
    if f["error"]:
        out.append(f"Lỗi: {f['error']}")
    return out


def targets(f: dict[str, Any]) -> list[Target]:
    name = (
        f"Báo cáo {fmt.number(f['communes'])} xã, kể cả nạp thư viện, "
        f"≤ {fmt.number(TARGET_SECONDS)} giây"
    )
    if f["error"]:
        return [Target(name, False, "ntm report không chạy được")]
    return [
        Target(
            name,
            f["median_seconds"] <= TARGET_SECONDS,
            f"{_s(f['median_seconds'])} (trung vị {f['repeats']} lần)",
        )
    ]


@register("report", "Báo cáo: ntm report cho một tỉnh 500 xã, tiến trình mới")
def bench(options: dict[str, Any]) -> BenchResult:
    figures = run(repeats=options.get("repeats") or 3)
    return BenchResult(
        name="report",
        title="Báo cáo",
        figures=figures,
        lines=lines(figures),
        targets=targets(figures),
    )
