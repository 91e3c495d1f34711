"""Build the vendored post-2025 units and the old → new lineage from the installed packages.

Run once when a package's data changes, and commit the output as data::

    .venv/bin/python -m ntm.units.build        # or: ntm units build-lineage

It writes, under ``src/ntm/units/data/``:

- ``new-units-2025-07-01.csv`` — the 34 provinces and 3.321 commune-level units of
  ``vietnam-provinces`` (GSO codes): province_code, province_name, province_kind, commune_code,
  commune_name, commune_type.
- ``lineage-2025.csv`` — one row per (old commune, new commune) pair: old_commune_code,
  new_commune_code, match, note. An old commune that could not be joined has one row with an
  empty new_commune_code, match ``none`` or ``ambiguous`` and the reason in ``note``.
- ``lineage-2025.json`` — provenance and the figures of the run: package versions, date,
  counts, and the rows of ``vietnam-address-converter`` that joined to no GSO commune.

``vietnam-address-converter`` maps old communes to new ones by name, under its own codes, which
are not GSO codes. Each of its rows is therefore joined by names — province, then district within
the province, then commune within the district (``ntm.units.names``) — to the GSO list of
04/01/2025 on the old side and to ``vietnam-provinces`` on the new side. When the district does not
match (a district renamed or re-typed), the commune is looked for in the whole province and
accepted only if unique there (match ``province``).

The runtime never imports these packages: it reads the vendored files only.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections import defaultdict
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from ntm.units.names import AmbiguousName, NameIndex, NoMatch

DATA = Path(__file__).parent / "data"
OLD_FILE = DATA / "gso-units-2025-01-04.csv"
NEW_FILE = DATA / "new-units-2025-07-01.csv"
LINEAGE_FILE = DATA / "lineage-2025.csv"
META_FILE = DATA / "lineage-2025.json"

NEW_COLUMNS = [
    "province_code",
    "province_name",
    "province_kind",
    "commune_code",
    "commune_name",
    "commune_type",
]
LINEAGE_COLUMNS = ["old_commune_code", "new_commune_code", "match", "note"]


def new_units_rows() -> list[dict[str, str]]:
    """The post-2025 units from ``vietnam-provinces``'s nested JSON, codes zero-padded."""
    import vietnam_provinces

    provinces = json.loads(vietnam_provinces.NESTED_DIVISIONS_JSON_PATH.read_text("utf-8"))
    rows = []
    for p in provinces:
        city = p["division_type"] == "thành phố trung ương"
        name = p["name"] if city or p["name"].startswith("Tỉnh ") else f"Tỉnh {p['name']}"
        for w in p["wards"]:
            rows.append(
                {
                    "province_code": f"{p['code']:02d}",
                    "province_name": name,
                    "province_kind": "thành phố" if city else "tỉnh",
                    "commune_code": f"{w['code']:05d}",
                    "commune_name": w["name"],
                    "commune_type": w["division_type"],
                }
            )
    return rows


@dataclass
class _Side:
    """One regime's names, indexed for joining: provinces → districts → communes."""

    provinces: NameIndex
    province_codes: list[str]
    districts: dict[str, tuple[NameIndex, list[str]]]  # province code → index, district codes
    communes: dict[str, tuple[NameIndex, list[str]]]  # district or province code → index, codes
    labels: dict[str, str] = field(default_factory=dict)  # commune code → "Xã …, Huyện …, Tỉnh …"


def _index(groups: dict[str, dict[str, str]]) -> dict[str, tuple[NameIndex, list[str]]]:
    return {k: (NameIndex(v.values()), list(v)) for k, v in groups.items()}


def _side(rows: list[dict[str, str]], with_districts: bool) -> _Side:
    provinces: dict[str, str] = {}
    districts: dict[str, dict[str, str]] = defaultdict(dict)
    communes: dict[str, dict[str, str]] = defaultdict(dict)
    labels: dict[str, str] = {}
    for r in rows:
        provinces[r["province_code"]] = r["province_name"]
        communes[r["province_code"]][r["commune_code"]] = r["commune_name"]
        parts = [r["commune_name"], r["province_name"]]
        if with_districts:
            districts[r["province_code"]][r["district_code"]] = r["district_name"]
            communes[r["district_code"]][r["commune_code"]] = r["commune_name"]
            parts.insert(1, r["district_name"])
        labels[r["commune_code"]] = ", ".join(parts)
    # District codes (3 digits) and province codes (2) never collide as keys of `communes`.
    return _Side(
        NameIndex(provinces.values()),
        list(provinces),
        _index(districts),
        _index(communes),
        labels,
    )


def _find(index: NameIndex, codes: list[str], name: str) -> str:
    return codes[index.find(name).index]


@dataclass
class _Outcome:
    new_codes: dict[str, str] = field(default_factory=dict)  # new code → how
    problems: list[str] = field(default_factory=list)


def _join_old(side: _Side, old: dict[str, str]) -> tuple[str | None, str, str, list[str]]:
    """(GSO code or None, how, reason, GSO codes it was ambiguous between) for one row."""
    try:
        province = _find(side.provinces, side.province_codes, old["province_name"])
    except (AmbiguousName, NoMatch) as e:
        return None, "none", f"tỉnh “{e.name}” không có trong danh sách GSO", []
    how = "name"
    try:
        district = _find(*side.districts[province], old["district_name"])
        index, codes = side.communes[district]
        try:
            return _find(index, codes, old["ward_name"]), how, "", []
        except NoMatch:
            how = "province"
    except (AmbiguousName, NoMatch):
        how = "province"
    index, codes = side.communes[province]
    try:
        return _find(index, codes, old["ward_name"]), how, "", []
    except AmbiguousName as e:
        same = [codes[i] for i in e.indices]
        note = f"“{old['ward_name']}” của dữ liệu chuyển đổi khớp với {len(same)} xã cùng tên"
        return None, "ambiguous", f"{note} ({', '.join(same)})", same
    except NoMatch:
        return None, "none", "không có trong danh sách GSO 04/01/2025", []


