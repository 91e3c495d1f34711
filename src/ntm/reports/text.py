"""The sentences of the report, in the words of section II.2 of the provincial reports.

Built from the figures only (``ntm.reports.figures.ReportFigures``), numbers through
``ntm.formatting``. The DOCX template and the Markdown file print these same strings.

Amounts in tỷ đồng (docs/report-template.md): an amount read from a file keeps the decimals the
file writes (``920.700`` → ``920,700``); an amount ntm adds up shows up to three decimals without
trailing zeros (``1.847,561``; ``1.135,11``). Counts under ten are written with two digits
(``09 xã``), as official letters do.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from ntm.formatting import decimal1, number, percent
from ntm.reports.content import short_district
from ntm.reports.figures import (
    FundingItem,
    FundingPeriod,
    MonitoringFigure,
    ReportFigures,
    TargetFigures,
)

NO_DISTRICTS = (
    "Dữ liệu không có cấp huyện (từ ngày 01/7/2025 không còn đơn vị hành chính cấp huyện): "
    "các phần so sánh theo huyện không áp dụng và được bỏ qua."
)


def count(n: int) -> str:
    return f"{n:02d}" if 0 < n < 10 else str(n)


def amount(value: float, decimals: int | None = None) -> str:
    return number(value, decimals) if decimals is not None else number(value)


def join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " và " + items[-1]


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def crit_name(name: str) -> str:
    """A criterion's name inside a sentence: 'Thông tin và Truyền thông' → 'thông tin và truyền
    thông' (criterion names hold no proper nouns)."""
    return name.lower()


def in_sentence(name: str) -> str:
    """'Xã Mường Hoong' → 'xã Mường Hoong' inside a sentence; proper names stay as they are."""
    for kind in ("Xã ", "Huyện ", "Phường ", "Thị trấn "):
        if name.startswith(kind):
            return kind.lower() + name[len(kind) :]
    return name


def area_word(scope_name: str) -> str:
    lowered = scope_name.lower()
    for kind in ("tỉnh", "thành phố", "thị xã", "huyện", "quận", "xã", "phường", "đặc khu"):
        if lowered.startswith(kind):
            return f"toàn {kind}"
    return "toàn địa bàn"


def change(delta: float, unit: str, *, digits: int | None = None) -> str:
    shown = decimal1(abs(delta)) if digits == 1 else str(abs(int(delta)))
    if delta > 0:
        return f"tăng {shown} {unit}"
    if delta < 0:
        return f"giảm {shown} {unit}"
    return "không thay đổi"


def summary(fig: ReportFigures) -> str:
    parts = [_band_text(fig, i, label) for i, label in enumerate(fig.bands)]
    first, rest = parts[0], parts[1:]
    sentence = f"Đến năm {fig.year}, {area_word(fig.scope_name)} {with_verb(first)}"
    if rest:
        sentence += "; " + _with_verbs(rest)
    sentence += f". Bình quân đạt {decimal1(fig.avg_criteria)} tiêu chí/xã"
    if fig.baseline is not None:
        base = fig.baseline
        sentence += (
            f", {change(base.avg_change, 'tiêu chí', digits=1)} so với năm {base.year}"
            f" (năm {base.year} bình quân {decimal1(base.avg_criteria)} tiêu chí/xã)"
        )
    return sentence + "."


def _is_none(part: str) -> bool:
    return part.startswith(("không", "chưa có"))


def with_verb(part: str) -> str:
    """'có 05 xã …' for a count, never 'có không có xã …' for none (a part saying none carries
    its own verb)."""
    return part if _is_none(part) else f"có {part}"


def _with_verbs(parts: list[str]) -> str:
    """Counts share one 'có' until a part saying none interrupts them: 'có 10 xã …, 05 xã …;
    không có xã …; có 02 xã …'."""
    out: list[str] = []
    for i, part in enumerate(parts):
        if _is_none(part):
            out.append(("; " if i else "") + part)
        elif i == 0 or _is_none(parts[i - 1]):
            out.append(("; " if i else "") + f"có {part}")
        else:
            out.append(f", {part}")
    return "".join(out)


