"""The figures of a report, computed from evaluation results: pure data, no files, no I/O.

``report_figures`` returns one ``ReportFigures`` (``ntm.reports.figures``, the content of
``report.json``); every renderer (DOCX, XLSX, Markdown, charts) and the sentences of
``ntm.reports.text`` read only from it, so the four outputs cannot disagree.

Rules (docs/report-template.md states them for offices):
- ``avg_change_vs_baseline`` is the difference of the two averages *as printed* (14,8 − 9,0 =
  5,8), so the sentence a reader checks by hand adds up.
- ``pct_of_target`` in JSON keeps two decimals, ties to even (90,625 → 90,62); the text shows
  ``ntm.formatting.percent`` of the exact ratio.
- A district lags on a criterion when its share of communes meeting it is below the share of the
  whole scope; lagging districts are listed lowest share first, then by name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_EVEN, Decimal

import numpy as np
import numpy.typing as npt

from ntm.domain.evaluation import MET, UNKNOWN, Evaluation
from ntm.domain.plans import FundingFile, Target
from ntm.domain.rollup import Rollup, rollup, round_half_up, vi_sort_key
from ntm.domain.units import Unit
from ntm.reports.figures import (
    BaselineFigures,
    ClosestCommune,
    CommuneFigures,
    CommuneRow,
    CriterionFigures,
    CriterionTarget,
    DistrictFigures,
    Lagging,
    RecognisedGroup,
    ReportFigures,
    TargetFigures,
)
from ntm.reports.funds import funding_figures

Rows = npt.NDArray[np.intp]  # row indices into an evaluation's units
DistrictRows = tuple[str, str, list[int]]  # (code, name, rows) of one district


@dataclass(frozen=True)
class Scope:
    """What the report covers: a province (all its communes), a district, or one commune (the
    report of a commune officer, issue #14.4)."""

    level: str  # "province" | "district" | "commune"
    code: str
    name: str
    province_code: str
    province_name: str


@dataclass
class ReportData:
    evaluation: Evaluation
    scope: Scope
    baseline: Evaluation | None = None
    targets: list[Target] = field(default_factory=list)
    funding: FundingFile | None = None
    sources: list[str] = field(default_factory=list)  # input file names, for the record
    notes: list[str] = field(default_factory=list)


def scope_rows(evaluation: Evaluation, scope: Scope) -> Rows:
    if scope.level == "district":
        keep = [i for i, u in enumerate(evaluation.units) if u.district_code == scope.code]
    elif scope.level == "commune":
        keep = [i for i, u in enumerate(evaluation.units) if u.code == scope.code]
    else:
        keep = [i for i, u in enumerate(evaluation.units) if u.province_code == scope.code]
    return np.array(keep, dtype=np.intp)


def round2_even(x: float) -> float:
    return float(Decimal(repr(x)).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN))


def short_district(name: str) -> str:
    """'Huyện Sa Thầy' → 'Sa Thầy'; a city or town keeps its kind ('Thành phố Kon Tum')."""
    for prefix in ("Huyện ", "huyện "):
        if name.startswith(prefix):
            return name[len(prefix) :]
    return name


def _districts(units: Sequence[Unit], rows: Rows) -> list[DistrictRows]:
    """(code, name, rows) per district in code order; empty when units have no district."""
    groups: dict[str, tuple[str, list[int]]] = {}
    for r in rows.tolist():
        u = units[r]
        if u.district_code:
            groups.setdefault(u.district_code, (u.district_name or u.district_code, []))[1].append(
                r
            )
    return [(code, name, rs) for code, (name, rs) in sorted(groups.items())]


def _commune(ev: Evaluation, r: int) -> CommuneFigures:
    u = ev.units[r]
    return CommuneFigures(u.code, u.name, u.district_code, u.district_name, int(ev.criteria_met[r]))


def _pick_targets(
    targets: list[Target], scope: Scope, year: int
) -> dict[tuple[str, int | None], Target]:
    """Per (measure, criterion): the target of the report's year, else the nearest later one,
    else the latest earlier one."""

    def rank(t: Target) -> tuple[int, int]:
        return (0, t.year - year) if t.year >= year else (1, year - t.year)

    best: dict[tuple[str, int | None], Target] = {}
    for t in targets:
        if t.scope_code != scope.code:
            continue
        key = (t.measure, t.criterion)
        cur = best.get(key)
        if cur is None or rank(t) < rank(cur):
            best[key] = t
    return best


def _whole(value: float) -> int | float:
    """A target as the file writes it: 85, not 85.0."""
    return int(value) if value.is_integer() else value


