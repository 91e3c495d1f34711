"""The II.1 figures of seed 004 (Kon Tum, Báo cáo 75-BC/TU) as monitoring values of its communes.

The report gives province totals only; these rows spread each total over the 85 communes of the
fixture (whole numbers, the remainder on the first communes) so that the roll-up gives the
report's figure back. Rates are the same in every commune (a weighted mean of equal rates is that
rate, whatever the weights); households and population differ from commune to commune.
"""

from __future__ import annotations

import csv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMUNES = ROOT / "fixtures" / "kontum-2020" / "communes.csv"
PROVINCE = "62"

# indicator → total over the communes, entered in 2020 (works built 2016-2020)
SUMS = {
    "roads_concreted_km": 1000,
    "irrigation_works": 80,
    "canals_km": 30,
    "schools_built": 190,
    "village_halls": 340,
    "village_sports": 298,
    "commune_halls": 27,
    "houses_built": 1405,
    "houses_repaired": 503,
    "cooperatives": 115,
    "farms": 108,
    "villages": 756,
    "villages_sec_head": 250,
}
# indicator → {year: rate in every commune}
RATES = {
    "poverty_pct": {2015: 33.89, 2020: 14.35},
    "insurance_pct": {2020: 90.35},
    "clean_water_pct": {2020: 87.7},
    "latrines_pct": {2020: 57},
}
# province-level values of 2020
PROVINCE_VALUES = {"graduation_pct": 99.33, "large_fields": 7}

# What the report must state (acceptance of issue #12).
STATED = ["1.000 km", "190 trường", "1.405 căn", "90,35%", "87,7%", "33,89%", "14,35%"]


def commune_codes() -> list[str]:
    with COMMUNES.open(encoding="utf-8") as f:
        return [row["commune_code"] for row in csv.DictReader(f)]


def _spread(total: int, n: int) -> list[int]:
    base, rest = divmod(total, n)
    return [base + (1 if i < rest else 0) for i in range(n)]


def rows() -> list[tuple[str, int, str, float]]:
    """(unit_code, year, indicator, value), as the long form writes them."""
    codes = commune_codes()
    out: list[tuple[str, int, str, float]] = []
    for i, code in enumerate(codes):
        households = 1000 + 10 * i
        for year in (2015, 2020):
            out.append((code, year, "households", households))
            out.append((code, year, "population", 4 * households))
    for indicator, total in SUMS.items():
        out += [
            (c, 2020, indicator, v) for c, v in zip(codes, _spread(total, len(codes)), strict=True)
        ]
    for indicator, by_year in RATES.items():
        out += [(c, y, indicator, r) for y, r in by_year.items() for c in codes]
    out += [(PROVINCE, 2020, k, v) for k, v in PROVINCE_VALUES.items()]
    return out


def write_csv(path: Path) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["unit_code", "year", "indicator", "value"])
        writer.writerows(rows())
    return path
