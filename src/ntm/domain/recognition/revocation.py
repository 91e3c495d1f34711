"""Revocation of recognition (Decision 18/2022/QĐ-TTg), vectorised over the engine's arrays.

A recognised unit loses its recognition when 30 % to under 50 % of its criteria no longer meet
the standard and one of them is a key criterion (income, environment & food safety, defence &
security), or when 50 % or more no longer meet it. Shares are compared in integers
(``10·k ≥ 3·n``, ``2·k ≥ n``) so that 3/10 is exactly 30 % and 5/10 exactly 50 %, with no
floating-point doubt at the boundaries. Only criteria known to be not met count; when unknown
ones could tip the result the unit is flagged REVIEW ("cần xem xét"), never revoked on a guess.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ntm.domain.criteria import CriteriaSet
from ntm.domain.evaluation import MET, NOT_MET
from ntm.domain.recognition._text import numbers_text, share

# --- key criteria: the ones that make 30 % enough ------------------------------------------

KEY_ROLES: dict[str, str] = {
    "income": "Thu nhập",
    "environment": "Môi trường",
    "defence_security": "Quốc phòng",
}
KEY_ROLE_VI: dict[str, str] = {
    "income": "thu nhập",
    "environment": "môi trường và an toàn thực phẩm",
    "defence_security": "quốc phòng và an ninh",
}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


@dataclass(frozen=True)
class KeyCriteria:
    """Which criteria of a set play the three roles the decision names, found by name."""

    by_role: dict[str, tuple[int, ...]]
    names: dict[int, str]

    @property
    def numbers(self) -> frozenset[int]:
        return frozenset(n for found in self.by_role.values() for n in found)

    @property
    def missing(self) -> list[str]:
        return [role for role, found in self.by_role.items() if not found]

    @property
    def ambiguous(self) -> list[str]:
        return [role for role, found in self.by_role.items() if len(found) > 1]

    def note(self) -> str:
        """For people: what the set lacks or has twice (empty when all is plain)."""
        lines = [
            f"Bộ tiêu chí không có tiêu chí nào tên chứa “{KEY_ROLES[r]}” "
            f"(tiêu chí {KEY_ROLE_VI[r]})"
            for r in self.missing
        ]
        lines += [
            f"Nhiều tiêu chí tên chứa “{KEY_ROLES[r]}”: {numbers_text(self.by_role[r])}; "
            "tất cả đều được coi là tiêu chí trọng yếu"
            for r in self.ambiguous
        ]
        return ". ".join(lines)


def key_criteria_for(cset: CriteriaSet) -> KeyCriteria:
    """Look the income, environment and defence & security criteria up by name.

    A name matches when it contains "Thu nhập", "Môi trường" or "Quốc phòng" (case and Unicode
    form ignored): 10, 17, 19 in the 2016–2025 sets; 8 and 10 in 2026–2030, which has no
    criterion named for income (``missing`` says so; nothing is guessed in its place).
    """
    by_role = {
        role: tuple(c.number for c in cset.criteria if _fold(word) in _fold(c.name))
        for role, word in KEY_ROLES.items()
    }
    names = {n: cset.criterion(n).name for found in by_role.values() for n in found}
    return KeyCriteria(by_role=by_role, names=names)


# --- revocation ------------------------------------------------------------------------------

# Reason codes are bits: a district can lose recognition for two reasons at once.
KEEP, REVOKE_MAJORITY, REVOKE_KEY, REVOKE_COMMUNES, REVIEW = 0, 1, 2, 4, 8
NOT_RECOGNISED = -1
_REVOKING = REVOKE_MAJORITY | REVOKE_KEY | REVOKE_COMMUNES
REASON_VI: dict[int, str] = {
    REVOKE_MAJORITY: "từ 50% số tiêu chí trở lên không còn đạt chuẩn",
    REVOKE_KEY: "từ 30% đến dưới 50% số tiêu chí không còn đạt chuẩn, trong đó có tiêu chí "
    "thu nhập, môi trường và an toàn thực phẩm hoặc quốc phòng và an ninh",
    REVOKE_COMMUNES: "từ 30% số xã trở lên đã bị thu hồi quyết định công nhận",
    REVIEW: "cần xem xét: các thông tin chưa xác định có thể dẫn đến thu hồi",
}


def is_revoked(codes: np.ndarray | int) -> np.ndarray:
    """True where a code carries a revoking reason (NOT_RECOGNISED is -1: all bits set)."""
    codes = np.asarray(codes)
    revoked: np.ndarray = (codes > 0) & ((codes & _REVOKING) != 0)
    return revoked


def reason_labels(code: int) -> list[str]:
    """The Vietnamese reasons a code carries; empty for KEEP and NOT_RECOGNISED."""
    return [] if code <= 0 else [text for bit, text in REASON_VI.items() if code & bit]


def _rule(k: np.ndarray, key: np.ndarray, n: int) -> np.ndarray:
    """The decision's rule on ``k`` criteria not met out of ``n``."""
    majority = 2 * k >= n
    with_key = (10 * k >= 3 * n) & key
    return np.where(majority, REVOKE_MAJORITY, np.where(with_key, REVOKE_KEY, KEEP))


