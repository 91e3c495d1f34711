"""Evidence files: limited in size and to the document and image types offices use.

A file is judged by its content, not by its name: the real type (the ``filetype`` package) must
match the extension, and each kind is looked into (a PDF ends with %%EOF, a PNG has a sound IHDR
and an IEND, a JPEG a frame header and an end marker, an Office file the parts of its kind).
The stored name is made safe and short; the person's own name is kept for the download. A failed
upload leaves no file on disk.
"""

from __future__ import annotations

import io
import re
import secrets
import struct
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import PurePosixPath, PureWindowsPath
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Assessment, Evidence
from ntm.web.assessments.services import assessment_get_or_create

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ALLOWED: dict[str, str] = {
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".docx": DOCX,
    ".xlsx": XLSX,
}
FILENAME_MAX = 1000  # the person's own name, as kept (Evidence.filename)
STORED_STEM_MAX = 60  # the name on disk: safe characters only, short


def original_name(raw: str | None) -> str:
    """The name the person gave, without any folder part, NFC, bounded (suffix kept)."""
    text = unicodedata.normalize("NFC", raw or "")
    name = PureWindowsPath(PurePosixPath(text.replace("\x00", "")).name).name.strip()
    name = "".join(ch for ch in name if ch.isprintable()) or "tep"
    if len(name) > FILENAME_MAX:
        suffix = PurePosixPath(name).suffix[:20]
        name = name[: FILENAME_MAX - len(suffix)] + suffix
    return name


def stored_name(name: str) -> str:
    """A safe, short, unique name for the disk: ASCII letters, digits, '-' and '_'."""
    path = PurePosixPath(name)
    stem_text = path.stem.replace("đ", "d").replace("Đ", "D")  # no decomposition for these two
    ascii_stem = unicodedata.normalize("NFKD", stem_text).encode("ascii", "ignore").decode()
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", ascii_stem).strip("-_")[:STORED_STEM_MAX] or "tep"
    return f"{stem}-{secrets.token_hex(4)}{path.suffix.lower()}"


def evidence_add(
    *, user: Any, scope: Scope, assessment: Assessment, upload: UploadedFile, indicator: str = ""
) -> Evidence:
    if not scope.can_write_any(assessment.unit, assessment.period):
        raise PermissionDenied
    name = original_name(upload.name)
    ext = PurePosixPath(name).suffix.lower()
    if ext not in ALLOWED:
        kinds = ", ".join(sorted(ALLOWED))
        raise ValidationError(
            f"Loại tệp {ext or '(không có đuôi)'} không được nhận. Chỉ nhận: {kinds}"
        )
    if upload.size and upload.size > settings.NTM_EVIDENCE_MAX_BYTES:
        limit = settings.NTM_EVIDENCE_MAX_BYTES // (1024 * 1024)
        raise ValidationError(f"Tệp quá lớn: tối đa {limit} MB")
    content = upload.read(settings.NTM_EVIDENCE_MAX_BYTES + 1)
    upload.seek(0)
    if not content_matches(ext, content):
        raise ValidationError(f"Nội dung tệp {name} không đúng định dạng {ext}")
    return _evidence_store(
        user=user, assessment=assessment, upload=upload, name=name, ext=ext, indicator=indicator
    )


def _evidence_store(
    *, user: Any, assessment: Assessment, upload: UploadedFile, name: str, ext: str,
    indicator: str,
) -> Evidence:  # fmt: skip
    """Row and file together: if the row cannot be written, the file written is removed."""
    evidence = Evidence(indicator=indicator, filename=name, content_type=ALLOWED[ext],
                        size=upload.size or 0, uploaded_by=user)  # fmt: skip
    try:
        with transaction.atomic():
            if assessment.pk is None:  # the first write for this commune-period makes its row
                stored = assessment_get_or_create(unit=assessment.unit, period=assessment.period)
                assessment.pk, assessment.version = stored.pk, stored.version
            evidence.assessment = assessment
            evidence.file.save(stored_name(name), upload, save=False)
            evidence.save()
    except Exception:
        if evidence.file.name:
            evidence.file.storage.delete(evidence.file.name)
        raise
    return evidence


def content_matches(ext: str, content: bytes) -> bool:
    """Is ``content`` really a file of kind ``ext`` (the real type and a look inside)?"""
    kind = filetype.guess(content)
    if kind is None:
        return False
    # An Office file may be guessed as a plain zip: its parts are what tell (CHECKS).
    if kind.mime != ALLOWED[ext] and not (ext in (".docx", ".xlsx") and kind.extension == "zip"):
        return False
    return CHECKS[ext](content)


def _pdf(content: bytes) -> bool:
    return content.startswith(b"%PDF-") and b"%%EOF" in content[-2048:]


def _png(content: bytes) -> bool:
    # Signature, then the IHDR chunk (length 13, non-zero size, a known bit depth), then IEND.
    if len(content) < 8 + 25 + 12 or content[12:16] != b"IHDR":
        return False
    length, width, height, depth = struct.unpack(">I4xIIB", content[8:25])
    sane = length == 13 and 0 < width <= 100_000 and 0 < height <= 100_000
    return sane and depth in (1, 2, 4, 8, 16) and b"IEND" in content[-12:]


def _jpeg(content: bytes) -> bool:
    # A frame header (SOF0–SOF3, SOF5–SOF7, SOF9–SOF11, SOF13–SOF15) and an end-of-image marker.
    frames = (bytes([0xFF, m]) for m in range(0xC0, 0xD0) if m not in (0xC4, 0xC8, 0xCC))
    return any(f in content for f in frames) and b"\xff\xd9" in content[-1024:]


def _office(part: str) -> Callable[[bytes], bool]:
    def check(content: bytes) -> bool:
        try:
            with zipfile.ZipFile(io.BytesIO(content)) as archive:
                names = archive.namelist()
        except (zipfile.BadZipFile, ValueError, OSError):
            return False
        return "[Content_Types].xml" in names and any(n.startswith(part) for n in names)

    return check


CHECKS: dict[str, Callable[[bytes], bool]] = {
    ".pdf": _pdf,
    ".png": _png,
    ".jpg": _jpeg,
    ".jpeg": _jpeg,
    ".docx": _office("word/"),
    ".xlsx": _office("xl/"),
}
