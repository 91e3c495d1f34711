"""Progress towards a target, by the Open SDG method (Statistics Canada's progress measure).

For a target (value to reach by a year) and two observations (baseline and current):

1. **target achieved** when the current value reaches the target (``≥`` when higher is better,
   ``≤`` when lower is better);
2. otherwise the observed compound annual growth rate ``CAGR_o = (y_i / y_0)^(1/(t_i − t_0)) − 1``
   is compared with the rate needed to reach the target on time,
   ``CAGR_r = (y_T / y_0)^(1/(t_T − t_0)) − 1``, as ``R = s · d · CAGR_o / |CAGR_r|``
   (``d`` +1 when higher is better, −1 otherwise; ``s`` −1 when the baseline is negative);
3. ``R ≥ 0,95`` on track (đúng tiến độ); ``0,6 ≤ R < 0,95`` progress made but acceleration
   needed and ``0 ≤ R < 0,6`` limited progress (both chậm tiến độ); ``R < 0`` deterioration
   (giảm sút).

As in Open SDG, a baseline or target of zero is replaced by 0,001 (an exponential model cannot
start from or aim at zero). ntm adds one status Open SDG has no need of: once the target year
is reached and the target is not, the target is missed (``MISSED``), whatever the pace; pass
``missed_after_deadline=False`` for Open SDG's behaviour. Sources and worked cases:
docs/progress.md.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from ntm.domain.rollup import round_half_up
from ntm.formatting import number, percent

ACHIEVED, ON_TRACK, MODERATE, LIMITED, DETERIORATION = 4, 3, 2, 1, 0
NOT_COMPUTABLE, MISSED = -1, -2

# Open SDG's thresholds for indicators with a quantitative target (sdg-build ProgressMeasure).
ON_TRACK_RATIO = 0.95
MODERATE_RATIO = 0.6
ZERO_SUBSTITUTE = 0.001

STATUS_NAMES: dict[int, str] = {
    ACHIEVED: "target_achieved",
    ON_TRACK: "substantial_progress",
    MODERATE: "moderate_progress",
    LIMITED: "limited_progress",
    DETERIORATION: "deterioration",
    MISSED: "target_missed",
    NOT_COMPUTABLE: "not_available",
}
STATUS_VI: dict[int, str] = {
    ACHIEVED: "Đạt mục tiêu",
    ON_TRACK: "Đúng tiến độ",
    MODERATE: "Chậm tiến độ (có tiến bộ, cần đẩy nhanh)",
    LIMITED: "Chậm tiến độ (tiến bộ hạn chế)",
    DETERIORATION: "Giảm sút",
    MISSED: "Không đạt mục tiêu (đã đến hạn)",
    NOT_COMPUTABLE: "Không tính được",
}
# The four headings a provincial report uses; Open SDG's two middle bands share one.
STATUS_GROUP_VI: dict[int, str] = {
    **STATUS_VI,
    MODERATE: "Chậm tiến độ",
    LIMITED: "Chậm tiến độ",
    MISSED: "Không đạt mục tiêu",
}

# Why a status could not be computed (checked in this order).
WHY_NONE, WHY_MISSING, WHY_SAME_YEAR, WHY_CURRENT_BEFORE_BASE = 0, 1, 2, 3
WHY_TARGET_NOT_AFTER_BASE, WHY_SIGNS = 4, 5
WHY_VI: dict[int, str] = {
    WHY_MISSING: "thiếu giá trị gốc, giá trị hiện tại hoặc giá trị mục tiêu",
    WHY_SAME_YEAR: "năm hiện tại trùng năm gốc, cần số liệu của hai năm khác nhau để tính "
    "tốc độ thay đổi",
    WHY_CURRENT_BEFORE_BASE: "năm hiện tại trước năm gốc",
    WHY_TARGET_NOT_AFTER_BASE: "năm mục tiêu không sau năm gốc nên không có tốc độ cần thiết",
    WHY_SIGNS: "giá trị gốc với giá trị hiện tại hoặc mục tiêu trái dấu (mô hình tăng trưởng "
    "kép cần các giá trị cùng dấu)",
}


def status_from_ratio(ratio: Any, achieved: Any = False) -> np.ndarray:
    """Open SDG's ``get_progress_status`` for quantitative targets; NaN ratio → not computable."""
    r = np.asarray(ratio, dtype=float)
    with np.errstate(invalid="ignore"):
        out = np.select(
            [r >= ON_TRACK_RATIO, r >= MODERATE_RATIO, r >= 0.0, r < 0.0],
            [ON_TRACK, MODERATE, LIMITED, DETERIORATION],
            NOT_COMPUTABLE,
        )
    return np.where(np.asarray(achieved, dtype=bool), ACHIEVED, out).astype(np.int8)


