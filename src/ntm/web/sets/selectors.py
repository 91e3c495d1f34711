"""The completeness of a set: what is known, what the office still has to enter."""

from __future__ import annotations

from dataclasses import dataclass

from ntm.domain.criteria import CriteriaSet

# Decision 51/2025/QĐ-TTg, Annex I: 10 criteria, 47 indicators (criteria-facts.md).
EXPECTED_INDICATORS = {"xa-ntm-2026-2030": 47}


@dataclass(frozen=True)
class CriterionGap:
    number: int
    name: str
    indicators: int
    complete: bool
    unknown_levels: dict[str, int]  # variant name → indicators whose level is unknown


@dataclass(frozen=True)
class Completeness:
    known: int  # indicators entered
    expected: int | None  # as the decision states (None: not stated)
    variants: list[tuple[str, str]]  # (variant, its name)
    unknown_by_variant: dict[str, int]
    criteria: list[CriterionGap]

    @property
    def complete(self) -> bool:
        return all(c.complete and not sum(c.unknown_levels.values()) for c in self.criteria)

    @property
    def incomplete(self) -> list[CriterionGap]:
        return [c for c in self.criteria if not c.complete or sum(c.unknown_levels.values()) != 0]


def _root(cset: CriteriaSet) -> str:
    return cset.parent or cset.code


def set_completeness(cset: CriteriaSet, year: int) -> Completeness:
    """Indicators known against those expected, unknown levels per group or region in ``year``,
    and every criterion still incomplete."""
    variants = [(v, cset.variants.names.get(v, v)) for v in cset.variants.values] or [("*", "")]
    gaps = []
    for crit in cset.criteria:
        unknown = {}
        for v, name in variants:
            unknown[name] = sum(
                1 for ind in crit.indicators
                if (rule := ind.rule_for(year)) is None or rule.value_for(v) is None
            )  # fmt: skip
        gaps.append(CriterionGap(crit.number, crit.name, len(crit.indicators),
                                 crit.indicators_complete, unknown))  # fmt: skip
    totals = {name: sum(g.unknown_levels[name] for g in gaps) for _v, name in variants}
    return Completeness(
        known=len(cset.indicators), expected=EXPECTED_INDICATORS.get(_root(cset)),
        variants=variants, unknown_by_variant=totals, criteria=gaps,
    )  # fmt: skip
