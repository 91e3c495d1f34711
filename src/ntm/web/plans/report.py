"""The report the office sends, from the web: its stored settings and final narrative sections
and the plan targets' progress, placed in the files ``dashboard_report_file`` serves."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ntm.formatting import number
from ntm.reports.document import Issuer, document_context
from ntm.reports.fields import FieldError, fill, report_fields
from ntm.reports.figures import ReportFigures
from ntm.reports.narrative import Section, render_sections, write_office_report
from ntm.reports.settings import SECTIONS, ReportSettings, office_context
from ntm.web.assessments.models import Period
from ntm.web.plans.models import NarrativeSection, ReportSetting, State
from ntm.web.public.selectors import Rollups, TargetRow, target_rows


def period_settings(period: Period) -> ReportSettings:
    """The stored settings (the province's Tỉnh ủy when none), dated the stored date or, when
    none is kept, the last day of the report's year — never the day it is downloaded."""
    row = ReportSetting.objects.filter(period=period).first()
    final = dict(
        NarrativeSection.objects.filter(period=period, state=State.FINAL).values_list(
            "section", "text"
        )
    )
    if row is None:
        return ReportSettings(date=dt.date(period.year, 12, 31), sections=final)
    recipients = tuple(r.strip() for r in row.recipients.splitlines() if r.strip())
    return ReportSettings(
        issuer=row.issuer,
        number=row.number,
        place=row.place,
        date=row.date or dt.date(period.year, 12, 31),
        title=row.title,
        signer_title=row.signer_title,
        signer=row.signer,
        recipients=recipients,
        sections=final,
    )


def target_line(row: TargetRow) -> str:
    t = row.target
    plan = f" ({t.plan})" if t.plan else ""
    now = "chưa có số liệu"
    if row.current is not None:
        now = f"{number(row.current)} (năm {row.current_year})"
    return (
        f"{row.name}: mục tiêu {row.goal} đến năm {t.year}{plan}; hiện đạt {now}: "
        f"{row.progress.group_label.lower()}."
    )


def _sections(period: Period, fig: ReportFigures, office: ReportSettings) -> list[Section]:
    """Final sections filled; a field the data cannot fill is written as its Vietnamese error
    (a section saved before the set changed), never a failed download."""
    fields = report_fields(fig)
    texts = {}
    for key, text in office.sections.items():
        try:
            fill(text, fields)
            texts[key] = text
        except FieldError as exc:
            texts[key] = f"({SECTIONS[key]}: {exc})".replace("{{", "«").replace("}}", "»")
    rows = target_rows(regime=period.regime, province_code=period.province_code, rollups=Rollups())
    return render_sections(texts, fields, targets=[target_line(r) for r in rows])


def office_report_write(*, period: Period, fig: ReportFigures, out: Path, part: bool) -> None:
    """The four files with the office's settings. A district's or a commune's report (``part``)
    keeps its own issuer, dated as the province's, without the province's sections."""
    office = period_settings(period)
    if part:
        context = document_context(fig, Issuer(date=office.date))
        write_office_report(fig, context, out, [])
        return
    context = office_context(fig, office.issuer_for(fig.province_name), office)
    write_office_report(fig, context, out, _sections(period, fig, office))
