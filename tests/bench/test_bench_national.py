"""The national dataset's synthetic sets and the loader's and import benchmark's figures
(the load itself is run by the benchmarks, not by the tests: it takes minutes)."""

from __future__ import annotations

import pytest

from ntm.bench import importing
from ntm.bench.dataset import synthetic_set_2026_data, synthetic_set_data, synthetic_values
from ntm.bench.national_data import LoadReport, _split, report_lines
from ntm.domain.criteria import criteria_set_from_data


@pytest.mark.parametrize(
    ("data", "code", "criteria", "indicators", "by"),
    [
        (synthetic_set_data(2016, code="bench-xa-2016-2025"), "bench-xa-2016-2025", 19, 57,
         "region"),
        (synthetic_set_2026_data(2016, code="bench-xa-2026-2030"), "bench-xa-2026-2030", 10, 47,
         "group"),
    ],
)  # fmt: skip
def test_each_synthetic_set_is_complete_and_named_as_a_benchmark_set(
    data: dict[str, object], code: str, criteria: int, indicators: int, by: str
) -> None:
    cset = criteria_set_from_data(data)
    assert (cset.code, len(cset.criteria), len(cset.indicators)) == (code, criteria, indicators)
    assert cset.code.startswith("bench-") and cset.variants.by == by
    values = synthetic_values(cset, 200, (cset.period[0],), seed=7)[cset.period[0]]
    assert values.shape == (200, indicators)


def test_the_2026_set_has_a_level_for_every_group_and_is_reproducible() -> None:
    data = synthetic_set_2026_data(2016)
    assert data == synthetic_set_2026_data(2016)
    levels = [i["thresholds"] for c in data["criteria"] for i in c["indicators"]]
    by_group = [t["all"] for t in levels if isinstance(t["all"], dict)]
    assert by_group and all(set(t) == {"1", "2", "3"} for t in by_group)


def test_the_database_url_names_the_server_and_the_database() -> None:
    assert _split("postgres://postgres@127.0.0.1:5432/ntm_national") == (
        "postgres://postgres@127.0.0.1:5432/postgres",
        "ntm_national",
    )


def test_the_loader_reports_its_rate_in_vietnamese() -> None:
    report = LoadReport(seed=2016, provinces=0, periods=664, assessments=79_876,
                        values=4_400_000, import_seconds=400.0, total_seconds=430.0)  # fmt: skip
    text = "\n".join(report_lines(report))
    assert "mọi tỉnh" in text and "79.876 lượt đánh giá xã" in text
    assert "11.000 giá trị/giây" in text


def test_the_import_target_is_ten_thousand_values_a_second() -> None:
    figures = {"periods": 11, "assessments": 4_687, "values": 255_183, "import_seconds": 20.0,
               "values_per_second": 12_759.15, "error": "", "national": None}  # fmt: skip
    (verdict,) = importing.targets(figures)
    assert verdict.passed and verdict.detail == "12.759 giá trị/giây"
    (verdict,) = importing.targets(figures | {"values_per_second": 3_000.0})
    assert not verdict.passed
    (verdict,) = importing.targets(figures | {"error": "không kết nối được"})
    assert not verdict.passed and verdict.detail == "không nạp được"
