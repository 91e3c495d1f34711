"""The figures of a report, computed from evaluation results: pure data, no files, no I/O.

``report_figures`` returns one plain mapping (the content of ``report.json``); every renderer
(DOCX, XLSX, Markdown) and the sentences of ``ntm.reports.text`` read only from it, so the four
outputs cannot disagree.

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
from typing import Any

import numpy as np

from ntm.domain.evaluation import MET, UNKNOWN, Evaluation
from ntm.domain.rollup import Rollup, rollup, round_half_up, vi_sort_key
from ntm.domain.units import Unit
from ntm.io.funding import FundingFile
from ntm.io.targets import Target
from ntm.reports.funds import funding_figures


@dataclass(frozen=True)
class Scope:
    """What the report covers: a province (all its communes) or a district."""

    level: str  # "province" | "district"
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


def scope_rows(evaluation: Evaluation, scope: Scope) -> np.ndarray:
    if scope.level == "district":
        keep = [i for i, u in enumerate(evaluation.units) if u.district_code == scope.code]
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


def _districts(units: Sequence[Unit], rows: np.ndarray) -> list[tuple[str, str, list[int]]]:
    """(code, name, rows) per district in code order; empty when units have no district."""
    groups: dict[str, tuple[str, list[int]]] = {}
    for r in rows.tolist():
        u = units[r]
        if u.district_code:
            groups.setdefault(u.district_code, (u.district_name or u.district_code, []))[1].append(
                r
            )
    return [(code, name, rs) for code, (name, rs) in sorted(groups.items())]


def _unit_entry(ev: Evaluation, r: int) -> dict[str, Any]:
    u = ev.units[r]
    return {
        "commune_code": u.code,
        "commune_name": u.name,
        "district_code": u.district_code,
        "district_name": u.district_name,
        "criteria_met": int(ev.criteria_met[r]),
    }


def _pick_targets(
    targets: list[Target], scope: Scope, year: int
) -> dict[tuple[str, int | None], Target]:
    """Per (measure, criterion): the target of the report's year, else the nearest later one,
    else the latest earlier one."""
    best: dict[tuple[str, int | None], Target] = {}
    for t in targets:
        if t.scope_code != scope.code:
            continue
        key = (t.measure, t.criterion)
        cur = best.get(key)
        rank = (0, t.year - year) if t.year >= year else (1, year - t.year)
        if cur is None or rank < (
            (0, cur.year - year) if cur.year >= year else (1, year - cur.year)
        ):
            best[key] = t
    return best


def report_figures(data: ReportData) -> dict[str, Any]:
    ev, scope = data.evaluation, data.scope
    cset = ev.cset
    rows = scope_rows(ev, scope)
    roll = rollup(ev, rows)
    numbers = cset.criterion_numbers
    n_criteria = len(numbers)
    total = roll.units_total
    picked = _pick_targets(data.targets, scope, ev.year)
    districts = _districts(ev.units, rows) if scope.level == "province" else []

    fig: dict[str, Any] = {
        "source": "ntm report: " + ", ".join(data.sources) if data.sources else "ntm report",
        "level": scope.level,
        "scope_code": scope.code,
        "scope_name": scope.name,
        "province_code": scope.province_code,
        "province_name": scope.province_name,
        "criteria_set": cset.code,
        "criteria_set_title": cset.title,
        "criteria_count": n_criteria,
        "year": ev.year,
        "communes_total": total,
        "recognised": roll.recognised,
        "bands": roll.bands,
        "band_names": {b.label: b.name or b.label for b in cset.effective_bands()},
        "avg_criteria": round_half_up(roll.avg_criteria, 1),
        "under5": int((ev.criteria_met[rows] < 5).sum()),
        "criteria_met_by_all": roll.criteria_met_by_all,
        "unknown_statuses": int((ev.criterion_status[rows] == UNKNOWN).sum()),
    }
    _baseline(fig, data, roll)

    # Per criterion: count, share, target, and who lags.
    district_rolls = [(code, name, rollup(ev, np.array(rs))) for code, name, rs in districts]
    criteria: dict[str, Any] = {}
    with_target = meeting = 0
    below: list[int] = []
    for number in numbers:
        crit = cset.criterion(number)
        met = roll.criteria_met[number]
        entry: dict[str, Any] = {"name": crit.name, "met": met, "total": total}
        target = picked.get(("communes_meeting_criterion", number))
        if target is not None:
            with_target += 1
            entry["target"] = int(target.value) if target.value.is_integer() else target.value
            entry["target_year"] = target.year
            entry["plan"] = target.plan
            exact = met * 100 / target.value if target.value else 100.0
            entry["pct_of_target"] = round2_even(exact)
            entry["pct_of_target_exact"] = exact
            entry["meets_target"] = met >= target.value
            if entry["meets_target"]:
                meeting += 1
            else:
                below.append(number)
        entry["lagging"] = _lagging(ev, roll, number, district_rolls, scope, rows)
        criteria[str(number)] = entry
    fig["criteria"] = criteria
    fig["criteria_with_target"] = with_target
    fig["criteria_meeting_target"] = meeting
    fig["criteria_below_target"] = below

    fig["has_districts"] = bool(districts)
    fig["districts"] = [
        {
            "district_code": code,
            "district_name": name,
            "communes": r.units_total,
            "recognised": r.recognised,
            "avg_criteria": round_half_up(r.avg_criteria, 1),
            "bands": r.bands,
            "criteria": {str(n): m for n, m in r.criteria_met.items()},
            "recognised_communes": r.names(r.recognised_rows, for_people=True),
        }
        for code, name, r in district_rolls
    ]
    fig["districts_without_recognised_commune"] = sorted(
        name for _, name, r in district_rolls if r.recognised == 0
    )
    # Offices say "dưới 10 tiêu chí" for 19 criteria; other sets carry their own line.
    fig["lagging_below"] = roll.under
    fig[f"communes_under_{roll.under}_criteria"] = roll.names(roll.under_rows)
    fig["communes_lagging_detail"] = [
        _unit_entry(ev, r)
        for r in sorted(
            roll.under_rows,
            key=lambda r: (ev.units[r].district_code or "", vi_sort_key(ev.units[r].name)),
        )
    ]
    fig["recognised_communes"] = roll.names(roll.recognised_rows)
    fig["communes"] = _communes(ev, rows)
    fig["recognised_by_district"] = _recognised_by_district(ev, roll, districts)
    fig["closest_to_standard"] = roll.as_dict()["closest_to_standard"]
    fig["targets"] = _targets(picked, fig, ev, rows)
    fig.update(funding_figures(data.funding, scope))
    fig["notes"] = list(data.notes) + (list(data.funding.notes) if data.funding else [])
    return fig


def _communes(ev: Evaluation, rows: np.ndarray) -> list[dict[str, Any]]:
    """Every commune of the scope with the criteria it meets (the matrix of Phụ lục 01)."""
    numbers = ev.cset.criterion_numbers
    order = sorted(rows.tolist(), key=lambda r: (ev.units[r].district_code or "", r))
    out = []
    for r in order:
        status = ev.criterion_status[r]
        entry = _unit_entry(ev, r)
        entry["recognised"] = bool(ev.all_met[r])
        entry["met_criteria"] = [numbers[c] for c in np.flatnonzero(status == MET)]
        entry["unknown_criteria"] = [numbers[c] for c in np.flatnonzero(status < 0)]
        out.append(entry)
    return out


def _baseline(fig: dict[str, Any], data: ReportData, roll: Rollup) -> None:
    base = data.baseline
    if base is None:
        fig["baseline_year"] = None
        return
    brows = scope_rows(base, data.scope)
    broll = rollup(base, brows)
    fig["baseline_year"] = base.year
    fig["baseline_criteria_set"] = base.cset.code
    fig["communes_total_baseline"] = broll.units_total
    fig["recognised_baseline"] = broll.recognised
    fig["recognised_change_vs_baseline"] = roll.recognised - broll.recognised
    fig["bands_baseline"] = broll.bands
    fig["avg_criteria_baseline"] = round_half_up(broll.avg_criteria, 1)
    fig["avg_change_vs_baseline"] = round_half_up(
        fig["avg_criteria"] - fig["avg_criteria_baseline"], 1
    )
    fig["under5_baseline"] = int((base.criteria_met[brows] < 5).sum())
    fig["under5_change_vs_baseline"] = fig["under5"] - fig["under5_baseline"]
    fig["criteria_baseline"] = {str(n): m for n, m in broll.criteria_met.items()}


def _lagging(
    ev: Evaluation,
    roll: Rollup,
    number: int,
    district_rolls: list[tuple[str, str, Rollup]],
    scope: Scope,
    rows: np.ndarray,
) -> list[dict[str, Any]]:
    """Districts below the scope's share (province); communes not meeting it (district)."""
    if not roll.units_total or roll.criteria_met[number] == roll.units_total:
        return []
    if scope.level == "district":
        col = ev.cset.criterion_numbers.index(number)
        out = [
            {"code": ev.units[r].code, "name": ev.units[r].name, "met": 0, "total": 1}
            for r in rows.tolist()
            if ev.criterion_status[r, col] != MET
        ]
        return sorted(out, key=lambda d: vi_sort_key(d["name"]))
    share = roll.criteria_met[number] / roll.units_total
    lag = [
        {"code": code, "name": name, "met": r.criteria_met[number], "total": r.units_total}
        for code, name, r in district_rolls
        if r.units_total and r.criteria_met[number] / r.units_total < share
    ]
    return sorted(
        lag, key=lambda d: (d["met"] / d["total"], vi_sort_key(short_district(d["name"])))
    )


