"""``ntm evaluate`` (judge communes from files) and ``ntm template`` (the data-entry workbook).

Both read through ``ntm.io``: every problem of every input is printed at once, in Vietnamese,
with its file, sheet, row and column; the exit code is then 2 and no output file is written.
"""

from __future__ import annotations

import csv
import io
import os
import sys
import tempfile
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet
from rich.console import Console, JustifyMethod
from rich.progress import BarColumn, Progress, TaskID, TextColumn
from rich.table import Table

from ntm.criteria import CriteriaFileError, load_set
from ntm.domain.evaluation import STATUS_VI, Evaluation
from ntm.domain.rollup import Rollup, rollup
from ntm.domain.units import Unit
from ntm.formatting import decimal1, number
from ntm.io.bundle import Inputs, evaluation_json_text, load_inputs
from ntm.io.errors import ImportFailed, Problem
from ntm.io.library_errors import library_problem
from ntm.io.limits import limits_paragraph
from ntm.io.template import write_template
from ntm.io.units_file import read_units
from ntm.reports.content import PILOT_NOTE
from ntm.units.registry import REGIMES, Regime
from ntm.units.rural import split_rural

EXIT_INPUT = 2


# The web's pilot switch on the command line: the same engine call, evaluate(pilot=True).
PILOT_HELP = (
    "Đánh giá thí điểm theo các chỉ tiêu đã nhập (như công tắc thí điểm trên web): tiêu chí chưa "
    "đủ chỉ tiêu được xét trên các chỉ tiêu bộ đã có. Số liệu thí điểm, không phải kết quả chính "
    "thức: khi bộ chưa đủ chỉ tiêu, «Đạt chuẩn» để «Chưa xác định»."
)


