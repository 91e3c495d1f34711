"""The report of a period, from the database, through the same report package as ``ntm report``."""

from __future__ import annotations

import io
import tempfile
import zipfile
from pathlib import Path

from ntm.reports import ReportData, Scope, build_figures
from ntm.reports.document import Issuer, document_context
from ntm.reports.writer import OUTPUTS, write_report
from ntm.web.accounts.scope import Scope as UserScope
from ntm.web.assessments.models import Period
from ntm.web.assessments.selectors import period_communes, period_evaluation
from ntm.web.units.models import Unit


def _baseline(period: Period, scope: UserScope) -> Period | None:
    """The province's latest earlier period under the same regime, if any (e.g. 2015 for 2020)."""
    earlier = Period.objects.filter(
        regime=period.regime, province_code=period.province_code, year__lt=period.year
    ).order_by("-year")
    return next((p for p in earlier if scope.can_read_period(p)), None)


def commune_scope(scope: UserScope, units: list[Unit]) -> Scope | None:
    """A commune officer's report is the report of their commune, titled as such (issue #14.4):
    never a province's report of one commune. None for a user who reads beyond one commune."""
    if scope.read_all or scope.offices or scope.reviews or len(units) != 1:
        return None
    u = units[0]
    return Scope("commune", u.code, u.name, u.province_code, u.province_name)


def period_report_zip(*, period: Period, scope: UserScope) -> bytes:
    """report.docx, phu-luc.xlsx, report.json and report.md of the communes the user may read."""
    units = list(period_communes(period=period, scope=scope))
    evaluation = period_evaluation(period=period, units=units)
    base = _baseline(period, scope)
    base_eval = None
    if base is not None:
        base_eval = period_evaluation(
            period=base, units=list(period_communes(period=base, scope=scope))
        )
    where = commune_scope(scope, units) or Scope(
        "province", period.province_code, period.province_name, period.province_code,
        period.province_name)  # fmt: skip
    data = ReportData(evaluation, where, base_eval, sources=["cơ sở dữ liệu ntm"])
    fig = build_figures(data)
    context = document_context(fig, Issuer())
    buffer = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="ntm-report-") as tmp:
        write_report(fig, context, Path(tmp) / "out")
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for name in OUTPUTS:
                archive.write(Path(tmp) / "out" / name, name)
    return buffer.getvalue()