@dataclass(frozen=True)
class ProgressArrays:
    """Per target: status code, the rates (fractions per year), the ratio, why not computable."""

    status: np.ndarray  # int8
    achieved: np.ndarray  # bool
    actual_rate: np.ndarray  # CAGR_o, NaN when not computable
    required_rate: np.ndarray  # CAGR_r
    ratio: np.ndarray  # R; -inf when the baseline already equals the target and it slid
    why: np.ndarray  # WHY_* codes, WHY_NONE where the ratio was computed

    def names(self) -> list[str]:
        return [STATUS_NAMES[int(s)] for s in self.status.ravel()]

    def labels(self) -> list[str]:
        return [STATUS_VI[int(s)] for s in self.status.ravel()]


def progress_status(
    *,
    baseline_value: Any,
    baseline_year: Any,
    current_value: Any,
    current_year: Any,
    target_value: Any,
    target_year: Any,
    higher_is_better: Any = True,
    missed_after_deadline: bool = True,
    zero_substitute: float = ZERO_SUBSTITUTE,
) -> ProgressArrays:
    """Progress status of many targets at once; every argument is a scalar or an array
    (broadcast together). Missing values are NaN."""
    arrays = np.broadcast_arrays(
        *(
            np.asarray(x, dtype=float)
            for x in (
                baseline_value,
                baseline_year,
                current_value,
                current_year,
                target_value,
                target_year,
            )
        ),
        np.asarray(higher_is_better, dtype=bool),
    )
    y0, t0, yi, ti, y_target, t_target, higher = arrays
    missing = np.isnan(y0) | np.isnan(t0) | np.isnan(yi) | np.isnan(ti)
    missing |= np.isnan(y_target) | np.isnan(t_target)
    # Judged against the target as given: the zero substitute is only for the growth model.
    with np.errstate(invalid="ignore"):
        achieved = ~missing & np.where(higher, yi >= y_target, yi <= y_target)
    base = np.where(y0 == 0, zero_substitute, y0)
    goal = np.where(y_target == 0, zero_substitute, y_target)
    actual, required, ratio = _rates(base, goal, yi, (t0, ti, t_target), higher, achieved)
    opposite = (base * yi < 0) | (base * goal < 0)
    why = np.select(
        [missing, ti == t0, ti < t0, t_target <= t0, opposite],
        [WHY_MISSING, WHY_SAME_YEAR, WHY_CURRENT_BEFORE_BASE, WHY_TARGET_NOT_AFTER_BASE, WHY_SIGNS],
        WHY_NONE,
    ).astype(np.int8)
    computable = why == WHY_NONE
    ratio = np.where(computable, ratio, np.nan)
    actual = np.where(computable, actual, np.nan)
    required = np.where(computable, required, np.nan)

    status = status_from_ratio(ratio, achieved)
    if missed_after_deadline:
        missed = ~missing & ~achieved & (ti >= t_target)
        status = np.where(missed, MISSED, status).astype(np.int8)
    return ProgressArrays(status, achieved, actual, required, ratio, why)


