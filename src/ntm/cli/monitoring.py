"""``ntm monitoring``: monitoring indicators (chỉ tiêu theo dõi) from files, with no database.

``evaluate`` reads the long form ``unit_code, year, indicator, value`` and rolls every indicator
of the catalogue up over the communes of a units file (and the province's own values), as the web
pages and the report do (``ntm.domain.monitoring``).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from ntm.cli.evaluate import fail
from ntm.domain.monitoring import GROUPS, MonitoringCatalogue, RollupResult, ValueTable, rollup
from ntm.domain.units import Unit
from ntm.formatting import number
from ntm.io.bundle import Inputs
from ntm.io.errors import ImportFailed
from ntm.io.monitoring import read_monitoring
from ntm.io.units_file import read_units
from ntm.monitoring import CatalogueFileError, catalogue_for_year, load_catalogue
from ntm.reports.figures import ReportFigures
from ntm.reports.monitoring import monitoring_figures

monitoring_app = typer.Typer(
    help="Chỉ tiêu theo dõi (công trình, tỷ lệ, đóng góp của người dân…): tổng hợp từ tệp.",
    no_args_is_help=True,
)

FileArg = Annotated[Path, typer.Argument(help="Tệp dạng dài: unit_code, year, indicator, value.")]
UnitsOpt = Annotated[Path, typer.Option("--units", help="Tệp danh sách xã (như ntm evaluate).")]
YearOpt = Annotated[int | None, typer.Option("--year", help="Năm tổng hợp (mặc định: năm cuối).")]
FromOpt = Annotated[
    int | None, typer.Option("--from", help="Cộng các chỉ tiêu dạng luồng từ năm này.")
]
CatalogueOpt = Annotated[
    str | None, typer.Option("--catalogue", help="Mã danh mục (mặc định: theo năm).")
]
FormatOpt = Annotated[str, typer.Option("--format", help="table | json.")]


def _catalogue(code: str | None, year: int) -> MonitoringCatalogue:
    try:
        return load_catalogue(code) if code else catalogue_for_year(year)
    except CatalogueFileError as exc:
        fail([f"{loc or '(tệp)'}: {msg}" for loc, msg in exc.problems], f"{exc.path}:")


def evaluate(
    file: FileArg,
    units: UnitsOpt,
    year: YearOpt = None,
    first: FromOpt = None,
    catalogue: CatalogueOpt = None,
    output: FormatOpt = "table",
) -> None:
    """Tổng hợp mọi chỉ tiêu theo dõi trên các xã của tệp danh sách xã."""
    if output not in ("table", "json"):
        fail([f"--format «{output}» không hợp lệ: chọn table hoặc json"])
    try:
        found = read_units(units)
        communes = [u.code for u in found if u.level == "commune"]
        provinces = sorted({u.province_code for u in found if u.province_code})
        levels = {c: "commune" for c in communes} | {p: "province" for p in provinces}
        cat = _catalogue(catalogue, year or 9999)
        read = read_monitoring(file, cat, units=levels)
    except ImportFailed as exc:
        fail(exc.problems)
    table = ValueTable(read.values)
    last = year or max(table.years(), default=cat.period[1])
    cat = _catalogue(catalogue, last)
    span = (first or last, last)
    province = provinces[0] if len(provinces) == 1 else ""
    results = [
        (ind, rollup(cat, table, ind.code, communes=communes, province_code=province, years=span))
        for ind in cat.indicators
    ]
    if output == "json":
        typer.echo(json.dumps(_json(cat, span, results), ensure_ascii=False, indent=1))
    else:
        Console().print(_table(cat, span, results))


def _json(
    cat: MonitoringCatalogue, span: tuple[int, int], results: list[tuple[Any, RollupResult]]
) -> dict[str, Any]:
    return {
        "catalogue": cat.code,
        "years": list(span),
        "indicators": [
            {
                "code": ind.code,
                "name": ind.name,
                "unit": ind.unit,
                "group": ind.group,
                "rollup": ind.rollup,
                "value": r.value,
                "units_counted": r.units_counted,
                "missing": r.missing,
            }
            for ind, r in results
        ],
    }


def _table(
    cat: MonitoringCatalogue, span: tuple[int, int], results: list[tuple[Any, RollupResult]]
) -> Table:
    when = str(span[1]) if span[0] == span[1] else f"{span[0]}–{span[1]}"
    table = Table(title=f"{cat.title} — {when}", title_justify="left")
    for name in ("Nhóm", "Mã", "Chỉ tiêu", "Giá trị", "Đơn vị tính", "Xã thiếu số liệu"):
        table.add_column(
            name, justify="right" if name in ("Giá trị", "Xã thiếu số liệu") else "left"
        )
    for ind, r in results:
        value = "" if r.value is None else number(r.value, ind.decimals)
        missing = str(len(r.missing)) if ind.level == "commune" else ""
        table.add_row(GROUPS[ind.group], ind.code, ind.name, value, ind.unit, missing)
    return table


MonitoringOption = Annotated[
    Path | None,
    typer.Option("--monitoring", help="Tệp chỉ tiêu theo dõi dạng dài (mục II.1 của báo cáo)."),
]


def with_monitoring(
    fig: ReportFigures, path: Path | None, units: Sequence[Unit], baseline: Inputs | None
) -> ReportFigures:
    """``ntm report --monitoring``: the report's figures with the monitoring indicators rolled up
    over its scope, as the web report states them from the database."""
    if path is None:
        return fig
    district = fig.level == "district"
    communes = [
        u.code
        for u in units
        if u.level == "commune"
        and (u.district_code if district else u.province_code) == fig.scope_code
    ]
    levels = {c: "commune" for c in communes} | {fig.province_code: "province"}
    try:
        cat = catalogue_for_year(fig.year)
        read = read_monitoring(path, cat, units=levels)
    except ImportFailed as exc:
        fail(
            exc.problems,
            f"Có {len(exc.problems)} lỗi trong tệp chỉ tiêu theo dõi; không ghi tệp báo cáo nào:",
        )
    except CatalogueFileError as exc:
        fail([str(exc)])
    figures = monitoring_figures(
        cat,
        ValueTable(read.values),
        communes=communes,
        province_code=fig.province_code,
        year=fig.year,
        baseline_year=baseline.year if baseline is not None else None,
    )
    return replace(fig, monitoring=figures)


def register(app: typer.Typer) -> None:
    monitoring_app.command("evaluate")(evaluate)
    app.add_typer(monitoring_app, name="monitoring")