def _band_text(fig: ReportFigures, i: int, label: str) -> str:
    """One band of the summary: all criteria (first), the lowest band, or a range between."""
    n, c, base = fig.criteria_count, fig.bands[label], fig.baseline
    lo, hi = _band_range(label, n)
    if i == 0 and lo == hi == n:
        text = f"{count(c)} xã" if c else "chưa có xã"
        text += f" đạt chuẩn {n}/{n} tiêu chí"
        if base is not None:
            text += f", {change(base.recognised_change, 'xã')} so với năm {base.year}"
        return text
    if lo == 0:
        text = (
            f"{count(c)} xã đạt dưới {hi + 1:02d} tiêu chí"
            if c
            else f"không còn xã đạt dưới {hi + 1:02d} tiêu chí"
        )
        if base is not None and label in base.bands:
            text += f" ({change(c - base.bands[label], 'xã')} so với năm {base.year})"
        return text
    if c:
        return f"{count(c)} xã đạt từ {lo} đến {hi} tiêu chí"
    return f"không có xã đạt từ {lo} đến {hi} tiêu chí"


def _band_range(label: str, n: int) -> tuple[int, int]:
    if label.startswith("<"):
        return 0, int(label[1:]) - 1
    if "-" in label:
        a, b = label.split("-")
        return int(a), int(b)
    return int(label), int(label)


def criterion_phrase(number_: int, name: str, *, capital: bool = False) -> str:
    return f"{'Số' if capital else 'số'} {number_} về {crit_name(name)}"


def all_met(fig: ReportFigures) -> str:
    nums = fig.criteria_met_by_all
    if not nums or not fig.communes_total:
        return ""
    total = fig.communes_total
    listed = "; ".join(
        criterion_phrase(n, fig.criteria[n].name, capital=i == 0) for i, n in enumerate(nums)
    )
    return f"Có {total}/{total} xã đã hoàn thành các tiêu chí: {listed}."


def criterion_items(fig: ReportFigures) -> list[str]:
    """One item per criterion not met by every commune, as in 2.2.2 of the seed report."""
    out = []
    total = fig.communes_total
    for key, c in fig.criteria.items():
        if c.met == total:
            continue
        text = f"Tiêu chí số {key} về {crit_name(c.name)}: Có {c.met}/{total} xã đạt chuẩn"
        if c.target is not None:
            t = c.target
            year = f" đến năm {t.year}" if t.year != fig.year else ""
            plan = f" của {t.plan}" if t.plan else ""
            text += (
                f" (đạt {percent(t.pct_of_target_exact)} so với mục tiêu {t.value} xã{year}{plan})"
            )
        text += "."
        if c.lagging and fig.level == "commune":
            pass  # the commune is the scope: "Có 0/1 xã đạt chuẩn" says it all
        elif c.lagging and fig.level == "district":
            text += " Các xã chưa đạt: " + join([in_sentence(d.name) for d in c.lagging]) + "."
        elif c.lagging:
            text += (
                " Các địa phương có tỷ lệ xã đạt chuẩn thấp là: "
                + join([f"{short_district(d.name)} (đạt {d.met}/{d.total} xã)" for d in c.lagging])
                + "."
            )
        out.append(text)
    return out


def _below_target(fig: ReportFigures) -> str:
    return ", ".join(
        f"số {n} ({crit_name(fig.criteria[n].name)})" for n in fig.criteria_below_target
    )


