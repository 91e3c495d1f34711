"""``ntm report``: the year's report (DOCX, XLSX appendices, JSON, Markdown) from files.

Every problem of every input is printed at once, in Vietnamese, with its place; the exit code
is then 2 and no file is written.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer
from rich.console import Console

from ntm.cli.collector import collector_paused
from ntm.cli.evaluate import PILOT_HELP
from ntm.cli.monitoring import MonitoringOption, with_monitoring
from ntm.cli.report_settings import SettingsOption, office_write, settings_problems
from ntm.domain.units import Unit
from ntm.io.bundle import Inputs, load_inputs
from ntm.io.errors import ImportFailed, Problem
from ntm.io.funding import FundingFile, read_funding
from ntm.io.targets import Target, read_targets
from ntm.reports import ReportData, Scope, build_figures

EXIT_INPUT = 2
T = TypeVar("T")


class Level(StrEnum):
    province = "province"
    district = "district"


class IssuerType(StrEnum):
    party = "party"
    government = "government"


def _fail(problems: list[Problem | str]) -> NoReturn:
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    err.print(f"Có {len(problems)} lỗi trong dữ liệu đầu vào; không ghi tệp báo cáo nào:")
    for p in problems:
        err.print(f"- {p}", markup=False)
    raise typer.Exit(EXIT_INPUT)


def parse_date(text: str) -> dt.date:
    """``01/6/2021``, ``1/6/2021`` or ``2021-06-01``; ValueError with a Vietnamese message."""
    text = text.strip()
    m = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", text)
    try:
        if m:
            return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"ngày «{text}» không hợp lệ (ví dụ đúng: 01/6/2021)") from None


def resolve_scope(
    units: list[Unit], level: str, code: str | None, file: str
) -> Scope | list[Problem]:
    """The scope the report covers; a list of problems when it cannot be decided."""
    if level == "province":
        provinces = {u.province_code: u.province_name for u in units if u.province_code}
        if code is None:
            if len(provinces) != 1:
                return [
                    Problem(
                        file, f"dữ liệu có {len(provinces)} tỉnh: cần chọn một bằng --unit MÃ_TỈNH"
                    )
                ]
            code = next(iter(provinces))
        if code not in provinces:
            return [Problem(file, f"không có xã nào thuộc tỉnh mã {code} (--unit)")]
        return Scope("province", code, provinces[code], code, provinces[code])
    districts = {u.district_code: u for u in units if u.district_code}
    if not districts:
        return [Problem(file, "dữ liệu không có cấp huyện: không lập được báo cáo cấp huyện")]
    if code is None:
        if len(districts) != 1:
            return [
                Problem(
                    file, f"dữ liệu có {len(districts)} huyện: cần chọn một bằng --unit MÃ_HUYỆN"
                )
            ]
        code = next(iter(districts))
    if code not in districts:
        return [Problem(file, f"không có xã nào thuộc huyện mã {code} (--unit)")]
    u = districts[code]
    return Scope("district", code, u.district_name or code, u.province_code, u.province_name)


# The options of `ntm report`, named once so the command's signature reads as a list.
DataOption = Annotated[
    list[Path],
    typer.Option(
        "--data",
        help="Tệp số liệu năm báo cáo (trạng thái tiêu chí hoặc giá trị chỉ tiêu).",
    ),
]
OutOption = Annotated[Path, typer.Option("--out", help="Thư mục ghi báo cáo.")]
BaselineOption = Annotated[
    list[Path] | None, typer.Option("--baseline", help="Số liệu năm gốc để so sánh.")
]
UnitsOption = Annotated[Path | None, typer.Option("--units", help="Tệp danh sách xã.")]
TargetsOption = Annotated[
    Path | None, typer.Option("--targets", help="Tệp chỉ tiêu kế hoạch (targets.csv).")
]
FundingOption = Annotated[Path | None, typer.Option("--funding", help="Tệp nguồn vốn theo nguồn.")]
YearOption = Annotated[
    int | None, typer.Option("--year", help="Năm báo cáo (mặc định: năm trong tệp).")
]
LevelOption = Annotated[Level, typer.Option("--level", help="Cấp báo cáo.")]
UnitOption = Annotated[str | None, typer.Option("--unit", help="Mã tỉnh hoặc huyện của báo cáo.")]
CriteriaOption = Annotated[str | None, typer.Option("--criteria", help="Mã hoặc tệp bộ tiêu chí.")]
TemplateOption = Annotated[
    Path | None, typer.Option("--template", help="Mẫu báo cáo .docx riêng (docxtpl).")
]
IssuerTypeOption = Annotated[
    IssuerType,
    typer.Option("--issuer-type", help="party: văn bản của cấp ủy; government: của chính quyền."),
]
IssuerOption = Annotated[
    str | None, typer.Option("--issuer", help="Cơ quan ban hành (mặc định theo địa bàn).")
]
NumberOption = Annotated[
    str | None, typer.Option("--number", help='Số, ký hiệu, ví dụ "75-BC/TU".')
]
PlaceOption = Annotated[str | None, typer.Option("--place", help="Địa danh ghi ngày tháng.")]
DateOption = Annotated[
    str | None,
    typer.Option("--date", help="Ngày ban hành, ví dụ 01/6/2021 (mặc định: hôm nay)."),
]
SignerTitleOption = Annotated[str | None, typer.Option("--signer-title", help="Chức vụ người ký.")]
SignerOption = Annotated[str | None, typer.Option("--signer", help="Họ tên người ký.")]
TitleOption = Annotated[str | None, typer.Option("--title", help="Trích yếu báo cáo.")]
RecipientOption = Annotated[
    list[str] | None, typer.Option("--recipient", help="Nơi nhận; lặp lại được.")
]
PilotOption = Annotated[bool, typer.Option("--pilot", help=PILOT_HELP + " Áp dụng cho cả năm gốc.")]


def report_command(
    data: DataOption,
    out: OutOption,
    baseline: BaselineOption = None,
    units: UnitsOption = None,
    targets: TargetsOption = None,
    funding: FundingOption = None,
    monitoring: MonitoringOption = None,
    year: YearOption = None,
    level: LevelOption = Level.province,
    unit: UnitOption = None,
    criteria: CriteriaOption = None,
    template: TemplateOption = None,
    issuer_type: IssuerTypeOption = IssuerType.party,
    issuer: IssuerOption = None,
    number: NumberOption = None,
    place: PlaceOption = None,
    date: DateOption = None,
    signer_title: SignerTitleOption = None,
    signer: SignerOption = None,
    title: TitleOption = None,
    recipient: RecipientOption = None,
    settings: SettingsOption = None,
    pilot: PilotOption = False,
) -> None:
    """Lập báo cáo kết quả xây dựng nông thôn mới (report.docx, phu-luc.xlsx, .json, .md)."""
    from ntm.reports.chart_worker import chart_worker
    from ntm.reports.document import Issuer

    # The charts' process started first: it imports matplotlib while the inputs are read
    # (ntm/reports/chart_worker.py).
    with chart_worker() as worker:
        files = _Files(data, baseline or [], units, targets, funding)
        inputs = _read_inputs(files, criteria=criteria, year=year)
        options = [*_option_problems(date, template), *settings_problems(settings)]
        current, scope = _checked(inputs, options, level.value, unit, Path(data[0]).name)
        fig = build_figures(_report_data(current, inputs, scope, files, pilot=pilot))
        fig = with_monitoring(fig, monitoring, current.units, inputs.base)
        # fmt: skip: the issuer's fields four to a line, so the command reads in one screen.
        who = Issuer(
            kind=issuer_type.value, name=issuer, number=number, place=place,
            date=parse_date(date) if date is not None else None, signer_title=signer_title,
            signer=signer, title=title, recipients=list(recipient or []),
        )  # fmt: skip
        written = office_write(
            fig, who, out, template=template, settings=settings, chart_worker=worker
        )
    console = Console(highlight=False)
    console.print(f"Đã lập báo cáo {scope.name} năm {fig.year} trong {out}:", markup=False)
    for path in written:
        console.print(f"  {path.name}", markup=False)
    if fig.checks:
        console.print(f"Kiểm tra số liệu: {len(fig.checks)} sai lệch (xem mục III của báo cáo).")


def _checked(
    inputs: _Inputs, options: list[str], level: str, unit: str | None, file: str
) -> tuple[Inputs, Scope]:
    """The year's inputs and the report's scope; every problem printed (exit 2) otherwise."""
    scope = None
    if inputs.current is not None:
        resolved = resolve_scope(inputs.current.units, level, unit, file)
        if isinstance(resolved, list):
            inputs.problems.extend(resolved)
        else:
            scope = resolved
    if inputs.problems or options or inputs.current is None or scope is None:
        _fail([*inputs.problems, *options])
    return inputs.current, scope


@dataclass(frozen=True)
class _Files:
    """The input files named on the command line."""

    data: list[Path]
    baseline: list[Path]
    units: Path | None
    targets: Path | None
    funding: Path | None

    def names(self) -> list[str]:
        """Every input file's name, for the record in report.json."""
        optional = [p for p in (self.units, self.targets, self.funding) if p]
        return [p.name for p in [*self.data, *self.baseline, *optional]]


