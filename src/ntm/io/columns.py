"""The columns ntm recognises in offices' files, and the cell values they may hold.

Headers are matched after ``header_key`` (lower case, no tone marks): the English names of the
exchange formats (``commune_code``) and the Vietnamese ones people type (``Mã xã``) alike.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from ntm.io.tabular import cell_text, header_key

# The header texts of each column, several to a line as a table (``fmt: skip`` keeps it so).
ALIASES: dict[str, frozenset[str]] = {
    name: frozenset(header_key(a) for a in aliases)
    for name, aliases in {
        "code": [
            "commune_code", "unit_code", "code", "ma xa", "ma don vi", "ma dvhc", "ma",
            "ma xa phuong", "ma don vi hanh chinh",
        ],
        "name": [
            "commune_name", "unit_name", "name", "ten xa", "ten don vi", "ten dvhc", "xa",
            "ten xa phuong", "ten don vi hanh chinh",
        ],
        "district_code": ["district_code", "ma huyen"],
        "district_name": ["district_name", "huyen", "ten huyen", "quan huyen", "huyen thi xa"],
        "province_code": ["province_code", "ma tinh"],
        "province_name": ["province_name", "tinh", "ten tinh", "tinh thanh pho"],
        "kind": ["commune_type", "unit_type", "loai", "loai don vi", "kind"],
        "region": ["region", "vung", "vung mien"],
        "group": ["group", "nhom", "nhom xa"],
        "flags": ["flags", "dac diem", "dac diem xa"],
        "border": ["border", "bien gioi", "xa bien gioi"],
        "island": ["island", "dao", "xa dao"],
        "extremely_difficult": [
            "extremely_difficult", "dac biet kho khan", "xa dac biet kho khan", "dbkk",
        ],
        "safe_zone": ["safe_zone", "an toan khu", "xa an toan khu", "atk"],
        "year": ["year", "nam", "nam danh gia"],
        "indicator": ["indicator", "chi tieu", "ma chi tieu", "indicator_code"],
        "value": ["value", "gia tri", "so lieu", "ket qua"],
    }.items()
}  # fmt: skip

FLAG_COLUMNS = ("border", "island", "extremely_difficult", "safe_zone")
FLAG_WORDS: dict[str, str] = {
    header_key(word): flag
    for flag, words in {
        "border": ["border", "biên giới", "xã biên giới"],
        "island": ["island", "đảo", "xã đảo"],
        "extremely_difficult": [
            "extremely_difficult",
            "đặc biệt khó khăn",
            "xã đặc biệt khó khăn",
            "ĐBKK",
        ],
        "safe_zone": ["safe_zone", "an toàn khu", "xã an toàn khu", "ATK"],
    }.items()
    for word in words
}

CODE_WIDTH = {"commune": 5, "district": 3, "province": 2}

_TC = re.compile(r"^(?:tc|tieu chi|tieuchi|criterion)\s*(\d{1,2})$")
_INDICATOR = re.compile(r"^\d{1,2}(\.\d{1,2})+[a-z]?$")

YES_WORDS = {header_key(w) for w in ["1", "có", "co", "x", "đạt", "yes", "true", "c", "v", "✓"]}
NO_WORDS = {
    header_key(w)
    for w in ["0", "không", "khong", "không đạt", "chưa đạt", "no", "false", "k", "chưa"]
}


def criterion_number(key: str) -> int | None:
    """'tc 5', 'tieu chi 5' → 5."""
    match = _TC.match(key)
    return int(match.group(1)) if match else None


def looks_like_indicator(key: str) -> bool:
    return bool(_INDICATOR.match(key))


def known_column(key: str) -> str | None:
    for name, keys in ALIASES.items():
        if key in keys:
            return name
    return None


def header_score(key: str) -> int:
    """How strongly a header cell says 'this is the header row'."""
    if not key:
        return 0
    if known_column(key) or criterion_number(key) is not None or looks_like_indicator(key):
        return 1
    return 0


def is_code_header(key: str) -> bool:
    return key in ALIASES["code"]


def yes_no(value: Any) -> bool | None:
    """A yes/no cell: True, False, None for blank; ValueError when it is neither."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = cell_text(value)
    if text == "":
        return None
    key = _answer_key(text)
    if key in YES_WORDS:
        return True
    if key in NO_WORDS:
        return False
    raise ValueError(f"«{text}» không phải giá trị có/không (nhập Có hoặc Không, 1 hoặc 0)")


@lru_cache(maxsize=4096)  # a file repeats a few answers ('Có', 'Đạt', 'x') on every row
def _answer_key(text: str) -> str:
    return header_key(text)


def pad_code(value: Any, level: str) -> str:
    """A GSO code as a zero-padded string, even when Excel made it a number and ate the zeros."""
    try:
        return _pad_code_cached(value, level)
    except TypeError:  # an unhashable cell value: not cached
        return _pad_code(value, level)


# A long file repeats each commune's code once per indicator: the same few thousand codes are
# padded hundreds of thousands of times.
@lru_cache(maxsize=65536, typed=True)
def _pad_code_cached(value: Any, level: str) -> str:
    return _pad_code(value, level)


def _pad_code(value: Any, level: str) -> str:
    width = CODE_WIDTH[level]
    text = cell_text(value)
    if isinstance(value, float) and not value.is_integer():
        raise ValueError(f"mã «{text}» không phải là mã số")
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    if not text.isdigit():
        raise ValueError(f"mã «{text}» không hợp lệ: mã chỉ gồm chữ số")
    if len(text) > width:
        raise ValueError(f"mã «{text}» dài quá {width} chữ số")
    return text.zfill(width)


def unit_kind(name: str, level: str = "commune") -> str:
    """'Xã Đắk Cấm' → 'xã'; 'Phường X' → 'phường'; by the name's first words."""
    lowered = name.strip().lower()
    for kind in ("thị trấn", "phường", "đặc khu", "xã"):
        if lowered.startswith(kind + " "):
            return kind
    return "xã" if level == "commune" else level
