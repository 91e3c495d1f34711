"""Cell values of data files: indicator values by kind, criterion statuses, decimal conventions."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from ntm.domain.criteria import Indicator
from ntm.domain.evaluation import MET, NOT_GIVEN, NOT_MET
from ntm.io.columns import yes_no
from ntm.io.numbers import Convention, ParsedNumber, parse_number
from ntm.io.tabular import cell_text

_COMMA_DECIMAL = re.compile(r"^[+-]?\d+,(\d{1,2}|\d{4,})%?$|^[+-]?\d{1,3}(\.\d{3})+,\d+%?$")
_DOT_DECIMAL = re.compile(r"^[+-]?\d+\.(\d{1,2}|\d{4,})%?$|^[+-]?\d{1,3}(,\d{3})+\.\d+%?$")

CONVENTION_NOTES = {
    "comma": "số thập phân viết bằng dấu phẩy (14,8), dấu chấm phân cách hàng nghìn (1.847,5)",
    "dot": "số thập phân viết bằng dấu chấm (14.8)",
}


def detect_convention(cells: Iterable[Any]) -> Convention:
    """The file's decimal separator, from the values that can only be read one way.

    ``14,8`` can only be a decimal comma, ``14.8`` only a decimal dot; ``1.234`` could be either
    and is read by the convention found here (``auto`` when the file shows none or both).
    """
    comma = dot = False
    for cell in cells:
        if not isinstance(cell, str):
            continue
        text = cell.replace(" ", "").replace("\u00a0", "")
        comma = comma or bool(_COMMA_DECIMAL.match(text))
        dot = dot or bool(_DOT_DECIMAL.match(text))
        if comma and dot:
            return "auto"
    if comma:
        return "comma"
    if dot:
        return "dot"
    return "auto"


def indicator_value(
    raw: Any, indicator: Indicator, convention: Convention
) -> tuple[float | None, str | None]:
    """The value of a cell for an indicator (yes/no as 1.0/0.0) and a note when ambiguous.

    None for a blank cell. ValueError with a Vietnamese message for a value the indicator
    cannot have.

    A spreadsheet cell with a percent number format (``PercentCell``: Excel shows 0.85 as 85%)
    is read as the percentage shown, exactly as if ``85%`` had been typed: 85 for a percent
    indicator, refused for an indicator not counted in percent. A number without that format is
    read as shown: 0.85 in a percent column is 0,85 %, not 85 % — small rates (poor households
    0,85 %) are real, so ntm does not guess.
    """
    if indicator.kind == "yes_no":
        answer = yes_no(raw)
        return (None if answer is None else float(answer)), None
    if getattr(raw, "percent_format", False):
        parsed: ParsedNumber | None = ParsedNumber(raw.percent, percent=True)
    else:
        parsed = parse_number(raw, convention)
    if parsed is None:
        return None, None
    value = parsed.value
    problem = _value_problem(value, parsed.percent, indicator)
    if problem is not None:  # the cell's text is made only for a message: most cells are fine
        raise ValueError(problem.format(text=cell_text(raw)))
    return value, parsed.assumed


def _value_problem(value: float, percent: bool, indicator: Indicator) -> str | None:
    """What is wrong with a value for an indicator, with ``{text}`` for the cell's text."""
    if not math.isfinite(value):  # a NaN or an infinity a program wrote into the cell
        return "«{text}» không phải là một số hữu hạn"
    if percent and indicator.kind != "percent":
        return f"«{{text}}»: chỉ tiêu {indicator.code} không tính bằng phần trăm"
    if indicator.kind == "percent" and not 0 <= value <= 100:
        return "tỷ lệ «{text}» nằm ngoài khoảng 0–100 %"
    if value < 0:
        return f"«{{text}}» là số âm; chỉ tiêu {indicator.code} không thể âm"
    if indicator.kind == "count" and not float(value).is_integer():
        return f"«{{text}}»: chỉ tiêu {indicator.code} là số đếm, phải là số nguyên"
    return None


def criterion_status(raw: Any) -> int:
    """A criterion cell: 1/0, Đạt/Không đạt/Chưa đạt, x; ``NOT_GIVEN`` when blank."""
    try:
        answer = yes_no(raw)
    except ValueError:
        raise ValueError(
            f"«{cell_text(raw)}» không phải trạng thái tiêu chí (nhập Đạt hoặc Không đạt, 1 hoặc 0)"
        ) from None
    if answer is None:
        return NOT_GIVEN
    return MET if answer else NOT_MET


def parse_year(raw: Any) -> int:
    try:
        return _parse_year_cached(raw)
    except TypeError:  # an unhashable cell value: not cached
        return _parse_year(raw)


@lru_cache(maxsize=1024, typed=True)  # a file holds a handful of years, each on every row
def _parse_year_cached(raw: Any) -> int:
    return _parse_year(raw)


def _parse_year(raw: Any) -> int:
    text = cell_text(raw)
    if not re.fullmatch(r"\d{4}", text) or not 1990 <= int(text) <= 2100:
        raise ValueError(f"năm «{text}» không hợp lệ (ví dụ đúng: 2020)")
    return int(text)
