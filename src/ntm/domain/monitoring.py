"""Monitoring indicators (chỉ tiêu theo dõi): what the program tracks beyond the criteria.

Works built, rates, people's contributions… each entered for a commune or a province and each
rolled up in its own way (the DHIS2 "data element" idea). Pure data and arithmetic: no Django,
no files. The catalogue is read by ``ntm.monitoring``; values come from files or the database.

Roll-up over units, for the years ``first..last`` of a request:

- ``sum`` (a flow: km built, labour days): every value of every unit in those years, added;
- ``last`` (a stock: cooperatives, households): each unit's latest value in those years, added;
- ``weighted_mean`` (a rate: poverty %): each unit's latest value weighted by its latest value of
  the ``weight`` indicator (households, population), Σ v·w / Σ w;
- ``ratio``: ``numerator`` rolled up over ``denominator`` rolled up, times ``scale`` (100 for %);
  never entered, always computed.

A province-level indicator is entered once for the province; its roll-up is that value.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

Level = Literal["commune", "province"]
RollupKind = Literal["sum", "last", "weighted_mean", "ratio"]

GROUPS: dict[str, str] = {
    "ha_tang": "Hạ tầng",
    "san_xuat": "Sản xuất",
    "van_hoa_xa_hoi": "Văn hóa – xã hội",
    "moi_truong": "Môi trường",
    "he_thong_chinh_tri": "Hệ thống chính trị",
    "nguon_luc": "Nguồn lực",
}
ROLLUP_NAMES: dict[str, str] = {
    "sum": "cộng các đơn vị và các năm",
    "last": "giá trị mới nhất của mỗi đơn vị, cộng các đơn vị",
    "weighted_mean": "bình quân gia quyền",
    "ratio": "tỷ số của hai chỉ tiêu",
}


@dataclass(frozen=True)
class MonitoringIndicator:
    code: str
    name: str
    unit: str  # what a value counts, as a sentence writes it after the number: km, trường, %
    level: Level
    rollup: RollupKind
    group: str  # a key of GROUPS
    weight: str | None = None  # weighted_mean: the indicator weighting each unit's value
    numerator: str | None = None  # ratio
    denominator: str | None = None  # ratio
    scale: float = 1.0  # ratio: 100 for a percentage
    decimals: int | None = None  # decimals a report shows; None: as many as the value has
    description: str = ""

    @property
    def entered(self) -> bool:
        """A ratio is computed from two other indicators and never entered."""
        return self.rollup != "ratio"

    @property
    def is_flow(self) -> bool:
        return self.rollup == "sum"


@dataclass(frozen=True)
class MonitoringCatalogue:
    code: str
    title: str
    period: tuple[int, int]
    indicators: tuple[MonitoringIndicator, ...]
    sources: tuple[str, ...] = ()  # the files it was read from, base first

    def get(self, code: str) -> MonitoringIndicator | None:
        return next((i for i in self.indicators if i.code == code), None)

    def by_group(self) -> list[tuple[str, list[MonitoringIndicator]]]:
        """(group name, indicators) in the order of GROUPS, empty groups left out."""
        out = []
        for key, name in GROUPS.items():
            members = [i for i in self.indicators if i.group == key]
            if members:
                out.append((name, members))
        return out


@dataclass(frozen=True)
class MonitoringValue:
    unit_code: str
    year: int
    indicator: str
    value: float


@dataclass(frozen=True)
class RollupResult:
    """An indicator rolled up over units for ``years``; ``value`` None when nothing was entered.
    ``missing`` names the units that have no value (or no weight) and were left out."""

    indicator: str
    years: tuple[int, int]
    value: float | None
    units_counted: int
    missing: list[str] = field(default_factory=list)


class ValueTable:
    """Values indexed by unit, indicator and year: what a roll-up reads."""

    def __init__(self, values: Iterable[MonitoringValue]) -> None:
        self._by: dict[tuple[str, str], dict[int, float]] = {}
        for v in values:
            self._by.setdefault((v.unit_code, v.indicator), {})[v.year] = v.value

    def years_of(self, unit_code: str, indicator: str, years: tuple[int, int]) -> dict[int, float]:
        found = self._by.get((unit_code, indicator), {})
        return {y: v for y, v in found.items() if years[0] <= y <= years[1]}

    def latest(self, unit_code: str, indicator: str, years: tuple[int, int]) -> float | None:
        found = self.years_of(unit_code, indicator, years)
        return found[max(found)] if found else None

    def years(self) -> list[int]:
        return sorted({y for per_year in self._by.values() for y in per_year})


def unit_value(
    table: ValueTable, ind: MonitoringIndicator, unit_code: str, years: tuple[int, int]
) -> float | None:
    """One unit's figure for ``years``: the sum of a flow, else the latest value."""
    if ind.is_flow:
        found = table.years_of(unit_code, ind.code, years)
        return sum(found.values()) if found else None
    return table.latest(unit_code, ind.code, years)


