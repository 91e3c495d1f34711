"""The registries' import files, read whole and checked before anything is written.

OCOP: the file of ``ntm ocop evaluate`` (``ntm.io.ocop``), its communes then looked up among
those the user keeps. Models: ``unit_code, name, kind, field, year, households, value,
description``. Villages: ``unit_code, village, kind, year, standing, decision_number,
decision_date`` (a row without a standing registers the village alone). Every bad cell is a
Problem with its row and column; one problem and nothing is saved.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from ntm.io import tabular
from ntm.io.errors import ImportFailed, Problem
from ntm.io.numbers import parse_number
from ntm.io.ocop import parse_date, read_products
from ntm.io.rawfile import RawFile
from ntm.io.targets import Problems, cell_text
from ntm.web.registries.models import ModelField, ModelKind, Standing, VillageKind
from ntm.web.registries.services import (
    InitiativeInput,
    RatingInput,
    ocop_duplicate,
)
from ntm.web.units.models import Unit

MODEL_COLUMNS = ["unit_code", "name", "kind", "field", "year", "households", "value", "description"]
VILLAGE_COLUMNS = [
    "unit_code",
    "village",
    "kind",
    "year",
    "standing",
    "decision_number",
    "decision_date",
]
Rows = list[tuple[int, dict[str, Any]]]


def _fold(text: str) -> str:
    return tabular.header_key(text)


def ocop_read(*, raw: RawFile, units: QuerySet[Unit]) -> list[RatingInput]:
    """The ratings of an OCOP file, each commune one the user keeps (``units``)."""
    products = read_products(raw)
    by_code = {u.code: u for u in units}
    problems: list[Problem] = []
    items: list[RatingInput] = []
    for p in products:
        unit = by_code.get(p.unit_code)
        if unit is None:
            problems.append(
                Problem(
                    raw.name,
                    f"mã xã «{p.unit_code}» không thuộc địa bàn bạn quản lý",
                    row=p.row,
                    column="unit_code",
                )
            )
            continue
        item = RatingInput(
            unit,
            p.product_code,
            p.product_name,
            p.group,
            p.subject,
            p.card.code,
            p.scores,
            p.decision_number,
            p.decision_date,
        )
        if ocop_duplicate(item):
            problems.append(
                Problem(
                    raw.name,
                    "quyết định này đã được ghi cho sản phẩm",
                    row=p.row,
                    column="decision_number",
                )
            )
        items.append(item)
    if problems:
        raise ImportFailed(problems)
    return items


def _rows(raw: RawFile, columns: list[str], required: list[str], problems: Problems) -> Rows:
    keys = {c.replace("_", " "): c for c in columns}
    table = tabular.read_table(
        raw,
        score=lambda key: int(key in keys),
        anchor=lambda key: key == "unit code",
        expected=", ".join(f"«{c}»" for c in columns[:4]),
    )
    problems.sheet = table.sheet
    found = {keys[c.key]: c for c in table.columns if c.key in keys}
    problems.labels = {name: col.label for name, col in found.items()}
    for missing in (c for c in required if c not in found):
        problems.add(f"thiếu cột «{missing}»", row=table.header_row)
    problems.raise_if_any()
    rows = [(r.number, {n: r.get(c) for n, c in found.items()}) for r in table.rows]
    return [(n, cells) for n, cells in rows if any(cell_text(v) for v in cells.values())]


@dataclass
class _Row:
    """One row's cells and the problems list, for the small checks below."""

    number: int
    cells: dict[str, Any]
    problems: Problems

    def text(self, name: str, what: str = "", required: bool = True) -> str:
        text = cell_text(self.cells.get(name))
        if required and not text:
            self.problems.add(f"thiếu {what or name}", row=self.number, column=name)
        return text

    def whole(self, name: str, required: bool = True) -> int | None:
        text = self.text(name, "năm" if name == "year" else name, required)
        if text and not (text.isdigit() and int(text) < 10**9):
            self.problems.add(f"«{text}» không phải là số nguyên", row=self.number, column=name)
            return None
        return int(text) if text else None

    def choice(self, name: str, options: dict[str, str], what: str) -> str:
        text = self.text(name, what)
        found = options.get(_fold(text))
        if text and found is None:
            self.problems.add(
                f"{what} «{text}» không có (dùng: {', '.join(sorted(set(options)))})",
                row=self.number,
                column=name,
            )
        return found or ""

    def unit(self, by_code: dict[str, Unit]) -> Unit | None:
        code = self.text("unit_code", "mã xã")
        if code and code not in by_code:
            self.problems.add(
                f"mã xã «{code}» không thuộc địa bàn bạn quản lý",
                row=self.number,
                column="unit_code",
            )
        return by_code.get(code)


