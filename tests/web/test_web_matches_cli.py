"""The web judges the database with the engine ``ntm evaluate`` uses on files: same result."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import yaml
from typer.testing import CliRunner
from web_world import TEST_SET

from ntm.cli import app
from ntm.criteria import load_set, read_set_file, set_files
from ntm.domain.units import Unit as DomainUnit
from ntm.io.units_file import read_units
from ntm.web.assessments.models import Period
from ntm.web.assessments.services import criteria_set_store
from ntm.web.demo import _kontum
from ntm.web.units.services import units_load

KONTUM = Path(__file__).resolve().parents[2] / "fixtures" / "kontum-2020"


def _cli_json(*args: str, env: dict[str, str] | None = None) -> dict:
    result = CliRunner(env=env).invoke(app, ["evaluate", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_kontum_2020_in_the_database_evaluates_as_the_cli_evaluates_the_files(client, db):
    units: list[DomainUnit] = read_units(KONTUM / "communes.csv")
    units_load(regime="old", units=units)
    record = criteria_set_store(cset=load_set("xa-ntm-2016-2020"),
                                data=read_set_file(set_files()["xa-ntm-2016-2020"]))  # fmt: skip
    _kontum(record)
    period = Period.objects.get(year=2020)
    client.force_login(_central_user())
    api = client.get(f"/api/periods/{period.pk}/evaluation").json()
    cli = _cli_json(str(KONTUM / "criteria-2020.csv"), "--units", str(KONTUM / "communes.csv"))
    assert api == cli
    assert (api["recognised"], api["avg_criteria"], api["bands"]["19"]) == (28, 14.8, 28)
    page = client.get(f"/ky/{period.pk}/").content.decode()
    assert "28/85 xã đạt chuẩn" in page and "bình quân 14,8 tiêu chí/xã" in page


def test_values_typed_on_the_commune_page_evaluate_as_the_cli_evaluates_them(
    client, world, tmp_path
):
    world.login(client, "office")
    typed = {world.xa_a: {"1.1": "có", "2.1": "72", "2.2": "1", "3.1": "39,5"},
             world.xa_b: {"1.1": "không", "2.1": "85", "2.2": "0", "3.1": "50"}}  # fmt: skip
    for unit, values in typed.items():
        data = {"version": 0} | {f"ind-{k}": v for k, v in values.items()}
        assert client.post(f"/ky/{world.period.pk}/xa/{unit.pk}/", data).status_code == 302
    sets = tmp_path / "sets"
    sets.mkdir()
    (sets / "xa-thu-nghiem.yaml").write_text(yaml.safe_dump(TEST_SET, allow_unicode=True))
    with (tmp_path / "units.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["commune_code", "commune_name", "province_code", "province_name", "group"])
        for u in typed:
            w.writerow([u.code, u.name, u.province_code, u.province_name, u.group])
    with (tmp_path / "values.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["unit_code", "year", "indicator", "value"])
        for u, values in typed.items():
            for code, text in values.items():
                w.writerow([u.code, 2026, code, text.replace("có", "1").replace("không", "0")])
    cli = _cli_json(str(tmp_path / "values.csv"), "--units", str(tmp_path / "units.csv"),
                    "--criteria", "xa-thu-nghiem", "--year", "2026",
                    env={"NTM_CRITERIA_DIR": str(sets)})  # fmt: skip
    api = client.get(f"/api/periods/{world.period.pk}/evaluation").json()
    assert api == cli
    assert [c["criteria_met"] for c in api["communes"]] == [2, 1]
    for unit, expected in zip(typed, cli["communes"], strict=True):
        one = client.get(f"/api/periods/{world.period.pk}/communes/{unit.pk}/evaluation").json()
        assert one == expected
        page = client.get(f"/ky/{world.period.pk}/xa/{unit.pk}/").content.decode()
        assert f"Đạt {expected['criteria_met']}/3 tiêu chí" in page


def _central_user():
    from django.contrib.auth.models import User

    from ntm.web.accounts.models import Role, RoleAssignment

    user = User.objects.create_user("trung_uong")
    RoleAssignment.objects.create(user=user, role=Role.CENTRAL)
    return user
