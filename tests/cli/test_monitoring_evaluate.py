"""``ntm monitoring evaluate``: the long form rolled up over a units file, as the web does."""

from __future__ import annotations

import json
from pathlib import Path

from kontum_monitoring import SUMS, write_csv
from typer.testing import CliRunner

from ntm.cli import app

UNITS = Path(__file__).resolve().parents[2] / "fixtures" / "kontum-2020" / "communes.csv"


def _run(*args: str):
    return CliRunner(env={"COLUMNS": "200"}).invoke(app, ["monitoring", "evaluate", *args])


def test_the_kontum_figures_roll_up_to_the_reports_totals(tmp_path: Path) -> None:
    result = _run(
        str(write_csv(tmp_path / "ii1.csv")),
        "--units",
        str(UNITS),
        "--from",
        "2016",
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.output
    got = {i["code"]: i["value"] for i in json.loads(result.stdout)["indicators"]}
    for code, total in SUMS.items():
        assert got[code] == total, code
    assert round(got["poverty_pct"], 2) == 14.35
    assert got["graduation_pct"] == 99.33
    assert round(got["villages_sec_pct"], 2) == round(250 * 100 / 756, 2)


def test_the_table_names_the_indicators_in_vietnamese(tmp_path: Path) -> None:
    result = _run(str(write_csv(tmp_path / "ii1.csv")), "--units", str(UNITS))
    assert result.exit_code == 0
    assert "Tỷ lệ hộ nghèo" in result.stdout and "14,35" in result.stdout


def test_a_bad_file_exits_2_naming_the_cell(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("unit_code,year,indicator,value\n99999,2020,labour_days,5\n", encoding="utf-8")
    result = _run(str(bad), "--units", str(UNITS))
    assert result.exit_code == 2
    assert "bad.csv, dòng 2, cột A (unit_code)" in result.output
    assert "Traceback" not in result.output


def test_ntm_report_refuses_a_bad_monitoring_file_and_writes_nothing(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("unit_code,year,indicator,value\n23311,2020,poverty_pct,140\n", encoding="utf-8")
    kontum = UNITS.parent
    result = CliRunner().invoke(
        app,
        [
            "report",
            "--data",
            str(kontum / "criteria-2020.csv"),
            "--units",
            str(UNITS),
            "--monitoring",
            str(bad),
            "--out",
            str(tmp_path / "out"),
        ],
    )
    assert result.exit_code == 2
    assert "bad.csv, dòng 2, cột D (value)" in result.output
    assert not (tmp_path / "out").exists()
