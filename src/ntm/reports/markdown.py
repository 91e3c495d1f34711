"""The same report in Markdown, from the same context as the Word document."""

from __future__ import annotations

from typing import Any


def render_markdown(ctx: dict[str, Any], charts: dict[str, str] | None = None) -> str:
    charts = charts or {}
    lines: list[str] = []
    add = lines.append
    if ctx["issuer_parent"]:
        add(ctx["issuer_parent"] + "  ")
    add(f"**{ctx['issuer_upper']}**  ")
    add(ctx["number_line"])
    add("")
    add(f"**{ctx['motto_1']}**" + (f"  \n**{ctx['motto_2']}**" if ctx["motto_2"] else ""))
    add("")
    add(f"*{ctx['place_date']}*")
    add("")
    add(f"# {ctx['document_type']}")
    add("")
    add(f"**{ctx['subtitle']}**")
    add("")
    add(ctx["intro"])
    add("")
    add("## I. KẾT QUẢ THỰC HIỆN")
    add("")
    add("### 1. Kết quả chung")
    add("")
    add(ctx["summary"])
    add("")
    add("### 2. Kết quả cụ thể")
    add("")
    if ctx["all_met"]:
        add(f"2.1. {ctx['all_met']}")
        add("")
    if ctx["criteria_items"]:
        add("2.2. Các tiêu chí chưa hoàn thành 100% số xã gồm:")
        add("")
        lines.extend(f"- {item}" for item in ctx["criteria_items"])
        add("")
    if ctx["targets_summary"]:
        add(f"\\* {ctx['targets_summary']}")
        add("")
    if not ctx["has_districts"]:
        add(f"*{ctx['no_districts_note']}*")
        add("")
    for key, caption in (
        ("chart_criteria", "Biểu đồ 1. Số xã đạt từng tiêu chí so với mục tiêu"),
        ("chart_bands", "Biểu đồ 2. Số xã theo nhóm số tiêu chí đạt"),
    ):
        if key in charts:
            add(f"![{caption}]({charts[key]})")
            add("")
            add(f"*{caption}*")
            add("")
    if ctx["target_items"]:
        add("### 3. Kết quả thực hiện các chỉ tiêu khác")
        add("")
        lines.extend(f"- {item}" for item in ctx["target_items"])
        add("")
    add("### 4. Các xã đạt chuẩn nông thôn mới")
    add("")
    add(ctx["recognised_intro"])
    add("")
    lines.extend(f"- {item}" for item in ctx["recognised_items"])
    add("")
    add("### 5. Huy động nguồn lực")
    add("")
    for paragraph in ctx["funding_paragraphs"] or ["Chưa có số liệu nguồn vốn."]:
        add(paragraph)
        add("")
    add("## II. TỒN TẠI, HẠN CHẾ")
    add("")
    lines.extend(f"- {item}" for item in ctx["shortcomings"])
    add("")
    add("## III. KIỂM TRA SỐ LIỆU")
    add("")
    if ctx["check_items"]:
        lines.extend(f"- {item}" for item in ctx["check_items"])
    else:
        add(f"{ctx['no_problem']}.")
    add("")
    if ctx["notes"]:
        add("Ghi chú về cách đọc số liệu:")
        add("")
        lines.extend(f"- {note}" for note in ctx["notes"])
        add("")
    add(ctx["closing"])
    add("")
    add("**Nơi nhận:**")
    add("")
    lines.extend(f"- {r}" for r in ctx["recipients"])
    add("")
    add(f"**{ctx['signer_authority']}**  \n**{ctx['signer_title']}**")
    add("")
    if ctx["signer"]:
        add(f"**{ctx['signer']}**")
        add("")
    return "\n".join(lines)
