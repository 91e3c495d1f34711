"""Funds by source as a tree that adds up: pure data, no I/O.

The state budget's direct support (``state_budget_direct``) is ``central_budget + local_budget +
carried_over``; any other line is a source of its own, counted in the total, unless the file names
a ``parent`` for it, in which case it is part of that source. A source with its own line and
parts listed under it must equal the sum of its parts; a ``total`` or ``state_budget_direct`` row
a file states is checked against the sum, never added to it.
"""

from __future__ import annotations

import math
from dataclasses import replace
from typing import Protocol

from ntm.domain.plans import STATE_BUDGET, STATE_BUDGET_PARTS, STATED, FundingFile, FundingLine
from ntm.domain.rollup import round_half_up
from ntm.formatting import number
from ntm.reports.figures import Check, FundingItem, FundingPeriod

TOLERANCE = 0.0005  # half of the smallest unit the files write (one million VND)


class _Scope(Protocol):
    """What funding needs of a report's scope (``ntm.reports.content.Scope`` has it)."""

    @property
    def code(self) -> str: ...

    @property
    def name(self) -> str: ...


def funding_figures(
    funding: FundingFile | None, scope: _Scope
) -> tuple[list[FundingPeriod], list[Check]]:
    """A tree of sources per period, and the sums that do not add up."""
    trees: list[FundingPeriod] = []
    checks: list[Check] = []
    if funding is None:
        return trees, checks
    lines = [ln for ln in funding.lines if ln.scope_code == scope.code]
    stated = [ln for ln in funding.stated if ln.scope_code == scope.code]
    if funding.lines and not lines and not stated:
        checks.append(
            Check(
                "funding_scope",
                f"tệp {funding.file}",
                f"không có dòng nào cho địa bàn {scope.code} ({scope.name}): "
                "nguồn vốn không được đưa vào báo cáo",
            )
        )
    periods = sorted({ln.period for ln in lines} | {ln.period for ln in stated})
    for period in periods:
        period_lines = [ln for ln in lines if ln.period == period]
        period_stated = {ln.source: ln for ln in stated if ln.period == period}
        tree = _Period(funding.file, period, period_lines, period_stated)
        trees.append(tree.figures())
        checks.extend(tree.checks)
    return trees, checks


def _parent(line: FundingLine) -> str | None:
    if line.parent is not None:
        return line.parent
    return STATE_BUDGET if line.source in STATE_BUDGET_PARTS else None