class Format(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def fail(problems: list[Problem] | list[str], title: str | None = None) -> NoReturn:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    lines = [str(p) for p in problems]
    err.print(title or f"Có {len(lines)} lỗi trong dữ liệu đầu vào; không ghi tệp kết quả nào:")
    for line in lines:
        err.print(f"- {line}", markup=False)
    raise typer.Exit(EXIT_INPUT)


def write_atomically(path: Path, data: bytes) -> None:
    """The output appears whole or not at all."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".ntm-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


PROGRESS_ROWS = 5000  # a file under this is read before a bar would be worth drawing


def fail_unexpected(what: str) -> NoReturn:
    """The last resort: an error ntm did not foresee, said in one line, never a traceback."""
    message = (
        f"lỗi không mong đợi khi {what}; không ghi tệp kết quả nào. Hãy gửi lệnh đã chạy và "
        "tệp dữ liệu cho người quản trị."
    )
    fail([message], "Không hoàn thành:")


def _load(
    data: list[Path], units: Path | None, criteria: str | None, year: int | None, sheet: str | None
) -> Inputs:
    err = Console(stderr=True)
    with Progress(
        TextColumn("Đọc {task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total} dòng"),
        console=err,
        transient=True,
        disable=not err.is_terminal,
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def progress(file: str, done: int, total: int) -> None:
            if total < PROGRESS_ROWS:
                return
            if file not in tasks:
                tasks[file] = bar.add_task(file, total=total)
            bar.update(tasks[file], completed=done)

        try:
            return load_inputs(
                data,
                units_path=units,
                criteria=criteria,
                year=year,
                sheet=sheet,
                progress=progress,
            )
        except ImportFailed as exc:
            fail(exc.problems, _failure_title(exc))
        except Exception as exc:  # every reader error is translated; this is the net under them
            names = ", ".join(Path(d).name for d in data)
            fail([library_problem(exc, names)])
    raise AssertionError("unreachable")  # fail() always raises


def _failure_title(exc: ImportFailed) -> str:
    return f"Có {number(exc.total)} lỗi trong dữ liệu đầu vào; không ghi tệp kết quả nào:"


def _status_vi(status: str) -> str:
    return {"met": "Đạt", "not_met": "Chưa đạt", "unknown": "Chưa xác định"}[status]


def _per_commune_rows(ev: Evaluation, summary: Rollup) -> tuple[list[str], list[list[Any]]]:
    numbers = ev.cset.criterion_numbers
    codes = [i.code for i in ev.cset.indicators]
    header = ["Mã xã", "Tên xã", "Huyện", "Số tiêu chí đạt", "Đạt chuẩn", "Tiêu chí chưa đạt"]
    header += [f"TC{n}" for n in numbers] + codes
    rows = []
    for r in summary.rows.tolist():
        unit = ev.units[r]
        result = ev.unit_result(r)
        rows.append(
            [
                unit.code,
                unit.name,
                unit.district_name or "",
                int(ev.criteria_met[r]),
                STATUS_VI[int(ev.eligibility[r])],
                ", ".join(str(n) for n in ev.missing_criteria(r)),
                *[_status_vi(result["criteria"][str(n)]) for n in numbers],
                *[result["indicators"][c]["value"] for c in codes],
            ]
        )
    return header, rows


def _csv_bytes(ev: Evaluation, summary: Rollup) -> bytes:
    header, rows = _per_commune_rows(ev, summary)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_bytes(ev: Evaluation, summary: Rollup) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)  # a new workbook's one sheet
    ws.title = "Tổng hợp"
    figures = [
        ("Bộ tiêu chí", f"{ev.cset.title} ({ev.cset.code})"),
        ("Năm", ev.year),
        *([("Chế độ đánh giá", "Thí điểm theo các chỉ tiêu đã nhập")] if ev.pilot else []),
        ("Số xã", summary.units_total),
        ("Số xã đạt chuẩn", summary.recognised),
        ("Bình quân tiêu chí/xã", float(decimal1(summary.avg_criteria).replace(",", "."))),
    ]
    figures += [(b.name or b.label, summary.bands[b.label]) for b in ev.cset.effective_bands()]
    for figure in figures:
        ws.append(list(figure))
    ws.append([])
    ws.append(["Tiêu chí", "Tên tiêu chí", "Số xã đạt"])
    for crit in ev.cset.criteria:
        ws.append([crit.number, crit.name, summary.criteria_met[crit.number]])
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 50
    detail = wb.create_sheet("Theo xã")
    header, rows = _per_commune_rows(ev, summary)
    detail.append(header)
    for row in rows:
        detail.append(row)
    detail.freeze_panes = "C2"
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _print_table(ev: Evaluation, summary: Rollup, console: Console) -> None:
    cset = ev.cset
    pilot = " — [bold]ĐÁNH GIÁ THÍ ĐIỂM[/bold] theo các chỉ tiêu đã nhập" if ev.pilot else ""
    console.print(f"[bold]{cset.title}[/bold] ({cset.code}) — năm {ev.year}{pilot}")
    console.print(
        f"Số xã: {number(summary.units_total)} · Đạt chuẩn: {number(summary.recognised)} · "
        f"Bình quân: {decimal1(summary.avg_criteria)} tiêu chí/xã"
    )
    bands = Table(title="Số xã theo số tiêu chí đạt")
    bands.add_column("Mức")
    bands.add_column("Số xã", justify="right")
    for band in cset.effective_bands():
        bands.add_row(band.name or band.label, number(summary.bands[band.label]))
    console.print(bands)
    crits = Table(title="Số xã đạt từng tiêu chí")
    crits.add_column("TC", justify="right")
    crits.add_column("Tên tiêu chí")
    crits.add_column("Số xã đạt", justify="right")
    for crit in cset.criteria:
        crits.add_row(str(crit.number), crit.name, number(summary.criteria_met[crit.number]))
    console.print(crits)
    communes = Table(title="Kết quả từng xã")
    with_district = any(u.district_name for u in ev.units)
    columns: list[tuple[str, JustifyMethod]] = [("Mã xã", "left"), ("Tên xã", "left")]
    if with_district:
        columns.append(("Huyện", "left"))
    columns += [("Số TC đạt", "right"), ("Đạt chuẩn", "left"), ("Tiêu chí chưa đạt", "left")]
    for name, justify in columns:
        communes.add_column(name, justify=justify)
    for r in summary.rows.tolist():
        unit = ev.units[r]
        cells = [unit.code, unit.name] + ([unit.district_name or ""] if with_district else [])
        cells += [
            str(int(ev.criteria_met[r])),
            STATUS_VI[int(ev.eligibility[r])],
            ", ".join(str(n) for n in ev.missing_criteria(r)),
        ]
        communes.add_row(*cells)
    console.print(communes)


def evaluate_command(
    data: Annotated[list[Path], typer.Argument(help="Tệp dữ liệu CSV/XLSX (một hoặc nhiều).")],
    criteria: Annotated[
        str | None, typer.Option("--criteria", help="Mã bộ tiêu chí (mặc định: suy từ năm).")
    ] = None,
    units: Annotated[
        Path | None, typer.Option("--units", help="Tệp danh sách xã (mã, tên, vùng/nhóm…).")
    ] = None,
    year: Annotated[int | None, typer.Option("--year", help="Năm đánh giá.")] = None,
    output_format: Annotated[
        Format, typer.Option("--format", help="table, json, csv hoặc xlsx.")
    ] = Format.table,
    out: Annotated[Path | None, typer.Option("--out", help="Tệp kết quả.")] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="Trang tính chứa dữ liệu (tệp XLSX).")
    ] = None,
    pretty: Annotated[
        bool, typer.Option("--pretty", help="JSON thụt lề, dễ đọc (mặc định: JSON gọn).")
    ] = False,
    pilot: Annotated[bool, typer.Option("--pilot", help=PILOT_HELP)] = False,
) -> None:
    """Đánh giá các xã theo bộ tiêu chí từ tệp dữ liệu (CSV/XLSX)."""
    if output_format is Format.xlsx and out is None:
        fail(["định dạng xlsx cần tên tệp kết quả: thêm --out KETQUA.xlsx"], "Thiếu tùy chọn:")
    inputs = _load(data, units, criteria, year, sheet)
    try:
        _evaluate_and_write(inputs, output_format, out, pretty, pilot=pilot)
    except (typer.Exit, typer.Abort):
        raise
    except BrokenPipeError:  # the reader of the output went away (`| head`): nothing to say
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except OSError:
        where = f"tệp kết quả {out}" if out else "kết quả ra màn hình"
        fail([f"không ghi được {where}: kiểm tra thư mục và quyền ghi"], "Lỗi ghi tệp:")
    except Exception:
        fail_unexpected("đánh giá và ghi kết quả")


def _ungrouped_notes(ev: Evaluation) -> list[str]:
    """A set whose levels differ by group cannot judge a commune with no group: each is named,
    never left out silently."""
    if ev.cset.variants.by != "group":
        return []
    names = [u.name for u in ev.units if not u.group]
    if not names:
        return []
    return [f"{number(len(names))} xã chưa có nhóm (chỉ tiêu theo nhóm chưa xét được): "
            + ", ".join(names)]  # fmt: skip


def _evaluate_and_write(
    inputs: Inputs, output_format: Format, out: Path | None, pretty: bool, *, pilot: bool = False
) -> None:
    ev = inputs.evaluate(pilot=pilot)
    summary = rollup(ev)
    err = Console(stderr=True, highlight=False)
    for note in [*([PILOT_NOTE] if ev.pilot else []), *inputs.notes, *_ungrouped_notes(ev)]:
        err.print(f"Ghi chú: {note}", markup=False)
    if output_format is Format.table:
        if out is None:
            _print_table(ev, summary, Console(highlight=False))
            return
        buffer = io.StringIO()
        _print_table(ev, summary, Console(file=buffer, width=140, highlight=False))
        payload = buffer.getvalue().encode("utf-8")
    elif output_format is Format.json:
        pieces = evaluation_json_text(ev, summary, pretty=pretty)
        if out is None:
            for piece in pieces:
                sys.stdout.write(piece)
            sys.stdout.write("\n")
            return
        payload = ("".join(pieces) + "\n").encode("utf-8")
    elif output_format is Format.csv:
        payload = _csv_bytes(ev, summary)
        if out is None:
            typer.echo(payload.decode("utf-8-sig"), nl=False)
            return
    else:
        payload = _xlsx_bytes(ev, summary)
    assert out is not None
    write_atomically(out, payload)
    err.print(f"Đã ghi {out}", markup=False)


def _template_units(
    province: str | None, units: Path | None, regime: Regime
) -> tuple[list[Unit], str]:
    if units is not None:
        try:
            found = read_units(units)
        except ImportFailed as exc:
            fail(exc.problems)
        names = {u.province_name for u in found if u.province_name}
        return found, province or (names.pop() if len(names) == 1 else "")
    if not province:
        fail(["cần --province (tên hoặc mã tỉnh) hoặc --units (tệp danh sách xã)"], "Thiếu:")
    from ntm.units.registry import communes_of, find_province

    try:
        p = find_province(province, regime)
        return communes_of(p.code, regime), p.name
    except LookupError as exc:
        fail([f"tỉnh «{province}»: {exc}"], "Không tìm thấy tỉnh:")
    raise AssertionError("unreachable")


def template_command(
    criteria: Annotated[str, typer.Argument(help="Mã bộ tiêu chí, ví dụ xa-ntm-2026-2030.")],
    province: Annotated[
        str | None, typer.Option("--province", help="Tên hoặc mã tỉnh/thành phố.")
    ] = None,
    # Required, yet after options with defaults, so it needs a default: ``...`` is typer's
    # "required" (an int to typer, an Ellipsis to mypy).
    year: Annotated[int, typer.Option("--year", help="Năm đánh giá.")] = ...,  # type: ignore[assignment]  # ... = required
    out: Annotated[Path, typer.Option("--out", help="Tệp mẫu .xlsx sẽ ghi.")] = Path(
        "mau-nhap-lieu.xlsx"
    ),
    regime: Annotated[
        str | None,
        typer.Option("--regime", help="old: đơn vị trước 01/7/2025; new: từ 01/7/2025."),
    ] = None,
    units: Annotated[
        Path | None, typer.Option("--units", help="Tệp danh sách xã thay cho danh mục.")
    ] = None,
    include_wards: Annotated[
        bool,
        typer.Option("--include-wards", help="Đưa cả phường, thị trấn vào mẫu (mặc định: chỉ xã)."),
    ] = False,
) -> None:
    """Ghi mẫu Excel nhập liệu: mỗi xã một dòng, mỗi chỉ tiêu một cột, kèm ngưỡng."""
    try:
        cset = load_set(criteria)
    except CriteriaFileError as exc:
        fail([f"{exc.path}: {loc + ': ' if loc else ''}{msg}" for loc, msg in exc.problems])
    problems = []
    if not cset.period[0] <= year <= cset.period[1]:
        problems.append(
            f"năm {year} nằm ngoài giai đoạn {cset.period[0]}–{cset.period[1]} của bộ {cset.code}"
        )
    chosen_regime = regime or ("new" if year >= 2026 else "old")
    if chosen_regime not in REGIMES:
        fail([*problems, f"--regime «{regime}» không hợp lệ: chọn old hoặc new"])
    if problems:
        fail(problems)
    found, province_name = _template_units(province, units, chosen_regime)
    split = split_rural(found, include_wards=include_wards or cset.level != "commune")
    if not split.kept:
        fail(["không có xã nào để đưa vào mẫu", *([split.note()] if split.left_out else [])])
    write_template(cset, split.kept, year, out, province=province_name or None,
                   left_out=split.note())  # fmt: skip
    err = Console(stderr=True, highlight=False)
    err.print(f"Đã ghi mẫu nhập liệu {out}: {number(len(split.kept))} xã, bộ tiêu chí "
              f"{cset.code}, năm {year}", markup=False)  # fmt: skip
    if split.left_out:
        err.print(f"Ghi chú: {split.note()}.", markup=False)


def register(app: typer.Typer) -> None:
    app.command("evaluate", epilog=limits_paragraph())(evaluate_command)
    app.command("template")(template_command)
