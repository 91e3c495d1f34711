"""Files in and out: the long-form import of monitoring values, the funding file's import, and
the Excel template of monitoring values. Each import is read and checked whole before anything is
written, then written in one transaction with its audit: all of the file or nothing.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

from ntm.domain.plans import FundingFile
from ntm.io.errors import ImportFailed
from ntm.io.funding import read_funding
from ntm.io.monitoring import read_monitoring
from ntm.io.rawfile import RawFile
from ntm.io.targets import Problems, cell_number, read_table
from ntm.problems import Problem
from ntm.web.assessments.models import Period
from ntm.web.audit.models import Channel
from ntm.web.monitoring.selectors import catalogue_of, value_table
from ntm.web.monitoring.services import (
    FundChange,
    FundInput,
    ValueChange,
    funding_inputs,
    funds_save,
    values_save,
)
from ntm.web.units.models import Unit

HEADERS = ("unit_code", "unit_name", "year", "indicator", "indicator_name", "unit", "value")


def _places(period: Period, communes: Sequence[Unit]) -> dict[str, str]:
    """Code → name of every place the user may write to: the province and its communes."""
    return {period.province_code: period.province_name, **{u.code: u.name for u in communes}}


def monitoring_import(
    *, user: Any, period: Period, communes: Sequence[Unit], filename: str, content: bytes
) -> list[ValueChange]:
    """Read the long form; ImportFailed (nothing written) or every value saved and audited."""
    names = _places(period, communes)
    levels = {code: "commune" for code in names} | {period.province_code: "province"}
    read = read_monitoring(RawFile(filename, content=content), catalogue_of(period), units=levels)
    return values_save(
        user=user, period=period, values=read.values, names=names, channel=Channel.IMPORT
    )


def funds_import(
    *, user: Any, period: Period, communes: Sequence[Unit], filename: str, content: bytes
) -> list[FundChange]:
    """The columns of ``funding-*.csv`` (``ntm report --funding``); the amount is kept as the
    amount disbursed. A line for a place outside the user's province or communes is refused."""
    funding = read_funding(RawFile(filename, content=content))
    names = _places(period, communes)
    outside = [
        Problem(
            filename,
            f"không có địa bàn mã «{ln.scope_code}» trong phạm vi của bạn",
            row=ln.row,
            column="scope_code",
        )
        for ln in funding.lines + funding.stated
        if ln.scope_code not in names
    ]
    if outside:
        raise ImportFailed(outside)
    funds = _with_plan(funding_inputs(funding), funding, filename, content)
    return funds_save(user=user, period=period, funds=funds, names=names, channel=Channel.IMPORT)


# The optional columns, read into FundInput.plan and FundInput.allocated in this order.
PLAN_COLUMNS = ("plan_billion_vnd", "allocated_billion_vnd")


def _with_plan(
    funds: list[FundInput], funding: FundingFile, filename: str, content: bytes
) -> list[FundInput]:
    """The optional columns ``plan_billion_vnd`` and ``allocated_billion_vnd`` of the same file
    (the amounts planned and allocated, beside the amount mobilised that the report states)."""
    problems = Problems(filename)
    table = read_table(RawFile(filename, content=content), problems, ["scope_code", *PLAN_COLUMNS])
    if table is None or not set(PLAN_COLUMNS) & set(table.headers):
        return funds
    extra: dict[int, tuple[float | None, float | None]] = {}  # row → (plan, allocated)
    for row, cells in table.rows:
        plan, allocated = (
            None
            if cells.get(column) in (None, "")
            else cell_number(cells.get(column), problems, row, column, table.convention)
            for column in PLAN_COLUMNS
        )
        extra[row] = (plan, allocated)
    problems.raise_if_any()
    rows = [ln.row for ln in funding.lines]
    return [
        replace(f, plan=extra[row][0], allocated=extra[row][1]) if row in extra else f
        for f, row in zip(funds, rows, strict=True)
    ]


def monitoring_template(*, period: Period, communes: Sequence[Unit]) -> bytes:
    """A workbook in the long form, one row per place and indicator of the period's year, with
    the values already entered; the import reads its columns back (names and units are help)."""
    catalogue = catalogue_of(period)
    table = value_table(period=period, unit_codes=[u.code for u in communes])
    places = [(period.province_code, period.province_name, "province")]
    places += [(u.code, u.name, "commune") for u in communes]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "chi_tieu_theo_doi"
    sheet.append(list(HEADERS))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for code, name, level in places:
        for ind in catalogue.indicators:
            if ind.entered and ind.level == level:
                value = table.latest(code, ind.code, (period.year, period.year))
                sheet.append([code, name, period.year, ind.code, ind.name, ind.unit, value])
    for column, width in zip("ABCDEFG", (10, 28, 8, 20, 50, 14, 12), strict=True):
        sheet.column_dimensions[column].width = width
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
