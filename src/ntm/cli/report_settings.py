"""``ntm report --settings FILE``: the report an office sends, from a small TOML or YAML file
(issuer, number, place and date, title, signer, recipients, narrative sections with fields;
docs/report-template.md). Options given on the command line win over the file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from ntm.reports.document import Issuer, document_context
from ntm.reports.fields import FieldError, report_fields
from ntm.reports.figures import ReportFigures
from ntm.reports.narrative import render_sections, write_office_report
from ntm.reports.settings import ReportSettings, SettingsError, office_context, read_settings

if TYPE_CHECKING:  # the worker's module imports multiprocessing: ntm report imports it itself
    from ntm.reports.chart_worker import ChartWorker

EXIT_INPUT = 2
SettingsOption = Annotated[
    Path | None,
    typer.Option(
        "--settings",
        help="Tệp thiết lập báo cáo (.toml hoặc .yaml): cơ quan ban hành, số, ngày, người ký, "
        "nơi nhận, các mục lời văn có trường số liệu {{ ten_truong }}.",
    ),
]


def settings_problems(path: Path | None) -> list[str]:
    """Problems of the settings file (none when no file is given)."""
    if path is None:
        return []
    if not path.is_file():
        return [f"tùy chọn --settings: không tìm thấy tệp «{path}»"]
    try:
        read_settings(path)
    except SettingsError as exc:
        return str(exc).split("\n")
    return []


def office_issuer(flags: Issuer, office: ReportSettings, province_name: str) -> Issuer:
    """The settings' issuer, with every option given on the command line over it."""
    given = {k: v for k, v in vars(flags).items() if v not in (None, [], "") and k != "kind"}
    return replace(office.issuer_for(province_name), **given)


def office_write(
    fig: ReportFigures,
    flags: Issuer,
    out: Path,
    *,
    template: Path | None,
    settings: Path | None,
    chart_worker: ChartWorker | None = None,
) -> list[Path]:
    """The four files, with the settings' issuer and sections when a file is given."""
    office = read_settings(settings) if settings is not None else ReportSettings()
    who = office_issuer(flags, office, fig.province_name) if settings is not None else flags
    try:
        sections = render_sections(office.sections, report_fields(fig))
    except FieldError as exc:
        err = Console(stderr=True, highlight=False, soft_wrap=True)
        err.print(
            f"Có 1 lỗi trong tệp thiết lập; không ghi tệp báo cáo nào:\n- {exc}", markup=False
        )
        raise typer.Exit(EXIT_INPUT) from None
    context = office_context(fig, who, office) if settings else document_context(fig, who)
    return write_office_report(
        fig, context, out, sections, template=template, chart_worker=chart_worker
    )
