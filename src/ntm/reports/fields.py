"""Named fields in the office's own sentences: ``{{ so_xa_dat_chuan }}`` filled at render time.

A narrative section is text an office writes; every figure in it is a field read from the typed
report figures (``ReportFigures``), so a figure in a sentence is never typed by hand and follows
the data. The substitution is deliberately small: a field is ``{{ name }}`` and nothing else (no
filters, no expressions, never ``eval``); an unknown name or a malformed field is a Vietnamese
error naming it and where it was written.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ntm.formatting import decimal1, number, percent
from ntm.reports import text
from ntm.reports.figures import ReportFigures

FIELD = re.compile(r"\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
OPENERS = ("{{", "}}")

# name → what it states, for the page that lists the fields and for docs/report-template.md.
DESCRIPTIONS: dict[str, str] = {
    "nam": "năm báo cáo",
    "nam_goc": "năm so sánh (năm gốc), trống khi không có",
    "ten_dia_ban": "tên địa bàn báo cáo (Tỉnh Kon Tum)",
    "ten_tinh": "tên tỉnh",
    "tong_so_xa": "tổng số xã được đánh giá",
    "so_xa_dat_chuan": "số xã đạt đủ mọi tiêu chí",
    "ty_le_xa_dat_chuan": "tỷ lệ xã đạt đủ mọi tiêu chí (%)",
    "so_xa_dat_chuan_tang": "số xã đạt chuẩn tăng so với năm gốc",
    "so_tieu_chi_binh_quan": "số tiêu chí bình quân/xã",
    "so_tieu_chi": "số tiêu chí của bộ tiêu chí",
    "so_xa_duoi_muc": "số xã dưới mức tiêu chí tối thiểu của bộ (dưới N tiêu chí)",
    "tong_von": "tổng nguồn vốn huy động (tỷ đồng), trống khi không có",
    "so_xa_dat_tieu_chi_N": "số xã đạt tiêu chí số N (N = 1, 2, …)",
    "theo_doi_MA": "chỉ tiêu theo dõi có mã MA (ví dụ theo_doi_roads_concreted_km)",
}


class FieldError(ValueError):
    """A field the report cannot fill; the message is Vietnamese and names it."""


def report_fields(fig: ReportFigures) -> dict[str, str]:
    """Every field's value for one report, formatted for people (Vietnamese numbers)."""
    base = fig.baseline
    share = 100 * fig.recognised / fig.communes_total if fig.communes_total else 0.0
    out = {
        "nam": str(fig.year),
        "nam_goc": str(base.year) if base else "",
        "ten_dia_ban": fig.scope_name,
        "ten_tinh": fig.province_name,
        "tong_so_xa": number(fig.communes_total),
        "so_xa_dat_chuan": number(fig.recognised),
        "ty_le_xa_dat_chuan": percent(share, 1),
        "so_xa_dat_chuan_tang": number(base.recognised_change) if base else "",
        "so_tieu_chi_binh_quan": decimal1(fig.avg_criteria),
        "so_tieu_chi": number(fig.criteria_count),
        "so_xa_duoi_muc": number(len(fig.communes_under)),
        "tong_von": text.amount(fig.funding[0].total) if fig.funding else "",
    }
    for n, c in fig.criteria.items():
        out[f"so_xa_dat_tieu_chi_{n}"] = number(c.met)
    for m in fig.monitoring:
        out[f"theo_doi_{m.code}"] = number(m.value, m.decimals)
    return out


def fill(template: str, fields: Mapping[str, str], *, where: str = "") -> str:
    """``template`` with every ``{{ name }}`` replaced; FieldError for an unknown name or a
    brace pair that is not a field (``{{ x|y }}``, an unclosed ``{{``)."""
    place = f" ({where})" if where else ""

    def one(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in fields:
            raise FieldError(
                f"Trường «{name}» không có trong số liệu báo cáo{place}; các trường có thể dùng:"
                f" {', '.join(sorted(fields))}"
            )
        return fields[name]

    filled = FIELD.sub(one, template)
    leftover = FIELD.sub("", template)
    for brace in OPENERS:
        if brace in leftover:
            at = leftover.index(brace)
            raise FieldError(
                f"Trường viết sai «{leftover[at : at + 30]}»{place}: một trường có dạng "
                "{{ ten_truong }} (chữ, số và dấu gạch dưới)"
            )
    return filled


def unknown_fields(template: str, fields: Mapping[str, str]) -> list[str]:
    """Names written in ``template`` that ``fields`` has not, in the order written."""
    return [m.group(1) for m in FIELD.finditer(template) if m.group(1) not in fields]