def targets_summary(fig: ReportFigures) -> str:
    with_target = fig.criteria_with_target
    if not with_target:
        return ""
    plans = sorted(
        {c.target.plan or "" for c in fig.criteria.values() if c.target is not None} - {""}
    )
    plan = f" {join(plans)}" if plans else ""
    text = (
        f"Như vậy, có {fig.criteria_meeting_target}/{with_target} tiêu chí đạt và vượt chỉ tiêu"
        f"{plan} đã đề ra"
    )
    if fig.criteria_below_target:
        text += "; các tiêu chí chưa đạt chỉ tiêu: " + _below_target(fig)
    return text + "."


_OTHER = {
    "communes_recognised": "Số xã đạt chuẩn nông thôn mới",
    "communes_recognised_advanced": "Số xã đạt chuẩn nông thôn mới nâng cao",
    "communes_recognised_model": "Số xã đạt chuẩn nông thôn mới kiểu mẫu",
    "avg_criteria": "Bình quân số tiêu chí đạt/xã",
}


def target_items(fig: ReportFigures) -> list[str]:
    """Targets other than per-criterion counts, each with % of target and met / not met."""
    return [
        _target_item(t, fig.year) for t in fig.targets if t.measure != "communes_meeting_criterion"
    ]


def _target_item(t: TargetFigures, year: int) -> str:
    when = f"năm {t.year}" if t.year == year else f"đến năm {t.year}"
    plan = f" của {t.plan}" if t.plan else ""
    verdict = {True: "đạt", False: "chưa đạt", None: ""}[t.met]
    if t.measure == "max_communes_under":
        goal = "không còn xã" if t.value == 0 else f"không quá {t.value} xã"
        return (
            f"Số xã đạt dưới {t.criterion} tiêu chí: {t.actual} xã (mục tiêu {when}"
            f"{plan}: {goal} dưới {t.criterion} tiêu chí) — {verdict}."
        )
    if t.measure == "avg_criteria":
        # An average is always known; the % is missing only for a target of 0.
        return (
            f"{_OTHER['avg_criteria']}: {decimal1(t.actual or 0)} tiêu chí, đạt "
            f"{percent(t.pct_of_target or 0.0)} so với mục tiêu {decimal1(t.value)} tiêu chí "
            f"{when}{plan} — {verdict}."
        )
    if t.actual is None:
        return (
            f"{_OTHER[t.measure]}: mục tiêu {t.value} xã {when}{plan}; chưa có kết quả "
            "đánh giá theo bộ tiêu chí tương ứng trong dữ liệu."
        )
    pct = f"đạt {percent(t.pct_of_target)} " if t.pct_of_target is not None else ""
    return (
        f"{_OTHER[t.measure]}: {t.actual}/{t.value} xã, {pct}so với mục tiêu "
        f"{when}{plan} — {verdict}."
    )


def funding_paragraphs(fig: ReportFigures) -> list[str]:
    return [_funding_paragraph(tree) for tree in fig.funding]


def _funding_paragraph(tree: FundingPeriod) -> str:
    a, b = tree.period
    when = f"năm {a}" if a == b else f"giai đoạn {a} - {b}"
    top = [i for i in tree.items if i.level == 0]
    pieces = [_funding_piece(tree.items, item, first=i == 0) for i, item in enumerate(top)]
    text = f"Tổng nguồn vốn huy động {when} là {amount(tree.total)} tỷ đồng"
    if pieces:
        text += ", trong đó: " + "; ".join(pieces)
    return text + ". Chi tiết tại Phụ lục 02 kèm theo."


def _funding_piece(items: list[FundingItem], item: FundingItem, *, first: bool) -> str:
    """A source with its share and, in brackets, the parts it is made of."""
    name = item.name if item.source == "state_budget_direct" else item.name_in_sentence
    name = name[:1].upper() + name[1:] if first else name
    share = f"{decimal1(item.share)}%" if item.share is not None else ""
    piece = f"{name} {amount(item.amount, item.decimals)} tỷ đồng"
    parts = [p for p in items if p.parent == item.source]
    inner = ", ".join(f"{p.name_in_sentence} {amount(p.amount, p.decimals)} tỷ đồng" for p in parts)
    inner = inner[:1].upper() + inner[1:]
    if parts:
        piece += f" (chiếm {share}; bao gồm: {inner})" if share else f" (bao gồm: {inner})"
    elif share:
        piece += f" (chiếm {share})"
    return piece


