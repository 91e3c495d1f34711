"""Funds by source as a tree that adds up: pure data, no I/O.

The state budget's direct support (``state_budget_direct``) is ``central_budget + local_budget +
carried_over``; any other line is a source of its own, counted in the total, unless the file names
a ``parent`` for it, in which case it is part of that source. A source with its own line and
parts listed under it must equal the sum of its parts; a ``total`` or ``state_budget_direct`` row
a file states is checked against the sum, never added to it.
"""

from __future__ import annotations

from typing import Any

from ntm.domain.rollup import round_half_up
from ntm.formatting import number
from ntm.io.funding import STATE_BUDGET, STATE_BUDGET_PARTS, STATED, FundingFile, FundingLine

TOLERANCE = 0.0005  # half of the smallest unit the files write (one million VND)


def _key(period: tuple[int, int]) -> str:
    return f"funding_{period[0]}_{period[1]}_billion_vnd"


def funding_figures(funding: FundingFile | None, scope: Any) -> dict[str, Any]:
    """``funding_<a>_<b>_billion_vnd`` per period, ``funding`` (trees), ``funding_checks``."""
    out: dict[str, Any] = {"funding": [], "funding_checks": []}
    if funding is None:
        return out
    lines = [ln for ln in funding.lines if ln.scope_code == scope.code]
    stated = [ln for ln in funding.stated if ln.scope_code == scope.code]
    if funding.lines and not lines and not stated:
        out["funding_checks"].append(
            {
                "kind": "funding_scope",
                "place": f"tệp {funding.file}",
                "message": f"không có dòng nào cho địa bàn {scope.code} ({scope.name}): "
                "nguồn vốn không được đưa vào báo cáo",
            }
        )
    periods = sorted({ln.period for ln in lines} | {ln.period for ln in stated})
    for period in periods:
        period_lines = [ln for ln in lines if ln.period == period]
        period_stated = {ln.source: ln for ln in stated if ln.period == period}
        tree, checks = _period(funding.file, period, period_lines, period_stated)
        out["funding"].append(tree)
        out["funding_checks"].extend(checks)
        flat = {"total": tree["total"]}
        for item in tree["items"]:
            flat[item["source"]] = item["amount"]
        out[_key(period)] = flat
    return out


def _parent(line: FundingLine) -> str | None:
    if line.parent is not None:
        return line.parent
    return STATE_BUDGET if line.source in STATE_BUDGET_PARTS else None


def _period(
    file: str, period: tuple[int, int], lines: list[FundingLine], stated: dict[str, FundingLine]
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    checks: list[dict[str, Any]] = []
    own = {ln.source: ln for ln in lines}
    children: dict[str | None, list[FundingLine]] = {}
    for ln in lines:
        children.setdefault(_parent(ln), []).append(ln)
    state_children = children.get(STATE_BUDGET, [])

    def amount(source: str) -> float:
        if source == STATE_BUDGET and source not in own:
            if state_children:
                return sum(amount(c.source) for c in state_children)
            return stated[STATE_BUDGET].amount if STATE_BUDGET in stated else 0.0
        if source in own:
            return own[source].amount
        return sum(amount(c.source) for c in children.get(source, []))

    top: list[str] = []
    if state_children or STATE_BUDGET in stated:
        top.append(STATE_BUDGET)
    top += [ln.source for ln in children.get(None, []) if ln.source not in top]
    total = sum(amount(s) for s in top)

    items: list[dict[str, Any]] = []

    def add(source: str, level: int, parent: str | None) -> None:
        line = own.get(source)
        if line is not None:
            name, in_sentence, decimals = line.name, line.name_in_sentence, line.decimals
        else:
            name, in_sentence = STATED.get(source, (source, source))
            decimals = None
        value = amount(source)
        parts = children.get(source, [])
        items.append(
            {
                "source": source,
                "name": name,
                "name_in_sentence": in_sentence,
                "amount": round_half_up(value, 3),
                "decimals": decimals,
                "share": round_half_up(value * 100 / total, 1) if total else None,
                "level": level,
                "parent": parent,
                "parts": [c.source for c in parts],
            }
        )
        if line is not None and parts:
            _compare(
                checks, file, line.row, line.name, line.amount, sum(amount(c.source) for c in parts)
            )
        for child in parts:
            add(child.source, level + 1, source)

    for source in top:
        add(source, 0, None)

    if STATE_BUDGET in stated and state_children:
        ln = stated[STATE_BUDGET]
        _compare(checks, file, ln.row, STATED[STATE_BUDGET][0], ln.amount, amount(STATE_BUDGET))
    if "total" in stated:
        ln = stated["total"]
        _compare(checks, file, ln.row, STATED["total"][0], ln.amount, total)
    tree = {
        "period": list(period),
        "total": round_half_up(total, 3),
        "total_stated": stated["total"].amount if "total" in stated else None,
        "items": items,
    }
    return tree, checks


def _compare(
    checks: list[dict[str, Any]], file: str, row: int, name: str, stated: float, parts: float
) -> None:
    if abs(stated - parts) > TOLERANCE:
        checks.append(
            {
                "kind": "funding_sum",
                "place": f"tệp {file}, dòng {row}",
                "stated": stated,
                "computed": round_half_up(parts, 3),
                "message": f"«{name}» ghi {number(stated)} tỷ đồng nhưng tổng các nguồn thành phần "
                f"là "
                f"{number(round_half_up(parts, 3))} tỷ đồng",
            }
        )
