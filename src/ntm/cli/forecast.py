"""``ntm forecast``: the year each commune reaches each criterion and the standard, and the
province's expected count against its targets, from one data file per year (issue #15.2)."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Annotated

import numpy as np
import typer
from rich.console import Console
from rich.table import Table

from ntm.cli.evaluate import fail, fail_unexpected
from ntm.domain.evaluation import MET
from ntm.domain.forecast import (
    HORIZON,
    CommuneForecast,
    CommuneHistory,
    ProvinceYear,
    TargetVerdict,
    forecast_all,
    province_by_year,
    target_verdict,
)
from ntm.formatting import number
from ntm.io.bundle import load_inputs
from ntm.io.errors import ImportFailed

_TARGET = re.compile(r"^(\d{4}):(\d+(?:[.,]\d+)?)(%?)$")


def _targets(texts: list[str], communes: int) -> list[tuple[int, int]]:
    out = []
    for text in texts:
        m = _TARGET.match(text.strip())
        if m is None:
            fail([f"--target {text!r}: cần dạng NĂM:SỐ_XÃ hoặc NĂM:TỶ_LỆ% (ví dụ 2030:65%)"])
        amount = float(m[2].replace(",", "."))
        count = math.ceil(amount * communes / 100 - 1e-9) if m[3] else int(amount)
        out.append((int(m[1]), count))
    return out


def histories_from_files(
    data: list[Path], units: Path | None, criteria: str | None, sheet: str | None
) -> tuple[list[CommuneHistory], list[int]]:
    """One evaluation per file (one year each), joined by commune code, in year order."""
    seen: dict[str, tuple[str, dict[int, frozenset[int]]]] = {}
    numbers: list[int] = []
    for path in data:
        inputs = load_inputs([path], units_path=units, criteria=criteria, sheet=sheet)
        ev = inputs.evaluate()
        numbers = list(ev.cset.criterion_numbers)
        for row, unit in enumerate(ev.units):
            met = frozenset(numbers[c] for c in np.flatnonzero(ev.criterion_status[row] == MET))
            seen.setdefault(unit.code, (unit.name, {}))[1][inputs.year] = met
    out = []
    for code, (name, by_year) in seen.items():
        years = tuple(sorted(by_year))
        out.append(CommuneHistory(code, name, years, tuple(by_year[y] for y in years)))
    return out, numbers


def _year_text(f: CommuneForecast) -> str:
    if f.met_now == len(f.criterion_years):
        return "đã đạt"
    return str(f.standard_year) if f.standard_year else f"sau {HORIZON} / chưa rõ"


def _print(forecasts: list[CommuneForecast], lines: list[str]) -> None:
    console = Console(highlight=False)
    table = Table("Mã xã", "Tên xã", "Tiêu chí đạt", "Tiêu chí/năm", "Năm đạt chuẩn", "Độ tin cậy")
    for f in forecasts:
        pace = "—" if f.pace is None else number(f.pace, 1)
        table.add_row(f.code, f.name, number(f.met_now), pace, _year_text(f), f.uncertainty)
    console.print(table)
    for line in lines:
        console.print(line, markup=False)


def forecast(
    data: Annotated[list[Path], typer.Argument(help="Tệp dữ liệu các năm (mỗi tệp một năm).")],
    units: Annotated[Path | None, typer.Option(help="Tệp danh sách xã.")] = None,
    criteria: Annotated[str | None, typer.Option(help="Mã bộ tiêu chí.")] = None,
    target: Annotated[list[str], typer.Option(help="Mục tiêu NĂM:SỐ_XÃ hoặc NĂM:TỶ_LỆ%.")] = [],  # noqa: B006
    until: Annotated[int, typer.Option(help="Dự kiến số xã đạt chuẩn đến năm này.")] = 2030,
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
    sheet: Annotated[str | None, typer.Option(help="Trang tính (tệp XLSX).")] = None,
) -> None:
    """Dự báo năm mỗi xã đạt từng tiêu chí và đạt chuẩn theo tốc độ của chính xã đó.

    Cùng tệp đầu vào như `ntm evaluate`, mỗi tệp một năm. Phương pháp: docs/forecast.md."""
    try:
        histories, numbers = histories_from_files(data, units, criteria, sheet)
    except ImportFailed as exc:
        fail(exc.problems)
    except Exception:
        fail_unexpected("đọc dữ liệu các năm")
    forecasts = forecast_all(histories, numbers)
    verdicts = [target_verdict(forecasts, y, n) for y, n in _targets(target, len(forecasts))]
    by_year = province_by_year(forecasts, until)
    if as_json:
        typer.echo(json.dumps(_json(forecasts, by_year, verdicts), ensure_ascii=False, indent=2))
        return
    lines = [
        f"Năm {p.year}: dự kiến {number(p.expected)} xã đạt chuẩn "
        f"(khoảng {number(p.low)}–{number(p.high)})"
        for p in by_year
    ]
    _print(forecasts, lines + [v.sentence for v in verdicts])


def _json(
    forecasts: list[CommuneForecast], by_year: list[ProvinceYear], verdicts: list[TargetVerdict]
) -> dict[str, object]:
    return {
        "communes": [
            {
                "code": f.code,
                "name": f.name,
                "criteria_met": f.met_now,
                "pace": f.pace,
                "standard_year": f.standard_year,
                "margin_years": f.margin,
                "uncertainty": f.uncertainty,
                "criteria_years": {str(n): y for n, y in f.criterion_years},
            }
            for f in forecasts
        ],
        "province": [
            {"year": p.year, "expected": p.expected, "low": p.low, "high": p.high} for p in by_year
        ],
        "targets": [
            {
                "year": v.year,
                "target": v.target,
                "expected": v.expected,
                "reached": v.reached,
                "sentence": v.sentence,
            }
            for v in verdicts
        ],
    }


def register(app: typer.Typer) -> None:
    app.command("forecast")(forecast)
