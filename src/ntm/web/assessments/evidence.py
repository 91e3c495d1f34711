"""Evidence files: limited in size and to the document and image types offices use."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Assessment, Evidence

# Extension → (content type, first bytes). Office files are ZIP containers.
ALLOWED: dict[str, tuple[str, bytes]] = {
    ".pdf": ("application/pdf", b"%PDF"),
    ".png": ("image/png", b"\x89PNG"),
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        b"PK\x03\x04",
    ),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK\x03\x04"),
}


def evidence_add(
    *, user: Any, scope: Scope, assessment: Assessment, upload: UploadedFile, indicator: str = ""
) -> Evidence:
    if not scope.can_write_any(assessment.unit, assessment.period):
        raise PermissionDenied
    name = Path(upload.name or "tep").name
    ext = Path(name).suffix.lower()
    if ext not in ALLOWED:
        kinds = ", ".join(sorted(ALLOWED))
        raise ValidationError(
            f"Loại tệp {ext or '(không có đuôi)'} không được nhận. Chỉ nhận: {kinds}"
        )
    if upload.size and upload.size > settings.NTM_EVIDENCE_MAX_BYTES:
        limit = settings.NTM_EVIDENCE_MAX_BYTES // (1024 * 1024)
        raise ValidationError(f"Tệp quá lớn: tối đa {limit} MB")
    content_type, magic = ALLOWED[ext]
    head = upload.read(len(magic))
    upload.seek(0)
    if head != magic:
        raise ValidationError(f"Nội dung tệp {name} không đúng định dạng {ext}")
    with transaction.atomic():
        return Evidence.objects.create(
            assessment=assessment, indicator=indicator, file=upload, filename=name,
            content_type=content_type, size=upload.size or 0, uploaded_by=user,
        )  # fmt: skip
