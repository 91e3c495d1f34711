"""Malformed files uploaded through the web: the Vietnamese list of bad cells, nothing saved.

The files come from the CLI's generators (tests/cli/test_evaluate_malformed.py), uploaded to a
Kon Tum period that uses the same test set; plus files only the web sees (wrong type, another
province's commune, a commune outside the officer's scope).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile

from ntm.domain.criteria import criteria_set_from_data
from ntm.web.accounts.models import Role, RoleAssignment
from ntm.web.assessments.models import (
    Assessment,
    CriterionStatus,
    ImportBatch,
    IndicatorValue,
    Period,
)
from ntm.web.assessments.services import criteria_set_store
from ntm.web.audit.models import AuditEntry
from ntm.web.units.models import Unit

_CLI = Path(__file__).resolve().parents[1] / "cli" / "test_evaluate_malformed.py"
_spec = importlib.util.spec_from_file_location("ntm_cli_malformed_cases", _CLI)
cli_cases: Any = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
sys.modules[_spec.name] = cli_cases  # type: ignore[union-attr]  (its dataclasses look it up)
_spec.loader.exec_module(cli_cases)  # type: ignore[union-attr]

# A representative dozen of the CLI's cases: each kind of bad cell, in both formats.
CHOSEN = [
    ("a value that is not a number", "csv"),
    ("a percent over 100", "xlsx"),
    ("a negative count", "csv"),
    ("a count with decimals", "xlsx"),
    ("a percent sign on a number", "csv"),
    ("a yes/no answer not recognisable", "xlsx"),
    ("a criterion status not recognisable", "csv"),
    ("a unit code with letters", "xlsx"),
    ("a duplicate row", "csv"),
    ("an unknown indicator column", "xlsx"),
    ("a long file with a bad yes/no", "csv"),
    ("several problems in one file", "xlsx"),
]
CASES = {c.name: c for c in cli_cases.CASES}


@pytest.fixture
def kontum(db: None) -> dict[str, Any]:
    data = yaml.safe_load(cli_cases.TEST_SET)
    record = criteria_set_store(cset=criteria_set_from_data(data), data=data)
    units = []
    for code, name, district, province in cli_cases.UNITS[1:]:
        units.append(Unit.objects.create(
            regime="old", code=code, name=name, kind="xã", province_code="62",
            province_name=province, district_code="608", district_name=district, region="TN",
        ))  # fmt: skip
    Unit.objects.create(regime="old", code="99999", name="Xã Ngoài Tỉnh", kind="xã",
                        province_code="64", province_name="Tỉnh Gia Lai", region="TN")  # fmt: skip
    period = Period.objects.create(regime="old", province_code="62", province_name="Tỉnh Kon Tum",
                                   year=2024, criteria_set=record)  # fmt: skip
    office = User.objects.create_user("vp_kontum")
    RoleAssignment.objects.create(user=office, role=Role.PROVINCE, regime="old", province_code="62")
    officer = User.objects.create_user("cb_dakcam")
    RoleAssignment.objects.create(user=officer, role=Role.COMMUNE).communes.add(units[0])
    return {"period": period, "office": office, "officer": officer, "units": units}


def _counts() -> tuple[int, ...]:
    versions = sum(Assessment.objects.values_list("version", flat=True))
    return (IndicatorValue.objects.count(), CriterionStatus.objects.count(),
            AuditEntry.objects.count(), versions, ImportBatch.objects.count())  # fmt: skip


def _upload(client: Any, period: Period, name: str, content: bytes) -> Any:
    upload = SimpleUploadedFile(name, content)
    return client.post(f"/ky/{period.pk}/nhap/", {"file": upload})


def _file(tmp_path: Path, rows: list[list[str]], fmt: str, title_rows: int = 0) -> bytes:
    path = tmp_path / f"so-lieu.{fmt}"
    cli_cases.write_rows(path, rows, title_rows)
    return path.read_bytes()


@pytest.mark.parametrize(("name", "fmt"), CHOSEN, ids=[f"{f}: {n}" for n, f in CHOSEN])
def test_a_malformed_upload_lists_each_bad_cell_in_vietnamese_and_saves_nothing(
    client, kontum, tmp_path, name, fmt
):
    case = CASES[name]
    client.force_login(kontum["office"])
    before = _counts()
    response = _upload(client, kontum["period"], f"so-lieu.{fmt}", _file(tmp_path, case.rows, fmt))
    text = response.content.decode()
    assert response.status_code == 400
    assert "Chưa có gì được ghi vào cơ sở dữ liệu." in text
    problems = response.context["problems"]
    assert any(case.message in p.message for p in problems), [str(p) for p in problems]
    if case.row is not None:
        assert case.row in {p.row for p in problems if case.message in p.message}
    if case.column:
        assert case.column in {p.column for p in problems if case.message in p.message}
    for more in case.more:
        assert any(more.split(": ", 1)[1] in p.message for p in problems)
    assert _counts() == before


def test_the_good_file_previews_then_commits_all_or_nothing(client, kontum, tmp_path):
    client.force_login(kontum["office"])
    preview = _upload(
        client, kontum["period"], "so-lieu.xlsx", _file(tmp_path, cli_cases.wide(), "xlsx")
    )
    assert preview.status_code == 200 and IndicatorValue.objects.count() == 0
    plan, batch = preview.context["plan"], preview.context["batch"]
    assert len(plan.units) == 3 and len(plan.changes) == 14
    commit = client.post(f"/ky/{kontum['period'].pk}/nhap/{batch.pk}/")
    assert commit.status_code == 302
    stored = dict(IndicatorValue.objects.filter(assessment__unit__code="23314")
                  .values_list("indicator", "value"))  # fmt: skip
    assert stored == {"1.1": 70.0, "1.2": 0.0, "2.1": 2.0, "2.2": 38.0}
    assert AuditEntry.objects.filter(channel="import").count() == 14


def test_a_file_that_is_not_a_spreadsheet_is_refused_by_name(client, kontum):
    client.force_login(kontum["office"])
    before = _counts()
    response = _upload(client, kontum["period"], "bao-cao.pdf", b"%PDF-1.4 ...")
    assert response.status_code == 400
    assert "loại tệp không được nhận" in response.content.decode()
    assert _counts() == before


def test_a_corrupt_workbook_is_a_listed_problem_not_a_server_error(client, kontum):
    client.force_login(kontum["office"])
    before = _counts()
    response = _upload(client, kontum["period"], "so-lieu.xlsx", b"PK\x03\x04 not really a zip")
    assert response.status_code == 400
    assert response.context["problems"][0].file == "so-lieu.xlsx"
    assert _counts() == before


def test_a_commune_of_another_province_is_refused_and_nothing_is_saved(client, kontum, tmp_path):
    client.force_login(kontum["office"])
    before = _counts()
    rows = cli_cases.wide((2, 0, "99999"))
    response = _upload(client, kontum["period"], "so-lieu.csv", _file(tmp_path, rows, "csv"))
    assert response.status_code == 400
    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(4, "A (commune_code)")]
    assert "mã xã «99999» không có trong danh sách đơn vị" in problems[0].message
    assert _counts() == before


def test_an_officer_cannot_import_values_for_a_commune_outside_their_scope(
    client, kontum, tmp_path
):
    client.force_login(kontum["officer"])
    before = _counts()
    response = _upload(
        client, kontum["period"], "so-lieu.csv", _file(tmp_path, cli_cases.wide(), "csv")
    )
    text = response.content.decode()
    assert response.status_code == 400
    assert "bạn không có quyền nhập số liệu cho xã mã 23314" in text
    assert "bạn không có quyền nhập số liệu cho xã mã 23317" in text
    assert _counts() == before
