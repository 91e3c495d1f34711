"""CSV and spreadsheet files as rows of cells that know their place.

Offices send whatever their spreadsheet produced: a title row or two above the header, headers
spread over two merged rows, Excel's CSV in the Windows Vietnamese code page with ``;`` between
fields, fully blank rows between districts. This module turns any of those into a ``Table``: the
header row found wherever it is, one ``Column`` per header cell (letter and text as a person sees
them in Excel) and one ``Row`` per non-blank line, numbered as the spreadsheet numbers it. What a
column *means* is the business of the readers above; they pass in how to recognise a header.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ntm.formatting import number
from ntm.io.cells import (  # re-exported: readers import the model from here
    META_SHEET,
    Column,
    Grid,
    PercentCell,
    Row,
    Table,
    cell_text,
    column_letter,
    header_key,
)
from ntm.io.encodings import bare_utf16, decode_text
from ntm.io.errors import ImportFailed, Problem
from ntm.io.library_errors import library_problem
from ntm.io.limits import LIMITS, megabytes
from ntm.io.rawfile import RawFile
from ntm.io.xlsx_formats import percent_cells
from ntm.io.xlsx_guard import check_workbook

__all__ = [
    "HEADER_SCAN_ROWS", "META_SHEET", "SPREADSHEET_SUFFIXES", "TEXT_SUFFIXES", "Column", "Grid",
    "PercentCell", "Row", "Table", "cell_text", "column_letter", "find_header", "header_key",
    "read_csv_grid", "read_grids", "read_spreadsheet_grids", "read_table",
]  # fmt: skip

SPREADSHEET_SUFFIXES = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
TEXT_SUFFIXES = {".csv", ".txt", ".tsv"}
HEADER_SCAN_ROWS = 50


# --- reading ------------------------------------------------------------------------------------


def _refuse(
    file: str, message: str, sheet: str | None = None, row: int | None = None
) -> ImportFailed:
    return ImportFailed([Problem(file, message, sheet, row)])


def _sniff_delimiter(text: str) -> str:
    lines = text[:65536].splitlines()[:20]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;\t").delimiter
    except csv.Error:
        first = next((line for line in lines if line.strip()), "")
        return max(",;\t", key=first.count)


def _csv_text(raw: RawFile) -> tuple[str, list[str]]:
    """The file's text and a note on the encoding when it was not plain UTF-8."""
    if raw.size() > LIMITS.max_decompressed:
        raise _refuse(raw.name, f"tệp lớn hơn giới hạn {megabytes(LIMITS.max_decompressed)}")
    data = raw.read_bytes()
    utf16 = data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or bare_utf16(data)
    if not utf16 and b"\x00" in data:
        raise _refuse(raw.name, "tệp chứa dữ liệu nhị phân, không phải văn bản CSV")
    decoded = decode_text(data)
    notes = []
    if decoded.guessed:
        notes.append(
            f"tệp {raw.name}: đọc theo bảng mã {decoded.encoding} (đoán tự động; nếu chữ "
            "tiếng Việt hiện sai, hãy lưu lại tệp dạng «CSV UTF-8»)"
        )
    elif decoded.encoding != "UTF-8":
        notes.append(f"tệp {raw.name}: đọc theo bảng mã {decoded.encoding}")
    return unicodedata.normalize("NFC", decoded.text), notes


@contextmanager
def _field_limit(limit: int) -> Iterator[None]:
    previous = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(previous)


def read_csv_grid(source: str | Path | RawFile) -> Grid:
    raw = RawFile.of(source)
    text, notes = _csv_text(raw)
    # newline="": a line may end in CR, LF or CRLF (old Mac exports end in CR alone).
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    rows: list[Row] = []
    start = 1
    with _field_limit(LIMITS.max_field):
        try:
            for cells in reader:
                row = Row(start, tuple(map(str.strip, cells)))
                start = reader.line_num + 1
                if len(cells) > LIMITS.max_columns:
                    limit = number(LIMITS.max_columns)
                    raise _refuse(raw.name, f"dòng có {number(len(cells))} cột, vượt giới hạn "
                                  f"{limit} cột", row=row.number)  # fmt: skip
                if any(row.cells):  # stripped text: an empty string is a blank cell
                    rows.append(row)
                    if len(rows) > LIMITS.max_long_rows:
                        limit = number(LIMITS.max_long_rows)
                        raise _refuse(raw.name, f"tệp có hơn {limit} dòng, vượt giới hạn")
        except csv.Error as exc:
            problem = library_problem(exc, raw.name)
            raise _refuse(raw.name, problem.message, row=reader.line_num) from None
    return Grid(Path(raw.name), None, rows, notes=notes)


