"""The audit trail as a person reads it: what changed, named in Vietnamese, and its values
in Vietnamese words and numbers ("Đạt", "75,4", the names of a dossier's states), never the
stored internal values ("1", "75.4", "submission_draft")."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ntm import formatting
from ntm.web.audit.models import AuditEntry
from ntm.web.recognition.history import history_rows


@dataclass(frozen=True)
class AuditRow:
    entry: AuditEntry
    what: str
    old: str
    new: str


def _status(value: str) -> str:
    labels = {"1": _("Đạt"), "0": _("Chưa đạt"), "-1": _("Chưa xác định")}
    return labels.get(value.strip(), value)


def _number(value: str) -> str:
    """A stored value ("75.4", "1", "") in Vietnamese ("75,4"); text that is no number stays."""
    if not value.strip():
        return ""
    try:
        return formatting.number(float(value))
    except ValueError:
        return value


def _target_change(entry: AuditEntry) -> str:
    if not entry.old:
        return _("Thêm mục tiêu %(t)s") % {"t": entry.target}
    if not entry.new:
        return _("Xóa mục tiêu %(t)s") % {"t": entry.target}
    return _("Sửa mục tiêu %(t)s") % {"t": entry.target}


def _row(entry: AuditEntry) -> AuditRow:
    if entry.kind in ("workflow", "review"):
        (step,) = history_rows([entry])
        return AuditRow(entry, str(step["step"]), str(step["old"]), str(step["new"]))
    if entry.kind == "criterion":
        what = _("Tiêu chí %(n)s") % {"n": entry.target}
        return AuditRow(entry, what, _status(entry.old), _status(entry.new))
    if entry.kind == "indicator":
        what = _("Chỉ tiêu %(code)s") % {"code": entry.target}
        return AuditRow(entry, what, _number(entry.old), _number(entry.new))
    if entry.kind == "unit_cost":  # the funding what-if's unit costs ("tc 5", "ct 2.1")
        prefix, _space, code = entry.target.partition(" ")
        label = _("Đơn giá tiêu chí %(n)s") if prefix == "tc" else _("Đơn giá chỉ tiêu %(n)s")
        return AuditRow(entry, label % {"n": code}, _number(entry.old), _number(entry.new))
    if entry.kind == "target":  # a plan target: added, edited ("sửa mục tiêu") or deleted
        return AuditRow(entry, _target_change(entry), entry.old, entry.new)
    what = f"{entry.get_kind_display()} {entry.target}".strip()
    return AuditRow(entry, what, entry.old, entry.new)


def audit_rows(entries: Iterable[AuditEntry]) -> list[AuditRow]:
    return [_row(e) for e in entries]
