"""The administrative units before and after 1 July 2025, read from the vendored files.

Public API (``Regime = Literal["old", "new"]``; codes are GSO codes as zero-padded strings)::

    old_units() -> Units                      # 63 provinces, 691 districts, 10.051 communes
    new_units() -> Units                      # 34 provinces, no districts, 3.321 communes
    units(regime: Regime) -> Units
    find_province(text: str, regime: Regime = "old") -> Unit
        # by code ("62", "8") or name ("Kon Tum", "Tỉnh Kon Tum", "kon tum", "TP. Huế");
        # raises NoMatch / AmbiguousName (ntm.units.names), Vietnamese messages
    communes_of(province: str, regime: Regime = "old") -> list[Unit]
        # every commune-level unit of the province (xã, phường, thị trấn, đặc khu), GSO order;
        # filter on Unit.kind == "xã" for rural communes only
    districts_of(province: str) -> list[Unit]  # old regime only
    unit(code: str, regime: Regime = "old") -> Unit          # raises UnknownCode
    find_commune(name: str, province: str, district: str | None = None,
                 regime: Regime = "old") -> Unit             # tolerant name lookup
    search(text: str, regime: Regime | None = None, limit: int = 50) -> list[Unit]

Old units take their region from ``region_for_province`` (``NTM_REGION_MAP`` may replace the
default map). A new province, and each of its communes, has a region when all the old provinces
that went into it (by the lineage) share one; otherwise None (new Gia Lai = Gia Lai, TN +
Bình Định, DHNTB). ``group`` is left None: the 2026–2030 commune groups are set by each province.
Everything is loaded once per regime and region map, then cached.
"""

from __future__ import annotations

import csv
import os
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Literal

from ntm.domain.units import Unit
from ntm.units.names import AmbiguousName, NameIndex, NoMatch, name_keys, split_prefix
from ntm.units.regions import ALIASES, province_key, region_for_province

Regime = Literal["old", "new"]
REGIMES: tuple[Regime, ...] = ("old", "new")
REGIME_NAMES: dict[str, str] = {"old": "trước 01/7/2025", "new": "từ 01/7/2025"}

DATA = Path(__file__).parent / "data"
OLD_FILE = DATA / "gso-units-2025-01-04.csv"
NEW_FILE = DATA / "new-units-2025-07-01.csv"
LINEAGE_FILE = DATA / "lineage-2025.csv"

_CODE_WIDTH = {"province": 2, "district": 3, "commune": 5}


class UnknownCode(LookupError):
    """No unit has this code in the regime; ``str()`` is a Vietnamese message."""

    def __init__(self, code: str, regime: Regime) -> None:
        self.code = code
        self.regime = regime
        self.message = f"Không có đơn vị hành chính mã “{code}” ({REGIME_NAMES[regime]})."
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Units:
    """All units of one regime, in the order of their source lists."""

    regime: Regime
    provinces: tuple[Unit, ...]
    districts: tuple[Unit, ...]
    communes: tuple[Unit, ...]
    by_code: dict[tuple[str, str], Unit] = field(repr=False)  # (level, code) → unit
    children: dict[str, tuple[Unit, ...]] = field(repr=False)  # province/district code → communes

    @property
    def all(self) -> tuple[Unit, ...]:
        return self.provinces + self.districts + self.communes


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _kind(name: str, default: str) -> str:
    prefix, _ = split_prefix(name)
    return prefix or default


def _assemble(
    regime: Regime,
    provinces: list[Unit],
    districts: list[Unit],
    communes: list[Unit],
) -> Units:
    children: dict[str, list[Unit]] = defaultdict(list)
    for c in communes:
        children[c.province_code].append(c)
        if c.district_code:
            children[c.district_code].append(c)
    by_code: dict[tuple[str, str], Unit] = {
        (u.level, u.code): u for u in (*provinces, *districts, *communes)
    }
    frozen = {k: tuple(v) for k, v in children.items()}
    return Units(regime, tuple(provinces), tuple(districts), tuple(communes), by_code, frozen)


