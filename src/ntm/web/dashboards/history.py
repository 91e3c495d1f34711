"""A commune's status per criterion and indicator over the years, across the 2025 merger.

A commune created on 1 July 2025 has no years of its own before that date: its history is that of
the old communes it came from (``Unit.predecessors``, the lineage the units app stores). Each
commune of the lineage gets its own table, since the old communes were judged one by one.
Every year is judged live by the engine from the values stored for it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ntm.domain.evaluation import MET, NOT_MET, STATUS_VI, UNKNOWN
from ntm.domain.rollup import vi_sort_key
from ntm.web.assessments.models import Assessment, Period
from ntm.web.readmodel.inputs import commune_years
from ntm.web.units.models import Unit

_CODES = {"met": MET, "not_met": NOT_MET, "unknown": UNKNOWN}


@dataclass
class Cell:
    status: str  # met | not_met | unknown
    value: float | bool | None = None

    @property
    def status_vi(self) -> str:
        return STATUS_VI[_CODES[self.status]]


@dataclass
class Line:
    kind: str  # criterion | indicator
    key: str  # criterion number or indicator code
    name: str
    cells: dict[int, Cell] = field(default_factory=dict)  # year → cell

    def row(self, years: list[int]) -> list[Cell | None]:
        return [self.cells.get(y) for y in years]


@dataclass
class UnitHistory:
    unit: Unit
    relation: str  # self | predecessor
    years: list[int]
    periods: list[Period]
    met: list[int]  # criteria met, per year
    totals: list[int]  # criteria in the set, per year
    lines: list[Line]

    @property
    def rows(self) -> list[tuple[Line, list[Cell | None]]]:
        return [(line, line.row(self.years)) for line in self.lines]


def unit_periods(unit: Unit) -> list[Period]:
    """The periods in which this commune has an assessment, one per year (the latest set)."""
    found: dict[int, Period] = {}
    rows = (
        Assessment.objects.filter(unit=unit)
        .select_related("period__criteria_set")
        .defer("period__criteria_set__data")  # parsed once per content hash by the read model
    )
    for a in rows.order_by("period__year", "-period__pk"):
        found.setdefault(a.period.year, a.period)
    return [found[y] for y in sorted(found)]


def unit_history(unit: Unit, relation: str) -> UnitHistory:
    periods = unit_periods(unit)
    lines: dict[tuple[str, str], Line] = {}
    order: list[tuple[str, str]] = []
    met, totals = [], []
    evaluations = commune_years(unit=unit, periods=periods)  # every year in two queries
    for period in periods:
        evaluation = evaluations[period.pk]
        result = evaluation.unit_result(0)
        met.append(int(evaluation.criteria_met[0]))
        totals.append(len(evaluation.cset.criteria))
        for crit in evaluation.cset.criteria:
            key = ("criterion", str(crit.number))
            line = lines.setdefault(key, Line("criterion", str(crit.number), crit.name))
            line.name = crit.name  # the latest year's name
            line.cells[period.year] = Cell(result["criteria"][str(crit.number)])
            if key not in order:
                order.append(key)
            for ind in crit.indicators:
                ikey = ("indicator", f"{crit.number}/{ind.code}")
                iline = lines.setdefault(ikey, Line("indicator", ind.code, ind.name))
                r = result["indicators"][ind.code]
                iline.cells[period.year] = Cell(r["status"], r["value"])
                if ikey not in order:
                    order.append(ikey)
    ordered = sorted(order, key=_line_order)
    return UnitHistory(
        unit=unit, relation=relation, years=[p.year for p in periods], periods=periods,
        met=met, totals=totals, lines=[lines[k] for k in ordered],
    )  # fmt: skip


def _line_order(key: tuple[str, str]) -> tuple[int, int, str]:
    kind, text = key
    number = int(text.split("/")[0]) if text.split("/")[0].isdigit() else 0
    return (number, 0 if kind == "criterion" else 1, text)


def commune_history(*, unit: Unit) -> list[UnitHistory]:
    """The commune's own years, then those of each commune it came from (by name)."""
    out = [unit_history(unit, "self")]
    predecessors = sorted(unit.predecessors.all(), key=lambda u: vi_sort_key(u.name))
    out += [unit_history(p, "predecessor") for p in predecessors]
    return out


def unit_successors(*, unit: Unit) -> list[Unit]:
    return sorted(unit.successors.all(), key=lambda u: vi_sort_key(u.name))
