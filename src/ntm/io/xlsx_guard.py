"""A spreadsheet checked before any reader allocates for it (zip bombs, dimension bombs).

An .xlsx is a zip of XML parts. The zip's directory declares every part's uncompressed size:
their sum and each part's compression ratio are checked first. Then each sheet part is streamed
(never held whole) and scanned at C speed: its declared ``<dimension ref=…>`` (calamine
allocates it at once: a cell at XFD1048576 asks for 512 GB), the real extent of its cell
references, and the longest run of text between two tags (a 300 MB string). The shared-strings
part is scanned for long text too. A file passing every check is then handed to calamine.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from xml.etree import ElementTree

from ntm.formatting import number
from ntm.io.errors import ImportFailed, Problem
from ntm.io.limits import LIMITS, Limits, megabytes
from ntm.io.rawfile import RawFile
from ntm.io.xlsx_formats import sheet_parts

ZIP_SUFFIXES = {".xlsx", ".xlsm", ".xlsb", ".ods"}
_CHUNK = 1024 * 1024
_OVERLAP = 64  # bytes of a chunk kept for the next: a reference cut in two is still seen
_DIMENSION = re.compile(rb'<(?:\w+:)?dimension\s+ref="([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?"')
_CELL_REF = re.compile(rb'\sr="([A-Z]{1,4})(\d{1,9})"')


def column_number(letters: str) -> int:
    """'A' → 1, 'XFD' → 16384."""
    value = 0
    for ch in letters:
        value = value * 26 + ord(ch) - 64
    return value


@dataclass
class _Extent:
    rows: int = 0
    columns: int = 0
    longest_text: int = 0  # bytes between two tags


def _refuse(raw: RawFile, message: str, sheet: str | None = None) -> ImportFailed:
    return ImportFailed([Problem(raw.name, message + "; tệp bị từ chối, không đọc", sheet)])


def _chunks(book: zipfile.ZipFile, part: str, limits: Limits) -> Iterator[tuple[bytes, bytes]]:
    """The part's bytes in chunks, each with the end of the one before (a reference cut in two)."""
    tail, total = b"", 0
    with book.open(part) as handle:
        while chunk := handle.read(_CHUNK):
            total += len(chunk)
            if total > limits.max_decompressed:
                raise _TooBig()
            yield tail, chunk
            tail = chunk[-_OVERLAP:]


class _TooBig(Exception):
    pass


def _scan(book: zipfile.ZipFile, part: str, limits: Limits) -> _Extent:
    """The real extent of a part: greatest row and column referenced, longest text run."""
    extent = _Extent()
    letters: set[bytes] = set()
    too_long = limits.max_field * 4  # bytes: a character takes at most four in UTF-8
    long_run = re.compile(rb"[^<]{%d,}" % (too_long + 1))
    run = 0  # text bytes since the last '<', carried across chunks
    for tail, chunk in _chunks(book, part, limits):
        for col, row in _CELL_REF.findall(tail + chunk):
            letters.add(col)
            extent.rows = max(extent.rows, int(row))
        first = chunk.find(b"<")
        if first < 0:
            run += len(chunk)
        else:
            run += first
            extent.longest_text = max(extent.longest_text, run)
            if long_run.search(chunk, first):
                extent.longest_text = max(extent.longest_text, too_long + 1)
            run = len(chunk) - chunk.rfind(b"<") - 1
        extent.longest_text = max(extent.longest_text, run)
    if letters:
        extent.columns = max(column_number(c.decode()) for c in letters)
    return extent


def _size_problem(rows: int, columns: int, limits: Limits) -> str | None:
    if columns > limits.max_columns:
        return f"vượt giới hạn {number(limits.max_columns)} cột"
    if rows > limits.max_long_rows:
        return f"vượt giới hạn {number(limits.max_long_rows)} dòng"
    if rows * columns > limits.max_cells:
        return f"vượt giới hạn {number(limits.max_cells)} ô"
    return None


def _declared(first: bytes) -> tuple[str, int, int] | None:
    match = _DIMENSION.search(first)
    if match is None or match.group(2) is None:
        return None
    c0, r0, c1, r1 = (g.decode() if g else None for g in match.groups())
    last_col, last_row = (c1, r1) if c1 and r1 else (c0 or "A", r0)
    ref = f"{c0 or ''}{r0}" + (f":{c1}{r1}" if c1 else "")
    return ref, int(last_row or 1), column_number(last_col or "A")


