"""The conditions of recognition for a commune (NTM, advanced, model), each met/not met/unknown."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ntm.domain.criteria import Tier
from ntm.domain.evaluation import (
    MET,
    NOT_GIVEN,
    NOT_MET,
    STATUS_NAMES,
    UNKNOWN,
    Evaluation,
    status_and,
)
from ntm.domain.recognition._text import numbers_text, pct

TIER_VI: dict[str, str] = {
    "standard": "xã đạt chuẩn nông thôn mới",
    "advanced": "xã đạt chuẩn nông thôn mới nâng cao",
    "model": "xã nông thôn mới kiểu mẫu",
    "modern": "xã nông thôn mới hiện đại",
}
CONDITION_VI: dict[str, str] = {
    "criteria": "Đạt đầy đủ các tiêu chí",
    "construction_debt": "Không còn nợ đọng xây dựng cơ bản",
    "satisfaction": "Mức độ hài lòng của người dân",
    "security": "Không phải xã có tình hình an ninh, trật tự phức tạp",
}
_STATUS_CODES = {"met": MET, "not_met": NOT_MET, "unknown": UNKNOWN}


@dataclass(frozen=True)
class Condition:
    code: str  # a key of CONDITION_VI
    name: str
    status: int  # MET, NOT_MET or UNKNOWN
    reason: str  # Vietnamese, for people

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]


@dataclass(frozen=True)
class RecognitionCheck:
    tier: Tier
    conditions: tuple[Condition, ...]

    @property
    def status(self) -> int:
        """Not met if any condition is not met; met only when every condition is met."""
        result: Any = MET
        for cond in self.conditions:
            result = status_and(result, cond.status)
        return int(result)

    @property
    def status_name(self) -> str:
        return STATUS_NAMES[self.status]

    @property
    def label(self) -> str:
        target = TIER_VI[self.tier]
        return {
            MET: f"Đủ điều kiện công nhận {target}",
            NOT_MET: f"Chưa đủ điều kiện công nhận {target}",
            UNKNOWN: f"Chưa đủ căn cứ để xét công nhận {target}",
        }[self.status]

    @property
    def reasons(self) -> list[str]:
        """What stands in the way: reasons of the conditions not met, then of those unknown."""
        order = [c for c in self.conditions if c.status == NOT_MET]
        order += [c for c in self.conditions if c.status == UNKNOWN]
        return [c.reason for c in order]

    def condition(self, code: str) -> Condition:
        return next(c for c in self.conditions if c.code == code)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tier": self.tier,
            "status": self.status_name,
            "label": self.label,
            "conditions": {
                c.code: {"name": c.name, "status": c.status_name, "reason": c.reason}
                for c in self.conditions
            },
            "reasons": self.reasons,
        }


def status_code(status: Any) -> int:
    """A status as the engine's code, from its name ('met') or code; NOT_GIVEN is unknown."""
    if isinstance(status, str):
        if status not in _STATUS_CODES:
            raise ValueError(f"trạng thái không hợp lệ: {status!r} (met/not_met/unknown)")
        return _STATUS_CODES[status]
    code = int(status)
    if code not in (MET, NOT_MET, UNKNOWN, NOT_GIVEN):
        raise ValueError(f"mã trạng thái không hợp lệ: {status!r}")
    return UNKNOWN if code == NOT_GIVEN else code


def _statuses(
    criteria_status: Mapping[Any, Any] | np.ndarray | Sequence[int],
    criterion_numbers: Sequence[int] | None,
) -> dict[int, int]:
    if isinstance(criteria_status, Mapping):
        # JSON results key criteria by strings ("10"): accept both.
        out = {int(n): status_code(s) for n, s in criteria_status.items()}
    else:
        row = np.asarray(criteria_status)
        if row.ndim != 1:
            raise ValueError("criteria_status: cần một hàng trạng thái của một đơn vị")
        if criterion_numbers is None or len(criterion_numbers) != row.size:
            raise ValueError(f"criterion_numbers: cần đúng {row.size} số tiêu chí")
        out = {int(n): status_code(s) for n, s in zip(criterion_numbers, row.tolist(), strict=True)}
    if not out:
        raise ValueError("criteria_status: không có tiêu chí nào")
    return out


def _criteria_condition(statuses: dict[int, int], required_sets: Mapping[str, Any]) -> Condition:
    n = len(statuses)
    not_met = sorted(k for k, s in statuses.items() if s == NOT_MET)
    unknown = sorted(k for k, s in statuses.items() if s == UNKNOWN)
    sets = {code: status_code(s) for code, s in required_sets.items()}
    sets_not = sorted(c for c, s in sets.items() if s == NOT_MET)
    sets_unknown = sorted(c for c, s in sets.items() if s == UNKNOWN)
    if not (not_met or unknown or sets_not or sets_unknown):
        text = f"Đạt đủ {n}/{n} tiêu chí"
        if sets:
            text += f" và bộ tiêu chí {', '.join(sorted(sets))}"
        return Condition("criteria", CONDITION_VI["criteria"], MET, text)
    parts = [f"đạt {n - len(not_met) - len(unknown)}/{n} tiêu chí"]
    if not_met:
        parts.append(f"{len(not_met)} tiêu chí chưa đạt: {numbers_text(not_met)}")
    if unknown:
        parts.append(f"{len(unknown)} tiêu chí chưa xác định: {numbers_text(unknown)}")
    if sets_not:
        parts.append(f"chưa đạt bộ tiêu chí {', '.join(sets_not)}")
    if sets_unknown:
        parts.append(f"chưa xác định kết quả bộ tiêu chí {', '.join(sets_unknown)}")
    status = NOT_MET if (not_met or sets_not) else UNKNOWN
    text = "; ".join(parts)
    return Condition("criteria", CONDITION_VI["criteria"], status, text[0].upper() + text[1:])


