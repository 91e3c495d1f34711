"""The same report in Markdown, from the same context as the Word document."""

from __future__ import annotations

from collections.abc import Iterable

from ntm.reports.document import DocumentContext, Header


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def render_markdown(ctx: DocumentContext, charts: dict[str, str] | None = None) -> str:
    """Paragraphs (blocks) separated by one blank line, as Markdown wants them."""
    head, body, sign = ctx.header, ctx.body, ctx.signature
    blocks = [*_header(head), body.intro, "## I. KẾT QUẢ THỰC HIỆN"]
    blocks += _results(ctx, charts or {})
    if body.carryover_paragraph:
        blocks += [body.carryover_paragraph]
    if body.forecast_paragraph:
        blocks += [body.forecast_paragraph]
    if body.group_items:
        blocks += ["### Kết quả theo nhóm xã", _bullets(body.group_items)]
    blocks += ["### 5. Huy động nguồn lực", *(body.funding_paragraphs or _NO_FUNDING)]
    if body.monitoring_items:
        title = "### 6. Kết quả thực hiện các chỉ tiêu theo dõi"
        blocks += [title, _bullets(body.monitoring_items)]
    if body.ocop_paragraph:
        blocks += ["### Chương trình OCOP", body.ocop_paragraph]
    blocks += ["## II. TỒN TẠI, HẠN CHẾ", _bullets(body.shortcomings)]
    blocks += [body.closing, "**Nơi nhận:**", _bullets(sign.recipients)]
    blocks += [f"**{sign.signer_authority}**  \n**{sign.signer_title}**"]
    if sign.signer:
        blocks += [f"**{sign.signer}**"]
    # An empty list or text makes no block: one blank line between blocks, never two.
    return "\n\n".join(b for b in blocks if b) + "\n"


_NO_FUNDING = ["Chưa có số liệu nguồn vốn."]
_CHARTS = (
    ("chart_criteria", "Biểu đồ 1. Số xã đạt từng tiêu chí so với mục tiêu"),
    ("chart_bands", "Biểu đồ 2. Số xã theo nhóm số tiêu chí đạt"),
)


def render_checks(ctx: DocumentContext) -> str:
    """kiem-tra.md: the consistency checks and the notes on reading the figures, for the office
    that prepares the report (never printed in the official document)."""
    body, head = ctx.body, ctx.header
    blocks = [
        "# KIỂM TRA SỐ LIỆU",
        f"Kèm theo dự thảo báo cáo: {head.subtitle} ({head.issuer_name}). Không gửi kèm báo cáo.",
        "## Kết quả kiểm tra",
        _bullets(body.check_items) if body.check_items else f"{body.no_problem}.",
    ]
    if body.notes:
        blocks += ["## Ghi chú về cách đọc số liệu", _bullets(body.notes)]
    return "\n\n".join(blocks) + "\n"


def _header(head: Header) -> list[str]:
    issuer = [head.issuer_parent + "  "] if head.issuer_parent else []
    issuer += [f"**{line}**  " for line in head.issuer_lines or [head.issuer_upper]]
    motto = f"**{head.motto_1}**" + (f"  \n**{head.motto_2}**" if head.motto_2 else "")
    return [
        "\n".join([*issuer, head.number_line]),
        motto,
        f"*{head.place_date}*",
        f"# {head.document_type}",
        f"**{head.subtitle}**",
    ]


def _results(ctx: DocumentContext, charts: dict[str, str]) -> list[str]:
    """Sections I.1 to I.4: the summary, criterion by criterion, charts, targets, communes."""
    body = ctx.body
    blocks = ["### 1. Kết quả chung", body.summary, "### 2. Kết quả cụ thể"]
    if body.all_met:
        blocks.append(f"2.1. {body.all_met}")
    if body.criteria_items:
        blocks += ["2.2. Các tiêu chí chưa hoàn thành 100% số xã gồm:"]
        blocks += [_bullets(body.criteria_items)]
    if body.targets_summary:
        blocks.append(f"\\* {body.targets_summary}")
    if body.no_districts_note:
        blocks.append(f"*{body.no_districts_note}*")
    for key, caption in _CHARTS:
        if key in charts:
            blocks += [f"![{caption}]({charts[key]})", f"*{caption}*"]
    if body.target_items:
        blocks += ["### 3. Kết quả thực hiện các chỉ tiêu khác", _bullets(body.target_items)]
    blocks += ["### 4. Các xã đạt chuẩn nông thôn mới", body.recognised_intro]
    blocks += [_bullets(body.recognised_items)]
    return blocks
