"""Issue #15.1 acceptance: every standard figure the seeds state, and their checks.

The seeds are real provincial and district reports (/work/shared/seeds, copied beside the
tests); each expected figure below was read off the text by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ntm.reports.reading import ReportReading, read_report_text
from ntm.reports.reading.export import reading_json

SEEDS = Path(__file__).parent / "seeds"


def _read(name: str) -> ReportReading:
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return read_report_text(path.read_text(encoding="utf-8"))


def _failed(reading: ReportReading) -> list[str]:
    return [c.rule for c in reading.checks if not c.ok]


@pytest.fixture(scope="module")
def seed000() -> dict[str, object]:
    return reading_json(_read("000"))


@pytest.fixture(scope="module")
def seed002() -> dict[str, object]:
    return reading_json(_read("002"))


@pytest.fixture(scope="module")
def seed003() -> dict[str, object]:
    return reading_json(_read("003"))


@pytest.fixture(scope="module")
def seed004() -> dict[str, object]:
    return reading_json(_read("004"))


def test_seed_000_gives_its_district_bands_criteria_funds_and_target(seed000):
    assert seed000["communes_total"] == 9
    assert seed000["recognised"] == 2
    assert seed000["bands"] == {"19": 2, "15-18": 1, "10-14": 5, "5-9": 1}
    assert seed000["criteria"] == {"2": {"met": 3, "of": 9}, "4": {"met": 6, "of": 9}}
    assert seed000["funding_total"] == 351
    assert seed000["avg_criteria"] is None and seed000["ocop_by_stars"] is None
    assert seed000["targets"] == [
        {"level": "đạt chuẩn", "year": 2020, "count": 5, "of": 9, "percent": None}
    ]


def test_seed_000_bands_add_up_to_its_nine_communes():
    reading = _read("000")
    assert [(c.rule, c.ok) for c in reading.checks] == [("bands_add_up", True)]
    assert "1 xã đạt từ 15 – 18 tiêu chí" in reading.checks[0].sentence


def test_seed_002_gives_recognised_average_funds_ocop_and_targets(seed002):
    assert seed002["communes_total"] is None
    assert seed002["recognised"] == 19
    assert seed002["avg_criteria"] == 11.84
    assert seed002["avg_change"] == 3.86
    assert seed002["funding_total"] == 9722
    assert seed002["ocop_by_stars"] == {"3": 97, "4": 8}
    assert seed002["bands"] is None and seed002["criteria"] is None
    targets = {(t["level"], t["year"], t["count"]) for t in seed002["targets"]}
    assert targets == {
        ("đạt chuẩn", 2020, 23),
        ("nâng cao", 2020, 2),
        ("đạt chuẩn", 2025, 56),
        ("nâng cao", 2025, 17),
        ("kiểu mẫu", 2025, 6),
    }


def test_seed_002_ocop_stars_and_plan_percentage_agree():
    reading = _read("002")
    assert _failed(reading) == []
    assert {c.rule for c in reading.checks} == {"ocop_adds_up", "percentage_matches_counts"}
    assert reading.recognised_change is not None and reading.recognised_change.since == 2015


def test_seed_003_gives_its_188_communes_the_2011_average_and_2025_targets(seed003):
    assert seed003["communes_total"] == 188
    assert seed003["avg_criteria"] == 1.61
    assert seed003["recognised"] is None and seed003["funding_total"] is None
    targets = {(t["level"], t["year"], t["count"]) for t in seed003["targets"]}
    assert targets == {("đạt chuẩn", 2025, 83), ("nâng cao", 2025, 20)}


def test_seed_003_says_its_average_is_of_2011():
    reading = _read("003")
    assert reading.avg_criteria is not None and reading.avg_criteria.year == 2011
    assert reading.checks == ()


def test_seed_004_gives_total_recognised_bands_and_average(seed004):
    assert seed004["communes_total"] == 85
    assert seed004["recognised"] == 28
    assert seed004["bands"] == {"19": 28, "15-18": 9, "10-14": 46, "8-9": 2, "dưới 5": 0}
    assert seed004["avg_criteria"] == 14.8
    assert seed004["avg_change"] == 5.8


def test_seed_004_gives_every_criterion_count(seed004):
    met = {n: c["met"] for n, c in seed004["criteria"].items()}
    assert met == {
        "1": 85, "2": 57, "3": 85, "4": 85, "5": 50, "6": 73, "7": 85, "8": 82, "9": 45,
        "10": 29, "11": 32, "12": 85, "13": 59, "14": 60, "15": 76, "16": 79, "17": 54,
        "18": 55, "19": 82,
    }  # fmt: skip
    assert {c["of"] for c in seed004["criteria"].values()} == {85}


def test_seed_004_gives_funds_in_total_and_by_source(seed004):
    assert seed004["funding_total"] == 1847.561
    sources = {(s["billion_vnd"], s["within"] is not None) for s in seed004["funding_by_source"]}
    assert sources == {
        (1135.11, False),
        (920.7, True),
        (207.906, True),
        (6.504, True),
        (405.591, False),
        (167.801, False),
        (53.443, False),
        (85.616, False),
    }


def test_seed_004_gives_its_2025_targets(seed004):
    targets = {(t["level"], t["year"], t["count"], t["percent"]) for t in seed004["targets"]}
    assert targets == {
        ("đạt chuẩn", 2025, 60, None),
        ("nâng cao", 2025, None, 30.0),
        ("kiểu mẫu", 2025, None, 10.0),
    }


def test_seed_004_arithmetic_holds_where_it_agrees_with_itself():
    reading = _read("004")
    passed = [c.rule for c in reading.checks if c.ok]
    assert passed.count("bands_add_up") == 1
    assert passed.count("average_within_bands") == 1
    assert passed.count("funds_add_up") == 2  # the total, and the state budget's three parts
    assert passed.count("percentage_matches_counts") == 18


def test_seed_004_disagrees_with_itself_on_the_commune_and_a_district_total():
    reading = _read("004")
    failed = [c for c in reading.checks if not c.ok]
    assert [c.rule for c in failed] == ["communes_total_agrees", "district_total_agrees"]
    assert "44/86" in failed[0].detail and "44/86 xã có nhà văn hóa xã" in failed[0].sentence
    # criterion 2 gives Tu Mơ Rông 9 communes ("đạt 4/9 xã"), every later criterion 11
    assert failed[1].detail == "Tu Mơ Rông: 11 xã ở câu này, 9 xã ở câu trước"
    assert "Tu Mơ Rông (đạt 8/11 xã)" in failed[1].sentence


def test_every_figure_carries_the_sentence_it_came_from():
    reading = _read("004")
    assert reading.avg_criteria is not None
    assert reading.avg_criteria.sentence.startswith("Bình quân đạt 14,8 tiêu chí trên xã")
    assert reading.funding_total is not None
    assert "1.847,561 tỷ đồng" in reading.funding_total.sentence
    assert all("xã" in c.sentence for c in reading.criteria)