def _sheet_rows(sheet: Any, percent: set[tuple[int, int]] | None = None) -> list[Row]:
    data = sheet.to_python(skip_empty_area=False)
    grid = [list(r) for r in data]
    for r, c in percent or ():
        if r < len(grid) and c < len(grid[r]):
            value = grid[r][c]
            if isinstance(value, int | float) and not isinstance(value, bool):
                grid[r][c] = PercentCell(value)
    # A merged cell holds its value only in its top-left corner; people read it as covering
    # the whole range, so copy it there (it matters for headers spanning two rows or columns).
    for (r0, c0), (r1, c1) in sheet.merged_cell_ranges or []:
        if r0 >= len(grid):
            continue
        value = grid[r0][c0] if c0 < len(grid[r0]) else ""
        for r in range(r0, min(r1, len(grid) - 1) + 1):
            for c in range(c0, min(c1, len(grid[r]) - 1) + 1):
                if grid[r][c] == "":
                    grid[r][c] = value
    rows = []
    for i, cells in enumerate(grid):
        row = Row(i + 1, tuple(cells))
        if not row.is_blank():
            rows.append(row)
    return rows


def _open_book(raw: RawFile) -> Any:
    from python_calamine import CalamineWorkbook

    if raw.size() > LIMITS.max_decompressed:
        raise _refuse(raw.name, f"tệp lớn hơn giới hạn {megabytes(LIMITS.max_decompressed)}")
    check_workbook(raw)
    if raw.content is not None:
        return CalamineWorkbook.from_filelike(io.BytesIO(raw.content))
    return CalamineWorkbook.from_path(str(raw.path))


def _meta(book: Any, names: list[str]) -> dict[str, str]:
    meta: dict[str, str] = {}
    if META_SHEET in names:
        for cells in book.get_sheet_by_name(META_SHEET).to_python()[:200]:
            if len(cells) >= 2 and cell_text(cells[0]):
                meta[cell_text(cells[0])] = cell_text(cells[1])
    return meta


def _spreadsheet_grids(raw: RawFile, sheet: str | None) -> list[Grid]:
    book = _open_book(raw)
    names = list(book.sheet_names)
    meta = _meta(book, names)
    visible = [n for n in names if n != META_SHEET]
    if sheet is not None:
        if sheet not in names:
            listed = ", ".join(f"«{n}»" for n in visible)
            message = f"không có trang tính «{sheet}»; tệp có các trang tính: {listed}"
            raise _refuse(raw.name, message)
        chosen = [sheet]
    else:
        chosen = visible
    # calamine does not see number formats: a cell shown as 85% would read as 0.85.
    percent: dict[str, set[tuple[int, int]]] = {}
    if raw.suffix in {".xlsx", ".xlsm"}:
        with raw.open() as handle:
            percent = percent_cells(handle)
    grids = []
    for name in chosen:
        try:
            rows = _sheet_rows(book.get_sheet_by_name(name), percent.get(name))
        except Exception as exc:  # calamine's own error types, for a sheet it cannot read
            raise ImportFailed([library_problem(exc, raw.name, name)]) from None
        grids.append(Grid(Path(raw.name), name, rows, meta, visible))
    return grids


def read_spreadsheet_grids(source: str | Path | RawFile, sheet: str | None = None) -> list[Grid]:
    """The grids of a workbook: the named sheet only, or every data sheet in order."""
    raw = RawFile.of(source)
    try:
        return _spreadsheet_grids(raw, sheet)
    except ImportFailed:
        raise
    except Exception as exc:  # every library error, said in Vietnamese with the file's name
        raise ImportFailed([library_problem(exc, raw.name)]) from None


