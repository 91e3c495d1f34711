"""Administrative units as the core sees them: plain values, no registry, no files."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

UnitLevel = Literal["province", "district", "commune"]

REGIONS: dict[str, str] = {
    "TDMNPB": "Trung du và miền núi phía Bắc",
    "ĐBSH": "Đồng bằng sông Hồng",
    "BTB": "Bắc Trung Bộ",
    "DHNTB": "Duyên hải Nam Trung Bộ",
    "TN": "Tây Nguyên",
    "ĐNB": "Đông Nam Bộ",
    "ĐBSCL": "Đồng bằng sông Cửu Long",
}

GROUPS: dict[str, str] = {"1": "Nhóm 1", "2": "Nhóm 2", "3": "Nhóm 3"}


@dataclass(frozen=True, slots=True)
class Unit:
    """One administrative unit. Codes are GSO codes as zero-padded strings."""

    code: str
    name: str
    level: UnitLevel = "commune"
    kind: str = "xã"  # xã, phường, thị trấn, đặc khu, huyện, tỉnh, thành phố …
    province_code: str = ""
    province_name: str = ""
    district_code: str | None = None  # None after 1/7/2025: no districts
    district_name: str | None = None
    region: str | None = None  # one of REGIONS, for 2016–2025 thresholds
    group: str | None = None  # "1", "2", "3", for 2026–2030 thresholds
    flags: frozenset[str] = field(default_factory=frozenset)

    def variant(self, dimension: str, by_flag: dict[str, str] | None = None) -> str | None:
        """The variant of a set's thresholds that applies to this unit.

        ``by_flag`` comes from the set: e.g. Decision 318/QĐ-TTg has extremely difficult
        communes use the TDMNPB levels, written in the set as
        ``by_flag: {extremely_difficult: TDMNPB}``.
        """
        for flag, variant in (by_flag or {}).items():
            if flag in self.flags:
                return variant
        if dimension == "region":
            return self.region
        if dimension == "group":
            return self.group
        return "*"
