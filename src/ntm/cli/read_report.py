"""``ntm read-report FILE``: the standard figures of a narrative report, and their arithmetic."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ntm.cli.evaluate import fail, fail_unexpected


class Format(StrEnum):
    text = "text"
    json = "json"


def read_report(
    file: Annotated[Path, typer.Argument(help="Báo cáo: .txt, .docx hoặc .pdf.")],
    output: Annotated[Format, typer.Option("--format", help="text hoặc json.")] = Format.text,
) -> None:
    """Đọc số liệu chuẩn trong một báo cáo thuyết minh (.txt, .docx, .pdf) và kiểm tra số học.

    Tìm: tổng số xã, xã đạt chuẩn, số xã theo nhóm tiêu chí, bình quân tiêu chí/xã và mức
    tăng, số xã đạt từng tiêu chí, tổng vốn và vốn theo nguồn, sản phẩm OCOP theo sao, mục
    tiêu. Kiểm tra: các nhóm cộng đủ tổng, bình quân nằm trong khoảng các nhóm cho phép, tỷ lệ
    khớp số đếm, mức tăng khớp hiệu hai năm, các nguồn vốn cộng đủ tổng. Mã thoát 1 khi có
    kiểm tra sai."""
    # The reader (its number and name patterns) imported here, not when ``ntm`` starts: every
    # other command would pay for it (docs/performance.md, "ntm report dưới 3 giây").
    from ntm.reports.reading import read_report_text
    from ntm.reports.reading.export import reading_json, reading_lines
    from ntm.reports.reading.source import ReportUnreadable, report_text

    try:
        reading = read_report_text(report_text(file))
    except ReportUnreadable as exc:
        fail([str(exc)], "Không đọc được báo cáo:")
    except Exception:
        fail_unexpected(f"đọc báo cáo {file.name}")
    if output is Format.json:
        typer.echo(json.dumps(reading_json(reading), ensure_ascii=False, indent=2))
    else:
        for line in reading_lines(reading):
            typer.echo(line)
    if any(not c.ok for c in reading.checks):
        raise typer.Exit(1)


def register(app: typer.Typer) -> None:
    app.command("read-report")(read_report)