def read_grids(source: str | Path | RawFile, sheet: str | None = None) -> list[Grid]:
    raw = RawFile.of(source)
    if raw.path is not None and not raw.path.exists():
        raise _refuse(raw.name, f"không tìm thấy tệp: {raw.path}")
    if raw.path is not None and raw.path.is_dir():
        raise _refuse(raw.name, "đây là một thư mục, không phải tệp dữ liệu")
    if raw.suffix in SPREADSHEET_SUFFIXES:
        return read_spreadsheet_grids(raw, sheet)
    if raw.suffix not in TEXT_SUFFIXES:
        kinds = ", ".join(sorted(SPREADSHEET_SUFFIXES | TEXT_SUFFIXES))
        raise _refuse(raw.name, f"loại tệp «{raw.suffix or 'không có đuôi'}» không đọc được; "
                      f"chỉ nhận: {kinds}")  # fmt: skip
    if sheet is not None:
        raise _refuse(raw.name, f"tệp CSV không có trang tính (đã yêu cầu «{sheet}»)")
    try:
        return [read_csv_grid(raw)]
    except ImportFailed:
        raise
    except Exception as exc:  # a file that cannot be read at all: said, never a traceback
        raise ImportFailed([library_problem(exc, raw.name)]) from None


HeaderScore = Callable[[str], int]


def find_header(grid: Grid, score: HeaderScore, anchor: Callable[[str], bool]) -> Table | None:
    """The header row: among the first rows holding an ``anchor`` column, the best scored.

    Scores count cells recognised as known columns, so that of two merged header rows the one
    naming the individual columns wins over the one naming groups of them.
    """
    best: tuple[int, int] | None = None
    for position, row in enumerate(grid.rows[:HEADER_SCAN_ROWS]):
        keys = [header_key(c) for c in row.cells if isinstance(c, str)]
        if not any(anchor(k) for k in keys):
            continue
        total = sum(score(k) for k in keys)
        if best is None or total > best[1]:
            best = (position, total)
    if best is None:
        return None
    position = best[0]
    header = grid.rows[position]
    columns: list[Column] = []
    seen: dict[str, Column] = {}
    duplicates: list[tuple[Column, Column]] = []
    for index, cell in enumerate(header.cells):
        text = cell_text(cell)
        if not text:
            continue
        key = header_key(text)
        if key in seen:
            # A header copied across a merged range names one column: the first of the range.
            if index > 0 and cell_text(header.cells[index - 1]) == text:
                continue
            if score(key):
                duplicates.append((seen[key], Column(index, text, key)))
                continue
        seen.setdefault(key, Column(index, text, key))
        columns.append(Column(index, text, key))
    table = Table(grid, header.number, columns, grid.rows[position + 1 :], grid.rows[:position])
    table.duplicates = duplicates
    return table


def _duplicate_problems(table: Table) -> list[Problem]:
    """Two columns with one meaning: which one counts is not for ntm to guess."""
    return [
        table.problem(
            f"cột «{second.header}» trùng: có ở cột {first.label} và cột {second.label}; "
            "xóa hoặc đổi tên một cột",
            row=table.header_row,
        )
        for first, second in table.duplicates
    ]


def read_table(
    path: str | Path | RawFile,
    *,
    score: HeaderScore,
    anchor: Callable[[str], bool],
    expected: str,
    sheet: str | None = None,
    prefer_sheets: tuple[str, ...] = (),
) -> Table:
    """The first sheet (preferred ones first) whose header can be found; Problems otherwise.

    ``expected`` names the columns a person should add when no header is found.
    """
    grids = read_grids(path, sheet)
    grids.sort(key=lambda g: (g.sheet not in prefer_sheets, 0))
    problems = []
    for grid in grids:
        if not grid.rows:
            problems.append(Problem(grid.file, "tệp trống: không có dòng dữ liệu nào", grid.sheet))
            continue
        table = find_header(grid, score, anchor)
        if table is not None and table.duplicates:
            raise ImportFailed(_duplicate_problems(table))
        if table is not None:
            return table
        problems.append(
            Problem(
                grid.file,
                f"không tìm thấy dòng tiêu đề (cần các cột {expected}) "
                f"trong {HEADER_SCAN_ROWS} dòng đầu",
                grid.sheet,
            )
        )
    if not grids:
        problems.append(Problem(RawFile.of(path).name, "tệp không có trang tính nào"))
    if len(grids) > 1:
        names = ", ".join(f"«{g.sheet}»" for g in grids)
        problems = [
            Problem(
                RawFile.of(path).name,
                f"không trang tính nào có dữ liệu đúng dạng (cần các cột {expected}); "
                f"đã xem: {names}. Dữ liệu có thể nằm sai trang tính.",
            )
        ]
    raise ImportFailed(problems)
