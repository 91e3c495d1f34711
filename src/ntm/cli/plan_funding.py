"""``ntm plan-funding``: which unmet criteria in which communes to fund with a budget, to
recognise the most communes (issue #15.3). Same data files as ``ntm evaluate``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from ntm.cli.evaluate import fail, fail_unexpected, write_atomically
from ntm.cli.funding_costs import read_costs
from ntm.domain.funding_costs import costed_gaps
from ntm.domain.funding_plan import Plan, Tranche, next_tranche, plan_funding
from ntm.formatting import number
from ntm.io.bundle import load_inputs
from ntm.io.errors import ImportFailed
from ntm.numbers import parse_number
from ntm.reports.funding_plan_xlsx import PlanNames, plan_xlsx


def _lines(plan: Plan, tranche: Tranche | None, names: dict[str, str]) -> list[str]:
    lines = [
        f"Ngân sách {number(plan.budget, 1)} tỷ đồng; phương án dùng {number(plan.cost, 1)} tỷ "
        f"đồng: {number(len(plan.recognised))} xã đạt chuẩn thêm, "
        f"{number(plan.criteria_gained)} tiêu chí đạt thêm.",
    ]
    lines += [f"- {code} {names.get(code, '')}: đạt chuẩn" for code in plan.recognised]
    if tranche is not None:
        lines.append(
            f"Thêm {number(tranche.extra, 1)} tỷ đồng: thêm {number(tranche.more_communes)} xã "
            f"đạt chuẩn, {number(tranche.more_criteria)} tiêu chí."
        )
    return lines


def _amounts(**texts: str | None) -> tuple[float | None, ...]:
    """Amounts in tỷ đồng as people write them (``1.250,5``), each checked ≥ 0."""
    out, problems = [], []
    for option, text in texts.items():
        try:
            parsed = parse_number(text) if text is not None else None
        except ValueError:
            parsed = None
        if text is not None and (parsed is None or parsed.value < 0):
            problems.append(f"--{option} {text!r}: cần số tỷ đồng ≥ 0 (ví dụ 1.250,5)")
        out.append(parsed.value if parsed is not None else None)
    if problems:
        fail(problems, "Tùy chọn không hợp lệ:")
    return tuple(out)


def plan_funding_command(
    data: Annotated[list[Path], typer.Argument(help="Tệp dữ liệu một năm (như ntm evaluate).")],
    costs: Annotated[
        Path, typer.Option(help="CSV: criterion hoặc indicator, unit_cost_billion_vnd.")
    ],
    budget: Annotated[str, typer.Option(help="Ngân sách (tỷ đồng, ví dụ 1.250,5).")],
    cap: Annotated[str | None, typer.Option(help="Trần mỗi xã (tỷ đồng).")] = None,
    tranche: Annotated[str | None, typer.Option(help="Đợt vốn tiếp theo (tỷ đồng).")] = None,
    units: Annotated[Path | None, typer.Option(help="Tệp danh sách xã.")] = None,
    criteria: Annotated[str | None, typer.Option(help="Mã bộ tiêu chí.")] = None,
    out: Annotated[Path | None, typer.Option(help="Ghi phương án ra tệp .xlsx.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="In kết quả dạng JSON.")] = False,
) -> None:
    """Chọn tiêu chí nào ở xã nào để cấp vốn, cho nhiều xã đạt chuẩn nhất trong ngân sách.

    Mục tiêu thứ hai: nhiều tiêu chí đạt thêm nhất. Tối ưu bằng scipy milp (HiGHS)."""
    amounts = _amounts(budget=budget, cap=cap, tranche=tranche)
    unit_costs = read_costs(costs)
    try:
        ev = load_inputs(data, units_path=units, criteria=criteria).evaluate()
    except ImportFailed as exc:
        fail(exc.problems)
    except Exception:
        fail_unexpected("đọc dữ liệu")
    names = {u.code: u.name for u in ev.units}
    costed = costed_gaps(ev, unit_costs)
    gaps = [c.gap for c in costed]
    total, limit, extra = amounts
    plan = plan_funding(gaps, total or 0.0, limit)
    more = next_tranche(gaps, plan, extra, limit) if extra else None
    if out is not None:
        titles = PlanNames(names, {c.number: c.name for c in ev.cset.criteria})
        unpriced = [c for c in costed if c.gap.cost is None]
        write_atomically(out, plan_xlsx(plan, more, titles, unpriced))
    if as_json:
        typer.echo(json.dumps(_json(plan, more), ensure_ascii=False, indent=2))
    else:
        for line in _lines(plan, more, names):
            typer.echo(line)


def _json(plan: Plan, more: Tranche | None) -> dict[str, object]:
    return {
        "budget": plan.budget,
        "cost": plan.cost,
        "recognised": list(plan.recognised),
        "criteria_gained": plan.criteria_gained,
        "optimal": plan.optimal,
        "funded": [
            {"commune": g.commune, "criterion": g.criterion, "cost": g.cost} for g in plan.funded
        ],
        "next_tranche": None
        if more is None
        else {"extra": more.extra, "communes": more.more_communes, "criteria": more.more_criteria},
    }


def register(app: typer.Typer) -> None:
    app.command("plan-funding")(plan_funding_command)
