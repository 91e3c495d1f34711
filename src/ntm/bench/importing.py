"""Benchmark: indicator values written through the web's import service, in values per second.

A fresh database (``ntm_bench_import``, dropped afterwards) receives the national dataset's
first province (Thanh Hóa: 454 rural communes × 2016–2025, and new Thanh Hóa 2026) through
``python -m ntm.bench.national_data --provinces 1``, which times ``assessments_import`` alone
(parsing files is not part of it: the inputs are built in memory). The rate the whole national
dataset was loaded at, recorded in ``ntm_national`` when it was loaded, is printed beside it.
Target (issue #10): ≥ 10.000 values per second.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import psycopg

from ntm import formatting as fmt
from ntm.bench.national_data import database_drop, marker_read
from ntm.bench.registry import BenchResult, Target, register

TARGET_VALUES_PER_SECOND = 10_000.0
SERVER = os.environ.get("NTM_BENCH_POSTGRES_SERVER", "postgres://postgres@127.0.0.1:5432")
NATIONAL_URL = os.environ.get("NTM_BENCH_NATIONAL_URL", f"{SERVER}/ntm_national")
ROOT = Path(__file__).resolve().parents[3]


def run(provinces: int = 1) -> dict[str, Any]:
    url = f"{SERVER}/ntm_bench_import"
    with tempfile.TemporaryDirectory(prefix="ntm-bench-import-") as tmp:
        out = Path(tmp) / "import.json"
        command = [
            sys.executable,
            "-m",
            "ntm.bench.national_data",
            "--database-url",
            url,
            "--provinces",
            str(provinces),
            "--reset",
            "--json",
            str(out),
        ]
        try:
            done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        finally:
            database_drop(url)
        if done.returncode:
            return {"error": done.stderr.strip()[-500:], "national": _national()}
        figures: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return figures | {"error": "", "national": _national()}


def _national() -> dict[str, Any] | None:
    try:
        found = marker_read(NATIONAL_URL)
    except psycopg.Error:  # no national database yet: nothing to print beside
        return None
    if found is None:
        return None
    return {"values": found.values, "values_per_second": found.values_per_second}


def lines(f: dict[str, Any]) -> list[str]:
    out = []
    if f["error"]:
        out.append(f"Lỗi khi nạp: {f['error']}")
    else:
        out.append(
            f"Thanh Hóa (trước và sau 2025): {fmt.number(f['periods'])} kỳ, "
            f"{fmt.number(f['assessments'])} lượt đánh giá xã, {fmt.number(f['values'])} giá trị "
            f"qua assessments_import trong {fmt.number(f['import_seconds'], 1)} giây: "
            f"{fmt.number(f['values_per_second'], 0)} giá trị/giây"
        )
    if f["national"]:
        n = f["national"]
        out.append(
            f"Khi nạp cả nước vào ntm_national: {fmt.number(n['values'])} giá trị, "
            f"{fmt.number(n['values_per_second'], 0)} giá trị/giây"
        )
    return out


def targets(f: dict[str, Any]) -> list[Target]:
    name = f"Nhập qua dịch vụ nhập ≥ {fmt.number(TARGET_VALUES_PER_SECOND)} giá trị/giây"
    if f["error"]:
        return [Target(name, False, "không nạp được")]
    rate = f["values_per_second"]
    return [Target(name, rate >= TARGET_VALUES_PER_SECOND, f"{fmt.number(rate, 0)} giá trị/giây")]


@register("import", "Nhập số liệu qua dịch vụ nhập của hệ thống web")
def bench(options: dict[str, Any]) -> BenchResult:
    figures = run()
    return BenchResult(
        name="import",
        title="Nhập số liệu",
        figures=figures,
        lines=lines(figures),
        targets=targets(figures),
    )