def _tally(
    criterion_status: np.ndarray, criterion_numbers: Sequence[int], key_criteria: Collection[int]
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, int]:
    status = np.asarray(criterion_status)
    n = len(criterion_numbers)
    if status.ndim != 2 or status.shape[1] != n or n == 0:
        raise ValueError(f"criterion_status: cần ma trận (đơn vị × {n} tiêu chí)")
    keys = set(key_criteria)
    absent = sorted(keys - set(criterion_numbers))
    if absent:
        raise ValueError(f"key_criteria: không có trong bộ tiêu chí: {numbers_text(absent)}")
    cols = [i for i, num in enumerate(criterion_numbers) if num in keys]
    not_met = status == NOT_MET
    # UNKNOWN and NOT_GIVEN alike: neither may count as not met.
    unknown = (status != MET) & ~not_met
    k, u = not_met.sum(axis=1), unknown.sum(axis=1)
    return k, u, not_met[:, cols].any(axis=1), unknown[:, cols].any(axis=1), n


def revocation_flags(
    criterion_status: np.ndarray,
    criterion_numbers: Sequence[int],
    key_criteria: Collection[int],
    recognised: np.ndarray | Sequence[bool],
) -> np.ndarray:
    """One code per unit (int8): KEEP, REVOKE_MAJORITY, REVOKE_KEY, REVIEW, or NOT_RECOGNISED
    where the unit holds no recognition to lose.

    REVIEW: the criteria known to be not met reach no rule, but would if the unknown ones were
    not met. Revoking only grows with the criteria not met, so testing "every unknown not met"
    tells whether any outcome of the unknowns could revoke.
    """
    k, u, key_k, key_u, n = _tally(criterion_status, criterion_numbers, key_criteria)
    known = _rule(k, key_k, n)
    worst = _rule(k + u, key_k | key_u, n)
    code = np.where(known != KEEP, known, np.where(worst != KEEP, REVIEW, KEEP))
    return np.where(np.asarray(recognised, dtype=bool), code, NOT_RECOGNISED).astype(np.int8)


@dataclass(frozen=True)
class RevocationExplanation:
    code: int
    not_met: list[int]
    unknown: list[int]
    n_criteria: int
    key_not_met: list[int]
    text: str  # Vietnamese

    @property
    def revoked(self) -> bool:
        return bool(is_revoked(self.code))


def revocation_explain(
    status_row: np.ndarray | Sequence[int],
    criterion_numbers: Sequence[int],
    key_criteria: Collection[int],
    *,
    recognised: bool = True,
    names: Mapping[int, str] | None = None,
) -> RevocationExplanation:
    """``revocation_flags`` for one unit, with the sentence a report or a page shows.

    ``names``: criterion names to show beside key criteria (``KeyCriteria.names``).
    """
    row = np.asarray(status_row)
    code = int(revocation_flags(row[None, :], criterion_numbers, key_criteria, [recognised])[0])
    nums = list(criterion_numbers)
    not_met = [nums[i] for i in np.flatnonzero(row == NOT_MET)]
    unknown = [nums[i] for i in np.flatnonzero((row != MET) & (row != NOT_MET))]
    keys = set(key_criteria)
    key_not = [x for x in not_met if x in keys]
    n, k, u = len(nums), len(not_met), len(unknown)
    named = [f"{x} ({names[x]})" if names and x in names else str(x) for x in key_not]
    if code == NOT_RECOGNISED:
        text = "Chưa được công nhận: không xét thu hồi."
    else:
        text = f"{share(k, n)} không còn đạt" + (
            f" (tiêu chí {numbers_text(not_met)})" if k else ""
        )
        if code == REVOKE_MAJORITY:
            text += ": từ 50% trở lên, thu hồi quyết định công nhận."
        elif code == REVOKE_KEY:
            text += f", trong đó có tiêu chí {', '.join(named)}: từ 30% đến dưới 50% và có "
            text += "tiêu chí trọng yếu, thu hồi quyết định công nhận."
        elif code == REVIEW:
            text += f"; {u} tiêu chí chưa xác định (tiêu chí {numbers_text(unknown)}), nếu không "
            text += f"đạt thì {share(k + u, n)} không đạt: cần xem xét."
        elif 10 * k >= 3 * n:
            text += ": từ 30% đến dưới 50% nhưng không có tiêu chí trọng yếu, giữ công nhận."
        else:
            text += ": dưới 30%, giữ công nhận."
        if u and code != REVIEW:
            text += f" {u} tiêu chí chưa xác định không làm thay đổi kết luận."
    return RevocationExplanation(code, not_met, unknown, n, key_not, text)


