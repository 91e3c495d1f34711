"""The units a set of data files is about, when no units file is given.

A data file with commune names (``commune_code, commune_name, district_name``, or ntm's template
with its region or group column) describes its own units. A file with codes only takes them
from the registry of administrative units: the GSO list before 1 July 2025 for years before
2026, the list after it from 2026.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from ntm.domain.units import Unit
from ntm.io.columns import pad_code
from ntm.io.data_files import DataSource
from ntm.io.errors import Problem


def regime_for_year(year: int) -> Literal["old", "new"]:
    return "new" if year >= 2026 else "old"


def units_from_sources(sources: Sequence[DataSource], year: int) -> tuple[list[Unit], str]:
    """Units in order of first appearance, and how to name where they came from.

    Bad codes are left for ``read_values`` to report: it places every problem of a data row.
    """
    units: dict[str, Unit] = {}
    registry_codes: dict[str, None] = {}  # ordered, and a lookup in constant time
    problems: list[Problem] = []
    for source in sources:
        cols = source.units
        for row in source.data_rows:
            try:
                code = pad_code(row.get(cols["code"]), "commune")
            except ValueError:
                continue
            if code in units or code in registry_codes:
                continue
            if cols.has_names:
                units[code] = cols.unit(row, code, problems)
            else:
                registry_codes[code] = None
    if not registry_codes:
        return list(units.values()), "các tệp dữ liệu"
    from ntm.units.registry import UnknownCode, unit

    regime = regime_for_year(year)
    for code in registry_codes:
        try:
            units[code] = unit(code, regime)
        except UnknownCode:
            continue  # reported by read_values as a code not in the units list
    label = "danh mục đơn vị hành chính " + (
        "từ 01/7/2025" if regime == "new" else "trước 01/7/2025"
    )
    return list(units.values()), label
