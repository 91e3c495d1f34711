"""``ntm criteria``: the criteria sets — list, show, check a file, export to Excel, import back."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from ntm import formatting
from ntm.criteria import (
    DEFAULT_OFFICE_DIR,
    CriteriaFileError,
    available_sets,
    load_set,
    load_set_file,
)
from ntm.criteria.table_import import table_base_code
from ntm.domain.criteria import ALL_VARIANTS, CriteriaSet, Indicator, parse_year_key
from ntm.io.criteria_table import export_set_table, import_set_table, write_set_file
from ntm.io.errors import ImportFailed

criteria_app = typer.Typer(
    help="Bộ tiêu chí: xem, kiểm tra tệp, xuất ra Excel để điền và nhập lại.",
    no_args_is_help=True,
)


def console() -> Console:
    """A console made when used, so that it sees the terminal (and COLUMNS) of this call."""
    return Console()


def err() -> Console:
    return Console(stderr=True)


LEVEL_NAMES = {"commune": "xã", "district": "huyện", "province": "tỉnh"}
TIER_NAMES = {
    "standard": "chuẩn",
    "advanced": "nâng cao",
    "model": "kiểu mẫu",
    "modern": "hiện đại",
}
KIND_NAMES = {"yes_no": "có/không", "percent": "tỷ lệ %", "number": "số", "count": "số lượng"}
COMPARE_SIGNS = {">=": "≥", "<=": "≤", "=": "="}
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


def _fail(message: str) -> NoReturn:
    err().print(f"[red]Lỗi:[/red] {escape(message)}", highlight=False, soft_wrap=True)
    raise typer.Exit(code=1)


def _variants(cset: CriteriaSet) -> list[tuple[str, str]]:
    """(code, label) of each variant; a set without variants has the single '*' one."""
    if cset.variants.by == "none" or not cset.variants.values:
        return [(ALL_VARIANTS, "Mọi đơn vị")]
    return [
        (v, cset.variants.names.get(v, v) if cset.variants.by == "group" else v)
        for v in cset.variants.values
    ]


def unknown_thresholds(cset: CriteriaSet) -> int:
    """Indicator × variant pairs whose level is unknown in at least one year of the period."""
    years = range(cset.period[0], cset.period[1] + 1)
    return sum(
        1
        for ind in cset.indicators
        for variant, _ in _variants(cset)
        if any(ind.threshold_for(variant, y) is None for y in years)
    )


def _level_text(ind: Indicator, level: float | bool | None) -> str:
    if level is None:
        return "chưa rõ"
    if ind.kind == "yes_no":
        return "có" if level else "không"
    return formatting.number(float(level))


def _summary(cset: CriteriaSet) -> str:
    return (
        f"{cset.code} — {len(cset.criteria)} tiêu chí, {len(cset.indicators)} chỉ tiêu, "
        f"{unknown_thresholds(cset)} ngưỡng chưa rõ (chỉ tiêu × vùng/nhóm)"
    )


def _print_errors(exc: CriteriaFileError | ImportFailed) -> None:
    if isinstance(exc, CriteriaFileError):
        lines = [f"{exc.path}: {loc or '(tệp)'}: {msg}" for loc, msg in exc.problems]
    else:
        lines = [str(p) for p in exc.problems]
    err().print(f"[red]Có {len(lines)} lỗi:[/red]", highlight=False)
    for line in lines:
        err().print(f"  - {line}", highlight=False, markup=False, soft_wrap=True)


def _add_row(table: Table, *cells: str) -> None:
    """Cells are data (names may hold brackets): never read as Rich markup."""
    table.add_row(*(Text(c) for c in cells))


def _load(code: str) -> CriteriaSet:
    try:
        return load_set(code)
    except CriteriaFileError as exc:
        _print_errors(exc)
        raise typer.Exit(code=1) from None


@criteria_app.command("list")
def list_sets() -> None:
    """Liệt kê các bộ tiêu chí có sẵn (kèm bộ của văn phòng trong NTM_CRITERIA_DIR)."""
    try:
        sets = sorted(available_sets(), key=lambda s: (s.period, s.level, s.code))
    except CriteriaFileError as exc:
        _print_errors(exc)
        raise typer.Exit(code=1) from None
    table = Table(title="Các bộ tiêu chí", title_justify="left")
    for name in ("Mã", "Tên", "Giai đoạn", "Cấp", "Hạng"):
        table.add_column(name, overflow="fold")
    for name in ("Tiêu chí", "Chỉ tiêu", "Ngưỡng chưa rõ"):
        table.add_column(name, justify="right")
    for cset in sets:
        _add_row(
            table,
            cset.code,
            cset.title,
            f"{cset.period[0]}–{cset.period[1]}",
            LEVEL_NAMES[cset.level],
            TIER_NAMES[cset.tier],
            str(len(cset.criteria)),
            str(len(cset.indicators)),
            str(unknown_thresholds(cset)),
        )
    console().print(table)


def set_as_json(cset: CriteriaSet) -> dict[str, Any]:
    """The set for machines: every indicator's levels by variant and by year (None = unknown)."""
    years = list(range(cset.period[0], cset.period[1] + 1))

    def levels(ind: Indicator) -> dict[str, dict[str, Any]]:
        return {
            variant: {str(y): ind.threshold_for(variant, y) for y in years}
            for variant, _ in _variants(cset)
        }

    return {
        "code": cset.code,
        "title": cset.title,
        "basis": cset.basis,
        "period": list(cset.period),
        "level": cset.level,
        "tier": cset.tier,
        "parent": cset.parent,
        "variants": cset.variants.model_dump(mode="json"),
        "tier_rule": cset.tier_rule.model_dump(mode="json"),
        "bands": [b.model_dump(mode="json") for b in cset.effective_bands()],
        "note": cset.note,
        "criteria": [
            {
                "number": crit.number,
                "name": crit.name,
                "group": crit.group,
                "indicators_complete": crit.indicators_complete,
                "source": crit.source,
                "indicators": [
                    {
                        "code": ind.code,
                        "name": ind.name,
                        "unit": ind.unit,
                        "kind": ind.kind,
                        "compare": ind.compare,
                        "thresholds": levels(ind),
                        "general": {
                            str(y): rule.general
                            for y in years
                            if (rule := ind.rule_for(y)) is not None and rule.general is not None
                        },
                        "sources": {
                            str(y): rule.source
                            for y in years
                            if (rule := ind.rule_for(y)) is not None and rule.source
                        },
                        "source": ind.source,
                        "note": ind.note,
                    }
                    for ind in crit.indicators
                ],
            }
            for crit in cset.criteria
        ],
    }


