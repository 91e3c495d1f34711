"""The shipped criteria sets hold every level the reference states, with its source, and nothing
else: each stated level is checked just inside and just outside, through the evaluation engine,
for every region or group it applies to."""

from __future__ import annotations

import numpy as np
import pytest

from ntm.criteria import available_sets, load_set
from ntm.domain.criteria import CriteriaSet
from ntm.domain.evaluation import MET, NOT_MET, UNKNOWN, evaluate
from ntm.domain.units import REGIONS, Unit

REGION_CODES = list(REGIONS)
REGION_UNITS = [Unit(code=f"0000{i}", name=f"Xã {r}", region=r) for i, r in enumerate(REGIONS)]

SHIPPED = [
    "xa-ntm-2016-2020",
    "xa-ntm-2021-2025",
    "xa-ntm-nang-cao-2021-2025",
    "xa-ntm-kieu-mau-2021-2025",
    "huyen-ntm-2021-2025",
    "xa-ntm-2026-2030",
]


def indicator_status(cset: CriteriaSet, code: str, units: list[Unit], year: int, value: float):
    """Status of one indicator for each unit, every unit given ``value`` for it."""
    values = np.full((len(units), len(cset.indicators)), np.nan)
    column = [i.code for i in cset.indicators].index(code)
    values[:, column] = value
    result = evaluate(cset, units, year, values=values)
    return [int(s) for s in result.indicator_status[:, column]]


@pytest.mark.parametrize("code", SHIPPED)
def test_each_shipped_set_loads_and_is_listed(code: str) -> None:
    cset = load_set(code)
    assert cset.code == code
    assert code in {s.code for s in available_sets()}


@pytest.mark.parametrize(
    ("code", "period", "level", "tier", "n_criteria"),
    [
        ("xa-ntm-2016-2020", (2016, 2020), "commune", "standard", 19),
        ("xa-ntm-2021-2025", (2021, 2025), "commune", "standard", 19),
        ("xa-ntm-nang-cao-2021-2025", (2021, 2025), "commune", "advanced", 1),
        ("xa-ntm-kieu-mau-2021-2025", (2021, 2025), "commune", "model", 4),
        ("huyen-ntm-2021-2025", (2021, 2025), "district", "standard", 5),
        ("xa-ntm-2026-2030", (2026, 2030), "commune", "standard", 10),
    ],
)
def test_each_set_has_its_period_level_tier_and_number_of_criteria(
    code: str, period: tuple[int, int], level: str, tier: str, n_criteria: int
) -> None:
    cset = load_set(code)
    assert (cset.period, cset.level, cset.tier) == (period, level, tier)
    assert cset.criterion_numbers == list(range(1, n_criteria + 1))


def test_the_2016_2020_set_has_the_19_criteria_in_groups_i_to_v_and_seven_regions() -> None:
    cset = load_set("xa-ntm-2016-2020")
    names = [c.name for c in cset.criteria]
    assert names[9] == "Thu nhập" and names[10] == "Hộ nghèo" and names[14] == "Y tế"
    assert names[17] == "Hệ thống chính trị và tiếp cận pháp luật"
    groups = [c.group.split(".")[0] for c in cset.criteria]
    assert groups == ["I"] + ["II"] * 8 + ["III"] * 4 + ["IV"] * 4 + ["V"] * 2
    assert cset.variants.by == "region" and cset.variants.values == REGION_CODES
    assert cset.variants.names == REGIONS
    assert [b.label for b in cset.effective_bands()] == ["19", "15-18", "10-14", "5-9", "<5"]


def test_the_2021_2025_set_names_its_19_criteria_and_sends_flagged_communes_to_tdmnpb() -> None:
    cset = load_set("xa-ntm-2021-2025")
    assert cset.criterion(3).name == "Thủy lợi và phòng, chống thiên tai"
    assert cset.criterion(11).name == "Nghèo đa chiều"
    assert cset.criterion(13).name == "Tổ chức sản xuất và phát triển kinh tế nông thôn"
    assert cset.variants.by_flag == {"extremely_difficult": "TDMNPB", "safe_zone": "TDMNPB"}


