"""Benchmark: ``ntm report`` for a 200-commune province, all four outputs (target ≤ 3 s).

Times the path after the inputs are read: figures, sentences, the two charts, the Word report,
the Excel appendices, the JSON and the Markdown, written to a temporary directory. The province
is synthetic (seeded): 10 districts × 20 communes, 19 criteria, a baseline year, a target for
every criterion and the seven funding sources.
"""

from __future__ import annotations

import datetime as dt
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from ntm import formatting as fmt
from ntm.bench.registry import BenchResult, Target, register
from ntm.criteria import load_set
from ntm.domain.evaluation import evaluate
from ntm.domain.units import Unit
from ntm.io.funding import SOURCES, FundingFile, FundingLine
from ntm.io.targets import Target as PlanTarget
from ntm.reports import ReportData, Scope

N_DISTRICTS, PER_DISTRICT = 10, 20
TARGET_SECONDS = 3.0


def _province(seed: int = 2020) -> ReportData:
    cset = load_set("xa-ntm-2016-2020")
    rng = np.random.default_rng(seed)
    units = [
        Unit(
            code=f"{10000 + d * 100 + k:05d}",
            name=f"Xã Thử {d + 1}-{k + 1}",
            province_code="99",
            province_name="Tỉnh Thử Nghiệm",
            district_code=f"{900 + d}",
            district_name=f"Huyện Thử {d + 1}",
            region="TN",
        )
        for d in range(N_DISTRICTS)
        for k in range(PER_DISTRICT)
    ]
    n = len(units)
    now = (rng.random((n, 19)) < 0.8).astype(np.int8)
    then = (rng.random((n, 19)) < 0.45).astype(np.int8)
    targets = [
        PlanTarget("99", "Nghị quyết thử", 2020, "communes_meeting_criterion", c, float(120 + c), c)
        for c in range(1, 20)
    ]
    funding = FundingFile(
        "funding.csv",
        [
            FundingLine("99", (2016, 2020), s, float(rng.integers(10_000, 900_000)) / 1000, 3,
                        names[0], names[1], None, i + 2)
            for i, (s, names) in enumerate(SOURCES.items())
        ],
    )  # fmt: skip
    data = ReportData(
        evaluate(cset, units, 2020, statuses=now),
        Scope("province", "99", "Tỉnh Thử Nghiệm", "99", "Tỉnh Thử Nghiệm"),
        evaluate(cset, units, 2015, statuses=then),
        targets,
        funding,
        sources=["tổng hợp"],
    )
    return data


def run(repeats: int = 3) -> dict[str, Any]:
    t0 = time.perf_counter()
    from ntm.reports import build_figures
    from ntm.reports.document import Issuer, document_context
    from ntm.reports.writer import write_report

    import_seconds = time.perf_counter() - t0
    data = _province()
    times: list[float] = []
    sizes: dict[str, int] = {}
    for _ in range(max(repeats, 1)):
        with tempfile.TemporaryDirectory(prefix="ntm-bench-report-") as tmp:
            start = time.perf_counter()
            fig = build_figures(data)
            ctx = document_context(fig, Issuer(number="01-BC/TU", date=dt.date(2021, 6, 1)))
            written = write_report(fig, ctx, Path(tmp) / "out")
            times.append(time.perf_counter() - start)
            sizes = {p.name: p.stat().st_size for p in written}
    return {
        "n_units": len(data.evaluation.units),
        "n_districts": N_DISTRICTS,
        "repeats": len(times),
        "import_seconds": import_seconds,
        "first_seconds": times[0],
        "best_seconds": min(times),
        "bytes": sizes,
    }


def _s(seconds: float) -> str:
    return f"{fmt.number(seconds, 3)} giây"


@register("report", "Báo cáo: tỉnh 200 xã, đủ bốn tệp (DOCX, XLSX, JSON, MD)")
def bench(options: dict[str, Any]) -> BenchResult:
    figures = run(repeats=options.get("repeats") or 3)
    kib = {k: fmt.number(v / 1024, 0) for k, v in figures["bytes"].items()}
    lines = [
        f"Dữ liệu: {figures['n_units']} xã, {figures['n_districts']} huyện, 19 tiêu chí, "
        "năm gốc, chỉ tiêu cho mọi tiêu chí, 7 nguồn vốn (tổng hợp, hạt giống 2020)",
        f"Nạp thư viện báo cáo (docxtpl, openpyxl, matplotlib): {_s(figures['import_seconds'])}",
        f"Lần đầu: {_s(figures['first_seconds'])}; tốt nhất {figures['repeats']} lần: "
        f"{_s(figures['best_seconds'])}",
        "Kích thước: " + ", ".join(f"{k} {v} KiB" for k, v in kib.items()),
    ]
    worst = figures["first_seconds"]
    return BenchResult(
        name="report",
        title="Báo cáo",
        figures=figures,
        lines=lines,
        targets=[
            Target(
                name=f"Bốn tệp báo cáo cho 200 xã ≤ {fmt.number(TARGET_SECONDS)} giây",
                passed=worst <= TARGET_SECONDS,
                detail=f"{_s(worst)} (lần đầu, chậm nhất)",
            )
        ],
    )
