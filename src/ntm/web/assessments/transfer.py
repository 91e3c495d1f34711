"""Excel import and export on the web, through the same readers and writers as the CLI.

An upload is read by ``ntm.io.bundle.load_inputs`` against the period's own set (written to a
temporary YAML file, since a province's variant need not be a shipped file). Every bad cell comes
back in ``ImportFailed.problems``; committing writes every commune or none (one transaction).
"""

from __future__ import annotations

import csv
import tempfile
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from openpyxl import load_workbook

from ntm.io.bundle import Inputs, load_inputs
from ntm.io.errors import ImportFailed, Problem
from ntm.io.tabular import META_SHEET
from ntm.io.template import CODE_ROW, ENTRY_SHEET, write_template
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.imports import ImportPlan, batch_claim, import_rows, rows_write
from ntm.web.assessments.models import CriterionStatus, ImportBatch, IndicatorValue, Period
from ntm.web.assessments.selectors import cset_of
from ntm.web.units.models import Unit

SUFFIXES = {".xlsx", ".xlsm", ".xls", ".ods", ".csv"}


def upload_read(*, period: Period, filename: str, content: bytes) -> Inputs:
    """The upload as the engine's inputs, or ImportFailed with every bad cell."""
    name = Path(filename).name or "tep.xlsx"
    if Path(name).suffix.lower() not in SUFFIXES:
        kinds = ", ".join(sorted(SUFFIXES))
        raise ImportFailed([Problem(name, f"loại tệp không được nhận; chỉ nhận: {kinds}")])
    with tempfile.TemporaryDirectory(prefix="ntm-upload-") as tmp:
        path = Path(tmp) / name
        path.write_bytes(content)
        set_path = Path(tmp) / f"{period.criteria_set.code}.yaml"
        set_path.write_text(
            yaml.safe_dump(period.criteria_set.data, allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
        units_path = Path(tmp) / "don-vi.csv"
        _units_file(period, units_path)
        try:
            return load_inputs([path], criteria=set_path, year=period.year, units_path=units_path)
        except ImportFailed:
            raise
        except Exception as exc:  # an unreadable file is a problem to report, never a 500
            raise ImportFailed([Problem(name, f"không đọc được tệp: {exc}")]) from None


def _units_file(period: Period, path: Path) -> None:
    """The province's communes as a units file: the database's attributes are the ones that count,
    and a code from elsewhere is reported at its cell like any other bad value."""
    communes = Unit.objects.filter(
        regime=period.regime, province_code=period.province_code, level="commune", kind="xã"
    )
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["commune_code", "commune_name", "district_code", "district_name",
                         "province_code", "province_name", "region", "group", "flags"])  # fmt: skip
        for u in communes:
            flags = ", ".join(u.flags or [])
            writer.writerow([u.code, u.name, u.district_code, u.district_name, u.province_code,
                             u.province_name, u.region, u.group, flags])  # fmt: skip


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
    first = int(meta.get("first_data_row") or CODE_ROW + 1)
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
