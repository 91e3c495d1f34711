"""Who may use the provincial reports, and the two writes: upload and delete, each audited.

The central office (and the administrator) works on every province; a province's office on
its own (the regime of its assignment, or both when it names none). Reviewers and commune
officers have no access: these are the office's own documents.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from ntm.web.accounts.scope import Scope
from ntm.web.assessments.evidence import original_name, stored_name
from ntm.web.audit.models import AuditEntry, Channel, Kind
from ntm.web.readings.files import KINDS, guess_year, reading_of, upload_content
from ntm.web.readings.models import ProvinceReport
from ntm.web.units.models import Regime, Unit

AUDIT_KIND = Kind.REPORT
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Province:
    regime: str
    code: str
    name: str

    @property
    def key(self) -> str:
        return f"{self.regime}:{self.code}"

    @property
    def label(self) -> str:
        return f"{self.name} ({Regime(self.regime).label})"


def may_use(scope: Scope) -> bool:
    return scope.read_all or bool(scope.offices)


def may_use_province(scope: Scope, regime: str, code: str) -> bool:
    if scope.read_all:
        return True
    return any(a.province_code == code and a.regime in ("", regime) for a in scope.offices)


def _area_q(scope: Scope) -> Q:
    if scope.read_all:
        return Q()
    q = Q(pk__in=[])
    for area in scope.offices:
        q |= Q(province_code=area.province_code) & (Q(regime=area.regime) if area.regime else Q())
    return q


def provinces(*, scope: Scope) -> list[Province]:
    """The provinces the user may upload a report of (those with communes in ntm)."""
    rows = (
        Unit.objects.filter(_area_q(scope), level="commune")
        .values_list("regime", "province_code", "province_name")
        .distinct()
        .order_by("regime", "province_name", "province_code")
    )
    return [Province(*row) for row in rows]


def report_list(*, scope: Scope) -> QuerySet[ProvinceReport]:
    return ProvinceReport.objects.filter(_area_q(scope)).select_related("uploaded_by")


def _audit(user: Any, report: ProvinceReport, text: str, old: str = "") -> None:
    AuditEntry.of_office(
        user=user,
        regime=report.regime,
        province_code=report.province_code,
        province_name=report.province_name,
        period_id=0,
        year=report.year,
        kind=AUDIT_KIND,
        target=f"bc-{report.pk}",
        old=old,
        new=text,
        channel=Channel.FORM,
    ).save()


def report_upload(
    *, user: Any, scope: Scope, province: Province, year: int | None, upload: UploadedFile
) -> ProvinceReport:
    """Keeps the report when it can be read; otherwise ``ReportUnreadable`` (the file) or
    ``ValidationError`` (no year given nor named), and nothing is kept."""
    if not may_use_province(scope, province.regime, province.code):
        raise PermissionDenied
    name = original_name(upload.name)
    content = upload_content(upload, name)
    report = ProvinceReport(
        regime=province.regime,
        province_code=province.code,
        province_name=province.name,
        year=year or 0,
        filename=name,
        content_type=KINDS[PurePosixPath(name).suffix.lower()],
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
        uploaded_by=user,
    )
    report.file.save(stored_name(name), ContentFile(content), save=False)
    try:
        reading, _kept = reading_of(path=Path(report.file.path), sha256=report.sha256, name=name)
        report.year = year or guess_year(reading) or 0
        if not report.year:
            raise ValidationError(
                _("%(name)s: văn bản không nêu năm báo cáo, hãy nhập năm") % {"name": name}
            )
        with transaction.atomic():
            report.save()
            _audit(
                user,
                report,
                _("Tải lên báo cáo năm %(year)s: %(name)s") % {"year": report.year, "name": name},
            )
    except Exception:
        report.file.storage.delete(report.file.name or "")  # a refused upload leaves no file
        raise
    return report


def report_delete(*, user: Any, scope: Scope, report: ProvinceReport) -> None:
    if not may_use_province(scope, report.regime, report.province_code):
        raise PermissionDenied
    name = report.file.name
    with transaction.atomic():
        _audit(
            user,
            report,
            _("Xóa báo cáo năm %(year)s: %(name)s")
            % {"year": report.year, "name": report.filename},
        )
        report.delete()
    if name:
        # After the commit: a failed delete of the row keeps its file. A file that cannot be
        # removed (a disk error) is left behind and logged: the report itself is gone.
        try:
            report.file.storage.delete(name)
        except OSError:
            log.warning("provincial report file %s not deleted", name, exc_info=True)


def report_year_set(*, user: Any, scope: Scope, report: ProvinceReport, year: int) -> bool:
    """The year the report is of, corrected (ntm's side is read for that year); audited with
    the year it replaces. False when it was that year already."""
    if not may_use_province(scope, report.regime, report.province_code):
        raise PermissionDenied
    if report.year == year:
        return False
    old = report.year
    with transaction.atomic():
        report.year = year
        report.save(update_fields=["year"])
        _audit(
            user,
            report,
            _("Năm báo cáo %(year)s: %(name)s") % {"year": year, "name": report.filename},
            old=str(old),
        )
    return True
