"""Benchmark: ``ntm evaluate`` on 1.000, 3.000 and 10.051 communes, long CSV and wide XLSX.

The files are written to a temporary directory from the seeded synthetic 57-indicator set
(``bench-xa-2016-2025``, as a YAML file passed with ``--criteria``) and the real commune codes of
the GSO list before 1/7/2025 (the first n of its 10.051 commune-level units; the registry gives
their regions), one year (2025): a CSV in the long form ``unit_code, year, indicator, value``
and an XLSX with the same values one row per commune. Every run is a fresh ``ntm evaluate …
--format csv --out …`` process, so the figures include starting Python and importing the
libraries: wall time, CPU time and the child's peak memory.
Targets (issue #10): 10.051 communes from a long CSV ≤ 15 s and ≤ 600 MB; the time at 10.051
communes at most 12 × the time at 1.000 (linear growth gives about 10).
"""

from __future__ import annotations

import csv
import math
import tempfile
from pathlib import Path
from typing import Any

import yaml
from openpyxl import Workbook

from ntm import formatting as fmt
from ntm.bench._child import ChildRun, child_run, ntm_command
from ntm.bench.dataset import synthetic_set_data, synthetic_values
from ntm.bench.registry import BenchResult, Target, register
from ntm.domain.criteria import criteria_set_from_data

SIZES = (1_000, 3_000, 10_051)
QUICK_SIZES = (300, 1_000)
FORMATS = ("csv", "xlsx")
YEAR = 2025
TARGET_SECONDS = 15.0
TARGET_MIB = 600.0
TARGET_GROWTH = 12.0
HEADER = ("unit_code", "year", "indicator", "value")


def _cell(kind: str, value: float) -> float | int:
    """A value as an office writes it: yes/no as 1/0, counts whole, percentages within 0–100."""
    if kind in ("yes_no", "count"):
        return int(value)
    if kind == "percent":
        return min(max(value, 0.0), 100.0)
    return max(value, 0.0)


def _rows(n: int, seed: int = 2016) -> tuple[dict[str, Any], list[tuple[str, int, str, Any]]]:
    """The set's data and the long rows of n real communes (missing values left out)."""
    from ntm.units import registry

    data = synthetic_set_data(seed, code="bench-xa-2016-2025")
    cset = criteria_set_from_data(data)
    codes = [u.code for u in registry.old_units().communes[:n]]
    values = synthetic_values(cset, len(codes), (YEAR,), seed)[YEAR]
    indicators = [(i.code, i.kind) for i in cset.indicators]
    rows = [
        (code, YEAR, indicator, _cell(kind, float(values[r, j])))
        for r, code in enumerate(codes)
        for j, (indicator, kind) in enumerate(indicators)
        if not math.isnan(values[r, j])
    ]
    return data, rows


def files_write(directory: Path, n: int) -> dict[str, Path]:
    """The set file and the data for n communes: a long CSV, and the same values in a wide XLSX
    (one row per commune, a column per indicator, as the template ntm writes): the long form in
    XLSX passes the reader's 100 MB unpacked-size guard before 10.051 communes (104 MB)."""
    data, rows = _rows(n)
    set_path = directory / "bench-xa-2016-2025.yaml"
    set_path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    csv_path = directory / f"gia-tri-{n}.csv"
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    indicators = [i["code"] for c in data["criteria"] for i in c["indicators"]]
    wide: dict[str, dict[str, Any]] = {}
    for code, _year, indicator, value in rows:
        wide.setdefault(code, {})[indicator] = value
    xlsx_path = directory / f"gia-tri-{n}.xlsx"
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Dữ liệu")
    ws.append(["commune_code", "year", *indicators])
    for code, values in wide.items():
        ws.append([code, YEAR, *[values.get(i) for i in indicators]])
    wb.save(xlsx_path)
    return {"set": set_path, "csv": csv_path, "xlsx": xlsx_path}


def _evaluate(files: dict[str, Path], kind: str, out: Path) -> ChildRun:
    command = [
        ntm_command(),
        "evaluate",
        str(files[kind]),
        "--criteria",
        str(files["set"]),
        "--year",
        str(YEAR),
        "--format",
        "csv",
        "--out",
        str(out),
    ]
    return child_run(command)


def run(sizes: tuple[int, ...] = SIZES) -> dict[str, Any]:
    runs: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="ntm-bench-evaluate-") as tmp:
        for n in sizes:
            directory = Path(tmp) / str(n)
            directory.mkdir()
            files = files_write(directory, n)
            if n == sizes[0]:  # once untimed: the first process reads a cold disk cache
                _evaluate(files, "csv", directory / "khoi-dong.csv")
            for kind in FORMATS:
                done = _evaluate(files, kind, directory / f"ket-qua-{kind}.csv")
                runs.append(
                    {
                        "communes": n,
                        "format": kind,
                        "seconds": done.seconds,
                        "peak_mib": done.peak_mib,
                        "cpu_seconds": done.cpu_seconds,
                        "returncode": done.returncode,
                        "bytes": files[kind].stat().st_size,
                        "error": done.stderr[-400:] if done.returncode else "",
                    }
                )
    return {"sizes": list(sizes), "runs": runs}