def rollup(
    catalogue: MonitoringCatalogue,
    table: ValueTable,
    code: str,
    *,
    communes: Sequence[str],
    province_code: str,
    years: tuple[int, int],
) -> RollupResult:
    """``code`` rolled up over ``communes`` (or read at ``province_code`` for a province-level
    indicator) for the years ``years[0]..years[1]``."""
    ind = catalogue.get(code)
    if ind is None:
        raise KeyError(code)
    if ind.rollup == "ratio":
        return _ratio(catalogue, table, ind, communes, province_code, years)
    if ind.level == "province":
        value = unit_value(table, ind, province_code, years)
        return RollupResult(code, years, value, 0 if value is None else 1)
    if ind.rollup == "weighted_mean":
        return _weighted(catalogue, table, ind, communes, years)
    counted, missing = [], []
    for unit in communes:
        value = unit_value(table, ind, unit, years)
        (missing.append(unit) if value is None else counted.append(value))
    total = sum(counted) if counted else None
    return RollupResult(code, years, total, len(counted), missing)


def _weighted(
    catalogue: MonitoringCatalogue,
    table: ValueTable,
    ind: MonitoringIndicator,
    communes: Sequence[str],
    years: tuple[int, int],
) -> RollupResult:
    weight = catalogue.get(ind.weight or "")
    if weight is None:
        raise KeyError(ind.weight)
    numerator = denominator = 0.0
    counted, missing = 0, []
    for unit in communes:
        value = unit_value(table, ind, unit, years)
        w = unit_value(table, weight, unit, years)
        if value is None or w is None:
            missing.append(unit)
            continue
        numerator += value * w
        denominator += w
        counted += 1
    mean = numerator / denominator if denominator else None
    return RollupResult(ind.code, years, mean, counted, missing)


def _ratio(
    catalogue: MonitoringCatalogue,
    table: ValueTable,
    ind: MonitoringIndicator,
    communes: Sequence[str],
    province_code: str,
    years: tuple[int, int],
) -> RollupResult:
    parts = [
        rollup(catalogue, table, c, communes=communes, province_code=province_code, years=years)
        for c in (ind.numerator or "", ind.denominator or "")
    ]
    top, bottom = parts[0].value, parts[1].value
    value = top * ind.scale / bottom if top is not None and bottom else None
    missing = sorted(set(parts[0].missing) | set(parts[1].missing))
    return RollupResult(ind.code, years, value, min(p.units_counted for p in parts), missing)


def series(
    catalogue: MonitoringCatalogue,
    table: ValueTable,
    code: str,
    *,
    communes: Sequence[str],
    province_code: str,
    years: Sequence[int],
) -> list[RollupResult]:
    """The roll-up of each year alone: a time series."""
    return [
        rollup(catalogue, table, code, communes=communes, province_code=province_code, years=(y, y))
        for y in years
    ]
