"""Demonstration monitoring values and funds for Kon Tum (``ntm serve --demo``).

Funds: the fixture ``funding-2016-2020.csv`` (the province's report, Phụ lục 02). Monitoring: the
totals of section II.1 of the same report spread over the 85 communes (illustrative: the report
gives province totals only, so each commune's share is made up, the totals are the report's).
"""

from __future__ import annotations

from pathlib import Path

from ntm.domain.monitoring import MonitoringValue
from ntm.io.funding import read_funding
from ntm.web.assessments.models import Period
from ntm.web.audit.models import Channel
from ntm.web.monitoring.services import funding_inputs, funds_save, values_save
from ntm.web.units.models import Unit

# indicator → total of the province (works built 2016-2020, entered in 2020)
TOTALS = {
    "roads_concreted_km": 1000,
    "irrigation_works": 80,
    "canals_km": 30,
    "schools_built": 190,
    "village_halls": 340,
    "houses_built": 1405,
    "houses_repaired": 503,
    "cooperatives": 115,
    "farms": 108,
    "villages": 756,
    "villages_sec_head": 250,
}
RATES = {
    ("poverty_pct", 2015): 33.89,
    ("poverty_pct", 2020): 14.35,
    ("insurance_pct", 2020): 90.35,
    ("clean_water_pct", 2020): 87.7,
    ("latrines_pct", 2020): 57.0,
}
PROVINCE = {"graduation_pct": 99.33, "large_fields": 7}


def _spread(total: int, n: int) -> list[int]:
    base, rest = divmod(total, n)
    return [base + (1 if i < rest else 0) for i in range(n)]


def _values(period: Period, codes: list[str]) -> list[MonitoringValue]:
    out = [
        MonitoringValue(c, y, "households", 1000 + 10 * i)
        for i, c in enumerate(codes)
        for y in (2015, 2020)
    ]
    for code, total in TOTALS.items():
        out += [
            MonitoringValue(c, 2020, code, v)
            for c, v in zip(codes, _spread(total, len(codes)), strict=True)
        ]
    out += [MonitoringValue(c, y, code, r) for (code, y), r in RATES.items() for c in codes]
    out += [MonitoringValue(period.province_code, 2020, k, v) for k, v in PROVINCE.items()]
    return out


def kontum_monitoring_demo(period: Period, fixtures: Path) -> int:
    """Funds and monitoring values of Kon Tum; the number of values and fund lines stored."""
    communes = list(
        Unit.objects.filter(
            regime=period.regime, province_code=period.province_code, level="commune"
        ).order_by("code")
    )
    names = {u.code: u.name for u in communes} | {period.province_code: period.province_name}
    values = values_save(
        user=None,
        period=period,
        values=_values(period, list(names)[:-1]),
        names=names,
        channel=Channel.DEMO,
    )
    funding = read_funding(fixtures / "funding-2016-2020.csv")
    funds = funds_save(
        user=None, period=period, funds=funding_inputs(funding), names=names, channel=Channel.DEMO
    )
    return len(values) + len(funds)
