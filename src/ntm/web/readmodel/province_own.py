"""A province's own page on the province-level set (Annex III of Decision 51/2025): the province
judged live, as the national view judges it (``province_level``), for its office to enter the
indicators that are its own.

The indicators derived from the communes (the share of communes recognised) are never entered:
they come from the province's commune period of the same year (the newest of the standard
tier, as the national view picks it), counted over every commune of the province whoever reads
the page, so the page and the national view give the same verdict. Without such a period the
share is unknown and so is every verdict that needs it: never a guess.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ntm.domain.evaluation import Evaluation, empty_statuses, empty_values, evaluate
from ntm.domain.province import share_codes
from ntm.web.assessments.models import CriterionStatus, IndicatorValue, Period
from ntm.web.readmodel.figures import period_figures
from ntm.web.readmodel.sets import cset_of
from ntm.web.units.models import Unit


@dataclass(frozen=True)
class CommuneSource:
    """Where the derived indicators come from: the province's commune period of that year."""

    period: Period | None
    recognised: int
    communes: int

    @property
    def share(self) -> float | None:
        """Percent of the province's communes recognised; None when none is judged."""
        return 100.0 * self.recognised / self.communes if self.communes else None


def is_province_level(period: Period) -> bool:
    return cset_of(period.criteria_set).level == "province"


def province_level_period(periods: Sequence[Period], period: Period) -> Period | None:
    """The newest province-level period among ``periods`` of ``period``'s province and year
    (no query beyond the sets, which the read model keeps)."""
    found = [
        p for p in periods
        if (p.regime, p.province_code, p.year) == (period.regime, period.province_code, period.year)
        and is_province_level(p)
    ]  # fmt: skip
    return max(found, key=lambda p: p.pk) if found else None


def province_unit(period: Period) -> Unit | None:
    """The unit of level province that a province-level period's values belong to."""
    return (
        Unit.objects.filter(
            level="province", regime=period.regime, province_code=period.province_code
        )
        .order_by("pk")
        .first()
    )


def commune_source(*, period: Period) -> CommuneSource:
    """The province's commune period of ``period``'s year and its counted communes."""
    candidates = Period.objects.filter(
        regime=period.regime, province_code=period.province_code, year=period.year
    ).select_related("criteria_set")
    standard = [
        p for p in candidates
        if cset_of(p.criteria_set).level == "commune" and cset_of(p.criteria_set).tier == "standard"
    ]  # fmt: skip
    if not standard:
        return CommuneSource(None, 0, 0)
    newest = max(standard, key=lambda p: p.pk)
    figures = period_figures([newest])[newest.pk]  # every commune: the verdict is the province's
    return CommuneSource(newest, figures.recognised, figures.communes)


def province_evaluation(
    *, period: Period, unit: Unit, source: CommuneSource,
    values: dict[str, float | None] | None = None, statuses: dict[int, int | None] | None = None,
) -> Evaluation:  # fmt: skip
    """The province judged live on its period's set: its own stored rows (``values`` and
    ``statuses`` overlaid, for a preview), the derived indicators from ``source``."""
    cset = cset_of(period.criteria_set)
    mine = {"assessment__unit": unit, "assessment__period": period}
    stored = dict(IndicatorValue.objects.filter(**mine).values_list("indicator", "value"))
    given: dict[int, int | None] = dict(
        CriterionStatus.objects.filter(**mine).values_list("criterion", "status")
    )
    stored.update(values or {})
    given.update(statuses or {})
    for code in share_codes(cset):
        stored[code] = source.share
    matrix, status_row = empty_values(1, cset), empty_statuses(1, cset)
    for j, ind in enumerate(cset.indicators):
        if (value := stored.get(ind.code)) is not None:
            matrix[0, j] = float(value)
    for j, number in enumerate(cset.criterion_numbers):
        if (status := given.get(number)) is not None:
            status_row[0, j] = status
    return evaluate(cset, [unit.to_domain()], period.year, values=matrix, statuses=status_row)
