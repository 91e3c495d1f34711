"""The same report in Markdown, from the same context as the Word document."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def _bullets(items: Iterable[str]) -> str:
    return "\n".join(f"- {item}" for item in items)


def render_markdown(ctx: dict[str, Any], charts: dict[str, str] | None = None) -> str:
    """Paragraphs (blocks) separated by one blank line, as Markdown wants them."""
    charts = charts or {}
    blocks: list[str] = []
    add = blocks.append
    header = [ctx["issuer_parent"] + "  "] if ctx["issuer_parent"] else []
    add("\n".join([*header, f"**{ctx['issuer_upper']}**  ", ctx["number_line"]]))
    add(f"**{ctx['motto_1']}**" + (f"  \n**{ctx['motto_2']}**" if ctx["motto_2"] else ""))
    add(f"*{ctx['place_date']}*")
    add(f"# {ctx['document_type']}")
    add(f"**{ctx['subtitle']}**")
    add(ctx["intro"])
    add("## I. KẾT QUẢ THỰC HIỆN")
    add("### 1. Kết quả chung")
    add(ctx["summary"])
    add("### 2. Kết quả cụ thể")
    if ctx["all_met"]:
        add(f"2.1. {ctx['all_met']}")
    if ctx["criteria_items"]:
        add("2.2. Các tiêu chí chưa hoàn thành 100% số xã gồm:")
        add(_bullets(ctx["criteria_items"]))
    if ctx["targets_summary"]:
        add(f"\\* {ctx['targets_summary']}")
    if not ctx["has_districts"]:
        add(f"*{ctx['no_districts_note']}*")
    for key, caption in (
        ("chart_criteria", "Biểu đồ 1. Số xã đạt từng tiêu chí so với mục tiêu"),
        ("chart_bands", "Biểu đồ 2. Số xã theo nhóm số tiêu chí đạt"),
    ):
        if key in charts:
            add(f"![{caption}]({charts[key]})")
            add(f"*{caption}*")
    if ctx["target_items"]:
        add("### 3. Kết quả thực hiện các chỉ tiêu khác")
        add(_bullets(ctx["target_items"]))
    add("### 4. Các xã đạt chuẩn nông thôn mới")
    add(ctx["recognised_intro"])
    add(_bullets(ctx["recognised_items"]))
    add("### 5. Huy động nguồn lực")
    blocks.extend(ctx["funding_paragraphs"] or ["Chưa có số liệu nguồn vốn."])
    add("## II. TỒN TẠI, HẠN CHẾ")
    add(_bullets(ctx["shortcomings"]))
    add("## III. KIỂM TRA SỐ LIỆU")
    add(_bullets(ctx["check_items"]) if ctx["check_items"] else f"{ctx['no_problem']}.")
    if ctx["notes"]:
        add("Ghi chú về cách đọc số liệu:")
        add(_bullets(ctx["notes"]))
    add(ctx["closing"])
    add("**Nơi nhận:**")
    add(_bullets(ctx["recipients"]))
    add(f"**{ctx['signer_authority']}**  \n**{ctx['signer_title']}**")
    if ctx["signer"]:
        add(f"**{ctx['signer']}**")
    # An empty list or text makes no block: one blank line between blocks, never two.
    return "\n\n".join(b for b in blocks if b) + "\n"
