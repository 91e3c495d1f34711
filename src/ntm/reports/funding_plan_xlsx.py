"""The funding plan as a workbook (issue #15.3): one writer for ``ntm plan-funding --out`` and the
web's "Tải phương án (xlsx)". Sheets: "Phương án" (the funded gaps, commune by commune), "Tổng hợp"
(budget, cost, communes, criteria, the next tranche) and, when some gaps could not be costed,
"Chưa tính được chi phí" (what the office has to fill). Amounts carry a Vietnamese number format,
so any spreadsheet on any locale shows 1.250,500 as the page does."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from ntm.domain.funding_costs import CostedGap
from ntm.domain.funding_plan import Plan, Tranche
from ntm.formatting import number

AMOUNT = "[$-42A]#,##0.000"  # as in the report's appendices (reports/xlsx.py)
PLAN_HEADER = ("Mã xã", "Tên xã", "Tiêu chí", "Chi phí (tỷ đồng)", "Xã đạt chuẩn sau phương án")
UNPRICED_HEADER = ("Mã xã", "Tên xã", "Tiêu chí", "Lý do")


@dataclass(frozen=True)
class PlanNames:
    """Names for people: communes by code, criteria by number (empty: codes and numbers only)."""

    communes: Mapping[str, str]
    criteria: Mapping[int, str]

    def criterion(self, number: int) -> str:
        name = self.criteria.get(number)
        return f"{number}. {name}" if name else str(number)


def unpriced_reason(item: CostedGap) -> str:
    if item.unknown:
        return "chưa biết giá trị chỉ tiêu " + ", ".join(item.unknown)
    return "chưa có đơn giá"


def plan_rows(plan: Plan, names: PlanNames) -> list[tuple[str, str, str, float, str]]:
    """The "Phương án" sheet's rows, in the plan's order (commune by commune)."""
    done = set(plan.recognised)
    return [
        (
            gap.commune,
            names.communes.get(gap.commune, ""),
            names.criterion(gap.criterion),
            gap.cost or 0.0,
            "Có" if gap.commune in done else "",
        )
        for gap in plan.funded
    ]


def _amounts(sheet: Worksheet, column: int) -> None:
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        cell.number_format = AMOUNT


def _summary(book: Workbook, plan: Plan, tranche: Tranche | None) -> None:
    summary = book.create_sheet("Tổng hợp")
    summary.append(["Ngân sách (tỷ đồng)", plan.budget])
    summary.append(["Chi phí phương án (tỷ đồng)", plan.cost])
    summary.append(["Số xã đạt chuẩn thêm", len(plan.recognised)])
    summary.append(["Số tiêu chí đạt thêm", plan.criteria_gained])
    if tranche is not None:
        summary.append(
            [f"Thêm {number(tranche.extra, 1)} tỷ đồng: số xã thêm", tranche.more_communes]
        )
        summary.append(["… số tiêu chí thêm", tranche.more_criteria])
    for row in (1, 2):
        summary.cell(row, 2).number_format = AMOUNT
    summary.column_dimensions["A"].width = 36


def plan_xlsx(
    plan: Plan,
    tranche: Tranche | None,
    names: PlanNames,
    unpriced: Sequence[CostedGap] = (),
) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its first sheet
    sheet.title = "Phương án"
    sheet.append(list(PLAN_HEADER))
    for row in plan_rows(plan, names):
        sheet.append(list(row))
    _amounts(sheet, 4)
    for column, width in zip("ABCDE", (10, 28, 30, 18, 14), strict=True):
        sheet.column_dimensions[column].width = width
    _summary(book, plan, tranche)
    if unpriced:
        missing = book.create_sheet("Chưa tính được chi phí")
        missing.append(list(UNPRICED_HEADER))
        for item in unpriced:
            code = item.gap.commune
            missing.append(
                [
                    code,
                    names.communes.get(code, ""),
                    names.criterion(item.gap.criterion),
                    unpriced_reason(item),
                ]
            )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