def test_the_2026_2030_set_has_ten_named_criteria_three_groups_and_no_indicators_yet() -> None:
    cset = load_set("xa-ntm-2026-2030")
    assert [c.name for c in cset.criteria] == [
        "Quy hoạch",
        "Hạ tầng kinh tế – xã hội",
        "Phát triển kinh tế nông thôn",
        "Đào tạo nguồn nhân lực nông thôn",
        "Văn hóa, giáo dục, y tế",
        "Giảm nghèo và an sinh xã hội",
        "Khoa học công nghệ và chuyển đổi số",
        "Môi trường và cảnh quan nông thôn",
        "Xây dựng hệ thống chính trị và hành chính công",
        "Tiếp cận pháp luật và an ninh, quốc phòng",
    ]
    assert cset.variants.by == "group" and cset.variants.values == ["1", "2", "3"]
    assert cset.variants.names == {"1": "Nhóm 1", "2": "Nhóm 2", "3": "Nhóm 3"}
    assert cset.indicators == [] and not any(c.indicators_complete for c in cset.criteria)
    assert "47" in cset.note and "ntm criteria import" in cset.note
    bands = [("10", 10, 10), ("8-9", 8, 9), ("5-7", 5, 7), ("<5", 0, 4)]
    assert [(b.label, b.min, b.max) for b in cset.effective_bands()] == bands
    units = [Unit(code=f"1000{g}", name=f"Xã nhóm {g}", group=g) for g in "123"]
    result = evaluate(cset, units, 2026)
    assert (result.criterion_status == UNKNOWN).all()


def test_the_tier_sets_require_the_set_below_them() -> None:
    assert load_set("xa-ntm-nang-cao-2021-2025").tier_rule.requires == ["xa-ntm-2021-2025"]
    assert load_set("xa-ntm-kieu-mau-2021-2025").tier_rule.requires == ["xa-ntm-nang-cao-2021-2025"]


def test_the_advanced_set_guesses_no_criterion_and_says_what_is_unknown() -> None:
    cset = load_set("xa-ntm-nang-cao-2021-2025")
    assert [c.indicators_complete for c in cset.criteria] == [False]
    assert cset.indicators == []
    assert "Phụ lục II" in cset.criteria[0].name and "thu nhập" in cset.note
    result = evaluate(cset, REGION_UNITS, 2023)
    assert (result.eligibility == UNKNOWN).all()


# --- every stated level, just inside and just outside --------------------------------------

# (set, indicator, year, {variant: level}, source fragments)
# One row per stated level, laid out as a table (``fmt: skip`` keeps it so).
STATED = [
    ("xa-ntm-2016-2020", "10.1", 2020,
     {"TDMNPB": 36, "ĐBSH": 50, "BTB": 36, "DHNTB": 41, "TN": 41, "ĐNB": 59, "ĐBSCL": 50},
     ["1980/QĐ-TTg", "tiêu chí 10", "en.vietnamplus.vn"]),
    ("xa-ntm-2016-2020", "15.1", 2016, dict.fromkeys(REGIONS, 85),
     ["1980/QĐ-TTg", "tiêu chí 15", "thuvienphapluat.vn"]),
    ("xa-ntm-2016-2020", "15.1", 2020, dict.fromkeys(REGIONS, 85),
     ["1980/QĐ-TTg", "tiêu chí 15", "thuvienphapluat.vn"]),
    ("xa-ntm-2021-2025", "15.1", 2021,
     {"TDMNPB": 24, "ĐBSH": 16.5, "BTB": 25, "DHNTB": 22, "TN": 26.5, "ĐNB": 14.5, "ĐBSCL": 19},
     ["318/QĐ-TTg", "Phụ lục I", "tiêu chí 15", "Quyet-dinh-318-QD-TTg"]),
    ("xa-ntm-2021-2025", "15.1", 2025,
     {"TDMNPB": 24, "ĐBSH": 16.5, "BTB": 25, "DHNTB": 22, "TN": 26.5, "ĐNB": 14.5, "ĐBSCL": 19},
     ["318/QĐ-TTg", "Phụ lục I", "tiêu chí 15"]),
    ("xa-ntm-2021-2025", "15.2", 2023, {"TDMNPB": 50, "ĐBSH": 70},
     ["318/QĐ-TTg", "tiêu chí 15"]),
]  # fmt: skip

CASES = [
    pytest.param(code, ind, year, variant, level, sources, id=f"{code}-{ind}-{year}-{variant}")
    for code, ind, year, levels, sources in STATED
    for variant, level in levels.items()
]


