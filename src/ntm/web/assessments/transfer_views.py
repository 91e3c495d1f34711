"""Upload (preview, then commit) and export of the period's Excel template."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ntm.io.errors import ImportFailed
from ntm.web.assessments.access import get_period, request_scope
from ntm.web.assessments.forms import UploadForm
from ntm.web.assessments.models import ImportBatch
from ntm.web.assessments.selectors import period_communes
from ntm.web.assessments.transfer import assessments_import, template_export, upload_read

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, period_id: int) -> HttpResponse:
    period = get_period(request, period_id)
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
            context["batch"] = ImportBatch.objects.create(
                period=period, user=request.user, filename=upload.name, content=content
            )
        except ImportFailed as failed:
            context["problems"] = failed.problems
    status = 400 if context.get("problems") else 200
    return render(request, "assessments/import.html", context, status=status)


@login_required
@require_POST
def import_commit(request: HttpRequest, period_id: int, batch_id: int) -> HttpResponse:
    period = get_period(request, period_id)
    batch = get_object_or_404(ImportBatch, pk=batch_id, period=period, committed_at=None)
    if batch.user_id != request.user.pk:
        raise PermissionDenied
    try:
        inputs = upload_read(period=period, filename=batch.filename, content=bytes(batch.content))
        plan = assessments_import(
            user=request.user, scope=request_scope(request), period=period, inputs=inputs,
            filename=batch.filename, dry_run=False,
        )  # fmt: skip
    except ImportFailed as failed:
        context = {"period": period, "form": UploadForm(), "problems": failed.problems}
        return render(request, "assessments/import.html", context, status=400)
    ImportBatch.objects.filter(pk=batch.pk).update(committed_at=timezone.now(), content=b"")
    messages.success(request, _("Đã nhập %(n)d thay đổi.") % {"n": len(plan.changes)})
    return redirect("period", period_id=period.pk)


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