def report_figures(data: ReportData) -> ReportFigures:
    ev, scope = data.evaluation, data.scope
    cset = ev.cset
    rows = scope_rows(ev, scope)
    roll = rollup(ev, rows)
    picked = _pick_targets(data.targets, scope, ev.year)
    districts = _districts(ev.units, rows) if scope.level == "province" else []
    district_rolls = [(code, name, rollup(ev, np.array(rs))) for code, name, rs in districts]
    criteria = _criteria(ev, roll, picked, district_rolls, scope, rows)
    funding, funding_checks = funding_figures(data.funding, scope)
    avg_criteria = round_half_up(roll.avg_criteria, 1)
    under5 = int((ev.criteria_met[rows] < 5).sum())
    actual = _Actuals(criteria, roll.recognised, avg_criteria, ev, rows)
    return ReportFigures(
        source="ntm report: " + ", ".join(data.sources) if data.sources else "ntm report",
        level=scope.level,
        scope_code=scope.code,
        scope_name=scope.name,
        province_code=scope.province_code,
        province_name=scope.province_name,
        criteria_set=cset.code,
        criteria_set_title=cset.title,
        criteria_count=len(cset.criterion_numbers),
        year=ev.year,
        communes_total=roll.units_total,
        recognised=roll.recognised,
        bands=roll.bands,
        band_names={b.label: b.name or b.label for b in cset.effective_bands()},
        avg_criteria=avg_criteria,
        under5=under5,
        criteria_met_by_all=roll.criteria_met_by_all,
        unknown_statuses=int((ev.criterion_status[rows] == UNKNOWN).sum()),
        baseline=_baseline(data, roll, avg_criteria, under5),
        criteria=criteria,
        districts=[_district(code, name, r) for code, name, r in district_rolls],
        districts_without_recognised_commune=sorted(
            name for _, name, r in district_rolls if r.recognised == 0
        ),
        # Offices say "dưới 10 tiêu chí" for 19 criteria; other sets carry their own line.
        lagging_below=roll.under,
        communes_under=roll.names(roll.under_rows),
        communes_lagging_detail=_lagging_communes(ev, roll),
        recognised_communes=roll.names(roll.recognised_rows),
        communes=_communes(ev, rows),
        recognised_by_district=_recognised_by_district(ev, roll, districts),
        closest_to_standard=_closest(ev, roll),
        targets=[_target(key, t, actual) for key, t in _in_order(picked)],
        funding=funding,
        notes=_pilot_notes(ev)
        + list(data.notes)
        + (list(data.funding.notes) if data.funding else []),
        funding_checks=funding_checks,
    )


PILOT_NOTE = (
    "Đánh giá thí điểm theo các chỉ tiêu đã nhập: tiêu chí chưa đủ chỉ tiêu được xét trên các chỉ "
    "tiêu đã có; số liệu thí điểm, chưa phải số liệu chính thức — số xã đạt chuẩn chính thức "
    "chưa xác định cho đến khi bộ tiêu chí đủ chỉ tiêu."
)


def _pilot_notes(ev: Evaluation) -> list[str]:
    """A pilot is said first, never mixed silently with official figures."""
    return [PILOT_NOTE] if ev.pilot else []


def _closest(ev: Evaluation, roll: Rollup) -> list[ClosestCommune]:
    """Communes missing few criteria, with the numbers they miss."""
    return [
        ClosestCommune(ev.units[r].code, ev.units[r].name, ev.units[r].district_name, missing)
        for r, missing in roll.closest
    ]


def _criteria(
    ev: Evaluation,
    roll: Rollup,
    picked: dict[tuple[str, int | None], Target],
    district_rolls: list[tuple[str, str, Rollup]],
    scope: Scope,
    rows: Rows,
) -> dict[int, CriterionFigures]:
    """Per criterion: count, share, target, and who lags."""
    out: dict[int, CriterionFigures] = {}
    for number in ev.cset.criterion_numbers:
        met = roll.criteria_met[number]
        target = picked.get(("communes_meeting_criterion", number))
        out[number] = CriterionFigures(
            name=ev.cset.criterion(number).name,
            met=met,
            total=roll.units_total,
            target=_criterion_target(met, target) if target is not None else None,
            lagging=_lagging(ev, roll, number, district_rolls, scope, rows),
        )
    return out


def _criterion_target(met: int, target: Target) -> CriterionTarget:
    exact = met * 100 / target.value if target.value else 100.0
    return CriterionTarget(
        value=_whole(target.value),
        year=target.year,
        plan=target.plan,
        pct_of_target=round2_even(exact),
        pct_of_target_exact=exact,
        meets_target=met >= target.value,
    )


def _district(code: str, name: str, r: Rollup) -> DistrictFigures:
    return DistrictFigures(
        code=code,
        name=name,
        communes=r.units_total,
        recognised=r.recognised,
        avg_criteria=round_half_up(r.avg_criteria, 1),
        bands=r.bands,
        criteria=dict(r.criteria_met),
        recognised_communes=r.names(r.recognised_rows, for_people=True),
    )


def _lagging_communes(ev: Evaluation, roll: Rollup) -> list[CommuneFigures]:
    """Communes under the set's line, by district, then by name as Vietnamese sorts it."""
    order = sorted(
        roll.under_rows,
        key=lambda r: (ev.units[r].district_code or "", vi_sort_key(ev.units[r].name)),
    )
    return [_commune(ev, r) for r in order]


