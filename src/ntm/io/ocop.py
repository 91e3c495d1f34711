"""The OCOP products file: one rated product a row, CSV or the first sheet of a workbook.

Columns (issue #13): ``product_code, product_name, group, subject, unit_code, scorecard,
score_a, score_b, score_c, decision_number, decision_date``. ``scorecard`` names the decision
(``148/2023`` or ``1048/2019``); each score is checked against its part's maximum in that
scorecard. Every bad cell is a Problem naming the file, sheet, row and column; all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from ntm.criteria.ocop import product_group, product_groups, scorecards
from ntm.domain.ocop import PARTS, Scorecard
from ntm.io import tabular
from ntm.io.errors import ImportFailed
from ntm.io.numbers import parse_number
from ntm.io.rawfile import RawFile
from ntm.io.targets import Problems, cell_text

COLUMNS = [
    "product_code",
    "product_name",
    "group",
    "subject",
    "unit_code",
    "scorecard",
    "score_a",
    "score_b",
    "score_c",
    "decision_number",
    "decision_date",
]
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_VN = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


@dataclass(frozen=True)
class ProductRow:
    """One row of the file, every cell checked."""

    row: int
    product_code: str
    product_name: str
    group: str
    subject: str
    unit_code: str
    card: Scorecard
    scores: tuple[Decimal, Decimal, Decimal]
    decision_number: str
    decision_date: date


def parse_date(value: Any) -> date | None:
    """A date cell as Excel holds it, or text as ``2023-03-01`` or ``01/3/2023``; None if not."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = cell_text(value)
    found = _ISO.fullmatch(text)
    parts = (found.group(1), found.group(2), found.group(3)) if found else None
    if parts is None and (found := _VN.fullmatch(text)):
        parts = (found.group(3), found.group(2), found.group(1))
    if parts is None:
        return None
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None


def _score(value: Any, card: Scorecard, part: str, problems: Problems, row: int) -> Decimal | None:
    column = f"score_{part.lower()}"
    try:
        parsed = parse_number(value)
    except ValueError as exc:
        problems.add(str(exc), row=row, column=column)
        return None
    if parsed is None:
        problems.add("thiếu điểm", row=row, column=column)
        return None
    score = Decimal(str(parsed.value))
    maximum = card.part(part).maximum
    if score < 0 or score > maximum:
        problems.add(
            f"điểm phần {part} «{cell_text(value)}» ngoài khoảng 0–{maximum} "
            f"của phiếu chấm {card.code}",
            row=row,
            column=column,
        )
        return None
    return score


def _text(cells: dict[str, Any], name: str, what: str, problems: Problems, row: int) -> str:
    text = cell_text(cells.get(name))
    if not text:
        problems.add(f"thiếu {what}", row=row, column=name)
    return text


def _card(cells: dict[str, Any], problems: Problems, row: int) -> Scorecard | None:
    code = cell_text(cells.get("scorecard"))
    card = scorecards().get(code)
    if card is None:
        known = ", ".join(scorecards())
        problems.add(f"phiếu chấm «{code}» không có (dùng: {known})", row=row, column="scorecard")
    return card


def _group(cells: dict[str, Any], problems: Problems, row: int) -> str:
    text = cell_text(cells.get("group"))
    group = product_group(text)
    if group is None:
        names = "; ".join(f"{i}. {g}" for i, g in enumerate(product_groups(), 1))
        problems.add(
            f"nhóm sản phẩm «{text}» không có (các nhóm: {names})", row=row, column="group"
        )
    return group or ""


def _decided(cells: dict[str, Any], problems: Problems, row: int) -> date | None:
    value = cells.get("decision_date")
    decided = parse_date(value)
    if decided is None:
        problems.add(
            f"«{cell_text(value)}» không phải là ngày (viết 2023-03-01 hoặc 01/3/2023)",
            row=row,
            column="decision_date",
        )
    return decided


def _product(cells: dict[str, Any], problems: Problems, row: int) -> ProductRow | None:
    before = len(problems.items)
    code = _text(cells, "product_code", "mã sản phẩm", problems, row)
    name = _text(cells, "product_name", "tên sản phẩm", problems, row)
    subject = _text(cells, "subject", "chủ thể", problems, row)
    unit = _text(cells, "unit_code", "mã xã", problems, row)
    if unit and not unit.isdigit():
        problems.add(f"mã xã «{unit}» phải là dãy chữ số", row=row, column="unit_code")
    group = _group(cells, problems, row)
    card = _card(cells, problems, row)
    # Without a known scorecard there is no maximum to check a score against.
    scores = [
        _score(cells.get(f"score_{p.lower()}"), card, p, problems, row) if card else None
        for p in PARTS
    ]
    number = _text(cells, "decision_number", "số quyết định", problems, row)
    decided = _decided(cells, problems, row)
    if len(problems.items) > before or card is None or decided is None:
        return None
    a, b, c = (s for s in scores if s is not None)
    return ProductRow(row, code, name, group, subject, unit, card, (a, b, c), number, decided)


def _table(source: str | Path | RawFile, problems: Problems) -> list[tuple[int, dict[str, Any]]]:
    keys = {c.replace("_", " "): c for c in COLUMNS}
    table = tabular.read_table(
        source,
        score=lambda key: int(key in keys),
        anchor=lambda key: key == "product code",
        expected=", ".join(f"«{c}»" for c in COLUMNS[:4]),
    )
    problems.sheet = table.sheet
    found = {keys[c.key]: c for c in table.columns if c.key in keys}
    problems.labels = {name: col.label for name, col in found.items()}
    for missing in (c for c in COLUMNS if c not in found):
        problems.add(f"thiếu cột «{missing}»", row=table.header_row)
    return [
        (row.number, {name: row.get(col) for name, col in found.items()})
        for row in table.rows
        if not row.is_blank()
    ]


def read_products(source: str | Path | RawFile) -> list[ProductRow]:
    """Every product of the file; raises ImportFailed listing every problem, nothing half-read."""
    problems = Problems(RawFile.of(source).name)
    try:
        rows = _table(source, problems)
    except ImportFailed as exc:
        problems.items.extend(exc.problems)
        rows = []
    if problems:
        problems.raise_if_any()
    products: list[ProductRow] = []
    seen: dict[str, int] = {}
    for number, cells in rows:
        product = _product(cells, problems, number)
        if product is None:
            continue
        if product.product_code in seen:
            problems.add(
                f"mã sản phẩm «{product.product_code}» trùng với dòng {seen[product.product_code]}",
                row=number,
                column="product_code",
            )
            continue
        seen[product.product_code] = number
        products.append(product)
    if not rows:
        problems.add("tệp không có sản phẩm nào")
    problems.raise_if_any()
    return products
