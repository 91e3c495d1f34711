"""Spreadsheets from a declarative column spec: the audit trail as .xlsx."""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from ntm.web.audit.models import AuditEntry

COLUMNS: list[tuple[str, Callable[[AuditEntry], object]]] = [
    ("Thời điểm", lambda e: timezone.localtime(e.at).strftime("%d/%m/%Y %H:%M:%S")),
    ("Tài khoản", lambda e: e.username),
    ("Mã xã", lambda e: e.unit_code),
    ("Xã", lambda e: e.unit_name),
    ("Năm", lambda e: e.year),
    ("Loại", lambda e: e.get_kind_display()),
    ("Chỉ tiêu/tiêu chí", lambda e: e.target),
    ("Giá trị cũ", lambda e: e.old),
    ("Giá trị mới", lambda e: e.new),
    ("Qua", lambda e: e.get_channel_display()),
    ("Phiên bản", lambda e: e.version),
]


def audit_xlsx_response(entries: Iterable[AuditEntry], filename: str) -> HttpResponse:
    wb = Workbook()
    ws = wb.worksheets[0]  # a new workbook's one sheet (``active`` may be None to mypy)
    ws.title = "Nhật ký"
    ws.append([title for title, _ in COLUMNS])
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for entry in entries:
        ws.append([str(get(entry)) if get(entry) is not None else "" for _, get in COLUMNS])
    buffer = io.BytesIO()
    wb.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