def monitoring_items(fig: ReportFigures) -> list[str]:
    """One line per group of monitoring indicators: "Hạ tầng: … 1.000 km; … 190 trường."."""
    groups: dict[str, list[str]] = {}
    for m in fig.monitoring:
        figure = _monitoring_value(m.value, m)
        if m.baseline is not None and m.baseline_year is not None:
            figure = (
                f"{_monitoring_value(m.baseline, m)} năm {m.baseline_year} → {figure} "
                f"năm {m.years[1]}"
            )
        groups.setdefault(m.group, []).append(f"{lower_first(m.name)} {figure}")
    return [f"{group}: " + "; ".join(items) + "." for group, items in groups.items()]


def _monitoring_value(value: float, m: MonitoringFigure) -> str:
    shown = number(value, m.decimals)
    return f"{shown}%" if m.unit == "%" else f"{shown} {m.unit}"


def ocop_paragraph(fig: ReportFigures) -> str:
    """The OCOP sentence of an office's report, in seed 002's words: "Toàn tỉnh có 105 sản
    phẩm OCOP đạt 3 sao trở lên (97 sản phẩm 3 sao; 8 sản phẩm 4 sao), đạt 262,5 % so với mục
    tiêu 40 sản phẩm." Counts are written as the seed writes them (no leading zero)."""
    o = fig.ocop
    if o is None:
        return ""
    stars = "; ".join(
        f"{number(n)} sản phẩm {s} sao" for s, n in sorted(o.by_stars.items()) if s >= 3 and n
    )
    text = (
        f"{area_word(fig.scope_name).capitalize()} có {number(o.three_stars_or_more)} sản phẩm "
        f"OCOP đạt 3 sao trở lên" + (f" ({stars})" if stars else "")
    )
    lower = sum(n for s, n in o.by_stars.items() if s < 3)
    if lower:
        text += f"; {number(lower)} sản phẩm 1–2 sao (xếp hạng theo Quyết định 1048/QĐ-TTg)"
    pct = o.pct_of_target
    if pct is not None and o.target is not None:
        shown = number(float(Decimal(str(pct)).quantize(Decimal("0.1"), ROUND_HALF_UP)))
        plan = f" của {o.target_plan}" if o.target_plan else ""
        text += f", đạt {shown} % so với mục tiêu {number(o.target)} sản phẩm{plan}"
    text += "."
    if o.expiring:
        text += (
            f" Có {number(o.expiring)} sản phẩm sắp hết thời hạn công nhận 36 tháng "
            "(trong 6 tháng tới), cần đánh giá lại."
        )
    return text


def recognised_items(fig: ReportFigures) -> list[str]:
    out = []
    for group in fig.recognised_by_district:
        names = ", ".join(in_sentence(n) for n in group.communes)
        if group.district_name:
            out.append(f"{group.district_name} ({count(len(group.communes))} xã): {names}.")
        else:
            out.append(f"{names}.")
    return out


def not_recognised(fig: ReportFigures) -> str:
    """The communes still short of the standard, stated at every level (a district with 0 of 11
    communes at standard has a shortcoming to say)."""
    total, missing = fig.communes_total, fig.communes_total - fig.recognised
    if not total or not missing:
        return ""
    n = fig.criteria_count
    if not fig.recognised:
        return f"Chưa có xã nào đạt chuẩn {n}/{n} tiêu chí (0/{total} xã)."
    return f"Còn {count(missing)}/{total} xã chưa đạt chuẩn {n}/{n} tiêu chí."


