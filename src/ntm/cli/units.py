"""``ntm units``: administrative units before and after 1 July 2025, and the mapping between."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from ntm import formatting
from ntm.domain.units import REGIONS, Unit
from ntm.units.lineage import MATCH_NAMES, Unmatched, lineage, mapping_report
from ntm.units.names import UnitNameError
from ntm.units.registry import (
    REGIME_NAMES,
    Regime,
    UnknownCode,
    communes_of,
    districts_of,
    find_province,
    search,
    unit,
    units,
)

units_app = typer.Typer(
    help="Đơn vị hành chính trước và sau 01/7/2025, và bảng chuyển đổi giữa hai thời kỳ.",
    no_args_is_help=True,
)
console = Console()
err = Console(stderr=True)

LEVEL_NAMES = {"province": "tỉnh", "district": "huyện", "commune": "xã"}

RegimeOption = Annotated[
    str, typer.Option("--regime", "-r", help="old: trước 01/7/2025; new: từ 01/7/2025.")
]


def _regime(text: str) -> Regime:
    if text == "old":
        return "old"
    if text == "new":
        return "new"
    _fail(f"Chế độ “{text}” không hợp lệ: chọn old (trước 01/7/2025) hoặc new (từ 01/7/2025).")


def _fail(message: str) -> NoReturn:
    err.print(f"[red]Lỗi:[/red] {message}", highlight=False)
    raise typer.Exit(code=1)


def _units_table(rows: list[Unit], regime: Regime | None, title: str | None = None) -> Table:
    table = Table(title=title, title_justify="left")
    table.add_column("Mã", no_wrap=True)
    table.add_column("Tên")
    table.add_column("Loại")
    if regime != "new":
        table.add_column("Huyện")
    table.add_column("Tỉnh")
    table.add_column("Vùng")
    for u in rows:
        cells = [u.code, u.name, u.kind]
        if regime != "new":
            cells.append((u.district_name or "") if u.level == "commune" else "")
        cells += [u.province_name if u.level != "province" else "", u.region or ""]
        table.add_row(*[c or "" for c in cells])
    return table


def _count(n: int, what: str) -> str:
    return f"{formatting.number(n)} {what}"


@units_app.command("list")
def list_units(
    province: Annotated[
        str | None, typer.Option("--province", "-p", help="Mã hoặc tên tỉnh.")
    ] = None,
    regime: RegimeOption = "old",
    level: Annotated[
        str | None,
        typer.Option("--level", "-l", help="province, district hoặc commune."),
    ] = None,
) -> None:
    """Liệt kê tỉnh, huyện hoặc xã (mặc định: các tỉnh; các xã khi chọn --province)."""
    reg = _regime(regime)
    level = level or ("commune" if province else "province")
    if level not in LEVEL_NAMES:
        _fail(f"Cấp “{level}” không hợp lệ: chọn province, district hoặc commune.")
    if level == "district" and reg == "new":
        _fail("Từ 01/7/2025 không còn cấp huyện: dùng --regime old hoặc --level commune.")
    try:
        if province is None:
            data = units(reg)
            rows = list(
                {"province": data.provinces, "district": data.districts}.get(level, data.communes)
            )
            scope = "cả nước"
        else:
            p = find_province(province, reg)
            scope = p.name
            if level == "province":
                rows = [p]
            elif level == "district":
                rows = districts_of(p.code)
            else:
                rows = communes_of(p.code, reg)
    except (UnitNameError, UnknownCode) as e:
        _fail(str(e))
    title = f"Đơn vị cấp {LEVEL_NAMES[level]} — {scope} ({REGIME_NAMES[reg]})"
    console.print(_units_table(rows, reg, title))
    console.print(_count(len(rows), f"đơn vị cấp {LEVEL_NAMES[level]}"))


@units_app.command("show")
def show(code: str, regime: RegimeOption = "old") -> None:
    """Thông tin một đơn vị theo mã (2 chữ số: tỉnh; 3: huyện; 5: xã)."""
    reg = _regime(regime)
    try:
        u = unit(code, reg)
    except UnknownCode as e:
        _fail(str(e))
    table = Table(title=f"{u.name} ({REGIME_NAMES[reg]})", title_justify="left", show_header=False)
    table.add_column("")
    table.add_column("")
    table.add_row("Mã", u.code)
    table.add_row("Tên", u.name)
    table.add_row("Cấp", LEVEL_NAMES[u.level])
    table.add_row("Loại", u.kind)
    if u.district_name and u.level == "commune":
        table.add_row("Huyện", f"{u.district_name} ({u.district_code})")
    if u.level != "province":
        table.add_row("Tỉnh", f"{u.province_name} ({u.province_code})")
    region = f"{u.region} — {REGIONS[u.region]}" if u.region else "không xác định"
    table.add_row("Vùng", region)
    if u.level != "commune":
        scope = u.code
        n = len(units(reg).children.get(scope, ()))
        table.add_row("Số đơn vị cấp xã", formatting.number(n))
    console.print(table)
    _print_lineage(u.code, reg)


@units_app.command("search")
def search_units(
    text: str,
    regime: Annotated[
        str | None, typer.Option("--regime", "-r", help="old, new; mặc định cả hai.")
    ] = None,
) -> None:
    """Tìm đơn vị theo mã hoặc tên (không phân biệt dấu, loại đơn vị)."""
    reg = _regime(regime) if regime else None
    found = search(text, reg)
    if not found:
        _fail(f"Không tìm thấy đơn vị nào khớp với “{text}”.")
    console.print(_units_table(found, reg, f"Kết quả tìm “{text}”"))
    console.print(_count(len(found), "đơn vị"))


def _print_lineage(code: str, regime: Regime) -> None:
    try:
        line = lineage(code, regime)
    except UnknownCode:
        return
    u = line.unit
    arrow = "→" if regime == "old" else "←"
    other = REGIME_NAMES[line.other_regime]
    if not line.counterparts:
        reason = f": {line.note}" if line.note else ""
        console.print(f"{u.name} ({u.code}) không có đơn vị tương ứng {other}{reason}")
        return
    # A heading of its own: a table title would wrap to the width of a narrow table.
    console.print(f"{u.name} ({u.code}, {REGIME_NAMES[regime]}) {arrow} đơn vị {other}:")
    console.print(_units_table(list(line.counterparts), line.other_regime))


@units_app.command("lineage")
def lineage_command(
    code: str,
    regime: Annotated[
        str | None,
        typer.Option("--regime", "-r", help="old, new; mặc định: mã có ở thời kỳ nào thì xem."),
    ] = None,
) -> None:
    """Xã cũ → xã mới mà nó nhập vào; xã mới ← các xã cũ hợp thành (và ngược lại)."""
    regimes: list[Regime] = [_regime(regime)] if regime else ["old", "new"]
    shown = False
    for reg in regimes:
        try:
            unit(code, reg)
        except UnknownCode as e:
            if regime:
                _fail(str(e))
            continue
        _print_lineage(code, reg)
        shown = True
    if not shown:
        _fail(f"Không có đơn vị hành chính mã “{code}” trước hay sau 01/7/2025.")


@units_app.command("mapping")
def mapping(
    out: Annotated[
        Path | None, typer.Option("--out", "-o", help="Ghi danh sách xã không khớp ra CSV.")
    ] = None,
) -> None:
    """Tỷ lệ khớp xã cũ → xã mới và danh sách xã chưa khớp."""
    report = mapping_report()
    console.print(
        f"Khớp {formatting.number(report.matched)}/{formatting.number(report.old_communes)} "
        f"xã ({formatting.percent(report.rate)})",
        highlight=False,
    )
    built = formatting.date(dt.date.fromisoformat(report.built))
    console.print(
        f"Nguồn: {report.sources['mapping']} (bảng {report.sources['mapping_table']}, "
        f"{formatting.number(report.converter_rows)} dòng); đơn vị mới: "
        f"{report.sources['new']}; dựng ngày {built}. "
        f"{formatting.number(report.split)} xã cũ được chia cho nhiều xã mới.",
        highlight=False,
    )
    table = Table(title="Xã chưa khớp", title_justify="left")
    for header in ("Mã", "Xã", "Huyện", "Tỉnh", "Kết quả"):
        table.add_column(header)
    table.add_column("Lý do", overflow="fold")
    for item in report.unmatched:
        u = item.unit
        table.add_row(
            u.code,
            u.name,
            u.district_name or "",
            u.province_name,
            MATCH_NAMES[item.match],
            item.reason,
        )
    console.print(table)
    console.print(
        "Đơn vị mới không nhận xã cũ nào: "
        + "; ".join(f"{c.name} ({c.province_name})" for c in report.new_without_old),
        highlight=False,
    )
    if out is not None:
        _write_unmatched(out, report.unmatched)
        console.print(f"Đã ghi {_count(len(report.unmatched), 'xã')} vào {out}", highlight=False)


def _write_unmatched(path: Path, rows: tuple[Unmatched, ...]) -> None:
    tmp = path.with_name(path.name + ".tmp")
    with tmp.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(
            [
                "commune_code",
                "commune_name",
                "district_code",
                "district_name",
                "province_code",
                "province_name",
                "match",
                "reason",
            ]
        )
        for item in rows:
            u = item.unit
            writer.writerow(
                [
                    u.code,
                    u.name,
                    u.district_code,
                    u.district_name,
                    u.province_code,
                    u.province_name,
                    item.match,
                    item.reason,
                ]
            )
    tmp.replace(path)


@units_app.command("build-lineage")
def build_lineage() -> None:
    """Dựng lại các tệp dữ liệu (đơn vị mới, bảng chuyển đổi) từ các gói đã cài."""
    from ntm.units.build import build

    figures = build()
    console.print(
        f"Đã dựng: khớp {formatting.number(figures['matched'])}/"
        f"{formatting.number(figures['old_communes'])} xã; "
        f"{formatting.number(figures['new_communes'])} đơn vị cấp xã mới.",
        highlight=False,
    )


def register(app: typer.Typer) -> None:
    app.add_typer(units_app, name="units")