def _recognised_by_district(
    ev: Evaluation, roll: Rollup, districts: list[tuple[str, str, list[int]]]
) -> list[dict[str, Any]]:
    recognised = set(roll.recognised_rows)
    if not districts:
        names = roll.names(roll.recognised_rows, for_people=True)
        return [{"district_code": None, "district_name": None, "communes": names}] if names else []
    out = []
    for code, name, rs in districts:
        names = sorted((ev.units[r].name for r in rs if r in recognised), key=vi_sort_key)
        if names:
            out.append({"district_code": code, "district_name": name, "communes": names})
    return out


def _targets(
    picked: dict[tuple[str, int | None], Target],
    fig: dict[str, Any],
    ev: Evaluation,
    rows: np.ndarray,
) -> list[dict[str, Any]]:
    """Every target with the actual figure, % of target and met / not met."""
    out = []
    for (measure, criterion), t in sorted(picked.items(), key=lambda kv: (kv[0][0], kv[0][1] or 0)):
        if measure == "communes_meeting_criterion":
            actual: float | None = fig["criteria"].get(str(criterion), {}).get("met")
        elif measure == "communes_recognised":
            actual = fig["recognised"]
        elif measure == "avg_criteria":
            actual = fig["avg_criteria"]
        elif measure == "max_communes_under":
            actual = int((ev.criteria_met[rows] < (criterion or 0)).sum())
        else:
            actual = None  # advanced / model recognition needs those sets' results
        entry: dict[str, Any] = {
            "measure": measure,
            "criterion": criterion,
            "plan": t.plan,
            "year": t.year,
            "value": int(t.value) if t.value.is_integer() else t.value,
            "actual": actual,
        }
        if actual is None:
            entry.update(pct_of_target=None, met=None)
        elif measure == "max_communes_under":
            entry.update(pct_of_target=None, met=actual <= t.value)
        else:
            entry.update(
                pct_of_target=round2_even(actual * 100 / t.value) if t.value else None,
                met=actual >= t.value,
            )
        out.append(entry)
    return out
