"""The text of a report file: .txt (UTF-8 or UTF-16), .docx (python-docx), .pdf (``pdftotext``).

Every failure is a ``ReportUnreadable`` with a Vietnamese message naming the file.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx

_LIMIT = 50 * 1024 * 1024  # a narrative report is a few hundred kilobytes; refuse a flood


# pdftotext breaks every line at the page's width; a line that does not end a sentence goes on
# in the next one (a blank line between them too, where a footnote mark stood).
_WRAPPED = re.compile(r"(?<![.:;!?…])[ \t]*\n(?:[ \t]*\n)?(?=[^\n])")


class ReportUnreadable(Exception):
    pass


def _txt(path: Path) -> str:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReportUnreadable(f"{path.name}: không đọc được chữ (cần mã UTF-8)")


def _docx(path: Path) -> str:
    try:
        document = docx.Document(str(path))
    except Exception as exc:
        # A hostile or broken file fails python-docx in many ways (a bad zip, a missing part,
        # lxml's syntax errors, an AttributeError on a malformed [Content_Types].xml): each
        # means the same to the person, and none may stop the web with a server error.
        raise ReportUnreadable(f"{path.name}: không phải tệp Word .docx hợp lệ") from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        lines += [" | ".join(cell.text for cell in row.cells) for row in table.rows]
    return "\n".join(lines)


def _pdf(path: Path) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        raise ReportUnreadable("cần chương trình pdftotext (gói poppler-utils) để đọc tệp PDF")
    try:
        done = subprocess.run(
            [tool, "-enc", "UTF-8", "-nopgbrk", str(path), "-"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ReportUnreadable(f"{path.name}: đọc PDF quá 60 giây, đã dừng") from exc
    if done.returncode != 0:
        raise ReportUnreadable(f"{path.name}: không phải tệp PDF đọc được")
    return _WRAPPED.sub(" ", done.stdout.decode("utf-8", errors="replace"))


def report_text(path: Path) -> str:
    if not path.is_file():
        raise ReportUnreadable(f"{path}: không có tệp này")
    if path.stat().st_size > _LIMIT:
        raise ReportUnreadable(f"{path.name}: tệp lớn hơn 50 MB, không đọc")
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _docx(path)
    if suffix == ".pdf":
        return _pdf(path)
    if suffix in (".txt", ".md", ""):
        return _txt(path)
    raise ReportUnreadable(f"{path.name}: chỉ đọc được tệp .txt, .docx hoặc .pdf")