def _show_table(cset: CriteriaSet, year: int) -> None:
    console().print(f"[bold]{escape(cset.title)}[/bold] ({escape(cset.code)})", highlight=False)
    console().print(f"Căn cứ: {cset.basis}", highlight=False, markup=False, soft_wrap=True)
    console().print(
        f"Giai đoạn {cset.period[0]}–{cset.period[1]} · cấp {LEVEL_NAMES[cset.level]} · "
        f"hạng {TIER_NAMES[cset.tier]}"
        + (f" · kế thừa bộ {cset.parent}" if cset.parent else "")
        + (
            f" · cần đạt trước: {', '.join(cset.tier_rule.requires)}"
            if cset.tier_rule.requires
            else ""
        ),
        highlight=False,
        markup=False,
        soft_wrap=True,
    )
    variants = _variants(cset)
    table = Table(title=f"Ngưỡng áp dụng năm {year}", title_justify="left", show_lines=False)
    for name in ("Tiêu chí", "Mã", "Chỉ tiêu", "Đơn vị", "Loại", "So sánh"):
        table.add_column(name, overflow="fold")
    for _, label in variants:
        table.add_column(label, justify="right")
    table.add_column("Nguồn", overflow="fold")
    for crit in cset.criteria:
        label = f"{crit.number}. {crit.name}" + (
            "" if crit.indicators_complete else " (chưa đủ chỉ tiêu)"
        )
        if not crit.indicators:
            table.add_row(label, "", "(chưa có chỉ tiêu)", *[""] * (4 + len(variants)))
        for i, ind in enumerate(crit.indicators):
            rule = ind.rule_for(year)
            _add_row(
                table,
                label if i == 0 else "",
                ind.code,
                ind.name,
                ind.unit or "",
                KIND_NAMES[ind.kind],
                COMPARE_SIGNS[ind.compare],
                *(_level_text(ind, ind.threshold_for(v, year)) for v, _ in variants),
                (rule.source if rule and rule.source else None) or ind.source or "",
            )
    console().print(table)
    if cset.note:
        console().print(f"Ghi chú: {cset.note}", highlight=False, markup=False, soft_wrap=True)


def _year(cset: CriteriaSet, text: str | None) -> tuple[int, int] | None:
    if text is None:
        return None
    try:
        span = parse_year_key(text, cset.period)
    except ValueError as exc:
        _fail(str(exc))
    if not cset.period[0] <= span[0] <= span[1] <= cset.period[1]:
        _fail(
            f"năm {text} nằm ngoài giai đoạn {cset.period[0]}–{cset.period[1]} của bộ {cset.code}"
        )
    return span


@criteria_app.command("show")
def show(
    code: Annotated[str, typer.Argument(help="Mã bộ tiêu chí hoặc đường dẫn tệp .yaml")],
    output_format: Annotated[
        str, typer.Option("--format", "-f", help="table (bảng) hoặc json")
    ] = "table",
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Năm của ngưỡng (bảng); mặc định năm cuối")
    ] = None,
) -> None:
    """Xem một bộ tiêu chí: tiêu chí, chỉ tiêu, ngưỡng theo vùng/nhóm, nguồn."""
    if output_format not in ("table", "json"):
        _fail(f"định dạng «{output_format}» không hợp lệ: chọn table hoặc json")
    cset = _load(code)
    if output_format == "json":
        typer.echo(json.dumps(set_as_json(cset), ensure_ascii=False, indent=2))
        return
    span = _year(cset, None if year is None else str(year))
    _show_table(cset, span[0] if span else cset.period[1])