# --- districts ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictTally:
    """Communes per district, from their revocation codes."""

    lost: np.ndarray  # revoked on today's criteria
    review: np.ndarray
    not_recognised: np.ndarray  # hold no recognition today (possibly revoked earlier)
    total: np.ndarray


def communes_by_district(
    commune_codes: np.ndarray, district_index: np.ndarray, n_districts: int
) -> DistrictTally:
    """Count commune codes per district; ``district_index`` gives each commune's district."""
    codes = np.asarray(commune_codes)
    idx = np.asarray(district_index, dtype=np.intp)

    def count(mask: np.ndarray) -> np.ndarray:
        return np.bincount(idx[mask], minlength=n_districts)

    return DistrictTally(
        lost=count(is_revoked(codes)),
        review=count(codes == REVIEW),
        not_recognised=count(codes == NOT_RECOGNISED),
        total=np.bincount(idx, minlength=n_districts),
    )


def district_revocation_flags(
    *,
    communes_lost: np.ndarray | Sequence[int],
    communes_total: np.ndarray | Sequence[int],
    recognised: np.ndarray | Sequence[bool],
    communes_review: np.ndarray | Sequence[int] | None = None,
    criterion_status: np.ndarray | None = None,
    criterion_numbers: Sequence[int] = (),
    key_criteria: Collection[int] = frozenset(),
) -> np.ndarray:
    """A district's code: REVOKE_COMMUNES when ≥ 30 % of its communes have lost recognition,
    and/or REVOKE_MAJORITY / REVOKE_KEY by the commune rules on its own criteria (bits OR-ed).

    ``communes_lost`` must include communes revoked by an earlier decision: the caller knows
    them, the criteria do not (``DistrictTally.not_recognised`` helps find them).
    ``communes_review``: communes that may lose it (REVIEW); they can make the district REVIEW.
    """
    lost = np.asarray(communes_lost, dtype=np.int64)
    total = np.asarray(communes_total, dtype=np.int64)
    if (total <= 0).any() or (lost < 0).any() or (lost > total).any():
        raise ValueError("communes_lost, communes_total: cần 0 ≤ số xã mất công nhận ≤ tổng số xã")
    review = np.zeros_like(lost) if communes_review is None else np.asarray(communes_review)
    code = np.where(10 * lost >= 3 * total, REVOKE_COMMUNES, KEEP)
    may = 10 * (lost + review) >= 3 * total
    if criterion_status is not None:
        own = revocation_flags(
            criterion_status, criterion_numbers, key_criteria, np.ones(lost.shape, dtype=bool)
        ).astype(np.int64)
        code = code | np.where(own == REVIEW, KEEP, own)
        may = may | (own == REVIEW)
    code = np.where(code != KEEP, code, np.where(may, REVIEW, KEEP))
    return np.where(np.asarray(recognised, dtype=bool), code, NOT_RECOGNISED).astype(np.int8)


def district_revocation_explain(
    code: int,
    *,
    communes_lost: int,
    communes_total: int,
    communes_review: int = 0,
    own: RevocationExplanation | None = None,
) -> str:
    """The sentence for one district: its communes, then its own criteria if judged."""
    if code == NOT_RECOGNISED:
        return "Chưa được công nhận: không xét thu hồi."
    text = f"{share(communes_lost, communes_total, 'xã')} đã mất công nhận"
    text += " (từ 30% trở lên)" if code & REVOKE_COMMUNES else " (dưới 30%)"
    if communes_review:
        text += f"; {communes_review} xã cần xem xét"
    text += "."
    if own is not None:
        text += f" Tiêu chí của huyện: {share(len(own.not_met), own.n_criteria)} không còn đạt"
        if own.code == REVIEW:
            text += f", {len(own.unknown)} tiêu chí chưa xác định (cần xem xét)."
        else:
            text += "".join(f" ({r})" for r in reason_labels(own.code)) + "."
    if is_revoked(code):
        return text + " Kết luận: thu hồi quyết định công nhận."
    if code == REVIEW:
        return text + " Kết luận: cần xem xét."
    return text + " Kết luận: giữ công nhận."
