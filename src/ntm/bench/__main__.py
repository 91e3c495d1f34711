"""``python -m ntm.bench [tên …] [--json FILE]``: run benchmarks, print in Vietnamese."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from ntm import formatting as fmt
from ntm.bench.machine import machine_info
from ntm.bench.registry import BenchResult, discover


def _parser(names: list[str]) -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m ntm.bench",
        description="Đo hiệu năng ntm. Không nêu tên thì chạy mọi phép đo: " + ", ".join(names),
    )
    p.add_argument("names", nargs="*", metavar="tên", help="phép đo cần chạy")
    p.add_argument("--json", type=Path, metavar="FILE", help="ghi số liệu ra tệp JSON")
    p.add_argument("--n-units", type=int, help="số xã (mặc định 10.600)")
    p.add_argument("--years", type=int, help="số năm (mặc định 10)")
    p.add_argument(
        "--repeats", type=int, help="số lần lặp, lấy lần nhanh nhất (engine: mặc định 15)"
    )
    p.add_argument("--per-row-budget", type=float, help="giây tối đa cho Python từng dòng")
    p.add_argument(
        "--quick", action="store_true", help="chạy nhanh, cỡ nhỏ (khi phát triển; không chấm)"
    )
    return p


def _machine_line(m: dict[str, Any]) -> str:
    ram = f", RAM {fmt.number(m['ram_gib'], 1)} GiB" if m["ram_gib"] else ""
    load = f", tải 1 phút {fmt.number(m['load_1min'], 2)}" if m.get("load_1min") is not None else ""
    return (
        f"Máy: {m['cpu']}, {m['cores']} lõi{ram}{load}; Python {m['python']}; "
        f"NumPy {m['numpy']}; ngày {fmt.date(dt.date.fromisoformat(m['date']))}"
    )


def _print(result: BenchResult, title: str) -> None:
    print(f"\n== {title} ==")
    for line in result.lines:
        print(line)
    for target in result.targets:
        verdict = "ĐẠT" if target.passed else "KHÔNG ĐẠT"
        print(f"  [{verdict}] {target.name}: {target.detail}")


def main(argv: list[str] | None = None) -> int:
    registry = discover()
    args = _parser(list(registry)).parse_args(argv)
    unknown = [n for n in args.names if n not in registry]
    if unknown:
        print(
            f"Không có phép đo: {', '.join(unknown)}. Các phép đo có: {', '.join(registry)}",
            file=sys.stderr,
        )
        return 2
    options = {
        "n_units": args.n_units,
        "years": args.years,
        "repeats": args.repeats,
        "per_row_budget": args.per_row_budget,
        "quick": args.quick,
    }
    machine = machine_info()
    print(_machine_line(machine))
    results = {}
    for name in args.names or list(registry):
        bench = registry[name]
        result = bench.function(options)
        _print(result, bench.title)
        results[name] = result
    failed = [t.name for r in results.values() for t in r.targets if not t.passed]
    print()
    print("Tất cả mục tiêu: ĐẠT" if not failed else f"KHÔNG ĐẠT: {'; '.join(failed)}")
    if args.json:
        payload = {
            "machine": machine,
            "benchmarks": {k: r.as_dict() for k, r in results.items()},
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        print(f"Đã ghi số liệu: {args.json}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
