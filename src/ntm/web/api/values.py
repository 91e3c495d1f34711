"""Values in and out of the API, checked like the form's."""

from __future__ import annotations

from typing import Any

from ntm.io.errors import ImportFailed, Problem
from ntm.web.api.schemas import ValuesIn
from ntm.web.assessments.models import Assessment, CriterionStatus, IndicatorValue, Period
from ntm.web.assessments.selectors import cset_of
from ntm.web.assessments.values import check_range


def values_out(assessment: Assessment) -> dict[str, Any]:
    if assessment.pk is None:  # nothing stored yet: reading never creates the row
        return {"version": 0, "values": {}, "statuses": {}}
    values = dict(
        IndicatorValue.objects.filter(assessment=assessment).values_list("indicator", "value")
    )
    statuses = {
        str(n): s
        for n, s in CriterionStatus.objects.filter(assessment=assessment).values_list(
            "criterion", "status"
        )
    }
    return {"version": assessment.version, "values": values, "statuses": statuses}


def values_in(
    period: Period, body: ValuesIn
) -> tuple[dict[str, float | None], dict[int, int | None]]:
    """Every bad entry at once, as the importers report them (ImportFailed → 400)."""
    cset = cset_of(period.criteria_set)
    known = {i.code: i for i in cset.indicators}
    problems: list[Problem] = []
    values: dict[str, float | None] = {}
    for code, value in body.values.items():
        if code not in known:
            problems.append(Problem("API", f"chỉ tiêu «{code}» không có trong bộ {cset.code}"))
            continue
        try:
            values[code] = None if value is None else check_range(float(value), known[code])
        except ValueError as exc:
            problems.append(Problem("API", f"chỉ tiêu {code}: {exc}"))
    statuses: dict[int, int | None] = {}
    for key, status in body.statuses.items():
        number = int(key) if key.isdigit() and len(key) < 4 else None
        if number not in cset.criterion_numbers:
            problems.append(Problem("API", f"tiêu chí «{key}» không có trong bộ {cset.code}"))
        elif status not in (None, 1, 0, -1):
            problems.append(Problem("API", f"tiêu chí {key}: trạng thái phải là 1, 0 hoặc -1"))
        else:
            statuses[number] = status
    if problems:
        raise ImportFailed(problems)
    return values, statuses


def comments_in(period: Period, body: ValuesIn) -> dict[str, str]:
    """The comments of the body, by indicator (saved and audited like the form's)."""
    known = {i.code for i in cset_of(period.criteria_set).indicators}
    problems = [
        Problem("API", f"ghi chú cho chỉ tiêu «{code}» không có trong bộ")
        for code in body.comments
        if code not in known
    ]
    problems += [
        Problem("API", f"ghi chú chỉ tiêu {code}: dài quá 2.000 ký tự")
        for code, text in body.comments.items()
        if len(text) > 2000
    ]
    if problems:
        raise ImportFailed(problems)
    return dict(body.comments)