def shortcomings(fig: ReportFigures) -> list[str]:
    out = [line for line in [not_recognised(fig)] if line]
    under = fig.communes_lagging_detail
    if under:
        by_district: dict[str, list[str]] = {}
        for u in under:
            by_district.setdefault(u.district_name or "", []).append(in_sentence(u.name))
        groups = [
            join(names) + (f", {in_sentence(d)}" if d else "") for d, names in by_district.items()
        ]
        line = fig.lagging_below
        out.append(f"Còn {count(len(under))} xã đạt dưới {line} tiêu chí ({'; '.join(groups)}).")
    if fig.has_districts and fig.districts_without_recognised_commune:
        names = fig.districts_without_recognised_commune
        word = "huyện" if all(n.startswith("Huyện") for n in names) else "đơn vị cấp huyện"
        out.append(
            f"Còn {count(len(names))} {word} chưa có xã đạt chuẩn nông thôn mới "
            f"({join([short_district(n) for n in names])})."
        )
    if fig.criteria_below_target:
        out.append("Một số tiêu chí chưa đạt mục tiêu đề ra: " + _below_target(fig) + ".")
    return out


def check_items(fig: ReportFigures) -> list[str]:
    return [f"{c.place}: {c.message}." for c in fig.checks]


def group_items(fig: ReportFigures) -> list[str]:
    """One sentence per commune group: "Nhóm 1: 29 xã, 3 xã đạt đủ 10 tiêu chí (10,3%), bình
    quân 6,2 tiêu chí/xã, 4 xã dưới 5 tiêu chí." and the communes with no group named."""
    g = fig.groups
    if g is None or not g.applies:
        return []
    n = fig.criteria_count
    items = [
        f"{r.name}: {number(r.communes)} xã, {number(r.recognised)} xã đạt đủ {n} tiêu chí "
        f"({percent(r.share_recognised)}), bình quân {decimal1(r.avg)} tiêu chí/xã, "
        f"{number(r.under)} xã dưới {fig.lagging_below} tiêu chí."
        for r in g.rows
    ]
    if g.ungrouped:
        items.append(
            f"{number(len(g.ungrouped))} xã chưa có nhóm (chỉ tiêu theo nhóm chưa xét được): "
            + ", ".join(g.ungrouped)
            + "."
        )
    return items


def forecast_paragraph(fig: ReportFigures) -> str:
    """One paragraph from the province's forecast (issue #15.2); none without one."""
    f = fig.forecast
    if f is None:
        return ""
    text = (
        f"Dự báo theo tốc độ hiện nay (mỗi xã giữ tốc độ tăng số tiêu chí đạt của chính xã, "
        f"số liệu {number(f.communes)} xã đến năm {f.last_year}): đến năm {f.until} dự kiến "
        f"{number(f.expected)} xã đạt chuẩn (khoảng {number(f.low)}–{number(f.high)} xã)."
    )
    return " ".join([text, *f.verdicts])


def carryover_paragraph(fig: ReportFigures) -> str:
    """The 2025 baseline derived through the lineage, labelled as derived (docs/units.md)."""
    c = fig.carryover
    if c is None:
        return ""
    text = (
        f"So với năm {c.year} (quy đổi theo đơn vị mới, số liệu suy ra, không phải số liệu "
        f"đánh giá): {number(c.recognised)}/{number(c.derived)} xã mới "
        f"({percent(c.share_recognised)}) có mọi xã tiền thân đã đạt chuẩn năm {c.year}, "
        f"từ {number(c.old_recognised)}/{number(c.old_communes)} xã cũ đạt chuẩn năm {c.year}; "
        f"năm {fig.year} có {number(fig.recognised)}/{number(fig.communes_total)} xã đạt "
        f"đủ {fig.criteria_count} tiêu chí."
    )
    if c.without_baseline:
        text += (
            f" {number(len(c.without_baseline))} xã chưa quy đổi được (thiếu số liệu "
            f"{c.year} của xã tiền thân hoặc không có xã tiền thân)."
        )
    return text
