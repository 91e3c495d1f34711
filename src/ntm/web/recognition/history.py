"""The dossier's history as people read it: each audit entry's step, before and after, in words.

The audit rows keep machine values (the verb, the state, ``returned: <comment>``) so that they
stay stable across languages; the words are chosen here, when the page is drawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ntm.domain.recognition import KEEP
from ntm.web.audit.models import AuditEntry
from ntm.web.recognition.models import Decision, State

STATE_LABELS = dict(State.choices)
DECISION_LABELS = dict(Decision.choices)

# One label per verb the services write as an audit target (services._move, revocation review).
STEP_LABELS = {
    "submission_draft": gettext_lazy("Lưu hồ sơ nháp"),
    "submission_submit": gettext_lazy("Gửi hồ sơ"),
    "submission_resubmit": gettext_lazy("Gửi lại hồ sơ"),
    "submission_review": gettext_lazy("Bắt đầu thẩm tra"),
    "criterion_confirm": gettext_lazy("Thẩm tra đủ tiêu chí"),
    "criterion_return": gettext_lazy("Trả lại hồ sơ để bổ sung"),
    "submission_appraise": gettext_lazy("Thẩm định"),
    "recognition_decide": gettext_lazy("Quyết định công nhận"),
    "revocation_flag": gettext_lazy("Rà soát thu hồi"),
    "revocation_decide": gettext_lazy("Thu hồi công nhận"),
}


def _decision_text(value: str) -> str:
    """``confirmed`` → "Xác nhận đạt"; ``returned: Thiếu…`` → "Trả lại: Thiếu…"."""
    if not value:
        return ""
    decision, _sep, comment = value.partition(": ")
    label = str(DECISION_LABELS.get(decision, decision))
    return f"{label}: {comment}" if comment else label


def _review_row(entry: AuditEntry) -> dict[str, str]:
    decision = entry.new.partition(": ")[0]
    if decision == Decision.RETURNED:
        step = _("Cần bổ sung tiêu chí %(n)s") % {"n": entry.target}
    else:
        step = _("Xác nhận tiêu chí %(n)s") % {"n": entry.target}
    return {"step": step, "old": _decision_text(entry.old), "new": _decision_text(entry.new)}


def _flag_text(value: str) -> str:
    """A revocation flag as stored (``"<code>"`` before, ``"<code>: <sentence>"`` after)."""
    if not value:
        return ""
    code, _sep, sentence = value.partition(": ")
    if sentence:
        return sentence
    return _("Không cần xem xét") if code == str(KEEP) else _("Cần xem xét thu hồi")


def _workflow_row(entry: AuditEntry) -> dict[str, str]:
    step = str(STEP_LABELS.get(entry.target, entry.target))
    if entry.target == "revocation_flag":
        return {"step": step, "old": _flag_text(entry.old), "new": _flag_text(entry.new)}
    old = str(STATE_LABELS.get(entry.old, entry.old))
    new = str(STATE_LABELS.get(entry.new, entry.new))
    return {"step": step, "old": old, "new": new}


def history_rows(entries: Iterable[AuditEntry]) -> list[dict[str, Any]]:
    """The rows of the dossier's "steps taken" table: the entry, its step, before, after."""
    rows = []
    for entry in entries:
        row = _review_row(entry) if entry.kind == "review" else _workflow_row(entry)
        rows.append({"entry": entry, **row})
    return rows
