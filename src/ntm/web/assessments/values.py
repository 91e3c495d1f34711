"""Reading what a person typed for an indicator, checked against the indicator's kind and unit."""

from __future__ import annotations

import math

from ntm.domain.criteria import Indicator
from ntm.io.numbers import parse_number

_YES = {"1", "có", "co", "x", "đạt", "dat", "yes", "true"}
_NO = {"0", "không", "khong", "chưa đạt", "chua dat", "no", "false"}


def parse_indicator_value(text: object, indicator: Indicator) -> float | None:
    """None for blank; ValueError with a Vietnamese message for anything out of range or unit."""
    if text is None or (isinstance(text, str) and not text.strip()):
        return None
    if indicator.kind == "yes_no":
        word = str(text).strip().lower()
        if word in _YES:
            return 1.0
        if word in _NO:
            return 0.0
        raise ValueError(f"«{text}»: chỉ tiêu này chỉ nhận Có (1) hoặc Không (0)")
    parsed = parse_number(text)
    if parsed is None:
        return None
    value = parsed.value
    if parsed.percent and indicator.kind != "percent":
        unit = indicator.unit or "số"
        raise ValueError(f"«{text}»: chỉ tiêu này tính bằng {unit}, không phải phần trăm")
    return check_range(value, indicator)


def yes_no_code(text: object) -> str:
    """What a yes/no answer is as a form choice: "1" (Có), "0" (Không), "" (blank or not one)."""
    word = "" if text is None else str(text).strip().lower()
    if word in _YES or word == "1.0":
        return "1"
    if word in _NO or word == "0.0":
        return "0"
    return ""


def check_range(value: float, indicator: Indicator) -> float:
    if not math.isfinite(value):
        raise ValueError("giá trị không hợp lệ")
    if indicator.kind == "yes_no" and value not in (0.0, 1.0):
        raise ValueError(f"{value:g}: chỉ tiêu này chỉ nhận Có (1) hoặc Không (0)")
    if indicator.kind == "percent" and not 0 <= value <= 100:
        raise ValueError(f"{value:g}%: tỷ lệ phải nằm trong khoảng 0–100%")
    if indicator.kind == "count" and (value < 0 or not float(value).is_integer()):
        raise ValueError(f"{value:g}: cần một số nguyên không âm")
    if indicator.kind == "number" and value < 0:
        raise ValueError(f"{value:g}: giá trị không được âm")
    return value


def value_text(value: float | None) -> str:
    """A stored value as the audit trail keeps it: plain, machine-readable."""
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else repr(float(value))