def _join_new(side: _Side, new: dict[str, str]) -> tuple[str | None, str]:
    try:
        province = _find(side.provinces, side.province_codes, new["province_name"])
        return _find(*side.communes[province], new["ward_name"]), ""
    except AmbiguousName as e:
        return None, f"tên xã mới “{e.name}” trùng: {'; '.join(e.candidates)}"
    except NoMatch as e:
        return None, f"“{e.name}” không có trong danh sách sau 01/7/2025"


def build_lineage(
    old_rows: list[dict[str, str]], new_rows: list[dict[str, str]]
) -> tuple[list[dict[str, str]], dict[str, Any]]:
    """The lineage rows for every GSO old commune, and the run's figures."""
    from vietnam_address_converter.data import DEFAULT_DATA

    mapping = DEFAULT_DATA["mapping"]
    joined = _join_rows(
        _side(old_rows, with_districts=True), _side(new_rows, with_districts=False), mapping
    )
    lineage = _lineage_rows(old_rows, joined)
    matched = {r["old_commune_code"] for r in lineage if r["new_commune_code"]}
    meta = {
        "built": dt.date.today().isoformat(),
        "sources": {
            "old": OLD_FILE.name,
            "new": f"vietnam-provinces {metadata.version('vietnam-provinces')}",
            "mapping": f"vietnam-address-converter {metadata.version('vietnam-address-converter')}",
            "mapping_table": mapping["meta"]["source"],
        },
        "old_communes": len(old_rows),
        "matched": len(matched),
        "new_communes": len(new_rows),
        "converter_rows": len(mapping["rows"]),
        "converter_rows_unjoined": joined.unjoined,
    }
    return lineage, meta


@dataclass
class _Joined:
    """The converter's rows joined to GSO codes on both sides."""

    outcomes: dict[str, _Outcome]  # GSO old code → new codes found, or why none
    unjoined: list[dict[str, str]]  # converter rows whose old commune GSO does not have
    ambiguous_notes: dict[str, list[str]]  # GSO code → notes naming it


def _join_rows(old_side: _Side, new_side: _Side, mapping: dict[str, Any]) -> _Joined:
    joined = _Joined(defaultdict(_Outcome), [], defaultdict(list))
    for row in mapping["rows"]:
        old, new = row["old"], row["new"]
        old_code, how, reason, same = _join_old(old_side, old)
        for code in same:
            joined.ambiguous_notes[code].append(reason)
        if old_code is None:
            label = f"{old['ward_name']}, {old['district_name']}, {old['province_name']}"
            joined.unjoined.append({"old": label, "reason": reason})
            continue
        new_code, new_reason = _join_new(new_side, new)
        if new_code is None:
            joined.outcomes[old_code].problems.append(new_reason)
        else:
            joined.outcomes[old_code].new_codes.setdefault(new_code, how)
    # A match found only through the province (district name not matched) stands only for a GSO
    # commune that no row names in its own district: another unit of the same name in a district
    # the converter has and GSO has not (Thị xã Mộc Châu of 2025) must not take its place.
    for outcome in joined.outcomes.values():
        if "name" in outcome.new_codes.values():
            kept = {k: v for k, v in outcome.new_codes.items() if v == "name"}
            outcome.new_codes = kept
    return joined


def _lineage_rows(old_rows: list[dict[str, str]], joined: _Joined) -> list[dict[str, str]]:
    """One row per new commune of each old one, or one row saying why there is none."""
    lineage: list[dict[str, str]] = []
    for r in old_rows:
        code = r["commune_code"]
        outcome = joined.outcomes.get(code)
        if outcome and outcome.new_codes:
            for new_code, how in outcome.new_codes.items():
                lineage.append(
                    {"old_commune_code": code, "new_commune_code": new_code, "match": how}
                )
            continue
        if outcome and outcome.problems:
            note, how = "; ".join(dict.fromkeys(outcome.problems)), "none"
        elif joined.ambiguous_notes.get(code):
            note, how = "; ".join(joined.ambiguous_notes[code]), "ambiguous"
        else:
            note, how = "dữ liệu chuyển đổi không có xã này ở huyện của nó", "none"
        lineage.append({"old_commune_code": code, "new_commune_code": "", "match": how})
        lineage[-1]["note"] = note
    for row in lineage:
        row.setdefault("note", "")
    return lineage


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    tmp = path.with_suffix(path.suffix + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    tmp.replace(path)


def build(data_dir: Path = DATA) -> dict[str, Any]:
    """Write the three vendored files into ``data_dir``; returns the run's figures."""
    old_rows = _read_csv(OLD_FILE)
    new_rows = new_units_rows()
    lineage, meta = build_lineage(old_rows, new_rows)
    data_dir.mkdir(parents=True, exist_ok=True)
    _write_csv(data_dir / NEW_FILE.name, NEW_COLUMNS, new_rows)
    _write_csv(data_dir / LINEAGE_FILE.name, LINEAGE_COLUMNS, lineage)
    text = json.dumps(meta, ensure_ascii=False, indent=1) + "\n"
    (data_dir / META_FILE.name).write_text(text, encoding="utf-8")
    return meta


if __name__ == "__main__":
    figures = build()
    print(
        f"{figures['matched']}/{figures['old_communes']} old communes joined; "
        f"{len(figures['converter_rows_unjoined'])} converter rows unjoined"
    )