def _run_of(f: dict[str, Any], n: int, kind: str) -> dict[str, Any] | None:
    return next((r for r in f["runs"] if r["communes"] == n and r["format"] == kind), None)


def growth(f: dict[str, Any], kind: str = "csv", key: str = "seconds") -> float | None:
    """time(largest) / time(smallest) of one format (wall, or ``cpu_seconds``); None when a
    run failed."""
    small, large = _run_of(f, f["sizes"][0], kind), _run_of(f, f["sizes"][-1], kind)
    if not small or not large or small["returncode"] or large["returncode"]:
        return None
    return float(large[key] / small[key])


def targets(f: dict[str, Any]) -> list[Target]:
    n, first = f["sizes"][-1], f["sizes"][0]
    big = _run_of(f, n, "csv")
    label = f"{fmt.number(n)} xã, CSV dạng dài"
    ratio = growth(f)
    growth_target = Target(
        f"Thời gian {fmt.number(n)} xã ÷ {fmt.number(first)} xã ≤ {fmt.number(TARGET_GROWTH)}",
        ratio is not None and ratio <= TARGET_GROWTH,
        fmt.number(ratio, 1) if ratio is not None else "không tính được",
    )
    if big is None or big["returncode"]:
        failed = "không chạy được: " + (big["error"][-200:] if big else "không có lần chạy")
        return [
            Target(f"{label} ≤ {fmt.number(TARGET_SECONDS)} giây", False, failed),
            Target(f"{label}: bộ nhớ ≤ {fmt.number(TARGET_MIB)} MB", False, failed),
            growth_target,
        ]
    return [
        Target(
            f"{label} ≤ {fmt.number(TARGET_SECONDS)} giây",
            big["seconds"] <= TARGET_SECONDS,
            f"{fmt.number(big['seconds'], 1)} giây",
        ),
        Target(
            f"{label}: bộ nhớ ≤ {fmt.number(TARGET_MIB)} MB",
            big["peak_mib"] <= TARGET_MIB,
            f"{fmt.number(big['peak_mib'], 0)} MB",
        ),
        growth_target,
    ]


def lines(f: dict[str, Any]) -> list[str]:
    out = [
        "Dữ liệu: bộ tiêu chí tổng hợp 57 chỉ tiêu (tệp YAML), mã xã thật (danh sách GSO trước "
        f"1/7/2025), năm {YEAR}; CSV dạng dài (mã xã, năm, chỉ tiêu, giá trị), XLSX mỗi xã một "
        "dòng; mỗi lần là một tiến trình ntm evaluate mới"
    ]
    for r in f["runs"]:
        size = fmt.number(r["bytes"] / 1024 / 1024, 1)
        if r["returncode"]:
            out.append(
                f"  {fmt.number(r['communes'])} xã, {r['format'].upper()} ({size} MB): "
                f"lỗi {r['returncode']}: {r['error']}"
            )
            continue
        out.append(
            f"  {fmt.number(r['communes'])} xã, {r['format'].upper()} ({size} MB): "
            f"{fmt.number(r['seconds'], 2)} giây (CPU {fmt.number(r['cpu_seconds'], 2)} giây), "
            f"bộ nhớ đỉnh {fmt.number(r['peak_mib'], 0)} MB"
        )
    for kind in FORMATS:
        cpu = growth(f, kind, "cpu_seconds")
        if cpu is not None:
            out.append(
                f"  Tăng trưởng {kind.upper()} theo thời gian CPU (ít bị máy bận làm sai "
                f"lệch): {fmt.number(cpu, 1)} lần"
            )
    for kind in FORMATS:
        ratio = growth(f, kind)
        if ratio is not None:
            out.append(
                f"  Tăng trưởng {kind.upper()}: {fmt.number(ratio, 1)} lần thời gian cho "
                f"{fmt.number(f['sizes'][-1] / f['sizes'][0], 1)} lần số xã"
            )
    return out


@register("evaluate", "ntm evaluate: 1.000 / 3.000 / 10.051 xã, CSV dạng dài và XLSX")
def bench(options: dict[str, Any]) -> BenchResult:
    figures = run(QUICK_SIZES if options.get("quick") else SIZES)
    return BenchResult(
        name="evaluate",
        title="ntm evaluate theo số xã",
        figures=figures,
        lines=lines(figures),
        targets=targets(figures),
    )