class _Period:
    """The sources of one period as a tree: amounts summed up the tree, checked where stated."""

    def __init__(
        self,
        file: str,
        period: tuple[int, int],
        lines: list[FundingLine],
        stated: dict[str, FundingLine],
    ) -> None:
        self.file, self.period, self.stated = file, period, stated
        self.checks: list[Check] = []
        self.own = {ln.source: ln for ln in lines}
        self.children: dict[str | None, list[FundingLine]] = {}
        for ln in lines:
            self.children.setdefault(_parent(ln), []).append(ln)
        self.state_children = self.children.get(STATE_BUDGET, [])

    def amount(self, source: str) -> float:
        if source == STATE_BUDGET and source not in self.own:
            if self.state_children:
                return sum(self.amount(c.source) for c in self.state_children)
            return self.stated[STATE_BUDGET].amount if STATE_BUDGET in self.stated else 0.0
        if source in self.own:
            return self.own[source].amount
        return sum(self.amount(c.source) for c in self.children.get(source, []))

    def top(self) -> list[str]:
        """The sources counted in the total: the state budget first, then the others."""
        top: list[str] = []
        if self.state_children or STATE_BUDGET in self.stated:
            top.append(STATE_BUDGET)
        top += [ln.source for ln in self.children.get(None, []) if ln.source not in top]
        return top

    def figures(self) -> FundingPeriod:
        total = sum(self.amount(s) for s in self.top())
        items: list[FundingItem] = []
        for source in self.top():
            self._add(items, source, 0, None, total)
        self._check_stated(total)
        total_stated = self.stated["total"].amount if "total" in self.stated else None
        items = apportioned(items, total)
        return FundingPeriod(self.period, round_half_up(total, 3), total_stated, items)

    def _add(
        self, items: list[FundingItem], source: str, level: int, parent: str | None, total: float
    ) -> None:
        """The item of ``source``, then its parts under it, depth first."""
        line = self.own.get(source)
        if line is not None:
            name, in_sentence, decimals = line.name, line.name_in_sentence, line.decimals
        else:
            name, in_sentence = STATED.get(source, (source, source))
            decimals = None
        value = self.amount(source)
        parts = self.children.get(source, [])
        items.append(
            FundingItem(
                source=source,
                name=name,
                name_in_sentence=in_sentence,
                amount=round_half_up(value, 3),
                decimals=decimals,
                share=round_half_up(value * 100 / total, 1) if total else None,
                level=level,
                parent=parent,
                parts=[c.source for c in parts],
            )
        )
        if line is not None and parts:
            self._compare(
                line.row, line.name, line.amount, sum(self.amount(c.source) for c in parts)
            )
        for child in parts:
            self._add(items, child.source, level + 1, source, total)

    def _check_stated(self, total: float) -> None:
        """A stated state-budget or total row against the sum it should be."""
        if STATE_BUDGET in self.stated and self.state_children:
            ln = self.stated[STATE_BUDGET]
            self._compare(ln.row, STATED[STATE_BUDGET][0], ln.amount, self.amount(STATE_BUDGET))
        if "total" in self.stated:
            ln = self.stated["total"]
            self._compare(ln.row, STATED["total"][0], ln.amount, total)

    def _compare(self, row: int, name: str, stated: float, parts: float) -> None:
        if abs(stated - parts) > TOLERANCE:
            computed = round_half_up(parts, 3)
            self.checks.append(
                Check(
                    "funding_sum",
                    f"tệp {self.file}, dòng {row}",
                    f"«{name}» ghi {number(stated)} tỷ đồng nhưng tổng các nguồn thành phần "
                    f"là {number(computed)} tỷ đồng",
                    stated=stated,
                    computed=computed,
                )
            )


def largest_remainder(exact: list[float], tenths: int) -> list[float]:
    """Shares to one decimal that add up to ``tenths``/10: each rounded down, the tenths left
    given to the largest remainders (49,833 + 11,253 + 0,352 → 49,8 + 11,3 + 0,3 = 61,4)."""
    scaled = [x * 10 for x in exact]
    floors = [math.floor(x + 1e-9) for x in scaled]
    left = tenths - sum(floors)
    order = sorted(range(len(exact)), key=lambda i: floors[i] - scaled[i])
    for i in order[: max(left, 0)]:
        floors[i] += 1
    return [f / 10 for f in floors]


def apportioned(items: list[FundingItem], total: float) -> list[FundingItem]:
    """One rounding rule for the Word text and the appendix: the shares of the sources add up to
    100,0 and the shares of a source's parts to the source's share (when the parts add up to
    it), by largest remainder."""
    if not total:
        return items
    shares = {i.source: i.amount * 100 / total for i in items}
    shown: dict[str, float] = {}
    groups: dict[str | None, list[FundingItem]] = {}
    for item in items:
        groups.setdefault(item.parent, []).append(item)
    for parent, group in groups.items():  # parents come before their parts (depth first)
        exact = [shares[i.source] for i in group]
        whole = 100.0 if parent is None else shares[parent]
        if abs(sum(exact) - whole) > 1e-6:
            continue  # parts that do not make up their source keep their own rounding
        target = shown.get(parent or "", round_half_up(whole, 1))
        for item, value in zip(group, largest_remainder(exact, round(target * 10)), strict=True):
            shown[item.source] = value
    return [replace(i, share=shown.get(i.source, i.share)) for i in items]