def _flag_condition(
    code: str, value: bool | None, met: str, not_met: str, unknown: str
) -> Condition:
    if value is None:
        return Condition(code, CONDITION_VI[code], UNKNOWN, unknown)
    return Condition(code, CONDITION_VI[code], MET if value else NOT_MET, met if value else not_met)


def _satisfaction_condition(actual: float | None, required: float | None) -> Condition:
    name = CONDITION_VI["satisfaction"]
    for label, x in (("satisfaction_pct", actual), ("required_satisfaction_pct", required)):
        if x is not None and not 0 <= x <= 100:
            raise ValueError(f"{label}: tỷ lệ phải từ 0 đến 100, nhận {x!r}")
    if actual is None:
        text = "Chưa có kết quả lấy ý kiến sự hài lòng của người dân"
        return Condition("satisfaction", name, UNKNOWN, text)
    if required is None:
        # The decision asks for "the required" level and gives ntm no number for it: a level
        # seen in a report (e.g. "trên 90%") is a result, not a rule (docs/recognition.md).
        text = (
            f"Tỷ lệ người dân hài lòng {pct(actual)}; chưa có mức yêu cầu "
            "(do bộ tiêu chí hoặc tỉnh quy định)"
        )
        return Condition("satisfaction", name, UNKNOWN, text)
    # "Reaches the required level": reaching it exactly is enough.
    ok = actual >= required
    verb = "đạt" if ok else "chưa đạt"
    text = f"Tỷ lệ người dân hài lòng {pct(actual)}, {verb} mức yêu cầu {pct(required)}"
    return Condition("satisfaction", name, MET if ok else NOT_MET, text)


def recognition_check(
    *,
    criteria_status: Mapping[Any, Any] | np.ndarray | Sequence[int],
    no_construction_debt: bool | None,
    satisfaction_pct: float | None,
    required_satisfaction_pct: float | None,
    security_complicated: bool | None,
    criterion_numbers: Sequence[int] | None = None,
    required_sets: Mapping[str, Any] | None = None,
    tier: Tier = "standard",
) -> RecognitionCheck:
    """The four conditions of recognition for one commune, each met / not met / unknown.

    ``criteria_status``: criterion number → 'met'/'not_met'/'unknown' (the shape of
    ``Evaluation.unit_result(row)['criteria']``), or one row of ``Evaluation.criterion_status``
    with ``criterion_numbers``. ``required_sets``: status of the sets a tier also requires
    (e.g. the advanced set for a model commune), set code → status.
    """
    statuses = _statuses(criteria_status, criterion_numbers)
    return RecognitionCheck(
        tier=tier,
        conditions=(
            _criteria_condition(statuses, required_sets or {}),
            _flag_condition(
                "construction_debt",
                no_construction_debt,
                "Không còn nợ đọng xây dựng cơ bản",
                "Còn nợ đọng xây dựng cơ bản trong xây dựng nông thôn mới",
                "Chưa có thông tin về nợ đọng xây dựng cơ bản",
            ),
            _satisfaction_condition(satisfaction_pct, required_satisfaction_pct),
            _flag_condition(
                "security",
                None if security_complicated is None else not security_complicated,
                "Tình hình an ninh, trật tự không phức tạp",
                "Xã có tình hình an ninh, trật tự phức tạp",
                "Chưa có đánh giá về tình hình an ninh, trật tự",
            ),
        ),
    )


def recognition_check_for(
    evaluation: Evaluation,
    row: int,
    *,
    no_construction_debt: bool | None,
    satisfaction_pct: float | None,
    required_satisfaction_pct: float | None,
    security_complicated: bool | None,
) -> RecognitionCheck:
    """``recognition_check`` for one unit of an ``Evaluation``: its set's tier, and the sets the
    tier requires (unknown when the evaluation was not given their results)."""
    required = {}
    for code in evaluation.cset.tier_rule.requires:
        other = evaluation.required.get(code)
        required[code] = int(other.eligibility[row]) if other is not None else UNKNOWN
    return recognition_check(
        criteria_status=evaluation.criterion_status[row],
        criterion_numbers=evaluation.cset.criterion_numbers,
        required_sets=required,
        tier=evaluation.cset.tier,
        no_construction_debt=no_construction_debt,
        satisfaction_pct=satisfaction_pct,
        required_satisfaction_pct=required_satisfaction_pct,
        security_complicated=security_complicated,
    )
