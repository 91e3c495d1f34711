"""Unit costs for ``ntm plan-funding``: per criterion, or per unit of an indicator's shortfall
(per km of road, per percentage point, per school), and what each commune's gap costs."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ntm.cli.evaluate import fail
from ntm.domain.evaluation import MET, Evaluation
from ntm.domain.funding_plan import Gap
from ntm.numbers import parse_number


@dataclass(frozen=True)
class UnitCosts:
    criterion: dict[int, float] = field(default_factory=dict)  # tỷ đồng per criterion closed
    indicator: dict[str, float] = field(default_factory=dict)  # tỷ đồng per unit short


def _cost_of(text: str | None) -> float | None:
    try:
        parsed = parse_number(text) if text else None
    except ValueError:
        return None
    return parsed.value if parsed is not None and parsed.value >= 0 else None


def read_costs(path: Path) -> UnitCosts:
    """Columns ``criterion`` or ``indicator`` (one of them a row), ``unit_cost_billion_vnd``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        fail([f"{path.name}: không đọc được tệp (cần CSV mã UTF-8)"])
    costs, problems = UnitCosts(), []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        criterion = (row.get("criterion") or "").strip()
        indicator = (row.get("indicator") or "").strip()
        cost = _cost_of(row.get("unit_cost_billion_vnd"))
        if cost is None:
            problems.append(
                f"{path.name}, dòng {line}, cột unit_cost_billion_vnd: cần số tỷ đồng ≥ 0"
            )
        elif indicator:
            costs.indicator[indicator] = cost
        elif criterion.isdigit():
            costs.criterion[int(criterion)] = cost
        else:
            problems.append(
                f"{path.name}, dòng {line}, cột criterion: cần số tiêu chí (1–19) hoặc cột "
                "indicator: mã chỉ tiêu"
            )
    if problems or not (costs.criterion or costs.indicator):
        fail(problems or [f"{path.name}: không có dòng chi phí nào"])
    return costs


def _shortfall(value: float, threshold: float, compare: str) -> float | None:
    """How far a value is from its threshold, in the indicator's unit; None if unknown."""
    if math.isnan(value) or math.isnan(threshold):
        return None
    if compare in (">=", ">"):
        return max(0.0, threshold - value)
    if compare in ("<=", "<"):
        return max(0.0, value - threshold)
    return 0.0 if value == threshold else 1.0  # "=": one unit (a school, a cultural house)


def _criterion_cost(ev: Evaluation, row: int, k: int, costs: UnitCosts) -> float | None:
    criterion = ev.cset.criteria[k]
    total = costs.criterion.get(criterion.number)
    codes = [i.code for i in ev.cset.indicators]
    priced = False
    for indicator in criterion.indicators:
        if indicator.code not in costs.indicator:
            continue
        col = codes.index(indicator.code)
        short = _shortfall(
            float(ev.values[row, col]), float(ev.thresholds[row, col]), indicator.compare
        )
        if short is None:
            return total  # the value is unknown: only a criterion cost can price the gap
        total = (total or 0.0) + short * costs.indicator[indicator.code]
        priced = True
    return total if (priced or total is not None) else None


def commune_gaps(ev: Evaluation, costs: UnitCosts) -> list[Gap]:
    """Every unmet criterion of every commune, priced (None when nothing prices it)."""
    gaps = []
    for row, unit in enumerate(ev.units):
        for k in np.flatnonzero(ev.criterion_status[row] != MET):
            number = ev.cset.criteria[int(k)].number
            gaps.append(Gap(unit.code, number, _criterion_cost(ev, row, int(k), costs)))
    return gaps
