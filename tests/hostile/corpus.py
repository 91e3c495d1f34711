"""A seeded corpus of hostile files, made from the project's own fixtures and template.

Each file is what a careless or hostile sender could upload: bombs (a sheet declaring
XFD1048576, a zip part inflating to hundreds of megabytes), formulas and external links,
truncated and byte-flipped workbooks, every encoding and line ending offices use, huge rows and
long strings, NaN/inf/1e308 and dates where numbers belong, merged and hidden sheets, path
traversal in names, duplicate columns, binary garbage. The CLI test and the web test
(tests/web/test_web_hostile_corpus.py) both take every file through the readers: an answer in
Vietnamese, exit 0 or 2, a 200 or a 400, never a crash.
"""

from __future__ import annotations

import functools
import io
import random
import re
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from openpyxl import load_workbook

from ntm.criteria import load_set
from ntm.io.template import CODE_ROW, ENTRY_SHEET, write_template
from ntm.io.units_file import read_units
from ntm.io.xlsx_formats import sheet_parts

SEED = 2026
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "kontum-2020"
SET_CODE = "xa-ntm-2016-2020"
YEAR = 2020
CSV_FILES = ("criteria-2020.csv", "criteria-2015.csv", "communes.csv", "targets.csv")
# English words a library's message would carry; none may reach a person.
ENGLISH = re.compile(
    r"\b(error|invalid|file|zip|traceback|exception|expected|cannot|could not|failed|unable|"
    r"none|null|object|line \d)\b",
    re.IGNORECASE,
)


MAIN = b"http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE_REL = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
QUOTED = re.compile(r"«[^»]*»")  # a file's own text, quoted in a message


@dataclass(frozen=True)
class Hostile:
    kind: str  # the family: 'dimension-bomb', 'encoding', …
    name: str  # the name it is uploaded under (the CLI stores it under a safe one)
    content: bytes
    slow: bool = False  # bombs: kept in a marked group that `make test` still runs

    @property
    def suffix(self) -> str:
        return Path(self.name.replace("\\", "/")).suffix.lower()


# --- bases -------------------------------------------------------------------------------------


