"""Issue #15.2: the forecast recovers a known pace; the province's count against a target."""

from __future__ import annotations

import random

import pytest

from ntm.domain.forecast import (
    CommuneHistory,
    backtest,
    forecast_all,
    forecast_commune,
    province_by_year,
    target_verdict,
)

NUMBERS = list(range(1, 20))


def _history(code: str, start: int, pace: float, first: int, last: int, rng: random.Random):
    """Criteria met each year: ``start`` in ``first``, then ``pace`` a year (easiest first,
    criterion 1 before 2 …), with one year in five a criterion lost or gained for that year."""
    years, met = [], []
    for year in range(first, last + 1):
        exact = start + pace * (year - first)
        count = min(
            19,
            max(0, int(exact) + (rng.choice((-1, 0, 0, 0, 0, 0, 0, 0, 0, 1)) if exact < 19 else 0)),
        )
        years.append(year)
        met.append(frozenset(range(1, count + 1)))
    return CommuneHistory(code, f"Xã {code}", tuple(years), tuple(met))


def _province(n: int, seed: int) -> list[CommuneHistory]:
    rng = random.Random(seed)
    return [
        _history(f"{i:05d}", rng.randint(3, 12), rng.uniform(0.8, 2.5), 2016, 2030, rng)
        for i in range(n)
    ]


def test_the_backtest_recovers_the_year_of_the_standard_within_one_year_for_nine_in_ten():
    histories = _province(300, seed=15)
    # the last eight years hidden: seven years seen (2016-2022), the standard reached later
    result = backtest(histories, NUMBERS, hidden=8)
    assert result.compared >= 150
    assert result.share_within_one >= 0.9, result


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_backtest_holds_on_other_generated_provinces(seed: int):
    result = backtest(_province(200, seed=seed), NUMBERS, hidden=8)
    assert result.share_within_one >= 0.9, result


def test_a_steady_commune_gets_the_year_its_pace_gives():
    met = [frozenset(range(1, 1 + c)) for c in (10, 12, 14)]
    forecast = forecast_commune(
        CommuneHistory("1", "Xã A", (2021, 2022, 2023), tuple(met)), NUMBERS
    )
    assert forecast.pace == pytest.approx(2.0)
    assert forecast.standard_year == 2026  # 5 criteria left at 2 a year: 3 years
    assert forecast.uncertainty == "khá chắc chắn, sai số khoảng ±1 năm"
    years = dict(forecast.criterion_years)
    assert years[14] == 2023 and years[15] == 2024 and years[19] == 2026


def test_a_commune_that_does_not_move_gets_no_year_and_says_why():
    met = [frozenset(range(1, 9))] * 3
    forecast = forecast_commune(
        CommuneHistory("2", "Xã B", (2021, 2022, 2023), tuple(met)), NUMBERS
    )
    assert forecast.standard_year is None
    assert "không tăng" in forecast.uncertainty


def test_a_single_year_gives_no_pace():
    forecast = forecast_commune(
        CommuneHistory("3", "Xã C", (2023,), (frozenset(range(1, 15)),)), NUMBERS
    )
    assert forecast.pace is None and forecast.standard_year is None


def test_the_province_count_grows_each_year_and_the_target_is_judged_in_words():
    histories = [
        CommuneHistory(
            str(i),
            f"Xã {i}",
            (2022, 2023),
            (frozenset(range(1, 1 + a)), frozenset(range(1, 1 + b))),
        )
        for i, (a, b) in enumerate([(17, 19), (15, 17), (13, 15), (10, 11)])
    ]
    forecasts = forecast_all(histories, NUMBERS)
    by_year = {p.year: p.expected for p in province_by_year(forecasts, 2030)}
    assert by_year[2023] == 1 and by_year[2024] == 2 and by_year[2025] == 3 and by_year[2030] == 3
    assert forecasts[3].standard_year == 2031  # 8 criteria left at one a year
    assert target_verdict(forecasts, 2025, 3).sentence.startswith(
        "Theo tốc độ hiện nay, đạt mục tiêu năm 2025"
    )
    short = target_verdict(forecasts, 2024, 4)
    assert not short.reached
    assert short.sentence.startswith(
        "Theo tốc độ hiện nay, thiếu khoảng 2 xã so với mục tiêu năm 2024"
    )


def test_the_last_criterions_year_is_the_standards_year():
    seen = [CommuneHistory(h.code, h.name, h.years[:5], h.met[:5]) for h in _province(100, 7)]
    dated = 0
    for f in forecast_all(seen, NUMBERS):
        years = [y for _n, y in f.criterion_years]
        if f.standard_year is not None and f.met_now < len(NUMBERS):
            assert max(y for y in years if y is not None) == f.standard_year, f
            assert None not in years, f
            dated += 1
    assert dated >= 80
