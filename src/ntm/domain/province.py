"""Province-level sets judged from the province's communes (Annex III of Decision 51/2025).

A province-level indicator that ntm can derive from the communes' own evaluation is named here by
its set (the set itself or a province variant of it) and code; its value per province is
computed in one pass over the communes, then the engine judges the provinces like any unit.
An indicator not derived here stays without a value (unknown) unless the office enters it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from ntm.domain.criteria import CriteriaSet
from ntm.domain.evaluation import Evaluation, empty_values, evaluate
from ntm.domain.units import Unit

Derive = Callable[[Evaluation, np.ndarray, int], np.ndarray]


def _recognised_share(communes: Evaluation, where: np.ndarray, n: int) -> np.ndarray:
    """Per province, the percentage of its judged communes meeting every criterion."""
    total = np.bincount(where, minlength=n).astype(np.float64)
    met = np.bincount(where, weights=communes.all_met.astype(np.float64), minlength=n)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, 100.0 * met / total, np.nan)
    return share


# Set (root code) → indicator code → how it is derived from the communes.
FROM_COMMUNES: dict[str, dict[str, Derive]] = {
    "tinh-ntm-2026-2030": {"1.1": _recognised_share},
}


def derived_codes(cset: CriteriaSet) -> dict[str, Derive]:
    return FROM_COMMUNES.get(cset.parent or cset.code, FROM_COMMUNES.get(cset.code, {}))


def share_codes(cset: CriteriaSet) -> list[str]:
    """The indicators of ``cset`` that are the share of communes recognised: those a province's
    counted roll-up (recognised, communes) gives without judging its communes again."""
    column = {ind.code for ind in cset.indicators}
    return [c for c, how in derived_codes(cset).items() if how is _recognised_share and c in column]


def province_values(
    cset: CriteriaSet, provinces: Sequence[Unit], communes: Evaluation
) -> np.ndarray:
    """(n_provinces, n_indicators): the derived indicators filled, the others NaN.

    Communes of a province not among ``provinces`` are left out; a province with no commune
    judged gets no value (unknown), never 0.
    """
    values = empty_values(len(provinces), cset)
    derive = derived_codes(cset)
    if not derive or not provinces:
        return values
    index = {p.province_code or p.code: i for i, p in enumerate(provinces)}
    owner = np.fromiter(
        (index.get(u.province_code, -1) for u in communes.units),
        dtype=np.intp,
        count=len(communes.units),
    )
    keep = owner >= 0
    kept = _subset(communes, keep)
    column = {ind.code: j for j, ind in enumerate(cset.indicators)}
    for code, how in derive.items():
        if code in column:
            values[:, column[code]] = how(kept, owner[keep], len(provinces))
    return values


def _subset(ev: Evaluation, keep: np.ndarray) -> Evaluation:
    """The communes of ``keep`` only (the arrays the derivations read)."""
    if keep.all():
        return ev
    rows = np.flatnonzero(keep)
    return Evaluation(
        cset=ev.cset,
        year=ev.year,
        units=[ev.units[r] for r in rows],
        values=ev.values[rows],
        thresholds=ev.thresholds[rows],
        indicator_status=ev.indicator_status[rows],
        criterion_status=ev.criterion_status[rows],
    )


def evaluate_provinces(
    cset: CriteriaSet,
    provinces: Sequence[Unit],
    communes: Evaluation,
    year: int,
    *,
    pilot: bool = False,
) -> Evaluation:
    """The provinces judged on the province-level set, from their communes' evaluation."""
    values = province_values(cset, provinces, communes)
    return evaluate(cset, list(provinces), year, values=values, pilot=pilot)


@dataclass(frozen=True)
class ProvinceCompletion:
    """One province on the province-level set: the derived share and the set's verdict."""

    province_code: str
    province_name: str
    recognised_share: float | None  # percent of its communes recognised; None: none judged
    status: int  # MET, NOT_MET or UNKNOWN (the set's eligibility)


def completion_from_counts(
    cset: CriteriaSet,
    provinces: Sequence[Unit],
    counts: Sequence[tuple[int, int]],
    year: int,
    *,
    values: np.ndarray | None = None,
    statuses: np.ndarray | None = None,
) -> list[ProvinceCompletion]:
    """The provinces judged from their roll-ups already counted ((recognised, communes) each,
    as the national view keeps them): the same share the communes' evaluation gives.

    ``values``/``statuses``: the province's own indicators and criterion statuses as its office
    entered them (NaN / ``NOT_GIVEN`` where none); a derived indicator is always the one
    computed from the communes. Unknown where a level or a value is unknown, never a guess.
    """
    values = empty_values(len(provinces), cset) if values is None else values.copy()
    recognised = np.array([r for r, _n in counts], dtype=np.float64)
    total = np.array([n for _r, n in counts], dtype=np.float64)
    with np.errstate(invalid="ignore", divide="ignore"):
        share = np.where(total > 0, 100.0 * recognised / total, np.nan)
    column = {ind.code: j for j, ind in enumerate(cset.indicators)}
    for code in share_codes(cset):
        values[:, column[code]] = share
    ev = evaluate(cset, list(provinces), year, values=values, statuses=statuses)
    return [
        ProvinceCompletion(p.code, p.name, None if np.isnan(s) else float(s), int(e))
        for p, s, e in zip(provinces, share, ev.eligibility, strict=True)
    ]
