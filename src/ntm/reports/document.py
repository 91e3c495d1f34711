"""What a document needs beyond the figures: who issues it, and every template variable.

``document_context`` gives the words a DOCX template is rendered with and the Markdown report
prints, ready for people; ``DocumentContext.template_variables`` is the mapping of template
variables (docs/report-template.md lists each one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, fields
from typing import Any

from ntm.formatting import date, decimal1, long_date
from ntm.reports import text
from ntm.reports.checks import NO_PROBLEM
from ntm.reports.content import PILOT_NOTE
from ntm.reports.figures import ReportFigures, figures_json

PARTY = "party"  # the other kind of issuer is "government"


def place_name(scope_name: str) -> str:
    """'Tỉnh Kon Tum' → 'Kon Tum'; 'Huyện Đăk Glei' → 'Đăk Glei'."""
    for prefix in ("Tỉnh ", "Thành phố ", "Huyện ", "Thị xã ", "Quận ", "Xã ", "Phường "):
        if scope_name.startswith(prefix):
            return scope_name[len(prefix) :]
    return scope_name


def _kind(scope_name: str) -> str:
    lowered = scope_name.lower()
    for kind in ("tỉnh", "thành phố", "thị xã", "huyện", "quận", "xã", "phường", "đặc khu"):
        if lowered.startswith(kind):
            return kind
    return ""


# Default "Nơi nhận" by (party issuer, level); recipient_lines() adds ";" and "Lưu: VT.".
RECIPIENTS: dict[tuple[bool, str], list[str]] = {
    (True, "province"): [
        "Ban Chỉ đạo Trung ương các Chương trình mục tiêu quốc gia (b/c)",
        "Các đồng chí Tỉnh ủy viên",
        "Các huyện ủy, thành ủy",
    ],
    (True, "district"): [
        "Ban Chỉ đạo Trung ương các Chương trình mục tiêu quốc gia (b/c)",
        "Ban Thường vụ Tỉnh ủy (b/c)",
        "Các đảng ủy xã",
    ],
    (True, "commune"): ["Ban Thường vụ cấp ủy cấp trên (b/c)", "Các chi bộ trực thuộc"],
    (False, "province"): [
        "Văn phòng Điều phối nông thôn mới Trung ương (b/c)",
        "Thường trực Tỉnh ủy, Hội đồng nhân dân tỉnh (b/c)",
        "Các sở, ban, ngành",
    ],
    (False, "district"): [
        "Văn phòng Điều phối nông thôn mới Trung ương (b/c)",
        "Ủy ban nhân dân tỉnh (b/c)",
        "Ủy ban nhân dân các xã",
    ],
    (False, "commune"): ["Ủy ban nhân dân cấp trên (b/c)", "Các thôn, làng, tổ dân phố"],
}


@dataclass
class Issuer:
    """The issuing body and the signature; any field left None gets a default from the scope."""

    kind: str = PARTY  # party | government
    name: str | None = None
    parent: str | None = None
    number: str | None = None
    place: str | None = None
    date: dt.date | None = None
    signer_authority: str | None = None
    signer_title: str | None = None
    signer: str | None = None
    title: str | None = None
    recipients: list[str] = field(default_factory=list)

    def resolved(self, fig: ReportFigures) -> Issuer:
        scope = fig.scope_name
        kind, place = _kind(scope), place_name(scope)
        party = self.kind == PARTY
        if party:
            body = {
                "tỉnh": "Tỉnh ủy",
                "thành phố": "Thành ủy",
                "huyện": "Huyện ủy",
                "thị xã": "Thị ủy",
                "xã": "Đảng ủy xã",
                "phường": "Đảng ủy phường",
            }
            name = f"{body.get(kind, 'Đảng bộ')} {place}"
            parent = f"ĐẢNG BỘ {fig.province_name.upper()}" if fig.level != "province" else None
            number = "    -BC/" + {"province": "TU", "district": "HU"}.get(fig.level, "ĐU")
            authority, title = "T/M BAN THƯỜNG VỤ", "BÍ THƯ"
            if fig.level == "commune":
                authority = "T/M ĐẢNG ỦY"
        else:
            name = f"Ủy ban nhân dân {kind} {place}".replace("  ", " ")
            parent = None
            number = "     /BC-UBND"
            authority, title = "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
        recipients = RECIPIENTS[(self.kind == PARTY, fig.level)]
        return Issuer(
            kind=self.kind,
            name=self.name or name,
            parent=self.parent if self.parent is not None else parent,
            number=self.number or number,
            place=self.place or place,
            date=self.date or dt.date.today(),
            signer_authority=self.signer_authority or authority,
            signer_title=self.signer_title or title,
            signer=self.signer or "",
            title=self.title,
            recipients=self.recipients or recipients,
        )


@dataclass(frozen=True)
class Header:
    """Header blocks: who issues the report, its number, place and date, its title."""

    is_party: bool
    issuer_type: str
    issuer_name: str
    issuer_upper: str
    issuer_parent: str
    number: str
    number_line: str
    motto_1: str
    motto_2: str
    place: str
    date: str
    place_date: str
    document_type: str
    subtitle: str
    issuer_lines: list[str] = field(default_factory=list)  # issuer_upper on one line or two


@dataclass(frozen=True)
class Headline:
    """Scope and headline figures, formatted for people ('' where there is no baseline)."""

    province_name: str
    province_code: str
    scope_name: str
    scope_code: str
    level: str
    criteria_set: str
    criteria_set_title: str
    criteria_count: int
    year: int
    baseline_year: int | str
    communes_total: int
    recognised: int
    recognised_change: str
    avg_criteria: str
    avg_criteria_baseline: str
    avg_change: str
    under5: int
    under5_baseline: int | str
    criteria_meeting_target: int
    criteria_with_target: int
    has_districts: bool
    funding_total: str


@dataclass(frozen=True)
class Body:
    """Sentences and lists of the body (``ntm.reports.text``)."""

    intro: str
    summary: str
    all_met: str
    criteria_items: list[str]
    targets_summary: str
    target_items: list[str]
    no_districts_note: str
    recognised_intro: str
    recognised_items: list[str]
    funding_paragraphs: list[str]
    monitoring_items: list[str]
    shortcomings: list[str]
    check_items: list[str]
    no_problem: str
    notes: list[str]
    closing: str
    ocop_paragraph: str = ""  # from the OCOP registry, when the caller has one
    group_items: list[str] = field(default_factory=list)  # one sentence per commune group
    carryover_paragraph: str = ""  # the 2025 baseline derived through the lineage
    forecast_paragraph: str = ""  # the province's forecast (issue #15.2), when given


FILED = "Lưu: VT."


def recipient_lines(recipients: list[str]) -> list[str]:
    """ "Nơi nhận" as Decree 30/2020/NĐ-CP (Appendix I) writes it: every line ends with ';' and
    the last one is 'Lưu: VT.' (an office's own 'Lưu …' line is kept, closed by a full stop)."""
    lines = [r.strip().rstrip(";.,").strip() for r in recipients if r.strip()]
    kept = [r for r in lines if not r.startswith("Lưu")]
    filed = [r for r in lines if r.startswith("Lưu")]
    return [f"{r};" for r in kept] + [f"{filed[-1]}." if filed else FILED]


def issuer_lines(name: str) -> list[str]:
    """The issuing body in capitals, broken before its place ('ỦY BAN NHÂN DÂN' / 'TỈNH KON
    TUM') so that a long name never breaks inside the place's name."""
    upper = name.upper()
    for kind in (" TỈNH ", " THÀNH PHỐ ", " HUYỆN ", " THỊ XÃ ", " QUẬN ", " XÃ "):
        head, sep, tail = upper.partition(kind)
        if sep and len(upper) > 24:
            return [head, kind.strip() + " " + tail]
    return [upper]


@dataclass(frozen=True)
class Signature:
    signer_authority: str
    signer_title: str
    signer: str
    recipients: list[str]


@dataclass(frozen=True)
class DocumentContext:
    """What the Word document and the Markdown report print, ready for people."""

    header: Header
    headline: Headline
    body: Body
    signature: Signature
    figures: ReportFigures

    def template_variables(self) -> dict[str, Any]:
        """Every variable of a DOCX template, as docs/report-template.md lists them: the fields
        of the four parts by name, ``figures`` (the names of report.json) and the two charts."""
        out: dict[str, Any] = {}
        for part in (self.header, self.headline, self.body, self.signature):
            out.update({f.name: getattr(part, f.name) for f in fields(part)})
        # Everything, unformatted, for an office's own template: the names of report.json.
        out.update(figures=figures_json(self.figures), chart_criteria="", chart_bands="")
        return out


def document_context(fig: ReportFigures, issuer: Issuer) -> DocumentContext:
    """The report's words for one issuer."""
    iss = issuer.resolved(fig)
    signature = Signature(
        iss.signer_authority or "",
        iss.signer_title or "",
        iss.signer or "",
        recipient_lines(iss.recipients),
    )
    return DocumentContext(_header(fig, iss), _headline(fig), _body(fig, iss), signature, fig)


def _header(fig: ReportFigures, iss: Issuer) -> Header:
    party = iss.kind == PARTY
    subtitle = iss.title or (
        f"Kết quả thực hiện Chương trình mục tiêu quốc gia xây dựng nông thôn mới "
        f"trên địa bàn {text.lower_first(fig.scope_name)} năm {fig.year}"
    )
    return Header(
        is_party=party,
        issuer_type=iss.kind,
        issuer_name=iss.name or "",
        issuer_upper=(iss.name or "").upper(),
        issuer_parent=iss.parent or "",
        number=iss.number or "",
        number_line=f"Số {iss.number}" if party else f"Số: {iss.number}",
        motto_1="ĐẢNG CỘNG SẢN VIỆT NAM" if party else "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        motto_2="" if party else "Độc lập - Tự do - Hạnh phúc",
        place=iss.place or "",
        date=date(iss.date) if iss.date else "",
        place_date=long_date(iss.date, iss.place) if iss.date else "",
        document_type="BÁO CÁO",
        subtitle=subtitle,
        issuer_lines=issuer_lines(iss.name or ""),
    )


def _headline(fig: ReportFigures) -> Headline:
    base = fig.baseline
    return Headline(
        province_name=fig.province_name,
        province_code=fig.province_code,
        scope_name=fig.scope_name,
        scope_code=fig.scope_code,
        level=fig.level,
        criteria_set=fig.criteria_set,
        criteria_set_title=fig.criteria_set_title,
        criteria_count=fig.criteria_count,
        year=fig.year,
        baseline_year=base.year if base else "",
        communes_total=fig.communes_total,
        recognised=fig.recognised,
        recognised_change=text.change(base.recognised_change, "xã") if base else "",
        avg_criteria=decimal1(fig.avg_criteria),
        avg_criteria_baseline=decimal1(base.avg_criteria) if base else "",
        avg_change=text.change(base.avg_change, "tiêu chí", digits=1) if base else "",
        under5=fig.under5,
        under5_baseline=base.under5 if base else "",
        criteria_meeting_target=fig.criteria_meeting_target,
        criteria_with_target=fig.criteria_with_target,
        has_districts=fig.has_districts,
        funding_total=text.amount(fig.funding[0].total) if fig.funding else "",
    )


def _body(fig: ReportFigures, iss: Issuer) -> Body:
    n, year, base = fig.criteria_count, fig.year, fig.baseline_year
    recognised = fig.recognised
    return Body(
        intro=(
            f"Căn cứ kết quả đánh giá mức độ đạt {n} tiêu chí theo {fig.criteria_set_title} "
            f"của {fig.communes_total} xã trên địa bàn {text.lower_first(fig.scope_name)}"
            + (f" năm {year} so với năm {base}" if base else f" năm {year}")
            + f", {iss.name} báo cáo kết quả như sau:"
        )
        + _pilot_banner(fig),
        summary=text.summary(fig),
        all_met=text.all_met(fig),
        criteria_items=text.criterion_items(fig),
        targets_summary=text.targets_summary(fig),
        target_items=text.target_items(fig),
        # The districts went on 01/7/2025: a report of an earlier year never says so.
        no_districts_note=text.NO_DISTRICTS if not fig.has_districts and year >= 2025 else "",
        recognised_intro=(
            f"Danh sách {text.count(recognised)} xã đạt chuẩn {n}/{n} tiêu chí:"
            if recognised
            else f"Chưa có xã đạt chuẩn {n}/{n} tiêu chí."
        ),
        recognised_items=text.recognised_items(fig),
        funding_paragraphs=text.funding_paragraphs(fig),
        monitoring_items=text.monitoring_items(fig),
        ocop_paragraph=text.ocop_paragraph(fig),
        group_items=text.group_items(fig),
        carryover_paragraph=text.carryover_paragraph(fig),
        forecast_paragraph=text.forecast_paragraph(fig),
        shortcomings=text.shortcomings(fig) or ["Không có."],
        check_items=text.check_items(fig),
        no_problem=NO_PROBLEM,
        notes=fig.notes,
        closing=f"Trên đây là báo cáo kết quả xây dựng nông thôn mới năm {year} của {iss.name}./."
        + _pilot_banner(fig),
    )


def _pilot_banner(fig: ReportFigures) -> str:
    """A pilot report says so at its head and its foot (the note ``content`` puts first)."""
    return f" (*) {PILOT_NOTE}" if PILOT_NOTE in fig.notes else ""