def _choices(pairs: list[tuple[str, Any]]) -> dict[str, str]:
    """Value or label, as a person may type either, folded."""
    out: dict[str, str] = {}
    for value, label in pairs:
        out[_fold(value)] = value
        out[_fold(str(label))] = value
    return out


def _read(
    raw: RawFile, columns: list[str], required: list[str], build: Callable[[_Row], Any]
) -> list[Any]:
    problems = Problems(raw.name)
    try:
        rows = _rows(raw, columns, required, problems)
    except ImportFailed as exc:
        raise ImportFailed(exc.problems) from None
    items = []
    for number, cells in rows:
        before = len(problems.items)
        item = build(_Row(number, cells, problems))
        if len(problems.items) == before and item is not None:
            items.append(item)
    if not rows:
        problems.add("tệp không có dòng dữ liệu nào")
    problems.raise_if_any()
    return items


def initiatives_read(*, raw: RawFile, units: QuerySet[Unit]) -> list[InitiativeInput]:
    by_code = {u.code: u for u in units}
    kinds = {_fold(k.code): k for k in ModelKind.objects.all()}
    kinds |= {_fold(k.name): k for k in kinds.values()}
    fields = _choices(list(ModelField.choices))

    def build(row: _Row) -> InitiativeInput | None:
        unit = row.unit(by_code)
        name = row.text("name", "tên mô hình")
        kind_text = row.text("kind", "loại mô hình")
        kind = kinds.get(_fold(kind_text))
        if kind_text and kind is None:
            row.problems.add(f"loại mô hình «{kind_text}» không có", row=row.number, column="kind")
        field = row.choice("field", fields, "lĩnh vực")
        year = row.whole("year")
        households = row.whole("households", required=False)
        value = _decimal(row, "value")
        if unit is None or kind is None or year is None:
            return None
        return InitiativeInput(
            unit,
            name,
            kind,
            field,
            year,
            households,
            value,
            row.text("description", required=False),
        )

    return _read(raw, MODEL_COLUMNS, ["unit_code", "name", "kind", "field", "year"], build)


def _decimal(row: _Row, name: str) -> Decimal | None:
    try:
        parsed = parse_number(row.cells.get(name))
    except ValueError as exc:
        row.problems.add(str(exc), row=row.number, column=name)
        return None
    return None if parsed is None else Decimal(str(parsed.value))


@dataclass(frozen=True)
class VillageRow:
    """A village, and the standing the row records for it (none: the village alone)."""

    unit: Unit
    name: str
    kind: str
    standing: str = ""
    year: int = 0
    decision_number: str = ""
    decision_date: date | None = None


def villages_read(*, raw: RawFile, units: QuerySet[Unit]) -> list[VillageRow]:
    by_code = {u.code: u for u in units}
    kinds = _choices(list(VillageKind.choices))
    standings = _choices(list(Standing.choices))

    def build(row: _Row) -> VillageRow | None:
        unit = row.unit(by_code)
        name = row.text("village", "tên thôn")
        kind = row.choice("kind", kinds, "loại") if row.text("kind", required=False) else "thon"
        if not row.text("standing", required=False):
            return VillageRow(unit, name, kind) if unit else None
        standing = row.choice("standing", standings, "danh hiệu")
        year = row.whole("year")
        number = row.text("decision_number", "số quyết định")
        decided = parse_date(row.cells.get("decision_date"))
        if decided is None:
            row.problems.add(
                f"«{row.text('decision_date', required=False)}» không phải là ngày",
                row=row.number,
                column="decision_date",
            )
        if unit is None or year is None or decided is None:
            return None
        return VillageRow(unit, name, kind, standing, year, number, decided)

    return _read(raw, VILLAGE_COLUMNS, ["unit_code", "village"], build)
