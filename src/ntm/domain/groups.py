"""Figures by commune group (Nhóm 1/2/3, Decision 51/2025/QĐ-TTg): one row per group, and the
communes with no group named, never dropped.

A set whose levels differ by group cannot judge a commune with no group on those levels; it is
counted in a row of its own («Chưa có nhóm») so that the rows add up to the whole province.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ntm.domain.evaluation import Evaluation
from ntm.domain.rollup import rollup_by
from ntm.domain.units import GROUPS

NO_GROUP = ""
NO_GROUP_NAME = "Chưa có nhóm"


@dataclass(frozen=True)
class GroupFigure:
    """One group's communes: how many, recognised, criteria per commune, under the set's line."""

    group: str  # "1", "2", "3" or NO_GROUP
    name: str  # «Nhóm 1» … or «Chưa có nhóm»
    communes: int
    recognised: int
    avg: float
    under: int
    bands: dict[str, int] = field(default_factory=dict)

    @property
    def share_recognised(self) -> float:
        return 100.0 * self.recognised / self.communes if self.communes else 0.0


@dataclass(frozen=True)
class GroupBreakdown:
    rows: list[GroupFigure]
    ungrouped: list[str]  # the names of the communes with no group, in the evaluation's order

    @property
    def applies(self) -> bool:
        return bool(self.rows)


def uses_groups(evaluation: Evaluation) -> bool:
    return evaluation.cset.variants.by == "group"


def group_breakdown(evaluation: Evaluation) -> GroupBreakdown:
    """Rows in group order (1, 2, 3, then «Chưa có nhóm»); empty for a set not by group."""
    if not uses_groups(evaluation) or not evaluation.units:
        return GroupBreakdown([], [])
    by = rollup_by(evaluation, lambda u: u.group or NO_GROUP)
    rows = []
    for key in [*GROUPS, NO_GROUP]:
        r = by.get(key)
        if r is None:
            continue
        rows.append(
            GroupFigure(
                group=key,
                name=GROUPS.get(key, NO_GROUP_NAME),
                communes=r.units_total,
                recognised=r.recognised,
                avg=r.avg_criteria,
                under=len(r.under_rows),
                bands=dict(r.bands),
            )
        )
    ungrouped = [u.name for u in evaluation.units if not u.group]
    return GroupBreakdown(rows, ungrouped)
