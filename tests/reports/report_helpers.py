"""Helpers for the report tests: run ``ntm report`` for real, open what it wrote."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import typer
from docx import Document
from openpyxl import load_workbook
from typer.testing import CliRunner

from ntm.cli.report import register

ROOT = Path(__file__).resolve().parents[2]
KONTUM = ROOT / "fixtures" / "kontum-2020"
OUTPUTS = ("report.docx", "phu-luc.xlsx", "report.json", "report.md")


def _app() -> typer.Typer:
    # The report command alone, as ``ntm`` registers it: the test does not depend on the
    # other command groups being importable.
    app = typer.Typer()
    register(app)

    @app.callback()
    def _root() -> None:
        """ntm"""

    return app


def run_report(*args: str | Path) -> Any:
    result = CliRunner().invoke(_app(), ["report", *[str(a) for a in args]])
    return result


def kontum_args(out: Path, data: Path | None = None, **over: Path) -> list[str | Path]:
    # One option and its value per line (``fmt: skip`` keeps them so).
    args: list[str | Path] = [
        "--year", "2020",
        "--data", data or KONTUM / "criteria-2020.csv",
        "--baseline", KONTUM / "criteria-2015.csv",
        "--units", KONTUM / "communes.csv",
        "--targets", over.get("targets", KONTUM / "targets.csv"),
        "--funding", over.get("funding", KONTUM / "funding-2016-2020.csv"),
        "--out", out,
        "--number", "75-BC/TU",
        "--date", "01/6/2021",
        "--signer", "Nguyễn Văn Hòa",
        "--signer-title", "PHÓ BÍ THƯ",
    ]  # fmt: skip
    return args


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                parts.extend(p.text for p in cell.paragraphs)
    return "\n".join(parts)


def read_json(out: Path) -> dict[str, Any]:
    return json.loads((out / "report.json").read_text(encoding="utf-8"))


def total_row(out: Path) -> dict[str, Any]:
    """The last row of Phụ lục 01 ('Tổng cộng …'), keyed by the header texts."""
    book = load_workbook(out / "phu-luc.xlsx")
    ws = book["Phụ lục 01"]
    rows = list(ws.iter_rows(values_only=True))
    header = next(r for r in rows if r and r[0] == "STT")
    total = next(r for r in rows if isinstance(r[2], str) and r[2].startswith("Tổng cộng"))
    return dict(zip(header, total, strict=True))


def write_csv(path: Path, header: list[str], rows: list[list[Any]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path
