"""A synthetic national dataset, built in memory from a seeded generator.

Nothing here is a real threshold or a real commune: the set is invented to exercise every path of
the engine at national scale (≈10.600 communes × 57 indicators × 10 years ≈ 6 M values) — kinds,
comparisons, levels by region and by year, unknown levels, an overlap of rules, a flag that
borrows another region's levels, a criterion met by "at least n", an incomplete criterion.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ntm.domain.criteria import CriteriaSet, criteria_set_from_data
from ntm.domain.units import REGIONS, Unit

YEARS = tuple(range(2016, 2026))
REGION_CODES = tuple(REGIONS)
N_CRITERIA = 19
PER_CRITERION = 3

# (kind, compare) of the three indicators of each criterion, cycled over the criteria.
_SHAPES: list[tuple[str, str]] = [
    ("percent", ">="),
    ("yes_no", ">="),
    ("number", "<="),
    ("count", ">="),
    ("number", ">="),
    ("yes_no", "="),
    ("count", "="),
    ("percent", "<="),
]


@dataclass
class Dataset:
    cset: CriteriaSet
    units: list[Unit]
    years: tuple[int, ...]
    values: dict[int, np.ndarray]  # year → (n_units, n_indicators) float64, NaN = no value

    @property
    def n_values(self) -> int:
        return sum(v.size for v in self.values.values())


def _levels(rng: np.random.Generator, kind: str, compare: str) -> dict[str, Any]:
    """Thresholds in the file shape: per year span, per region, some unknown."""
    if kind == "yes_no":
        return {"all": True} if compare == ">=" else {"2016-2025": {r: True for r in REGION_CODES}}
    base = {"percent": 60.0, "number": 40.0, "count": 5.0}[kind]
    if compare == "=":
        # An exact count: the same for all regions, stated only from 2018 (earlier: unknown).
        return {"2018-2025": float(int(base))}
    first: dict[str, float | None] = {
        r: float(round(base * rng.uniform(0.8, 1.2))) for r in REGION_CODES
    }
    second = {r: float(round(base * rng.uniform(1.0, 1.4))) for r in REGION_CODES}
    if rng.random() < 0.3:  # a level the decision leaves to guidance: unknown
        first[REGION_CODES[int(rng.integers(len(REGION_CODES)))]] = None
    return {
        "2016-2020": first,
        "2021-2025": second,
        # An overlapping later rule for one year: it wins over 2021-2025 in 2023.
        "2023": {r: v + 1.0 for r, v in second.items()},
    }


def synthetic_set_data(seed: int = 2016, code: str = "bench-xa-quoc-gia") -> dict[str, Any]:
    """The 2016–2025 synthetic set in the file shape: 19 criteria × 3 indicators, by region."""
    rng = np.random.default_rng(seed)
    criteria = []
    shape = 0
    for number in range(1, N_CRITERIA + 1):
        indicators = []
        for k in range(1, PER_CRITERION + 1):
            kind, compare = _SHAPES[shape % len(_SHAPES)]
            shape += 1
            indicators.append(
                {
                    "code": f"{number}.{k}",
                    "name": f"Chỉ tiêu {number}.{k}",
                    "kind": kind,
                    "compare": compare,
                    "thresholds": _levels(rng, kind, compare),
                }
            )
        crit: dict[str, Any] = {
            "number": number,
            "name": f"Tiêu chí {number}",
            "indicators": indicators,
        }
        if number == 7:
            crit["rule"] = {"kind": "at_least", "n": 2}
        if number == 13:
            crit["indicators_complete"] = False
        criteria.append(crit)
    return {
        "code": code,
        "title": "Bộ tiêu chí tổng hợp để đo hiệu năng",
        "basis": "Dữ liệu tổng hợp (không phải văn bản thật)",
        "period": [YEARS[0], YEARS[-1]],
        "variants": {
            "by": "region",
            "values": list(REGION_CODES),
            "by_flag": {"extremely_difficult": "TDMNPB"},
        },
        "criteria": criteria,
    }


def synthetic_set(seed: int = 2016) -> CriteriaSet:
    return criteria_set_from_data(synthetic_set_data(seed))


# The 2026–2030 shape: 10 criteria, 47 indicators (criteria 1–7 hold 5, criteria 8–10 hold 4).
N_CRITERIA_2026 = 10
GROUPS_2026 = ("1", "2", "3")


def _group_levels(rng: np.random.Generator, kind: str, compare: str) -> Any:
    """Thresholds by commune group: a group closer to a town (1) has the highest level."""
    if kind == "yes_no":
        return {"all": True}
    base = {"percent": 60.0, "number": 40.0, "count": 5.0}[kind]
    if compare == "=":
        return {"all": float(int(base))}
    step = -0.1 if compare == ">=" else 0.1
    first = base * rng.uniform(1.0, 1.2)
    return {"all": {g: float(round(first * (1 + step * i))) for i, g in enumerate(GROUPS_2026)}}


def synthetic_set_2026_data(seed: int = 2026, code: str = "bench-xa-2026-2030") -> dict[str, Any]:
    """The 2026–2030 synthetic set in the file shape: 10 criteria, 47 indicators, by group."""
    rng = np.random.default_rng(seed)
    criteria = []
    shape = 0
    for number in range(1, N_CRITERIA_2026 + 1):
        indicators = []
        for k in range(1, (5 if number <= 7 else 4) + 1):
            kind, compare = _SHAPES[shape % len(_SHAPES)]
            shape += 1
            indicators.append(
                {
                    "code": f"{number}.{k}",
                    "name": f"Chỉ tiêu {number}.{k}",
                    "kind": kind,
                    "compare": compare,
                    "thresholds": _group_levels(rng, kind, compare),
                }
            )
        criteria.append({"number": number, "name": f"Tiêu chí {number}", "indicators": indicators})
    return {
        "code": code,
        "title": "Bộ tiêu chí tổng hợp 2026–2030 để đo hiệu năng",
        "basis": "Dữ liệu tổng hợp (không phải văn bản thật)",
        "period": [2026, 2030],
        "variants": {"by": "group", "values": list(GROUPS_2026)},
        "criteria": criteria,
    }


def synthetic_units(n_units: int, seed: int = 2016) -> list[Unit]:
    """Communes spread over 7 regions, ≈63 provinces, ≈15 communes per district."""
    rng = np.random.default_rng(seed + 1)
    regions = rng.integers(len(REGION_CODES), size=n_units)
    flags = rng.random(n_units) < 0.02
    per_district = 15
    units = []
    for i in range(n_units):
        district = i // per_district
        province = district // 11
        units.append(
            Unit(
                code=f"{i + 1:05d}",
                name=f"Xã {i + 1}",
                province_code=f"{province + 1:02d}",
                province_name=f"Tỉnh {province + 1}",
                district_code=f"{district + 1:03d}",
                district_name=f"Huyện {district + 1}",
                region=REGION_CODES[int(regions[i])],
                flags=frozenset({"extremely_difficult"}) if flags[i] else frozenset(),
            )
        )
    return units


def synthetic_values(
    cset: CriteriaSet, n_units: int, years: tuple[int, ...], seed: int = 2016
) -> dict[int, np.ndarray]:
    """Values around each indicator's usual level, most of them meeting it; ≈4% missing."""
    rng = np.random.default_rng(seed + 2)
    out = {}
    indicators = cset.indicators
    for year in years:
        matrix = np.empty((n_units, len(indicators)))
        for j, ind in enumerate(indicators):
            if ind.kind == "yes_no":
                column = (rng.random(n_units) < 0.93).astype(float)
            elif ind.kind == "count" and ind.compare == "=":
                column = np.where(rng.random(n_units) < 0.9, 5.0, rng.integers(0, 10, n_units))
            elif ind.kind == "count":
                column = rng.integers(4, 13, size=n_units).astype(float)
            else:
                base = 60.0 if ind.kind == "percent" else 40.0
                centre = base * (0.7 if ind.compare == "<=" else 1.45)
                column = np.round(rng.normal(centre, base * 0.25, size=n_units), 1)
            matrix[:, j] = column
        matrix[rng.random(matrix.shape) < 0.04] = np.nan
        out[year] = matrix
    return out


def build(n_units: int = 10_600, years: int = len(YEARS), seed: int = 2016) -> Dataset:
    span = YEARS[:years]
    cset = synthetic_set(seed)
    return Dataset(
        cset=cset,
        units=synthetic_units(n_units, seed),
        years=span,
        values=synthetic_values(cset, n_units, span, seed),
    )
