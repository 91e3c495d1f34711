"""How cells are read: Vietnamese and dot decimals, percent signs, yes/no words, statuses."""

from __future__ import annotations

import pytest

from ntm.domain.criteria import Indicator
from ntm.domain.evaluation import MET, NOT_GIVEN, NOT_MET
from ntm.io.values import criterion_status, detect_convention, indicator_value

PERCENT = Indicator(code="1.1", name="Tỷ lệ", kind="percent")
NUMBER = Indicator(code="2.1", name="Thu nhập", kind="number")
COUNT = Indicator(code="3.1", name="Số trường", kind="count")
YES_NO = Indicator(code="4.1", name="Có", kind="yes_no", compare="=")


@pytest.mark.parametrize(
    ("text", "indicator", "convention", "value"),
    [
        ("14,8", NUMBER, "auto", 14.8),
        ("14.8", NUMBER, "auto", 14.8),
        ("1.847,5", NUMBER, "auto", 1847.5),
        ("1,847.5", NUMBER, "auto", 1847.5),
        ("1.847.561", NUMBER, "auto", 1847561.0),
        ("1.234", NUMBER, "comma", 1234.0),
        ("1.234", NUMBER, "dot", 1.234),
        ("1,234", NUMBER, "dot", 1234.0),
        (" 45 ", NUMBER, "auto", 45.0),
        (45.5, NUMBER, "auto", 45.5),
        ("85%", PERCENT, "auto", 85.0),
        ("85 %", PERCENT, "auto", 85.0),
        ("99,5%", PERCENT, "comma", 99.5),
        ("0", PERCENT, "auto", 0.0),
        ("100", PERCENT, "auto", 100.0),
        ("3", COUNT, "auto", 3.0),
        (3.0, COUNT, "auto", 3.0),
        ("Có", YES_NO, "auto", 1.0),
        ("không", YES_NO, "auto", 0.0),
        ("x", YES_NO, "auto", 1.0),
        ("Đạt", YES_NO, "auto", 1.0),
        ("1", YES_NO, "auto", 1.0),
        (0.0, YES_NO, "auto", 0.0),
        ("", NUMBER, "auto", None),
        (None, PERCENT, "auto", None),
        ("", YES_NO, "auto", None),
    ],
)
def test_it_reads_a_cell_as_people_type_it(text, indicator, convention, value) -> None:
    assert indicator_value(text, indicator, convention)[0] == value


@pytest.mark.parametrize(
    ("text", "indicator", "message"),
    [
        ("140 %", PERCENT, "tỷ lệ «140 %» nằm ngoài khoảng 0–100 %"),
        ("100,1", PERCENT, "nằm ngoài khoảng 0–100"),
        ("-1", NUMBER, "«-1» là số âm"),
        ("2,5", COUNT, "là số đếm, phải là số nguyên"),
        ("12%", NUMBER, "không tính bằng phần trăm"),
        ("mười", NUMBER, "«mười» không phải là số"),
        ("có thể", YES_NO, "«có thể» không phải giá trị có/không"),
    ],
)
def test_it_rejects_a_cell_the_indicator_cannot_hold(text, indicator, message) -> None:
    with pytest.raises(ValueError, match=message):
        indicator_value(text, indicator, "auto")


def test_it_says_which_reading_it_assumed_for_an_ambiguous_value() -> None:
    value, note = indicator_value("1.234", NUMBER, "auto")
    assert value == 1234.0
    assert note == "dấu chấm được hiểu là dấu phân cách hàng nghìn"


@pytest.mark.parametrize(
    ("cells", "convention"),
    [
        (["14,8", "1.234"], "comma"),
        (["14.8", "1,234"], "dot"),
        (["1.234", "15"], "auto"),
        (["14,8", "14.8"], "auto"),
        (["1.847,5"], "comma"),
        ([14.8, "x"], "auto"),
    ],
)
def test_it_finds_the_files_decimal_separator(cells, convention) -> None:
    assert detect_convention(cells) == convention


@pytest.mark.parametrize(
    ("text", "status"),
    [("1", MET), ("0", NOT_MET), ("Đạt", MET), ("Không đạt", NOT_MET), ("Chưa đạt", NOT_MET),
     ("x", MET), ("", NOT_GIVEN), (1.0, MET)],
)  # fmt: skip
def test_it_reads_criterion_statuses(text, status) -> None:
    assert criterion_status(text) == status