@pytest.mark.parametrize(("code", "ind", "year", "variant", "level", "sources"), CASES)
def test_a_stated_regional_level_is_met_at_and_inside_it_and_not_met_outside(
    code: str, ind: str, year: int, variant: str, level: float, sources: list[str]
) -> None:
    cset = load_set(code)
    indicator = cset.indicator(ind)
    assert indicator.threshold_for(variant, year) == level
    rule = indicator.rule_for(year)
    for fragment in sources:
        assert fragment in rule.source
    unit = [u for u in REGION_UNITS if u.region == variant]
    step = 0.5 if indicator.compare == ">=" else -0.5
    assert indicator_status(cset, ind, unit, year, level) == [MET]
    if indicator.kind != "percent" or 0 <= level + step <= 100:
        assert indicator_status(cset, ind, unit, year, level + step) == [MET]
    assert indicator_status(cset, ind, unit, year, level - step) == [NOT_MET]


def test_income_2020_in_tay_nguyen_is_met_at_41_5_and_not_at_40_5() -> None:
    cset = load_set("xa-ntm-2016-2020")
    tn = [u for u in REGION_UNITS if u.region == "TN"]
    assert indicator_status(cset, "10.1", tn, 2020, 41.5) == [MET]
    assert indicator_status(cset, "10.1", tn, 2020, 40.5) == [NOT_MET]
    assert cset.indicator("10.1").rule_for(2020).general == 45


@pytest.mark.parametrize("year", [2016, 2017, 2018, 2019])
def test_income_before_2020_is_unknown_even_with_a_value(year: int) -> None:
    cset = load_set("xa-ntm-2016-2020")
    assert indicator_status(cset, "10.1", REGION_UNITS, year, 100) == [UNKNOWN] * 7


def test_poverty_2016_2020_keeps_the_general_6_percent_but_no_region_has_a_level() -> None:
    cset = load_set("xa-ntm-2016-2020")
    indicator = cset.indicator("11.1")
    assert indicator.compare == "<="
    assert indicator.rule_for(2018).general == 6
    assert "tiêu chí 11" in indicator.rule_for(2018).source
    assert indicator_status(cset, "11.1", REGION_UNITS, 2018, 2.0) == [UNKNOWN] * 7


def test_a_commune_meeting_national_health_criteria_is_a_yes_no_with_threshold_true() -> None:
    cset = load_set("xa-ntm-2016-2020")
    indicator = cset.indicator("15.2")
    assert indicator.kind == "yes_no" and indicator.threshold_for("BTB", 2019) is True
    assert "1980/QĐ-TTg" in indicator.rule_for(2019).source
    assert indicator_status(cset, "15.2", REGION_UNITS, 2019, 1.0) == [MET] * 7
    assert indicator_status(cset, "15.2", REGION_UNITS, 2019, 0.0) == [NOT_MET] * 7


def test_an_extremely_difficult_commune_uses_the_tdmnpb_levels_in_2021_2025() -> None:
    cset = load_set("xa-ntm-2021-2025")
    plain = Unit(code="20001", name="Xã đồng bằng", region="ĐBSH")
    hard = Unit(
        code="20002", name="Xã ĐBKK", region="ĐBSH", flags=frozenset({"extremely_difficult"})
    )
    safe = Unit(code="20003", name="Xã ATK", region="ĐNB", flags=frozenset({"safe_zone"}))
    # Stunting 20 %: above ĐBSH's 16,5 and ĐNB's 14,5, within TDMNPB's 24.
    assert indicator_status(cset, "15.1", [plain, hard, safe], 2022, 20) == [NOT_MET, MET, MET]
    assert indicator_status(cset, "15.1", [hard], 2022, 24.5) == [NOT_MET]
    # Electronic health records 60 %: short of ĐBSH's 70, enough for TDMNPB's 50.
    assert indicator_status(cset, "15.2", [plain, hard], 2024, 60) == [NOT_MET, MET]


@pytest.mark.parametrize(
    ("code", "ind", "year"),
    [
        ("xa-ntm-2016-2020", "2.1", 2020),
        ("xa-ntm-2016-2020", "15.3", 2020),
        ("xa-ntm-2016-2020", "17.2", 2018),
        ("xa-ntm-2021-2025", "10.1", 2025),
        ("xa-ntm-2021-2025", "11.1", 2022),
        ("xa-ntm-2021-2025", "12.2", 2022),
    ],
)
def test_an_indicator_with_an_unknown_level_evaluates_unknown_even_with_a_value(
    code: str, ind: str, year: int
) -> None:
    cset = load_set(code)
    assert indicator_status(cset, ind, REGION_UNITS, year, 50) == [UNKNOWN] * 7


