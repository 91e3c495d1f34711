"""``ntm forecast``: the year each commune reaches each criterion and the standard, and the
province's expected count against its targets, from one data file per year (issue #15.2)."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from ntm.cli.evaluate import fail, fail_unexpected
from ntm.domain.forecast import (
    HORIZON,
    CommuneForecast,
    ProvinceYear,
    TargetVerdict,
    province_by_year,
    target_verdict,
)
from ntm.domain.forecast_history import Histories, forecast_communes, histories_from_evaluations
from ntm.domain.forecast_indicators import IndicatorForecast
from ntm.formatting import number
from ntm.io.bundle import load_inputs
from ntm.io.errors import ImportFailed
from ntm.reports.forecast_text import criterion_text, trend_text

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
) -> Histories:
    """One evaluation per file (one year each), joined by commune code, in year order."""
    evaluations = []
    for path in data:
        inputs = load_inputs([path], units_path=units, criteria=criteria, sheet=sheet)
        evaluations.append(inputs.evaluate())
    return histories_from_evaluations(evaluations)


def _year_text(f: CommuneForecast) -> str:
    if f.met_now == len(f.criterion_years):
        return "đã đạt"
    return str(f.standard_year) if f.standard_year else f"sau {HORIZON} / chưa rõ"


# The table has no room for another column: a year found from the indicators says so in two
# words beside it (the count pace, as before, says nothing); the full words in --commune, JSON.
_METHOD_SHORT = {"indicators": "theo chỉ tiêu", "mixed": "chỉ tiêu và số tiêu chí"}


def _print(forecasts: list[IndicatorForecast], lines: list[str]) -> None:
    console = Console(highlight=False)
    table = Table("Mã xã", "Tên xã", "Tiêu chí đạt", "Tiêu chí/năm", "Năm đạt chuẩn", "Độ tin cậy")
    for f in forecasts:
        o = f.overall
        pace = "—" if o.pace is None else number(o.pace, 1)
        how = _METHOD_SHORT.get(f.method)
        year = f"{_year_text(o)} ({how})" if how else _year_text(o)
        table.add_row(o.code, o.name, number(o.met_now), pace, year, o.uncertainty)
    console.print(table)
    for line in lines:
        console.print(line, markup=False)


def _print_commune(f: IndicatorForecast) -> None:
    """One commune: each criterion's year and how it was found, then the indicators holding
    each unmet criterion back (lines, not cells: they are too long for a table's column)."""
    console = Console(highlight=False)
    head = f"{f.code} {f.name}: năm đạt chuẩn {_year_text(f.overall)} — {f.uncertainty}"
    console.print(head, markup=False)
    table = Table("Tiêu chí", "Tên tiêu chí", "Năm đạt", "Cách tính")
    for c in f.criteria:
        year = str(c.year) if c.year is not None else "chưa rõ"
        table.add_row(str(c.number), c.name, year, criterion_text(c))
    console.print(table)
    for c in f.missing:
        for t in c.holding:
            console.print(f"Tiêu chí {c.number} ({c.name}): {trend_text(t)}", markup=False)


def _one(forecasts: list[IndicatorForecast], code: str) -> IndicatorForecast:
    found = next((f for f in forecasts if f.code == code.strip()), None)
    if found is None:
        fail([f"--commune {code}: không có xã mã này trong các tệp dữ liệu"])
    return found


def forecast(
    data: Annotated[list[Path], typer.Argument(help="Tệp dữ liệu các năm (mỗi tệp một năm).")],
    units: Annotated[Path | None, typer.Option(help="Tệp danh sách xã.")] = None,
    criteria: Annotated[str | None, typer.Option(help="Mã bộ tiêu chí.")] = None,
    target: Annotated[list[str], typer.Option(help="Mục tiêu NĂM:SỐ_XÃ hoặc NĂM:TỶ_LỆ%.")] = [],  # noqa: B006
    until: Annotated[int, typer.Option(help="Dự kiến số xã đạt chuẩn đến năm này.")] = 2030,
    commune: Annotated[
        str | None, typer.Option(help="Mã xã: năm đạt từng tiêu chí và chỉ tiêu còn thiếu.")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
    sheet: Annotated[str | None, typer.Option(help="Trang tính (tệp XLSX).")] = None,
) -> None:
    """Dự báo năm mỗi xã đạt từng tiêu chí và đạt chuẩn theo tốc độ của chính xã đó.

    Cùng tệp đầu vào như `ntm evaluate`, mỗi tệp một năm. Có giá trị chỉ tiêu: năm đạt từng
    tiêu chí theo xu hướng của từng chỉ tiêu tới ngưỡng; không có: theo tốc độ tăng số tiêu chí
    đạt. Phương pháp: docs/forecast.md."""
    try:
        histories = histories_from_files(data, units, criteria, sheet)
    except ImportFailed as exc:
        fail(exc.problems)
    except Exception:
        fail_unexpected("đọc dữ liệu các năm")
    forecasts = forecast_communes(histories)
    # the province's count and its targets always over every commune; --commune shows one
    shown = [_one(forecasts, commune)] if commune is not None else forecasts
    overall = [f.overall for f in forecasts]
    verdicts = [target_verdict(overall, y, n) for y, n in _targets(target, len(overall))]
    by_year = province_by_year(overall, until)
    if as_json:
        typer.echo(json.dumps(_json(shown, by_year, verdicts), ensure_ascii=False, indent=2))
        return
    if commune is not None:
        _print_commune(shown[0])
        return
    lines = [
        f"Năm {p.year}: dự kiến {number(p.expected)} xã đạt chuẩn "
        f"(khoảng {number(p.low)}–{number(p.high)})"
        for p in by_year
    ]
    _print(forecasts, lines + [v.sentence for v in verdicts])


def _criteria_json(f: IndicatorForecast) -> list[dict[str, object]]:
    return [
        {
            "number": c.number,
            "name": c.name,
            "year": c.year,
            "method": c.method,
            "method_text": criterion_text(c),
            "margin_years": c.margin,
            "holding": [
                {
                    "code": t.code,
                    "name": t.name,
                    "value": t.value,
                    "threshold": t.threshold,
                    "compare": t.compare,
                    "pace": t.pace,
                    "year": t.year,
                    "text": trend_text(t),
                }
                for t in c.holding
            ],
        }
        for c in f.criteria
    ]


def _json(
    forecasts: list[IndicatorForecast], by_year: list[ProvinceYear], verdicts: list[TargetVerdict]
) -> dict[str, object]:
    return {
        "communes": [
            {
                "code": f.code,
                "name": f.name,
                "criteria_met": f.overall.met_now,
                "pace": f.overall.pace,
                "standard_year": f.standard_year,
                "margin_years": f.overall.margin,
                "method": f.method,
                "uncertainty": f.uncertainty,
                "criteria_years": {str(n): y for n, y in f.overall.criterion_years},
                "criteria": _criteria_json(f),
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