def _communes(ev: Evaluation, rows: Rows) -> list[CommuneRow]:
    """Every commune of the scope with the criteria it meets (the matrix of Phụ lục 01)."""
    numbers = ev.cset.criterion_numbers
    order = sorted(rows.tolist(), key=lambda r: (ev.units[r].district_code or "", r))
    out = []
    for r in order:
        status = ev.criterion_status[r]
        u = ev.units[r]
        out.append(
            CommuneRow(
                u.code,
                u.name,
                u.district_code,
                u.district_name,
                int(ev.criteria_met[r]),
                recognised=bool(ev.all_met[r]),
                met_criteria=[numbers[c] for c in np.flatnonzero(status == MET)],
                unknown_criteria=[numbers[c] for c in np.flatnonzero(status < 0)],
            )
        )
    return out


def _baseline(
    data: ReportData, roll: Rollup, avg_criteria: float, under5: int
) -> BaselineFigures | None:
    base = data.baseline
    if base is None:
        return None
    brows = scope_rows(base, data.scope)
    broll = rollup(base, brows)
    base_avg = round_half_up(broll.avg_criteria, 1)
    base_under5 = int((base.criteria_met[brows] < 5).sum())
    return BaselineFigures(
        year=base.year,
        criteria_set=base.cset.code,
        communes_total=broll.units_total,
        recognised=broll.recognised,
        recognised_change=roll.recognised - broll.recognised,
        bands=broll.bands,
        avg_criteria=base_avg,
        avg_change=round_half_up(avg_criteria - base_avg, 1),
        under5=base_under5,
        under5_change=under5 - base_under5,
        criteria=dict(broll.criteria_met),
    )


def _lagging(
    ev: Evaluation,
    roll: Rollup,
    number: int,
    district_rolls: list[tuple[str, str, Rollup]],
    scope: Scope,
    rows: Rows,
) -> list[Lagging]:
    """Districts below the scope's share (province); communes not meeting it (district)."""
    if not roll.units_total or roll.criteria_met[number] == roll.units_total:
        return []
    if scope.level in ("district", "commune"):
        col = ev.cset.criterion_numbers.index(number)
        out = [
            Lagging(ev.units[r].code, ev.units[r].name, 0, 1)
            for r in rows.tolist()
            if ev.criterion_status[r, col] != MET
        ]
        return sorted(out, key=lambda d: vi_sort_key(d.name))
    share = roll.criteria_met[number] / roll.units_total
    lag = [
        Lagging(code, name, r.criteria_met[number], r.units_total)
        for code, name, r in district_rolls
        if r.units_total and r.criteria_met[number] / r.units_total < share
    ]
    return sorted(lag, key=lambda d: (d.met / d.total, vi_sort_key(short_district(d.name))))


def _recognised_by_district(
    ev: Evaluation, roll: Rollup, districts: list[DistrictRows]
) -> list[RecognisedGroup]:
    recognised = set(roll.recognised_rows)
    if not districts:
        names = roll.names(roll.recognised_rows, for_people=True)
        return [RecognisedGroup(None, None, names)] if names else []
    out = []
    for code, name, rs in districts:
        names = sorted((ev.units[r].name for r in rs if r in recognised), key=vi_sort_key)
        if names:
            out.append(RecognisedGroup(code, name, names))
    return out


@dataclass(frozen=True)
class _Actuals:
    """What the targets are compared with."""

    criteria: dict[int, CriterionFigures]
    recognised: int
    avg_criteria: float
    ev: Evaluation
    rows: Rows

    def of(self, measure: str, criterion: int | None) -> int | float | None:
        if measure == "communes_meeting_criterion":
            found = self.criteria.get(criterion) if criterion is not None else None
            return found.met if found is not None else None
        if measure == "communes_recognised":
            return self.recognised
        if measure == "avg_criteria":
            return self.avg_criteria
        if measure == "max_communes_under":
            return int((self.ev.criteria_met[self.rows] < (criterion or 0)).sum())
        return None  # advanced / model recognition needs those sets' results


def _in_order(
    picked: dict[tuple[str, int | None], Target],
) -> list[tuple[tuple[str, int | None], Target]]:
    return sorted(picked.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0))


def _target(key: tuple[str, int | None], t: Target, actuals: _Actuals) -> TargetFigures:
    """A target with the actual figure, % of target and met / not met."""
    measure, criterion = key
    actual = actuals.of(measure, criterion)
    pct: float | None = None
    met: bool | None = None
    if actual is not None and measure == "max_communes_under":
        met = actual <= t.value
    elif actual is not None:
        pct = round2_even(actual * 100 / t.value) if t.value else None
        met = actual >= t.value
    return TargetFigures(measure, criterion, t.plan, t.year, _whole(t.value), actual, pct, met)