@criteria_app.command("check")
def check(file: Annotated[Path, typer.Argument(help="Tệp bộ tiêu chí .yaml")]) -> None:
    """Kiểm tra một tệp bộ tiêu chí (kể cả bộ gốc nếu tệp có parent)."""
    try:
        cset = load_set_file(file)
    except CriteriaFileError as exc:
        _print_errors(exc)
        raise typer.Exit(code=1) from None
    console().print(
        f"[green]Hợp lệ[/green]: {escape(_summary(cset))}", highlight=False, soft_wrap=True
    )
    if cset.parent:
        console().print(f"Kế thừa bộ {cset.parent}.", highlight=False, markup=False, soft_wrap=True)


@criteria_app.command("export")
def export(
    code: Annotated[str, typer.Argument(help="Mã bộ tiêu chí hoặc đường dẫn tệp .yaml")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Tệp Excel sẽ ghi (.xlsx)")],
    year: Annotated[
        int | None, typer.Option("--year", "-y", help="Năm của ngưỡng; mặc định năm cuối")
    ] = None,
) -> None:
    """Xuất bộ tiêu chí ra bảng Excel để văn phòng điều phối điền các mức còn thiếu."""
    cset = _load(code)
    span = _year(cset, None if year is None else str(year))
    chosen = span[0] if span else cset.period[1]
    path = export_set_table(cset, out, year=chosen)
    console().print(
        f"Đã ghi bảng bộ tiêu chí {cset.code} (ngưỡng năm {chosen}) vào {path}",
        highlight=False,
        markup=False,
        soft_wrap=True,
    )


def _default_out_dir() -> Path:
    dirs = [p for p in os.environ.get("NTM_CRITERIA_DIR", "").split(":") if p]
    return Path(dirs[0]) if dirs else DEFAULT_OFFICE_DIR


@criteria_app.command("import")
def import_table(
    file: Annotated[Path, typer.Argument(help="Bảng Excel đã điền (.xlsx)")],
    new_code: Annotated[str, typer.Option("--as", help="Mã của bộ tiêu chí mới")],
    base: Annotated[
        str | None, typer.Option("--base", help="Bộ gốc; mặc định bộ đã xuất ra bảng")
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            help="Thư mục ghi tệp; mặc định thư mục đầu của NTM_CRITERIA_DIR, hoặc ./criteria",
        ),
    ] = None,
    year: Annotated[
        str | None,
        typer.Option(
            "--year",
            "-y",
            help="Năm (2020) hoặc khoảng năm (2016-2019) áp dụng ngưỡng; mặc định cả giai đoạn",
        ),
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="Tên bộ tiêu chí mới")] = None,
    force: Annotated[bool, typer.Option("--force", help="Ghi đè tệp đã có")] = False,
) -> None:
    """Nhập bảng Excel đã điền thành bộ tiêu chí mới (kế thừa bộ gốc); lỗi thì không ghi gì."""
    base_set, target = _import_target(file, new_code, base, out_dir, force=force)
    try:
        cset = import_set_table(
            file, new_code, base=base_set, year=_year(base_set, year), title=title
        )
    except ImportFailed as exc:
        _print_errors(exc)
        raise typer.Exit(code=1) from None
    comment = f"Nhập từ bảng {file.name} bằng ntm criteria import; bộ gốc {base_set.code}."
    _write_loadable(cset, target, comment)
    _say(f"Đã ghi bộ tiêu chí {cset.code} vào {target}")
    _say(f"{_summary(cset)}; kế thừa bộ {base_set.code}")


def _import_target(
    file: Path, new_code: str, base: str | None, out_dir: Path | None, *, force: bool
) -> tuple[CriteriaSet, Path]:
    """The base set and the file to write, once the codes and the target are checked."""
    if not _CODE.fullmatch(new_code):
        _fail(f"mã «{new_code}» không hợp lệ: chỉ dùng chữ không dấu, số, dấu gạch ngang")
    base_code = base or table_base_code(file)
    if base_code is None:
        _fail(f"không biết bộ gốc của bảng {file}: hãy ghi --base MÃ_BỘ")
    if base_code == new_code:
        _fail("mã bộ mới phải khác mã bộ gốc")
    base_set = _load(base_code)
    target = (out_dir or _default_out_dir()) / f"{new_code}.yaml"
    if target.exists() and not force:
        _fail(f"tệp {target} đã có; dùng --force để ghi đè")
    return base_set, target


def _write_loadable(cset: CriteriaSet, target: Path, comment: str) -> None:
    """Write the set, then load it back: the parent must resolve from where the file now lives;
    a new file that does not load is removed again."""
    existed = target.exists()
    write_set_file(cset, target, comment=comment)
    try:
        load_set_file(target)
    except CriteriaFileError as exc:
        if not existed:
            target.unlink()
        _print_errors(exc)
        raise typer.Exit(code=1) from None


def _say(text: str) -> None:
    console().print(text, highlight=False, markup=False, soft_wrap=True)


def register(app: typer.Typer) -> None:
    app.add_typer(criteria_app, name="criteria")
