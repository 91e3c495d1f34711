"""The unit-costs CSV of ``ntm plan-funding`` and of the web's what-if page: columns
``criterion`` (a criterion's number) or ``indicator`` (an indicator's code), one of them a row,
and ``unit_cost_billion_vnd`` (tỷ đồng, written ``1.250,5`` or ``1250.5``). All or nothing: every
bad row is reported by file, row and column (``ImportFailed``)."""

from __future__ import annotations

import csv
import io
from collections.abc import Collection

from ntm.domain.funding_costs import UnitCosts
from ntm.io.errors import ImportFailed, Problem
from ntm.numbers import parse_number

COST = "unit_cost_billion_vnd"


def cost_of(text: str | None) -> float | None:
    """An amount in tỷ đồng as people write it; None if blank, not a number or negative."""
    try:
        parsed = parse_number(text) if text else None
    except ValueError:
        return None
    return parsed.value if parsed is not None and parsed.value >= 0 else None


def _known(
    name: str,
    line: int,
    criterion: str,
    indicator: str,
    known: tuple[Collection[int] | None, Collection[str] | None],
) -> Problem | None:
    """A code the period's set does not have (checked only when the caller names the set)."""
    criteria, indicators = known
    if indicator and indicators is not None and indicator not in indicators:
        return Problem(
            name, f"bộ tiêu chí không có chỉ tiêu số «{indicator}»", row=line, column="indicator"
        )
    if not indicator and criteria is not None and int(criterion) not in criteria:
        return Problem(
            name, f"bộ tiêu chí không có tiêu chí {criterion}", row=line, column="criterion"
        )
    return None


def unit_costs_parse(
    text: str,
    name: str,
    *,
    criteria: Collection[int] | None = None,
    indicators: Collection[str] | None = None,
) -> UnitCosts:
    """The costs in ``text`` (the file ``name``); ``criteria``/``indicators``, when given, are
    the numbers and codes a row may name."""
    costs, problems = UnitCosts(), []
    for line, row in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        criterion = (row.get("criterion") or "").strip()
        indicator = (row.get("indicator") or "").strip()
        cost = cost_of(row.get(COST))
        if cost is None:
            problems.append(Problem(name, "cần số tỷ đồng ≥ 0", row=line, column=COST))
        elif not indicator and not criterion.isdigit():
            problems.append(
                Problem(
                    name,
                    "cần số tiêu chí (1–19) hoặc cột indicator: mã chỉ tiêu",
                    row=line,
                    column="criterion",
                )
            )
        elif (bad := _known(name, line, criterion, indicator, (criteria, indicators))) is not None:
            problems.append(bad)
        elif indicator:
            costs.indicator[indicator] = cost
        else:
            costs.criterion[int(criterion)] = cost
    if problems or not costs:
        raise ImportFailed(problems or [Problem(name, "không có dòng chi phí nào")])
    return costs
