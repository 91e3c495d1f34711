"""Which cells of an .xlsx/.xlsm workbook Excel shows as percentages.

A cell typed ``85%`` in Excel is stored as the number 0.85 with a percent number format, and
calamine (the fast reader) returns 0.85 without the format. People read such a cell as 85 %, so
ntm does too: this module finds the percent-formatted cells, and ``ntm.io.tabular`` marks their
values (``PercentCell``). A number without a percent format is read as it is shown: 0.85 is
0,85 %, never guessed to be 85 %.

The workbook is a zip of XML parts. The styles part says which cell styles use a percent format
(built-in formats 9 ``0%`` and 10 ``0.00%``, or a custom format with an unquoted ``%``); the sheet
part is then searched, with one regular expression at C speed, for cells carrying one of those
styles — most workbooks have none, and their sheets are not searched at all. Other formats
(.xls, .xlsb, .ods) are not inspected: their cells are read as calamine gives them.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from typing import IO
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_BUILTIN_PERCENT = {9, 10}
_QUOTED = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_REF = re.compile(rb'\br="([A-Z]+)(\d+)"')

Cells = set[tuple[int, int]]  # (row, column), both from 0: A1 is (0, 0)


def percent_cells(path: Path | IO[bytes]) -> dict[str, Cells]:
    """Sheet name → cells with a percent number format; empty when none or not an .xlsx."""
    try:
        with zipfile.ZipFile(path) as book:
            styles = _percent_styles(book)
            if not styles:
                return {}
            return {
                name: cells
                for name, part in sheet_parts(book).items()
                if (cells := _styled_cells(book.read(part), styles))
            }
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError, OSError):
        # Not a zip of the expected parts: calamine reports the file itself if it cannot read it.
        return {}


def is_percent_format(code: str) -> bool:
    """True for a number format showing a percentage: '0%', '0.00%', '#,##0.0%'.

    Quoted text, escaped characters and bracketed parts ('[Red]') are not the format's own.
    """
    positive = code.split(";")[0]
    return "%" in _QUOTED.sub("", positive)


def _percent_styles(book: zipfile.ZipFile) -> set[int]:
    try:
        root = ElementTree.fromstring(book.read("xl/styles.xml"))
    except KeyError:
        return set()
    percent_ids = set(_BUILTIN_PERCENT)
    for fmt in root.iter(f"{_MAIN}numFmt"):
        if is_percent_format(fmt.get("formatCode", "")):
            percent_ids.add(int(fmt.get("numFmtId", "-1")))
    xfs = root.find(f"{_MAIN}cellXfs")
    if xfs is None:
        return set()
    return {
        index
        for index, xf in enumerate(xfs.iter(f"{_MAIN}xf"))
        if int(xf.get("numFmtId", "0")) in percent_ids
    }


def sheet_parts(book: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its XML part inside the zip."""
    workbook = ElementTree.fromstring(book.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(book.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_PKG_REL}Relationship")}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_REL}id"))
        if not target:
            continue
        part = target.lstrip("/") if target.startswith("/") else posixpath.join("xl", target)
        parts[sheet.get("name", "")] = posixpath.normpath(part)
    return parts


def _styled_cells(xml: bytes, styles: set[int]) -> Cells:
    """Cells of a sheet part whose style is one of ``styles``."""
    wanted = b"|".join(str(s).encode() for s in sorted(styles))
    pattern = re.compile(rb'<c\s[^>]*?\bs="(?:' + wanted + rb')"[^>]*>')
    cells: Cells = set()
    for match in pattern.finditer(xml):
        ref = _REF.search(match.group(0))
        if ref is None:
            continue  # a cell without its reference (rare writers): read as calamine gives it
        letters, digits = ref.groups()
        column = 0
        for ch in letters:
            column = column * 26 + (ch - 64)
        cells.add((int(digits) - 1, column - 1))
    return cells
