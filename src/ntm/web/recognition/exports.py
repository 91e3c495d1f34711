"""The workflow's lists as spreadsheets (``?export=xlsx``), with each step's deadline."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font

from ntm.web.dashboards.exports import xlsx_response
from ntm.web.recognition.models import Submission


def _days_left(s: Submission) -> int | None:
    return None if s.step_due is None else (s.step_due - timezone.localdate()).days


def _row(s: Submission, criteria: Iterable[int] | None) -> list[Any]:
    row: list[Any] = [
        s.unit.code, s.unit.name, s.unit.district_name or "", s.get_tier_display(), s.period.year,
        s.get_state_display(), s.step_due, _days_left(s),
    ]  # fmt: skip
    if criteria is not None:
        row.append(", ".join(str(n) for n in criteria))
    return row


def deadlines_xlsx(
    *, title: str, rows: Iterable[tuple[Submission, Iterable[int] | None]], filename: str
) -> HttpResponse:
    """One sheet: a row per dossier, its step's deadline as a date and the days left."""
    wb = Workbook()
    ws = wb.worksheets[0]
    ws.title = title[:31]
    ws.cell(row=1, column=1, value=title).font = Font(bold=True, size=13)
    headers = [_("Mã xã"), _("Xã"), _("Huyện"), _("Hạng"), _("Năm"), _("Trạng thái"),
               _("Hạn xử lý"), _("Số ngày còn lại")]  # fmt: skip
    listed = list(rows)
    if listed and listed[0][1] is not None:
        headers.append(_("Tiêu chí cần thẩm tra"))
    for j, header in enumerate(headers, start=1):
        ws.cell(row=3, column=j, value=header).font = Font(bold=True)
    for i, (s, criteria) in enumerate(listed, start=4):
        for j, value in enumerate(_row(s, criteria), start=1):
            cell = ws.cell(row=i, column=j, value=value)
            if j == 7:
                cell.number_format = "dd/mm/yyyy"
    buffer = io.BytesIO()
    wb.save(buffer)
    return xlsx_response(buffer.getvalue(), filename)