def _commune(
    row: dict[str, str], region: str | None, district: tuple[str, str] | None = None
) -> Unit:
    """A commune of a vendored list, in its province (and its district, before 1/7/2025)."""
    dcode, dname = district if district is not None else (None, None)
    return Unit(
        row["commune_code"],
        row["commune_name"],
        "commune",
        row["commune_type"],
        row["province_code"],
        row["province_name"],
        dcode,
        dname,
        region,
    )


@lru_cache(maxsize=4)
def _old(region_map: str | None) -> Units:
    provinces: dict[str, Unit] = {}
    districts: dict[str, Unit] = {}
    communes = []
    regions: dict[str, str | None] = {}
    for r in _read(OLD_FILE):
        pcode, pname = r["province_code"], r["province_name"]
        if pcode not in regions:
            regions[pcode] = region_for_province(pname)
        region = regions[pcode]
        if pcode not in provinces:
            provinces[pcode] = Unit(
                pcode, pname, "province", _kind(pname, "tỉnh"), pcode, pname, region=region
            )
        dcode, dname = r["district_code"], r["district_name"]
        if dcode not in districts:
            districts[dcode] = Unit(
                dcode, dname, "district", _kind(dname, "huyện"), pcode, pname, dcode, dname, region
            )
        communes.append(_commune(r, region, (dcode, dname)))
    return _assemble("old", list(provinces.values()), list(districts.values()), communes)


@cache
def lineage_rows() -> tuple[dict[str, str], ...]:
    """The rows of the vendored ``lineage-2025.csv`` (see ``ntm.units.build``)."""
    return tuple(_read(LINEAGE_FILE))


@lru_cache(maxsize=4)
def _new(region_map: str | None) -> Units:
    rows = _read(NEW_FILE)
    province_of_new = {r["commune_code"]: r["province_code"] for r in rows}
    old = _old(region_map)
    regions: dict[str, set[str | None]] = defaultdict(set)
    for link in lineage_rows():
        new_code = link["new_commune_code"]
        if new_code:
            old_unit = old.by_code[("commune", link["old_commune_code"])]
            regions[province_of_new[new_code]].add(old_unit.region)
    provinces: dict[str, Unit] = {}
    communes = []
    for r in rows:
        pcode, pname = r["province_code"], r["province_name"]
        found = regions.get(pcode, set())
        region = next(iter(found)) if len(found) == 1 else None
        if pcode not in provinces:
            provinces[pcode] = Unit(
                pcode, pname, "province", r["province_kind"], pcode, pname, region=region
            )
        communes.append(_commune(r, region))
    return _assemble("new", list(provinces.values()), [], communes)


def units(regime: Regime) -> Units:
    """All units of a regime (cached; the region map is read from ``NTM_REGION_MAP``)."""
    if regime not in REGIMES:
        raise ValueError(f"Chế độ đơn vị “{regime}” không hợp lệ: chọn old hoặc new.")
    region_map = os.environ.get("NTM_REGION_MAP")
    return _old(region_map) if regime == "old" else _new(region_map)


def old_units() -> Units:
    """Units of the GSO list of 04/01/2025 (before 1 July 2025)."""
    return units("old")


def new_units() -> Units:
    """Units from 1 July 2025: 34 provinces and their commune-level units, no districts."""
    return units("new")


def _as_code(text: str, level: str) -> str | None:
    """'62' / ' 8 ' / '0062'→ zero-padded code of the level's width; None when not digits."""
    text = text.strip()
    if not text.isdigit():
        return None
    return text.lstrip("0").rjust(_CODE_WIDTH[level], "0")


@lru_cache(maxsize=512)
def _name_index(regime: Regime, region_map: str | None, scope: str, level: str) -> NameIndex:
    """Names of the units of a level within a scope ('' = the whole country)."""
    return NameIndex(u.name for u in _scoped(units(regime), scope, level))


def _scoped(data: Units, scope: str, level: str) -> tuple[Unit, ...]:
    if level == "province":
        return data.provinces
    if level == "district":
        return tuple(d for d in data.districts if d.province_code == scope)
    return data.children.get(scope, ())