def _check_sheet(raw: RawFile, book: zipfile.ZipFile, part: str, sheet: str, lim: Limits) -> None:
    with book.open(part) as handle:
        first = handle.read(4096)
    declared = _declared(first)
    if declared is not None:
        ref, rows, columns = declared
        problem = _size_problem(rows, columns, lim)
        if problem:
            raise _refuse(
                raw,
                f"trang tính khai báo vùng {ref} ({number(rows)} dòng × {number(columns)} cột), "
                + problem,
                sheet,
            )
    extent = _scan(book, part, lim)
    problem = _size_problem(extent.rows, extent.columns, lim)
    if problem:
        raise _refuse(
            raw,
            f"trang tính có ô đến dòng {number(extent.rows)}, cột {number(extent.columns)}, "
            + problem,
            sheet,
        )
    if extent.longest_text > lim.max_field * 4:
        raise _refuse(raw, f"có ô dài quá {number(lim.max_field)} ký tự", sheet)


def _check_members(raw: RawFile, book: zipfile.ZipFile, limits: Limits) -> None:
    infos = book.infolist()
    total = sum(i.file_size for i in infos)
    if total > limits.max_decompressed:
        raise _refuse(
            raw,
            f"sau khi giải nén tệp lớn {megabytes(total)}, vượt giới hạn "
            f"{megabytes(limits.max_decompressed)}",
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > limits.max_ratio:
            raise _refuse(
                raw,
                f"một phần của tệp nén với tỷ lệ {number(round(ratio))} lần (giới hạn "
                f"{number(limits.max_ratio)}): dấu hiệu tệp nén độc hại",
            )


_ODS_ROW = re.compile(rb"<table:table-row\b([^>]*)>(.*?)</table:table-row>", re.DOTALL)
_ODS_CELL = re.compile(rb"<table:table-cell\b([^>]*?)/?>")
_ODS_REPEAT = re.compile(rb'number-(?:rows|columns)-repeated="(\d+)"')


def _repeat(attributes: bytes) -> int:
    match = _ODS_REPEAT.search(attributes)
    return int(match.group(1)) if match else 1


def _row_width(body: bytes) -> int:
    """Columns up to the last cell holding a value (trailing empty repeats do not count)."""
    width = last = 0
    for cell in _ODS_CELL.finditer(body):
        width += _repeat(cell.group(1))
        if b"office:value-type" in cell.group(1):
            last = width
    return last


def _ods_extent(table: bytes) -> tuple[int, int]:
    """Rows and columns calamine would allocate for one table: up to the last value."""
    height = rows = columns = 0
    for row in _ODS_ROW.finditer(table):
        repeat = _repeat(row.group(1))
        height += repeat
        width = _row_width(row.group(2))
        if width:
            rows, columns = height, max(columns, width)
    return rows, columns


def _check_ods(raw: RawFile, book: zipfile.ZipFile, limits: Limits) -> None:
    """An OpenDocument sheet repeats rows and cells by count, and calamine expands them up to the
    last value: LibreOffice's own trailing repeats of empty cells are common and harmless."""
    if "content.xml" not in book.NameToInfo:
        return
    content = b"".join(chunk for _tail, chunk in _chunks(book, "content.xml", limits))
    for table in content.split(b"<table:table ")[1:]:
        rows, columns = _ods_extent(table)
        problem = _size_problem(rows, columns, limits)
        if problem:
            extent = f"{number(rows)} dòng × {number(columns)} cột"
            raise _refuse(raw, f"trang tính lặp lại đến {extent}, {problem}")


def check_workbook(raw: RawFile, limits: Limits = LIMITS) -> None:
    """ImportFailed naming the file, the sheet and the limit, or None: safe to hand to calamine."""
    if raw.suffix not in ZIP_SUFFIXES:
        return
    try:
        with raw.open() as handle, zipfile.ZipFile(handle) as book:
            _check_members(raw, book, limits)
            if raw.suffix == ".ods":
                _check_ods(raw, book, limits)
            if raw.suffix not in {".xlsx", ".xlsm"}:
                return
            try:
                parts = sheet_parts(book)
            except (KeyError, ElementTree.ParseError):
                return  # not the usual parts: calamine reports what it cannot read
            for sheet, part in parts.items():
                if part in book.NameToInfo:
                    _check_sheet(raw, book, part, sheet, limits)
            strings = "xl/sharedStrings.xml"
            if strings in book.NameToInfo and _scan(book, strings, limits).longest_text > (
                limits.max_field * 4
            ):
                raise _refuse(raw, f"có ô dài quá {number(limits.max_field)} ký tự")
    except _TooBig:
        raise _refuse(
            raw, f"sau khi giải nén tệp vượt giới hạn {megabytes(limits.max_decompressed)}"
        ) from None
