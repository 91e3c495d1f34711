"""``ntm ocop evaluate``: stars at every band edge of both scorecards, validity at every date edge
around --as-of, the JSON shape of issue #13, and malformed files refused cell by cell."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ntm.cli import app
from tests.cli.ocop_products import AS_OF, Case, cases, write_csv, write_xlsx

runner = CliRunner()


def _json(path: Path) -> dict:
    result = runner.invoke(
        app, ["ocop", "evaluate", str(path), "--as-of", AS_OF.isoformat(), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def answer(tmp_path_factory: pytest.TempPathFactory) -> dict:
    return _json(write_csv(tmp_path_factory.mktemp("ocop")))


@pytest.mark.parametrize("case", cases(), ids=lambda c: f"{c.code}-{c.scorecard}-{c.total}")
def test_each_product_gets_the_stars_and_status_of_its_band_and_dates(
    answer: dict, case: Case
) -> None:
    product = next(p for p in answer["products"] if p["product_code"] == case.code)
    assert product["total"] == float(case.total)
    assert product["stars"] == case.stars
    assert product["status"] == case.status


def test_the_fixture_covers_both_scorecards_with_at_least_thirty_products() -> None:
    assert len(cases()) >= 30
    assert {c.scorecard for c in cases()} == {"148/2023", "1048/2019"}


def test_valid_until_is_thirty_six_months_after_the_decision(answer: dict) -> None:
    product = next(p for p in answer["products"] if p["product_code"] == "SP013")
    assert product["valid_until"] == AS_OF.isoformat()


def test_the_counts_by_stars_and_group_are_those_of_the_products(answer: dict) -> None:
    expected = {str(s): sum(c.stars == s for c in cases()) for s in range(1, 6)}
    assert answer["by_stars"] == expected
    assert sum(answer["by_group"].values()) == len(cases())
    assert list(answer) == ["products", "by_stars", "by_group"]
    assert set(answer["products"][0]) == {"product_code", "total", "stars", "valid_until", "status"}


def test_an_xlsx_file_gives_the_same_answer_as_the_csv(tmp_path: Path, answer: dict) -> None:
    assert _json(write_xlsx(tmp_path)) == answer


def test_the_xlsx_output_lists_every_product(tmp_path: Path) -> None:
    out = tmp_path / "ket-qua.xlsx"
    result = runner.invoke(
        app,
        [
            "ocop",
            "evaluate",
            str(write_csv(tmp_path)),
            "--as-of",
            "2026-06-30",
            "--format",
            "xlsx",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    sheet = load_workbook(out)["Sản phẩm"]
    assert sheet.max_row == len(cases()) + 1


def test_the_table_names_stars_in_vietnamese(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ocop", "evaluate", str(write_csv(tmp_path)), "--as-of", "2026-06-30"]
    )
    assert result.exit_code == 0
    assert "5★" in result.stdout and "Hết hiệu" in result.stdout
    assert "5 sao: 6" in result.stdout


BAD = [
    # (the bad row's cells that differ, the column named, words of the message)
    ({"score_a": "40.5"}, "score_a", "ngoài khoảng 0–40"),
    ({"score_c": "36", "scorecard": "148/2023"}, "score_c", "ngoài khoảng 0–35"),
    ({"score_b": "hai mươi"}, "score_b", "không phải là số"),
    ({"decision_date": "31/02/2024"}, "decision_date", "không phải là ngày"),
    ({"decision_date": "sớm"}, "decision_date", "không phải là ngày"),
    ({"scorecard": "999/2030"}, "scorecard", "không có"),
    ({"group": "Đồ chơi"}, "group", "không có"),
    ({"product_code": "SP001"}, "product_code", "trùng với dòng 2"),
]


def _bad_row(changes: dict[str, str]) -> list[str]:
    from tests.cli.ocop_products import COLUMNS

    row = dict(
        zip(
            COLUMNS,
            [
                "SP999",
                "Mật ong",
                "Thực phẩm",
                "Hộ kinh doanh",
                "23311",
                "148/2023",
                "30",
                "20",
                "30",
                "1/QĐ-UBND",
                "2025-02-01",
            ],
            strict=True,
        )
    )
    row.update(changes)
    return [row[c] for c in COLUMNS]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
@pytest.mark.parametrize(("changes", "column", "words"), BAD, ids=[b[1] + "-" + b[2] for b in BAD])
def test_a_bad_cell_is_named_in_vietnamese_with_exit_2_and_no_output(
    tmp_path: Path, kind: str, changes: dict[str, str], column: str, words: str
) -> None:
    write = write_csv if kind == "csv" else write_xlsx
    path = write(tmp_path, [_bad_row(changes)])
    out = tmp_path / "ket-qua.json"
    result = runner.invoke(
        app, ["ocop", "evaluate", str(path), "--format", "json", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert not out.exists()
    bad_row = len(cases()) + 2
    assert f"dòng {bad_row}" in result.stderr
    assert column in result.stderr and words in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_column_is_named(tmp_path: Path) -> None:
    path = tmp_path / "thieu.csv"
    path.write_text("product_code,product_name,group\nSP1,Mật ong,Thực phẩm\n", encoding="utf-8")
    result = runner.invoke(app, ["ocop", "evaluate", str(path), "--format", "json"])
    assert result.exit_code == 2 and result.stdout == ""
    assert "thiếu cột «score_a»" in result.stderr


def test_an_as_of_that_is_not_a_date_is_refused(tmp_path: Path) -> None:
    result = runner.invoke(app, ["ocop", "evaluate", str(write_csv(tmp_path)), "--as-of", "mai"])
    assert result.exit_code == 2 and result.stdout == ""


def test_a_file_typed_in_vietnam_with_decimal_commas_is_read(tmp_path: Path) -> None:
    path = tmp_path / "vn.csv"
    path.write_text(
        "product_code;product_name;group;subject;unit_code;scorecard;score_a;score_b;score_c;"
        "decision_number;decision_date\n"
        "A1;Mật ong;1;Hộ;23311;148/2023;12,00;7,50;10,49;1/QĐ;01/3/2025\n"
        "A2;Chè;2;HTX;23311;1048/2019;31,5;22,49;36;2/QĐ;15/01/2025\n",
        encoding="utf-8",
    )
    answer = _json(path)
    assert [(p["total"], p["stars"]) for p in answer["products"]] == [(29.99, 0), (89.99, 4)]
