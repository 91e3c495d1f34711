"""Roll-ups of monitoring indicators over communes and years, against hand computations."""

from __future__ import annotations

import pytest

from ntm.domain.monitoring import MonitoringValue, ValueTable, rollup, series
from ntm.monitoring import load_catalogue

CAT = load_catalogue("theo-doi-2016-2020")
COMMUNES = ["00001", "00002", "00003"]


def _table(rows: list[tuple[str, int, str, float]]) -> ValueTable:
    return ValueTable(MonitoringValue(*r) for r in rows)


def _rollup(table: ValueTable, code: str, years: tuple[int, int] = (2020, 2020)) -> float | None:
    return rollup(CAT, table, code, communes=COMMUNES, province_code="62", years=years).value


@pytest.mark.parametrize(
    ("rates", "households", "by_hand"),
    [
        # Σ rate·households / Σ households
        ((10.0, 20.0, 30.0), (100, 100, 100), 20.0),
        ((10.0, 20.0, 30.0), (100, 300, 600), (1000 + 6000 + 18000) / 1000),
        ((33.89, 14.35, 0.0), (1200, 800, 500), (33.89 * 1200 + 14.35 * 800) / 2500),
        ((5.0, 5.0, 5.0), (1, 2, 3), 5.0),
    ],
)
def test_the_poverty_rate_rolls_up_weighted_by_households(rates, households, by_hand) -> None:
    rows = [(c, 2020, "poverty_pct", r) for c, r in zip(COMMUNES, rates, strict=True)]
    rows += [(c, 2020, "households", h) for c, h in zip(COMMUNES, households, strict=True)]
    assert _rollup(_table(rows), "poverty_pct") == pytest.approx(by_hand)


@pytest.mark.parametrize(
    ("days", "by_hand"),
    [((52000, 0, 0), 52000), ((12000, 30000, 10000), 52000), ((1, 2, 3), 6), ((0, 0, 0), 0)],
)
def test_labour_days_roll_up_as_a_sum(days, by_hand) -> None:
    rows = [(c, 2020, "labour_days", d) for c, d in zip(COMMUNES, days, strict=True)]
    assert _rollup(_table(rows), "labour_days") == by_hand


def test_a_flow_adds_its_years_and_a_stock_keeps_the_latest() -> None:
    rows = [("00001", y, "labour_days", 100) for y in (2016, 2017, 2018)]
    rows += [("00001", y, "cooperatives", n) for y, n in ((2016, 2), (2018, 5))]
    table = _table(rows)
    assert _rollup(table, "labour_days", (2016, 2020)) == 300
    assert _rollup(table, "cooperatives", (2016, 2020)) == 5


def test_a_commune_without_its_weight_is_left_out_and_named() -> None:
    rows = [(c, 2020, "poverty_pct", 10.0) for c in COMMUNES]
    rows += [("00001", 2020, "households", 50), ("00002", 2020, "households", 150)]
    result = rollup(
        CAT, _table(rows), "poverty_pct", communes=COMMUNES, province_code="62", years=(2020, 2020)
    )
    assert (result.value, result.units_counted, result.missing) == (10.0, 2, ["00003"])


def test_a_ratio_divides_the_two_roll_ups() -> None:
    rows = [(c, 2020, "villages", n) for c, n in zip(COMMUNES, (300, 300, 156), strict=True)]
    rows += [
        (c, 2020, "villages_sec_head", n) for c, n in zip(COMMUNES, (100, 100, 50), strict=True)
    ]
    assert _rollup(_table(rows), "villages_sec_pct") == pytest.approx(250 * 100 / 756)


def test_a_province_level_value_is_read_at_the_province() -> None:
    table = _table([("62", 2020, "graduation_pct", 99.33), ("00001", 2020, "graduation_pct", 1)])
    assert _rollup(table, "graduation_pct") == 99.33


def test_nothing_entered_rolls_up_to_none() -> None:
    assert _rollup(_table([]), "roads_concreted_km") is None
    assert _rollup(_table([]), "poverty_pct") is None


def test_a_series_gives_each_year_alone() -> None:
    rows = [(c, y, "labour_days", 10 * (y - 2015)) for c in COMMUNES for y in (2016, 2017)]
    got = series(
        CAT,
        _table(rows),
        "labour_days",
        communes=COMMUNES,
        province_code="62",
        years=[2016, 2017, 2018],
    )
    assert [r.value for r in got] == [30, 60, None]
