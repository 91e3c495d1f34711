"""Default map of pre-2025 provinces to the 7 regions (vùng) used by the 2016–2025 thresholds.

The GSO regional grouping, from shared/reference/criteria-facts.md. A deployment may replace it
with a YAML file named by ``NTM_REGION_MAP`` (region code → list of province names).
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import yaml

from ntm.domain.units import REGIONS

# Provinces of each region, several to a line as a table (``fmt: skip`` keeps it so).
DEFAULT_MAP: dict[str, list[str]] = {
    "TDMNPB": [
        "Hà Giang", "Cao Bằng", "Bắc Kạn", "Tuyên Quang", "Lào Cai", "Yên Bái", "Thái Nguyên",
        "Lạng Sơn", "Bắc Giang", "Phú Thọ", "Điện Biên", "Lai Châu", "Sơn La", "Hòa Bình",
    ],
    "ĐBSH": [
        "Hà Nội", "Vĩnh Phúc", "Bắc Ninh", "Quảng Ninh", "Hải Dương", "Hải Phòng", "Hưng Yên",
        "Thái Bình", "Hà Nam", "Nam Định", "Ninh Bình",
    ],
    "BTB": ["Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Quảng Bình", "Quảng Trị", "Thừa Thiên Huế"],
    "DHNTB": [
        "Đà Nẵng", "Quảng Nam", "Quảng Ngãi", "Bình Định", "Phú Yên", "Khánh Hòa", "Ninh Thuận",
        "Bình Thuận",
    ],
    "TN": ["Kon Tum", "Gia Lai", "Đắk Lắk", "Đắk Nông", "Lâm Đồng"],
    "ĐNB": ["Bình Phước", "Tây Ninh", "Bình Dương", "Đồng Nai", "Bà Rịa – Vũng Tàu", "Hồ Chí Minh"],
    "ĐBSCL": [
        "Long An", "Tiền Giang", "Bến Tre", "Trà Vinh", "Vĩnh Long", "Đồng Tháp", "An Giang",
        "Kiên Giang", "Cần Thơ", "Hậu Giang", "Sóc Trăng", "Bạc Liêu", "Cà Mau",
    ],
}  # fmt: skip

_PREFIXES = re.compile(r"^(tỉnh|thành phố|tp\.?|tp)\s+", re.IGNORECASE)


def province_key(name: str) -> str:
    """A name reduced for matching: no 'Tỉnh'/'Thành phố', no tone-placement or dash variants."""
    text = unicodedata.normalize("NFC", name).strip()
    text = _PREFIXES.sub("", text)
    text = text.replace("–", "-").replace("—", "-")
    text = re.sub(r"\s*-\s*", " ", text)
    text = unicodedata.normalize("NFD", text.lower())
    text = "".join(ch for ch in text if unicodedata.category(ch) != "Mn").replace("đ", "d")
    return re.sub(r"\s+", " ", text)


# Former names still written in maps and files: Thừa Thiên Huế became Thành phố Huế on 1/1/2025.
ALIASES: dict[str, str] = {"thua thien hue": "hue"}


def canonical_province_key(name: str) -> str:
    """``province_key`` with former names read as the current one ('Thừa Thiên Huế' → 'hue')."""
    key = province_key(name)
    return ALIASES.get(key, key)


@lru_cache(maxsize=4)
def _region_lookup(path: str | None) -> dict[str, str]:
    mapping = DEFAULT_MAP
    if path:
        mapping = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return {canonical_province_key(p): region for region, names in mapping.items() for p in names}


def region_for_province(name: str) -> str | None:
    """The region code of a pre-2025 province by name ('Tỉnh Kon Tum' → 'TN'), or None."""
    return _region_lookup(os.environ.get("NTM_REGION_MAP")).get(canonical_province_key(name))


_REGION_ALIASES = {province_key(v): k for k, v in REGIONS.items()} | {
    province_key(k): k for k in REGIONS
}


def region_code(text: str) -> str | None:
    """'ĐBSH', 'DBSH', 'Đồng bằng sông Hồng' → 'ĐBSH'; None when not a region."""
    return _REGION_ALIASES.get(province_key(text))