def _rates(
    base: np.ndarray,
    goal: np.ndarray,
    yi: np.ndarray,
    years: tuple[np.ndarray, np.ndarray, np.ndarray],
    higher: np.ndarray,
    achieved: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Actual and required growth per year, and their ratio (Open SDG's model)."""
    t0, ti, t_target = years
    sign = np.where(base < 0, -1.0, 1.0)
    d = np.where(higher, 1.0, -1.0)
    with np.errstate(all="ignore"):
        actual = (yi / base) ** (1.0 / (ti - t0)) - 1.0
        required = (goal / base) ** (1.0 / (t_target - t0)) - 1.0
        ratio = sign * d * actual / np.abs(required)
    # Baseline equal to the target: no growth is needed, so any value short of the target has
    # moved away from it. Open SDG divides by zero here (→ -inf); say so without the warning.
    ratio = np.where((required == 0) & ~achieved, -np.inf, ratio)
    return actual, required, ratio


@dataclass(frozen=True)
class TargetProgress:
    status: int
    name: str  # Open SDG's name (or ``target_missed``)
    label: str  # Vietnamese
    group_label: str  # Vietnamese, one of the four report headings
    ratio: float | None
    actual_rate: float | None  # fraction per year
    required_rate: float | None
    explanation: str  # Vietnamese

    def as_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _rate(x: float) -> str:
    return number(100 * x, 1) + "%/năm"


def target_progress(
    *,
    baseline_value: float | None,
    baseline_year: int,
    current_value: float | None,
    current_year: int,
    target_value: float | None,
    target_year: int,
    higher_is_better: bool = True,
    missed_after_deadline: bool = True,
    zero_substitute: float = ZERO_SUBSTITUTE,
) -> TargetProgress:
    """One target's status with the sentence a report shows. ``None`` values are missing."""

    def nan(x: float | None) -> float:
        return np.nan if x is None else float(x)

    arr = progress_status(
        baseline_value=nan(baseline_value),
        baseline_year=baseline_year,
        current_value=nan(current_value),
        current_year=current_year,
        target_value=nan(target_value),
        target_year=target_year,
        higher_is_better=higher_is_better,
        missed_after_deadline=missed_after_deadline,
        zero_substitute=zero_substitute,
    )
    status = int(arr.status)
    ratio, actual, required = (float(a) for a in (arr.ratio, arr.actual_rate, arr.required_rate))
    now = f"năm {current_year} ({number(nan(current_value))})"
    goal = f"mục tiêu {number(nan(target_value))}"
    if status == ACHIEVED:
        text = f"Giá trị {now} đã đạt {goal} (năm {target_year})."
    elif status == NOT_COMPUTABLE:
        text = f"Không tính được tiến độ: {WHY_VI[int(arr.why)]}."
    else:
        text = _pace_sentences(
            status,
            (ratio, actual, required),
            (baseline_year, current_year, target_year),
            now,
            goal,
            zero_substitute if 0 in (baseline_value, target_value) else None,
        )
    return TargetProgress(
        status=status,
        name=STATUS_NAMES[status],
        label=STATUS_VI[status],
        group_label=STATUS_GROUP_VI[status],
        ratio=ratio if np.isfinite(ratio) else None,
        actual_rate=actual if not np.isnan(actual) else None,
        required_rate=required if not np.isnan(required) else None,
        explanation=text,
    )


def _pace_sentences(
    status: int,
    rates: tuple[float, float, float],
    years: tuple[int, int, int],
    now: str,
    goal: str,
    zero_substitute: float | None,
) -> str:
    """Why a target not yet achieved has the status it has: its pace against the needed one.
    ``zero_substitute`` is given when a zero baseline or target was replaced by it."""
    ratio, actual, required = rates
    baseline_year, current_year, target_year = years
    sentences: list[str] = []
    if status == MISSED:
        sentences.append(f"Đã đến năm mục tiêu {target_year} mà giá trị {now} chưa đạt {goal}")
    if np.isinf(ratio):
        sentences.append(
            f"Giá trị năm gốc {baseline_year} đã bằng {goal}, giá trị {now} đi xa mục tiêu"
        )
    elif not np.isnan(ratio):
        # Rounded for people only: a pace exactly on the path must read 100%, not 99,99%.
        shown = percent(round_half_up(100 * ratio, 2))
        sentences.append(
            f"Tốc độ thay đổi bình quân {baseline_year}–{current_year} là {_rate(actual)}, "
            f"tốc độ cần thiết để đạt mục tiêu năm {target_year} là {_rate(required)} "
            f"(tỷ lệ {shown})"
        )
    if status != MISSED:
        sentences[-1] += f": {STATUS_VI[status].lower()}"
    if zero_substitute is not None and not np.isnan(ratio):
        # The substitute shapes the result (docs/progress.md): people must see it.
        sentences.append(f"Giá trị 0 được thay bằng {number(zero_substitute)} khi tính tốc độ")
    return ". ".join(sentences) + "."
