"""Upload (preview, then commit) and export of the period's Excel template."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ntm.io.errors import ImportFailed
from ntm.web.assessments.access import get_period, request_scope
from ntm.web.assessments.forms import UploadForm
from ntm.web.assessments.imports import BatchCommitted, ImportConflict
from ntm.web.assessments.models import ImportBatch, Period
from ntm.web.assessments.selectors import period_communes
from ntm.web.assessments.transfer import (
    assessments_import,
    batch_commit,
    template_export,
    upload_read,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    if not request_scope(request).can_import(period):
        raise PermissionDenied  # reviewers and readers: separation of duties (docs/workflow.md)
    form = UploadForm(request.POST or None, request.FILES or None)
    context: dict = {"period": period, "form": form}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            inputs = upload_read(period=period, filename=upload.name, content=content)
            context["plan"] = assessments_import(
                user=request.user, scope=request_scope(request), period=period, inputs=inputs,
                filename=upload.name, dry_run=True,
            )  # fmt: skip
            assert isinstance(request.user, User)  # login_required: never the anonymous user
            context["batch"] = ImportBatch.objects.create(
                period=period, user=request.user, filename=upload.name, content=content,
                versions=context["plan"].versions,
            )  # fmt: skip
        except ImportFailed as failed:
            context["problems"] = failed.problems
    status = 400 if context.get("problems") else 200
    return render(request, "assessments/import.html", context, status=status)


@login_required
@require_POST
def import_commit(request: HttpRequest, period_id: int, batch_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    if not request_scope(request).can_import(period):
        raise PermissionDenied
    batch = get_object_or_404(ImportBatch, pk=batch_id, period=period)
    if batch.user_id != request.user.pk:
        raise PermissionDenied
    if batch.committed_at is not None:
        return _refused(request, period, _("Tệp này đã được ghi; không ghi lại lần nữa."), 409)
    try:
        inputs = upload_read(period=period, filename=batch.filename, content=bytes(batch.content))
        plan = batch_commit(
            user=request.user, scope=request_scope(request), batch=batch, inputs=inputs
        )
    except ImportFailed as failed:
        context = {"period": period, "form": UploadForm(), "problems": failed.problems}
        return render(request, "assessments/import.html", context, status=400)
    except BatchCommitted:
        return _refused(request, period, _("Tệp này đã được ghi; không ghi lại lần nữa."), 409)
    except ImportConflict as conflict:
        message = _(
            "Số liệu của các xã sau đã thay đổi sau khi xem trước: %(names)s. Không ghi gì; "
            "hãy tải tệp lên lại để xem trước lần nữa."
        ) % {"names": ", ".join(conflict.names)}
        return _refused(request, period, message, 409)
    messages.success(request, _("Đã nhập %(n)d thay đổi.") % {"n": len(plan.changes)})
    return redirect("period", period_id=period.pk)


def _refused(request: HttpRequest, period: Period, message: str, status: int) -> HttpResponse:
    context = {"period": period, "form": UploadForm(), "refusal": message}
    return render(request, "assessments/import.html", context, status=status)


@login_required
def export_template(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    units = list(period_communes(period=period, scope=request_scope(request)))
    with tempfile.TemporaryDirectory(prefix="ntm-export-") as tmp:
        path = template_export(period=period, units=units, path=Path(tmp) / "mau.xlsx")
        response = HttpResponse(path.read_bytes(), content_type=XLSX)
    name = f"ntm-{period.province_code}-{period.year}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
