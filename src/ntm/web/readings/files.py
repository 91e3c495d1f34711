"""A report's file: checked by its content before anything is kept, and read into figures.

The kinds are the reader's (``ntm.reports.reading.source``): .txt, .docx, .pdf. A .docx or .pdf
must really be one (the evidence files' checks: the real type by ``filetype`` and a look
inside); a .txt must be text (no known binary type, UTF-8 or UTF-16 with its mark). The
reading is kept in the cache under the file's hash and the reader's own code, so a page never
reads the same file twice and an improved reader reads it again.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path, PurePosixPath

import filetype
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ntm.formatting import number
from ntm.io.limits import LIMITS, megabytes
from ntm.reports import reading as reading_package
from ntm.reports.reading import ReportReading, read_report_text
from ntm.reports.reading.source import ReportUnreadable, report_text
from ntm.web.assessments.evidence import DOCX, content_matches
from ntm.web.readmodel.cache import cached

KINDS = {".txt": "text/plain; charset=utf-8", ".docx": DOCX, ".pdf": "application/pdf"}


def _reader_digest() -> str:
    """The reader's code, hashed: part of every reading's key (a new reader reads again)."""
    folder = Path(reading_package.__file__).parent
    code = hashlib.sha256()
    for path in sorted(folder.glob("*.py")):
        code.update(path.read_bytes())
    return code.hexdigest()[:16]


READER = _reader_digest()


def upload_content(upload: UploadedFile, name: str) -> bytes:
    """The upload's bytes when its kind, size and content are those of a report it can read;
    else ``ReportUnreadable`` with a Vietnamese message naming the file."""
    ext = PurePosixPath(name).suffix.lower()
    if ext not in KINDS:
        raise ReportUnreadable(_("%(name)s: chỉ nhận tệp .txt, .docx hoặc .pdf") % {"name": name})
    if (upload.size or 0) > LIMITS.max_upload:
        raise ReportUnreadable(
            _("%(name)s: tệp lớn hơn %(limit)s, không nhận")
            % {"name": name, "limit": megabytes(LIMITS.max_upload)}
        )
    content = upload.read(LIMITS.max_upload + 1)
    upload.seek(0)
    if not content.strip():
        raise ReportUnreadable(_("%(name)s: tệp rỗng") % {"name": name})
    if len(content) > LIMITS.max_upload:
        raise ReportUnreadable(
            _("%(name)s: tệp lớn hơn %(limit)s, không nhận")
            % {"name": name, "limit": megabytes(LIMITS.max_upload)}
        )
    if ext == ".txt":
        _check_text(name, content)
    elif not content_matches(ext, content):
        raise ReportUnreadable(
            _("%(name)s: nội dung không phải tệp %(ext)s hợp lệ") % {"name": name, "ext": ext}
        )
    elif ext == ".docx":
        _check_zip(name, content)
    return content


def _check_zip(name: str, content: bytes) -> None:
    """A .docx is unzipped whole by python-docx: its parts' declared sizes (which bound what
    ``zipfile`` gives back) must stay within the limits spreadsheets have (``ntm.io.limits``)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        infos = archive.infolist()
    if sum(i.file_size for i in infos) > LIMITS.max_decompressed:
        raise ReportUnreadable(
            _("%(name)s: sau khi giải nén tệp lớn hơn %(limit)s, không nhận")
            % {"name": name, "limit": megabytes(LIMITS.max_decompressed)}
        )
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > 1024 * 1024 and ratio > LIMITS.max_ratio:
            raise ReportUnreadable(
                _("%(name)s: một phần của tệp nén %(ratio)s lần, dấu hiệu tệp nén độc hại")
                % {"name": name, "ratio": number(round(ratio))}
            )


def _check_text(name: str, content: bytes) -> None:
    kind = filetype.guess(content)
    if kind is not None:
        raise ReportUnreadable(
            _("%(name)s: nội dung là tệp .%(kind)s, không phải văn bản .txt")
            % {"name": name, "kind": kind.extension}
        )
    # Any even number of bytes decodes as UTF-16: only a text with its byte-order mark is taken.
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReportUnreadable(
            _("%(name)s: không đọc được chữ (cần mã UTF-8), lỗi ở byte %(at)s")
            % {"name": name, "at": exc.start}
        ) from exc


def read_file(path: Path, name: str) -> ReportReading:
    """The figures of the report at ``path``; ``ReportUnreadable`` naming ``name`` when it has
    no text (a scanned PDF) or none of the figures the reader knows."""
    try:
        text = report_text(path)
    except ReportUnreadable as exc:
        # The reader names the file on disk; the person knows it by their own name.
        raise ReportUnreadable(str(exc).replace(path.name, name, 1)) from exc
    if not text.strip():
        raise ReportUnreadable(
            _("%(name)s: không có chữ nào đọc được (tệp PDF quét thành ảnh?)") % {"name": name}
        )
    reading = read_report_text(text)
    if not has_figures(reading):
        raise ReportUnreadable(
            _(
                "%(name)s: không tìm thấy số liệu nào đọc được (tổng số xã, số xã đạt chuẩn, "
                "nhóm xã, bình quân tiêu chí, từng tiêu chí, nguồn vốn, sản phẩm OCOP)"
            )
            % {"name": name}
        )
    return reading


def has_figures(r: ReportReading) -> bool:
    singles = (r.communes_total, r.recognised, r.avg_criteria, r.funding_total)
    many = (r.bands, r.criteria, r.funding_sources, r.ocop_by_stars, r.ocop_at_least)
    return any(f is not None for f in singles) or any(many)


def reading_of(*, path: Path, sha256: str, name: str) -> tuple[ReportReading, bool]:
    """The stored file's reading, from the cache when this reader read the same bytes."""
    return cached(f"ntm:reading:{READER}:{sha256}", lambda: read_file(path, name))


def guess_year(r: ReportReading) -> int | None:
    """The year the report is of, as its text names it: the year of its recognised count, else
    the latest year of a count of recognised communes, else of a stated average."""
    if r.recognised is not None and r.recognised.year:
        return r.recognised.year
    years = [f.year for f in (*r.recognised_by_year, *r.averages) if f.year]
    return max(years) if years else None
