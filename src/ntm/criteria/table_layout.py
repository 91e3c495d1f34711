"""The layout of a criteria-set Excel table, shared by the writer and the reader."""

from __future__ import annotations

import unicodedata

from ntm.domain.criteria import ALL_VARIANTS, CriteriaSet, Indicator

SHEET_INDICATORS = "Chỉ tiêu"
SHEET_CRITERIA = "Tiêu chí"
SHEET_HELP = "Hướng dẫn"

COL_CRITERION = "Số tiêu chí"
COL_CRITERION_NAME = "Tên tiêu chí"
COL_CODE = "Mã chỉ tiêu"
COL_NAME = "Tên chỉ tiêu"
COL_UNIT = "Đơn vị tính"
COL_KIND = "Loại"
COL_COMPARE = "So sánh"
COL_SOURCE = "Nguồn"
COL_NOTE = "Ghi chú"
FIXED_BEFORE = (
    COL_CRITERION,
    COL_CRITERION_NAME,
    COL_CODE,
    COL_NAME,
    COL_UNIT,
    COL_KIND,
    COL_COMPARE,
)
FIXED_AFTER = (COL_SOURCE, COL_NOTE)

COL_GROUP = "Nhóm"
COL_COUNT = "Số chỉ tiêu"
COL_COMPLETE = "Đã đủ chỉ tiêu"
CRITERIA_COLUMNS = (
    COL_CRITERION,
    COL_CRITERION_NAME,
    COL_GROUP,
    COL_COUNT,
    COL_COMPLETE,
    COL_SOURCE,
)

ALL_UNITS_HEADER = "Mọi đơn vị"  # the single threshold column of a set without variants

KIND_LABELS = {"yes_no": "có/không", "percent": "tỷ lệ %", "number": "số", "count": "số lượng"}
COMPARE_LABELS = {">=": "≥", "<=": "≤", "=": "="}

YES = {"có", "co", "đạt", "dat", "x", "1", "true", "yes", "c"}
NO = {"không", "khong", "không đạt", "khong dat", "0", "false", "no", "k"}


def norm(text: object) -> str:
    """Header or label text as compared: NFC, trimmed, lower case, single spaces."""
    return " ".join(unicodedata.normalize("NFC", str(text)).strip().lower().split())


KIND_BY_TEXT = {
    **{norm(v): k for k, v in KIND_LABELS.items()},
    **{k: k for k in KIND_LABELS},
    "có / không": "yes_no",
    "tỷ lệ": "percent",
    "%": "percent",
    "tỉ lệ %": "percent",
    "tỉ lệ": "percent",
}
COMPARE_BY_TEXT = {
    **{v: k for k, v in COMPARE_LABELS.items()},
    **{k: k for k in COMPARE_LABELS},
    "=>": ">=",
    "=<": "<=",
    "==": "=",
}


def variant_headers(cset: CriteriaSet) -> list[tuple[str, str]]:
    """(column header, variant code): the code for regions (TDMNPB), the name for groups."""
    variants = cset.variants
    if variants.by == "none" or not variants.values:
        return [(ALL_UNITS_HEADER, ALL_VARIANTS)]
    if variants.by == "group":
        return [(variants.names.get(v, v), v) for v in variants.values]
    return [(v, v) for v in variants.values]


def variant_by_header(cset: CriteriaSet) -> dict[str, str]:
    """Every header text a person may write for a variant (its code or its name) → code."""
    lookup = {norm(h): v for h, v in variant_headers(cset)}
    for code in cset.variants.values:
        lookup.setdefault(norm(code), code)
        if code in cset.variants.names:
            lookup.setdefault(norm(cset.variants.names[code]), code)
    return lookup


def threshold_cell(ind: Indicator, variant: str, year: int) -> float | int | str | None:
    """The cell for a threshold: blank when unknown, «có»/«không» for yes/no."""
    level = ind.threshold_for(variant, year)
    if level is None:
        return None
    if ind.kind == "yes_no":
        return "có" if level else "không"
    return int(level) if float(level).is_integer() else float(level)