def template_bytes() -> bytes:
    """The workbook `ntm template` writes for Kon Tum 2020, every cell filled with a good value."""
    cset = load_set(SET_CODE)
    units = read_units(FIXTURES / "communes.csv")
    path = Path(f"/tmp/ntm-hostile-{random.Random().randrange(10**9)}.xlsx")
    try:
        write_template(cset, units, YEAR, path, province="Tỉnh Kon Tum")
        book = load_workbook(path)
    finally:
        path.unlink(missing_ok=True)
    sheet = book[ENTRY_SHEET]
    meta = {r[0].value: r[1].value for r in book["_ntm"].iter_rows(max_col=2)}
    first = int(meta.get("first_data_row") or CODE_ROW + 1)
    good = {"percent": 95, "yes_no": "Có", "count": 3, "number": 60}
    kinds = {i.code: i.kind for i in cset.indicators}
    for cell in sheet[CODE_ROW]:
        code = str(cell.value or "")
        value = "Đạt" if code.startswith("tc") else good.get(kinds.get(code, ""))
        if value is not None:
            for r in range(first, first + len(units)):
                sheet.cell(r, cell.column, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _cp1258(text: str) -> bytes:
    """Vietnamese in Windows-1258 as Excel writes it: tone marks as combining characters."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in tones))
        out.append((base + "".join(c for c in parts if c in tones)).encode("cp1258", "replace"))
    return b"".join(out)


def _rezip(base: bytes, change: Callable[[str, bytes], bytes | None], extra=()) -> bytes:
    """The workbook with each part passed through ``change`` (None drops it), plus ``extra``."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = change(info.filename, src.read(info))
            if data is not None:
                dst.writestr(info.filename, data, zipfile.ZIP_DEFLATED)
        for name, data in extra:
            dst.writestr(name, data, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _entry_part(base: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(base)) as book:
        return sheet_parts(book)[ENTRY_SHEET]


def _in_sheet(base: bytes, edit: Callable[[bytes], bytes]) -> bytes:
    part = _entry_part(base)
    return _rezip(base, lambda name, data: edit(data) if name == part else data)


def _workbook(base: bytes, edit: Callable[[object], None]) -> bytes:
    book = load_workbook(io.BytesIO(base))
    edit(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell_edit(value: object, rows: int = 3) -> Callable[[object], None]:
    def edit(book) -> None:
        sheet = book[ENTRY_SHEET]
        column = next(c.column for c in sheet[CODE_ROW] if c.value)
        for r in range(CODE_ROW + 4, CODE_ROW + 4 + rows):
            sheet.cell(r, column, value)

    return edit


# --- families ----------------------------------------------------------------------------------


def csv_variants(texts: dict[str, str]) -> list[Hostile]:
    """Encodings, line endings and separators of every fixture (most are read correctly)."""
    out = []
    for name, text in texts.items():
        stem = name.removesuffix(".csv")
        encodings = {
            "utf8-bom": b"\xef\xbb\xbf" + text.encode(),
            "utf16": text.encode("utf-16"),
            "utf16-le-khong-bom": text.encode("utf-16-le"),
            "cp1258": _cp1258(text),
            "cp1252": text.encode("cp1252", "replace"),
            "latin1": text.encode("latin-1", "replace"),
            "nfd": unicodedata.normalize("NFD", text).encode(),
        }
        for label, data in encodings.items():
            out.append(Hostile("encoding", f"{stem}-{label}.csv", data))
        for label, ending in {"cr": "\r", "crlf": "\r\n", "lfcr": "\n\r"}.items():
            out.append(
                Hostile("line-endings", f"{stem}-{label}.csv", text.replace("\n", ending).encode())
            )
        for label, sep in {"cham-phay": ";", "tab": "\t", "gach": "|"}.items():
            out.append(Hostile("separator", f"{stem}-{label}.csv", text.replace(",", sep).encode()))
    return out


def csv_contents(text: str, rng: random.Random) -> list[Hostile]:
    """Bad cells and bad shapes in the 2020 statuses file."""
    lines = text.splitlines()
    header, rows = lines[0], lines[1:]

    def with_cell(value: str, count: int = 3) -> str:
        changed = [r.split(",") for r in rows]
        for r in rng.sample(range(len(changed)), count):
            changed[r][4 + rng.randrange(19)] = value
        return "\n".join([header, *(",".join(r) for r in changed)]) + "\n"

    out = []
    for value in ["nan", "NaN", "inf", "-inf", "1e308", "1e309", "-1e308", "∞", "2024-01-05",
                  "05/01/2024", "=1+1", "=HYPERLINK(\"http://x\")", "@SUM(1)", "+cmd|' /C calc'!A0",
                  "\x07", "0x10", "1_000", "١", "½", "True", "None", "null", "''",
                  '"']:  # fmt: skip
        out.append(Hostile("bad-cell", f"o-xau-{len(out):02d}.csv", with_cell(value).encode()))
    dup = header.replace(",tc19", ",tc5")
    out.append(
        Hostile("duplicate-column", "trung-cot-tc5.csv", ("\n".join([dup, *rows]) + "\n").encode())
    )
    dup2 = header + ",tc5"
    body = "\n".join([dup2, *(r + ",1" for r in rows)]) + "\n"
    out.append(Hostile("duplicate-column", "trung-cot-cuoi.csv", body.encode()))
    dup3 = header.replace("commune_code", "commune_code,Mã xã", 1)
    body = "\n".join([dup3, *(r.split(",", 1)[0] + "," + r for r in rows)]) + "\n"
    out.append(Hostile("duplicate-column", "trung-ma-xa.csv", body.encode()))
    long_cells = {"truong-200k": 200_000, "truong-40k": 40_000, "truong-132k": 131_073}
    for label, size in long_cells.items():
        body = "\n".join([header, rows[0].replace("Xã Đắk Cấm", "X" * size, 1), *rows[1:]])
        out.append(Hostile("long-string", f"{label}.csv", body.encode()))
    wide_row = ",".join(["c"] * 400)
    out.append(
        Hostile("huge-row", "dong-400-cot.csv", ("\n".join([header, wide_row, *rows])).encode())
    )
    many = [rows[i % len(rows)] for i in range(25_000)]
    out.append(Hostile("huge-rows", "25000-dong.csv", ("\n".join([header, *many])).encode()))
    out.append(Hostile("huge-row", "mot-dong-rat-dai.csv", ("a," * 300_000).encode()))
    out.append(
        Hostile("quotes", "ngoac-kep-mo.csv", (header + '\n"23311,Xã,' + "\n".join(rows)).encode())
    )
    out.append(
        Hostile(
            "quotes",
            "ngoac-kep-lech.csv",
            ("\n".join([header, *(r.replace(",", '","', 2) for r in rows)])).encode(),
        )
    )
    out.append(Hostile("nul", "co-nul.csv", text.replace("\n", "\x00\n", 5).encode()))
    out.append(Hostile("empty", "trong.csv", b""))
    out.append(Hostile("empty", "chi-tieu-de.csv", (header + "\n").encode()))
    out.append(Hostile("empty", "chi-dau-phay.csv", b",,,,\n,,,\n"))
    out.append(Hostile("empty", "chi-khoang-trang.csv", b"   \n\t\n  \n"))
    return out


def _dimension(ref: str, cell: str | None = None) -> Callable[[bytes], bytes]:
    def edit(xml: bytes) -> bytes:
        xml = re.sub(rb'<dimension ref="[^"]*"', f'<dimension ref="{ref}"'.encode(), xml, count=1)
        if cell is not None:
            row = re.sub(r"[A-Z]", "", cell)
            extra = f'<row r="{row}"><c r="{cell}"><v>1</v></c></row></sheetData>'
            xml = xml.replace(b"</sheetData>", extra.encode(), 1)
        return xml

    return edit


def dimension_bombs(base: bytes) -> list[Hostile]:
    cases = {
        "khai-bao-XFD1048576": ("A1:XFD1048576", None),
        "o-XFD1048576": ("A1:XFD1048576", "XFD1048576"),
        "o-that-XFD1048576-khai-bao-nho": ("A1:B2", "XFD1048576"),
        "o-that-A1048576": ("A1:A2", "A1048576"),
        "khai-bao-KN1048576": ("A1:KN1048576", None),
        "khai-bao-ZZ30000": ("A1:ZZ30000", None),
        "khai-bao-mot-o-XFD1": ("XFD1", None),
        "o-that-ZZZ1": ("A1:C3", "ZZZ1"),
    }
    return [
        Hostile(
            "dimension-bomb", f"bom-kich-thuoc-{label}.xlsx", _in_sheet(base, _dimension(*args))
        )
        for label, args in cases.items()
    ]


def ods_bomb(rows: int, columns: int) -> bytes:
    """An OpenDocument sheet whose one value cell repeats ``columns`` times on ``rows`` rows."""
    cell = (
        f'<table:table-cell table:number-columns-repeated="{columns}" '
        'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell>'
    )
    content = (
        '<?xml version="1.0" encoding="UTF-8"?><office:document-content '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body>'
        '<office:spreadsheet><table:table table:name="Dữ liệu">'
        f'<table:table-row table:number-rows-repeated="{rows}">{cell}</table:table-row>'
        "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        book.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _streamed_part(base: bytes, part: str, head: bytes, fill: int, tail: bytes) -> bytes:
    """The workbook with ``part`` replaced by head + ``fill`` bytes of 'A' + tail, deflated as
    it is written (never held whole): a small file that inflates to ``fill`` bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != part:
                dst.writestr(info.filename, src.read(info), zipfile.ZIP_DEFLATED)
        target = zipfile.ZipInfo(part)
        target.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(target, "w", force_zip64=True) as handle:
            handle.write(head)
            chunk = b"A" * (1 << 20)
            for _ in range(fill >> 20):
                handle.write(chunk)
            handle.write(tail)
    return out.getvalue()


def zip_bombs(base: bytes) -> list[Hostile]:
    strings = b'<?xml version="1.0"?><sst xmlns="' + MAIN + b'" count="1"><si><t>'
    end = b"</t></si></sst>"
    part = _entry_part(base)
    sheet_head = (
        b'<?xml version="1.0"?><worksheet xmlns="' + MAIN + b'"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>'
    )
    sheet_end = b"</t></is></c></row></sheetData></worksheet>"
    return [
        Hostile(
            "zip-bomb",
            "bom-nen-chuoi-300MB.xlsx",
            _streamed_part(base, "xl/sharedStrings.xml", strings, 300 << 20, end),
            True,
        ),
        Hostile(
            "zip-bomb",
            "bom-nen-trang-150MB.xlsx",
            _streamed_part(base, part, sheet_head, 150 << 20, sheet_end),
            True,
        ),
        Hostile(
            "zip-bomb",
            "bom-nen-ty-le-60MB.xlsx",
            _streamed_part(base, part, sheet_head, 60 << 20, sheet_end),
            True,
        ),
        Hostile(
            "long-string",
            "chuoi-dai-2MB.xlsx",
            _streamed_part(base, "xl/sharedStrings.xml", strings, 2 << 20, end),
            True,
        ),
    ]


def xml_damage(base: bytes) -> list[Hostile]:
    part = _entry_part(base)
    out = []
    edits: dict[str, Callable[[bytes], bytes]] = {
        "xml-cat-doi": lambda x: x[: len(x) // 2],
        "xml-the-mo": lambda x: x.replace(b"</sheetData>", b"<row>", 1),
        "xml-ky-tu-la": lambda x: x.replace(b"<sheetData>", b"<sheetData>\x01\x02\xff", 1),
        "xml-thuc-the": lambda x: (
            b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
            b'<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
            + x.split(b"?>", 1)[-1].replace(
                b"<sheetData>",
                b'<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&c;</t></is></c></row>',
                1,
            )
        ),
        "xml-rong": lambda x: b"",
        "xml-khong-phai-xml": lambda x: b"khong phai xml",
        "xml-o-am": lambda x: x.replace(b' r="A', b' r="A-', 3),
        "xml-o-so-0": lambda x: x.replace(b' r="A', b' r="A0', 2),
        "xml-kieu-la": lambda x: x.replace(b't="s"', b't="zz"', 5),
        "xml-chi-so-chuoi-lon": lambda x: re.sub(
            rb'(t="s"[^>]*><v>)\d+', rb"\g<1>999999999", x, count=3
        ),
    }
    for label, edit in edits.items():
        out.append(Hostile("broken-xml", f"{label}.xlsx", _in_sheet(base, edit)))
    drops = ["xl/workbook.xml", "xl/sharedStrings.xml", "xl/styles.xml", "[Content_Types].xml",
             "xl/_rels/workbook.xml.rels", part]  # fmt: skip
    for i, name in enumerate(drops):
        data = _rezip(base, lambda n, d, drop=name: None if n == drop else d)
        out.append(Hostile("missing-part", f"thieu-phan-{i}.xlsx", data))
    traversal = [("../../../etc/passwd", b"root"), ("/tuyet-doi.txt", b"x"),
                 ("..\\..\\win.ini", b"x"),
                 ("xl/../../ra-ngoai.xml", b"<a/>")]  # fmt: skip
    for i, extra in enumerate(traversal):
        out.append(
            Hostile(
                "path-traversal", f"ten-thanh-phan-{i}.xlsx", _rezip(base, lambda n, d: d, [extra])
            )
        )
    link = (b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            b'<externalBook r:id="rId1" xmlns:r="' + OFFICE_REL + b'"/>'
            b"</externalLink>")  # fmt: skip
    rels = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            b'<Relationship Id="rId1" Type="' + OFFICE_REL + b'/externalLinkPath" '
            b'Target="file:///C:/bi-mat.xlsx" TargetMode="External"/></Relationships>')  # fmt: skip
    parts = [("xl/externalLinks/externalLink1.xml", link),
             ("xl/externalLinks/_rels/externalLink1.xml.rels", rels)]  # fmt: skip
    out.append(Hostile("external-link", "lien-ket-ngoai.xlsx", _rezip(base, lambda n, d: d, parts)))
    return out


def workbook_variants(base: bytes) -> list[Hostile]:
    """Cells and sheets a person (or a macro) can make in Excel."""
    values: dict[str, object] = {
        "cong-thuc": "=1+1", "cong-thuc-lien-ket": "='[1]Trang 1'!A1",
        "cong-thuc-dde": "=cmd|' /C calc'!A0",
        "hyperlink": '=HYPERLINK("http://vi-du.vn","x")', "nan": float("nan"), "inf": float("inf"),
        "am-inf": float("-inf"), "1e308": 1e308, "am-1e308": -1e308, "ngay": datetime(2024, 1, 5),
        "gio": datetime(2024, 1, 5, 13, 30), "so-rat-nho": 5e-324, "chuoi-so": "1e309",
        "chuoi-40k": "X" * 40_000, "so-am": -1, "so-lon": 10**15, "bool": True,
    }  # fmt: skip
    out = [
        Hostile("cell-value", f"o-{label}.xlsx", _workbook(base, _cell_edit(value)))
        for label, value in values.items()
    ]

    def merge(ref: str) -> Callable[[object], None]:
        return lambda book: book[ENTRY_SHEET].merge_cells(ref)

    for i, ref in enumerate(["A1:D8", "E9:Z40", "A9:A200", "B5:XFD5"]):
        out.append(Hostile("merged", f"gop-o-{i}.xlsx", _workbook(base, merge(ref))))

    def hide(state: str) -> Callable[[object], None]:
        def edit(book) -> None:
            book.create_sheet("Trang đầu", 0)
            book[ENTRY_SHEET].sheet_state = state

        return edit

    out.append(Hostile("hidden-sheet", "trang-an.xlsx", _workbook(base, hide("hidden"))))
    out.append(Hostile("hidden-sheet", "trang-an-sau.xlsx", _workbook(base, hide("veryHidden"))))

    def duplicate(book) -> None:
        sheet = book[ENTRY_SHEET]
        first = next(c for c in sheet[CODE_ROW] if c.value)
        sheet.cell(CODE_ROW, sheet.max_column + 1, first.value)

    out.append(Hostile("duplicate-column", "trung-cot.xlsx", _workbook(base, duplicate)))

    def renamed(book) -> None:
        book[ENTRY_SHEET].title = "Sheet1"

    out.append(Hostile("sheet-name", "doi-ten-trang.xlsx", _workbook(base, renamed)))

    def empty_sheets(book) -> None:
        for sheet in list(book.worksheets):
            book.remove(sheet)
        book.create_sheet("Trống")

    out.append(Hostile("empty", "khong-trang-du-lieu.xlsx", _workbook(base, empty_sheets)))
    return out


def damaged(base: bytes, texts: dict[str, str], rng: random.Random) -> list[Hostile]:
    """Truncated and byte-flipped copies: of the template and of the CSV files."""
    out = []
    for i in range(40):
        cut = rng.randrange(1, len(base))
        out.append(Hostile("truncated", f"cat-{i:02d}.xlsx", base[:cut]))
    for i in range(70):
        data = bytearray(base)
        for _ in range(rng.choice([1, 2, 4, 16, 64])):
            data[rng.randrange(len(data))] = rng.randrange(256)
        out.append(Hostile("byte-flip", f"lat-byte-{i:02d}.xlsx", bytes(data)))
    for i, text in enumerate(texts.values()):
        data = text.encode()
        for j in range(3):
            out.append(
                Hostile("truncated", f"csv-cat-{i}-{j}.csv", data[: rng.randrange(1, len(data))])
            )
            flipped = bytearray(data)
            for _ in range(8):
                flipped[rng.randrange(len(flipped))] = rng.randrange(256)
            out.append(Hostile("byte-flip", f"csv-lat-{i}-{j}.csv", bytes(flipped)))
    return out


def garbage(base: bytes, rng: random.Random) -> list[Hostile]:
    out = []
    for suffix in (".csv", ".xlsx", ".xls", ".xlsm", ".xlsb", ".ods"):
        for size in (1, 100, 5_000, 200_000):
            out.append(Hostile("garbage", f"rac-{size}{suffix}", rng.randbytes(size)))
        out.append(Hostile("empty", f"rong{suffix}", b""))
    png = b"\x89PNG\r\n\x1a\n" + rng.randbytes(500)
    out.append(Hostile("disguised", "anh.xlsx", png))
    out.append(
        Hostile(
            "disguised", "tai-lieu.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rng.randbytes(2000)
        )
    )
    out.append(Hostile("disguised", "bang-tinh.csv", base))
    out.append(Hostile("disguised", "van-ban.xlsx", b"commune_code,tc1\n23311,1\n"))
    odf = io.BytesIO()
    with zipfile.ZipFile(odf, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", "<khong-dung/>")
    out.append(Hostile("disguised", "ods-hong.ods", odf.getvalue()))
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as z:
        for i in range(5):
            z.writestr(f"tep-{i}.txt", rng.randbytes(100))
    out.append(Hostile("disguised", "nen-khac.xlsx", other.getvalue()))
    encrypted = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\x00" * 504
        + b"EncryptedPackage"
        + rng.randbytes(3000)
    )
    out.append(Hostile("disguised", "co-mat-khau.xlsx", encrypted))
    return out


def odd_names(texts: dict[str, str], base: bytes) -> list[Hostile]:
    good = texts["criteria-2020.csv"].encode()
    names = ["../../etc/passwd.csv", "..\\..\\windows\\so-lieu.csv", "/etc/so-lieu.csv",
             "a/b/c/so-lieu.csv", "so lieu (1).csv", "SO-LIEU.CSV", "so-lieu.csv.exe",
             "so-lieu", ".csv", "so-lieu.pdf", "so-lieu.docx", "so-lieu.json", "x" * 300 + ".csv",
             "tên-tiếng-việt-ĐẮK.csv", "ten\u202egpj.csv", "con.csv", "so-lieu.CsV"]  # fmt: skip
    out = [Hostile("name", name, good) for name in names]
    out += [
        Hostile("name", n, base) for n in ("../mau.xlsx", "mau.XLSX", "mau.xlsx.csv", "mau.xls")
    ]
    return out


def build(seed: int = SEED) -> list[Hostile]:
    """Every hostile file but the bombs, the same on every run for a seed."""
    rng = random.Random(seed)
    base = template_bytes()
    texts = {name: (FIXTURES / name).read_text(encoding="utf-8") for name in CSV_FILES}
    files = [Hostile("base", "mau-nhap-lieu.xlsx", base)]
    files += csv_variants(texts)
    files += csv_contents(texts["criteria-2020.csv"], rng)
    files += dimension_bombs(base)
    files += xml_damage(base)
    files += workbook_variants(base)
    files += damaged(base, texts, rng)
    files += garbage(base, rng)
    files += odd_names(texts, base)
    return files


def build_bombs() -> list[Hostile]:
    """The zip bombs: small files inflating to 60–300 MB (slow to make, not to refuse)."""
    return zip_bombs(template_bytes())


@functools.cache
def cached() -> list[Hostile]:
    """The corpus, made once per process (the CLI and web tests share it)."""
    return build()


@functools.cache
def cached_bombs() -> list[Hostile]:
    return build_bombs()
