"""Funds mobilised by source (nguồn vốn): ``funding-*.csv`` or the same columns in Excel.

Columns: ``scope_code, period_start, period_end, source, amount_billion_vnd`` and, optionally,
``source_name`` (the Vietnamese name of a source outside the standard list) and ``parent`` (the
source a line is part of, e.g. a provincial budget line under ``local_budget``).

Standard sources are those of fixtures/README.md. ``total`` and ``state_budget_direct`` rows are
figures a file *states*; they are kept apart so the report can check them against the sum of
their parts instead of counting them twice.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from ntm.domain.plans import (
    SOURCES,
    STATE_BUDGET,
    STATE_BUDGET_PARTS,
    STATED,
    FundingFile,
    FundingLine,
)
from ntm.io.numbers import parse_number
from ntm.io.rawfile import RawFile
from ntm.io.targets import (
    Problems,
    Table,
    cell_int,
    cell_number,
    cell_text,
    read_table,
    require_columns,
)

# The records live in ntm.domain.plans; they are named here too for the reader's callers.
__all__ = [
    "SOURCES",
    "STATED",
    "STATE_BUDGET",
    "STATE_BUDGET_PARTS",
    "FundingFile",
    "FundingLine",
    "read_funding",
]
_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


def _decimals(raw: object) -> int | None:
    if not isinstance(raw, str):
        return None
    text = raw.strip()
    match = re.search(r"[.,](\d+)$", text)
    if not match:
        return 0
    # "1.847" alone is ambiguous; only a second separator or a non-3-digit tail makes it decimal.
    return len(match.group(1))


def read_funding(path: str | Path | RawFile) -> FundingFile:
    """Every line of the file (a path, or bytes with a name from the web); raises ImportFailed
    listing every problem."""
    name = RawFile.of(path).name
    problems = Problems(name)
    needed = ["scope_code", "period_start", "period_end", "source", "amount_billion_vnd"]
    table = read_table(path, problems, [*needed, "source_name", "parent"])
    if table is None or not require_columns(table, needed, problems):
        problems.raise_if_any()
        return FundingFile(name)
    out = FundingFile(name)
    seen: dict[tuple[str, tuple[int, int], str], int] = {}
    custom: set[str] = set()  # sources named by the file itself (source_name)
    for row, cells in table.rows:
        before = len(problems.items)
        scope = cell_text(cells.get("scope_code"))
        if not scope:
            problems.add("thiếu mã địa bàn", row=row, column="scope_code")
        period = _period(cells, row, problems)
        source = cell_text(cells.get("source"))
        name, in_sentence = _names(source, cells, row, problems, table, custom)
        raw = cells.get("amount_billion_vnd")
        decimals = _read_decimals(raw, row, table, out)
        amount = cell_number(raw, problems, row, "amount_billion_vnd", table.convention)
        if len(problems.items) > before or period is None or amount is None:
            continue
        key = (scope, period, source)
        if key in seen:
            problems.add(
                f"nguồn vốn «{source}» trùng với dòng {seen[key]}", row=row, column="source"
            )
            continue
        seen[key] = row
        parent = cell_text(cells.get("parent")) or None
        line = FundingLine(scope, period, source, amount, decimals, name, in_sentence, parent, row)
        (out.stated if source in STATED else out.lines).append(line)
    _check_parents(out, set(SOURCES) | custom | {STATE_BUDGET}, problems)
    problems.raise_if_any()
    return out


def _period(cells: dict[str, Any], row: int, problems: Problems) -> tuple[int, int] | None:
    start = cell_int(cells.get("period_start"), problems, row, "period_start")
    end = cell_int(cells.get("period_end"), problems, row, "period_end")
    if start is None or end is None:
        return None
    if end < start:
        problems.add(f"năm kết thúc {end} trước năm bắt đầu {start}", row=row, column="period_end")
    return start, end


def _names(
    source: str,
    cells: dict[str, Any],
    row: int,
    problems: Problems,
    table: Table,
    custom: set[str],
) -> tuple[str, str]:
    """The source's name in a table and inside a sentence: the catalogue's, or the file's own
    (``source_name``) for a source outside it, which is then added to ``custom``."""
    own_name = cell_text(cells.get("source_name"))
    if source in SOURCES:
        return (own_name, own_name) if own_name else SOURCES[source]
    if source in STATED:
        return STATED[source]
    if not source:
        problems.add("thiếu nguồn vốn", row=row, column="source")
    elif not _CODE.match(source):
        problems.add(
            f"mã nguồn vốn «{source}» chỉ được gồm chữ thường không dấu, số và _",
            row=row,
            column="source",
        )
    elif not own_name:
        problems.add(
            f"nguồn vốn «{source}» không có trong danh mục ({', '.join(SOURCES)}): "
            "cần ghi tên nguồn ở cột source_name",
            row=row,
            column="source_name" if "source_name" in table.headers else "source",
        )
    else:
        custom.add(source)
        return own_name, own_name[:1].lower() + own_name[1:]
    return "", ""


def _read_decimals(raw: Any, row: int, table: Table, out: FundingFile) -> int | None:
    """The decimals the file writes, when the number is not ambiguous; an ambiguous one is
    read as the file's convention says, and noted (``out.notes``)."""
    try:
        parsed = parse_number(raw, table.convention)
    except ValueError:
        return None  # cell_number reports the bad cell
    if parsed is None:
        return None
    if parsed.assumed:
        out.notes.append(f"{out.file}, dòng {row}, cột amount_billion_vnd: {parsed.assumed}")
        return None
    return _decimals(raw)


def _check_parents(out: FundingFile, known: set[str], problems: Problems) -> None:
    for line in out.lines:
        if line.parent is not None and line.parent not in known:
            problems.add(
                f"nguồn vốn cha «{line.parent}» không có trong tệp hay danh mục",
                row=line.row,
                column="parent",
            )
        elif line.parent == line.source:
            problems.add(
                "một nguồn vốn không thể là nguồn cha của chính nó", row=line.row, column="parent"
            )