@dataclass
class _Inputs:
    """Everything read from the files; ``problems`` lists what could not be read."""

    current: Inputs | None
    base: Inputs | None
    targets: list[Target]
    funding: FundingFile | None
    problems: list[Problem] = field(default_factory=list)


def _read_inputs(files: _Files, *, criteria: str | None, year: int | None) -> _Inputs:
    """Every file read, every problem of every file collected (none stops the others)."""
    problems: list[Problem] = []
    current = _read(
        lambda: load_inputs(files.data, units_path=files.units, criteria=criteria, year=year),
        problems,
    )
    base = None
    if files.baseline:
        base = _read(
            lambda: load_inputs(files.baseline, units_path=files.units, criteria=criteria),
            problems,
        )
    plan: list[Target] = []
    if files.targets is not None:
        plan = _read(partial(read_targets, files.targets), problems) or []
    funds = None
    if files.funding is not None:
        funds = _read(partial(read_funding, files.funding), problems)
    return _Inputs(current, base, plan, funds, problems)


def _option_problems(date: str | None, template: Path | None) -> list[str]:
    options = []
    if date is not None:
        try:
            parse_date(date)
        except ValueError as exc:
            options.append(f"tùy chọn --date: {exc}")
    if template is not None and (not template.is_file() or template.suffix.lower() != ".docx"):
        options.append(f"tùy chọn --template: không tìm thấy mẫu báo cáo .docx «{template}»")
    return options


def _report_data(
    current: Inputs, inputs: _Inputs, scope: Scope, files: _Files, *, pilot: bool = False
) -> ReportData:
    """The evaluations of the year and of the baseline (both pilot with ``--pilot``: the same
    engine call as ``ntm evaluate --pilot``), with the plan and the funds."""
    evaluation = current.evaluate(pilot=pilot)
    base = inputs.base
    base_eval = base.evaluate(pilot=pilot) if base is not None else None
    return ReportData(
        evaluation,
        scope,
        base_eval,
        inputs.targets,
        inputs.funding,
        sources=files.names(),
        notes=current.notes + (base.notes if base else []),
    )


def _read(load: Callable[[], T], problems: list[Problem]) -> T | None:
    try:
        return load()
    except ImportFailed as exc:
        problems.extend(exc.problems)
        return None


def register(app: typer.Typer) -> None:
    # The collector waits for the command's end: a report's objects are bounded by its input
    # (ntm/cli/collector.py).
    app.command(
        "report", help="Lập báo cáo kết quả xây dựng nông thôn mới (DOCX, XLSX, JSON, MD)."
    )(collector_paused()(report_command))