def test_electronic_health_records_are_unknown_outside_the_two_stated_regions() -> None:
    cset = load_set("xa-ntm-2021-2025")
    statuses = indicator_status(cset, "15.2", REGION_UNITS, 2023, 99)
    assert statuses == [MET, MET, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN]


def test_partial_criteria_are_marked_incomplete_and_never_met_from_known_indicators() -> None:
    cset = load_set("xa-ntm-2016-2020")
    assert not cset.criterion(15).indicators_complete
    assert not cset.criterion(10).indicators_complete
    assert not cset.criterion(11).indicators_complete
    values = np.full((1, len(cset.indicators)), np.nan)
    codes = [i.code for i in cset.indicators]
    values[0, codes.index("15.1")] = 95
    values[0, codes.index("15.2")] = 1
    result = evaluate(cset, REGION_UNITS[:1], 2020, values=values)
    assert int(result.criterion_status[0, cset.criterion_numbers.index(15)]) == UNKNOWN
    values[0, codes.index("15.1")] = 80
    result = evaluate(cset, REGION_UNITS[:1], 2020, values=values)
    assert int(result.criterion_status[0, cset.criterion_numbers.index(15)]) == NOT_MET


# --- the model commune and the district ---------------------------------------------------

ALL = Unit(code="30001", name="Đơn vị")


@pytest.mark.parametrize("ind", ["1.1", "2.1", "3.1", "4.1"])
def test_each_model_commune_condition_is_a_yes_no_required_true(ind: str) -> None:
    cset = load_set("xa-ntm-kieu-mau-2021-2025")
    indicator = cset.indicator(ind)
    assert indicator.kind == "yes_no" and indicator.threshold_for("*", 2023) is True
    assert "319/QĐ-TTg" in indicator.rule_for(2023).source
    assert indicator_status(cset, ind, [ALL], 2023, 1.0) == [MET]
    assert indicator_status(cset, ind, [ALL], 2023, 0.0) == [NOT_MET]


def test_a_model_commune_meeting_all_four_conditions_meets_every_criterion() -> None:
    cset = load_set("xa-ntm-kieu-mau-2021-2025")
    result = evaluate(cset, [ALL], 2024, values=np.ones((1, 4)))
    assert result.criteria_met.tolist() == [4]
    # The advanced set is required and not given: eligibility stays unknown, never met.
    assert result.eligibility.tolist() == [UNKNOWN]


@pytest.mark.parametrize(
    ("ind", "level"),
    [("1.1", 100), ("2.1", 10), ("3.1", 100), ("4.1", 90), ("4.2", 80)],
)
def test_each_district_percentage_is_met_at_its_level_and_not_below(ind: str, level: float) -> None:
    cset = load_set("huyen-ntm-2021-2025")
    assert cset.indicator(ind).threshold_for("*", 2022) == level
    assert "320/QĐ-TTg" in cset.indicator(ind).rule_for(2022).source
    assert indicator_status(cset, ind, [ALL], 2022, level) == [MET]
    assert indicator_status(cset, ind, [ALL], 2022, level - 0.5) == [NOT_MET]
    if level < 100:
        assert indicator_status(cset, ind, [ALL], 2022, level + 0.5) == [MET]


def test_the_district_meets_the_nine_criterion_set_as_a_yes_no() -> None:
    cset = load_set("huyen-ntm-2021-2025")
    assert cset.indicator("5.1").threshold_for("*", 2025) is True
    assert indicator_status(cset, "5.1", [ALL], 2025, 1.0) == [MET]
    assert indicator_status(cset, "5.1", [ALL], 2025, 0.0) == [NOT_MET]


def test_every_known_level_in_the_shipped_sets_has_a_source() -> None:
    for cset in (load_set(code) for code in SHIPPED):
        for ind in cset.indicators:
            for rule in ind.thresholds:
                if any(v is not None for v in rule.values.values()) or rule.general is not None:
                    assert rule.source, f"{cset.code} {ind.code} {rule.years}"