def _label(u: Unit) -> str:
    where = u.district_name if u.level == "commune" and u.district_name else u.province_name
    return f"{u.name} (mã {u.code}, {where})" if u.level != "province" else f"{u.name} ({u.code})"


def _by_name(regime: Regime, scope: str, level: str, name: str) -> Unit:
    index = _name_index(regime, os.environ.get("NTM_REGION_MAP"), scope, level)
    candidates = _scoped(units(regime), scope, level)
    try:
        return candidates[index.find(name).index]
    except AmbiguousName as e:
        # Same names in one scope exist (two "Xã Đông Khê" in Thành phố Thanh Hóa): say which.
        labels = [_label(candidates[i]) for i in e.indices]
        raise AmbiguousName(name, labels, e.indices) from None


def find_province(text: str, regime: Regime = "old") -> Unit:
    """A province by code or by name, tolerant of spelling (``ntm.units.names``)."""
    data = units(regime)
    code = _as_code(text, "province")
    if code is not None:
        if ("province", code) in data.by_code:
            return data.by_code[("province", code)]
        raise UnknownCode(text.strip(), regime)
    try:
        return _by_name(regime, "", "province", text)
    except NoMatch:
        alias = ALIASES.get(province_key(text))
        if alias is None:
            raise
        return _by_name(regime, "", "province", alias)


def districts_of(province: str) -> list[Unit]:
    """The districts of an old province (by code or name), in GSO order."""
    p = find_province(province, "old")
    return [d for d in old_units().districts if d.province_code == p.code]


def communes_of(province: str, regime: Regime = "old") -> list[Unit]:
    """Every commune-level unit of a province (by code or name): xã, phường, thị trấn, đặc khu."""
    p = find_province(province, regime)
    return list(units(regime).children.get(p.code, ()))


def unit(code: str, regime: Regime = "old") -> Unit:
    """The unit with this code: 2 digits a province, 3 a district, 5 a commune."""
    text = code.strip()
    level = {2: "province", 3: "district", 5: "commune"}.get(len(text))
    found = units(regime).by_code.get((level, text)) if level and text.isdigit() else None
    if found is None:
        raise UnknownCode(text, regime)
    return found


def find_commune(
    name: str, province: str, district: str | None = None, regime: Regime = "old"
) -> Unit:
    """A commune by name within a province (and, before 2025, optionally a district)."""
    p = find_province(province, regime)
    scope = p.code
    if district and regime == "old":
        code = _as_code(district, "district")
        if code is not None:
            scope = unit(code, "old").code
        else:
            scope = _by_name("old", p.code, "district", district).code
    try:
        return _by_name(regime, scope, "commune", name)
    except NoMatch as e:
        raise NoMatch(f"{name} ({p.name})", e.candidates) from None


@lru_cache(maxsize=4)
def _loose_keys(regime: Regime, region_map: str | None) -> tuple[tuple[Unit, str], ...]:
    return tuple((u, name_keys(u.name)[3]) for u in units(regime).all)


def search(text: str, regime: Regime | None = None, limit: int = 50) -> list[Unit]:
    """Units whose code is ``text`` or whose name contains it, closest first.

    Names compare without diacritics or type (``dak pek`` finds ``Xã Đắk Pék``); exact names
    come before names that only contain the text. ``regime`` None searches both.
    """
    wanted = name_keys(text)[3]
    code = text.strip()
    ranked: list[tuple[int, int, Unit]] = []
    for order, reg in enumerate(REGIMES if regime is None else (regime,)):
        for u, key in _loose_keys(reg, os.environ.get("NTM_REGION_MAP")):
            if u.code == code:
                rank = 0
            else:
                if key == wanted:
                    rank = 1
                elif wanted and wanted in key:
                    rank = 2
                else:
                    continue
            ranked.append((rank, order, u))
    ranked.sort(key=lambda t: (t[0], t[1]))
    return [u for _, _, u in ranked[:limit]]
