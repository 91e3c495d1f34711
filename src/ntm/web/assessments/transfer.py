"""Excel import and export on the web, through the same readers and writers as the CLI.

An upload is read by ``ntm.io.bundle.load_inputs`` from memory, against the period's own set
object (a province's variant need not be a shipped file) and the province's communes. Every bad
cell comes back in ``ImportFailed.problems``; committing writes every commune or none (one
transaction).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from django.db import transaction
from openpyxl import load_workbook

from ntm.domain.units import Unit as DomainUnit
from ntm.io.bundle import Inputs, load_inputs
from ntm.io.errors import ImportFailed, Problem
from ntm.io.library_errors import library_problem
from ntm.io.limits import LIMITS, megabytes
from ntm.io.rawfile import RawFile
from ntm.io.tabular import META_SHEET
from ntm.io.template import CODE_ROW, ENTRY_SHEET, write_template
from ntm.units.regions import region_for_province
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.imports import ImportPlan, batch_claim, import_rows, rows_write
from ntm.web.assessments.models import CriterionStatus, ImportBatch, IndicatorValue, Period
from ntm.web.assessments.selectors import cset_of
from ntm.web.units.models import Unit

SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv"}


def _upload_name(filename: str) -> str:
    """The name messages show: no folders (a browser may send 'C:\\…\\x.xlsx' or '../x'), no
    control characters, at most 120 characters with the suffix kept."""
    name = Path(filename.replace("\\", "/")).name
    name = "".join(ch for ch in name if ch.isprintable()).strip() or "tep.xlsx"
    suffix = Path(name).suffix[:10]
    return name if len(name) <= 120 else name[: 120 - len(suffix)] + suffix


def upload_read(*, period: Period, filename: str, content: bytes) -> Inputs:
    """The upload as the engine's inputs, or ImportFailed with every bad cell.

    Read from memory against the period's own set and the province's communes as the database
    holds them: nothing is written to disk.
    """
    name = _upload_name(filename)
    if Path(name).suffix.lower() not in SUFFIXES:
        kinds = ", ".join(sorted(SUFFIXES))
        raise ImportFailed([Problem(name, f"loại tệp không được nhận; chỉ nhận: {kinds}")])
    if len(content) > LIMITS.max_upload:
        raise ImportFailed([Problem(name, f"tệp lớn {megabytes(len(content))}, vượt giới hạn "
                                          f"{megabytes(LIMITS.max_upload)}")])  # fmt: skip
    try:
        return load_inputs(
            [RawFile(name, content=content)],
            criteria=cset_of(period.criteria_set),
            year=period.year,
            units=_units_file(period),
        )
    except ImportFailed:
        raise
    except Exception as exc:  # an unreadable file is a problem to report, never a 500
        raise ImportFailed([library_problem(exc, name)]) from None


def _units_file(period: Period) -> list[DomainUnit]:
    """The province's communes as the engine's units: the database's attributes are the ones that
    count, and a code from elsewhere is reported at its cell like any other bad value. (Read as a
    units file would read them: a commune without a region takes its province's.)"""
    communes = Unit.objects.filter(
        regime=period.regime, province_code=period.province_code, level="commune", kind="xã"
    )
    units = []
    for commune in communes:
        unit = commune.to_domain()
        if unit.region is None and unit.province_name:
            unit = replace(unit, region=region_for_province(unit.province_name))
        units.append(unit)
    return units


def _targets(period: Period, inputs: Inputs, scope: Scope, filename: str) -> list[Unit]:
    """The database's communes for the file's rows; every stranger or forbidden row a problem."""
    found = {
        u.code: u
        for u in Unit.objects.filter(regime=period.regime, code__in=[u.code for u in inputs.units])
    }
    problems, units = [], []
    for unit in inputs.units:
        db = found.get(unit.code)
        if db is None or db.province_code != period.province_code:
            problems.append(Problem(filename, f"xã mã {unit.code} ({unit.name}) không thuộc "
                                              f"{period.province_name}"))  # fmt: skip
        elif not scope.can_write_any(db, period):
            problems.append(Problem(filename, f"bạn không có quyền nhập số liệu cho xã mã "
                                              f"{unit.code} ({db.name})"))  # fmt: skip
        else:
            units.append(db)
    if problems:
        raise ImportFailed(problems)
    return units


def assessments_import(
    *,
    user: Any,
    scope: Scope,
    period: Period,
    inputs: Inputs,
    filename: str,
    dry_run: bool,
    expected_versions: dict[str, int] | None = None,
) -> ImportPlan:
    """Apply every commune of the file, or none, in bulk. ``dry_run`` computes the changes and
    the versions seen (for the commit to compare) without writing. With ``expected_versions``
    a commune whose version differs raises ImportConflict and nothing is written."""
    units = _targets(period, inputs, scope, filename)
    rows = import_rows(inputs, units)
    with transaction.atomic():
        versions = rows_write(
            user=user, scope=scope, period=period, cset=inputs.cset, rows=rows,
            dry_run=dry_run, expected_versions=expected_versions,
        )  # fmt: skip
    changes = [(r.unit, c) for r in rows for c in r.changes]
    return ImportPlan(units=units, changes=changes, notes=list(inputs.notes), versions=versions)


def batch_commit(*, user: Any, scope: Scope, batch: ImportBatch, inputs: Inputs) -> ImportPlan:
    """Write a previewed batch once: BatchCommitted if it was written, ImportConflict if a
    commune moved on since the preview (then nothing is written and the batch stays open)."""
    with transaction.atomic():
        batch_claim(batch)
        return assessments_import(
            user=user, scope=scope, period=batch.period, inputs=inputs, filename=batch.filename,
            dry_run=False, expected_versions=batch.versions or None,
        )  # fmt: skip


def template_export(*, period: Period, units: list[Unit], path: Path) -> Path:
    """The template ``ntm template`` writes, filled with the values stored now."""
    cset = cset_of(period.criteria_set)
    write_template(cset, [u.to_domain() for u in units], period.year, path,
                   province=period.province_name)  # fmt: skip
    wb = load_workbook(path)
    ws = wb[ENTRY_SHEET]
    meta = {r[0].value: r[1].value for r in wb[META_SHEET].iter_rows(max_col=2)}
    first_row = meta.get("first_data_row") or CODE_ROW + 1
    assert isinstance(first_row, int | float | str)  # write_template just wrote a number there
    first = int(first_row)
    columns = {str(c.value): c.column for c in ws[CODE_ROW] if c.value is not None}
    kinds = {i.code: i.kind for i in cset.indicators}
    by_code = {u.code: u for u in units}
    values = IndicatorValue.objects.filter(
        assessment__period=period, assessment__unit__in=units, value__isnull=False
    ).values_list("assessment__unit__code", "indicator", "value")
    statuses = CriterionStatus.objects.filter(
        assessment__period=period, assessment__unit__in=units
    ).values_list("assessment__unit__code", "criterion", "status")
    rows = {str(ws.cell(r, 1).value): r for r in range(first, ws.max_row + 1)}
    for code, ind, value in values:
        if code in by_code and ind in columns and code in rows:
            cell_value: Any = ("Có" if value else "Không") if kinds.get(ind) == "yes_no" else value
            ws.cell(rows[code], columns[ind], cell_value)
    for code, number, status in statuses:
        key = f"tc{number}"
        if key in columns and code in rows and status in (0, 1):
            ws.cell(rows[code], columns[key], "Đạt" if status == 1 else "Không đạt")
    wb.save(path)
    return path
