"""National sets as choices: what a period can be given, and the default a new period starts with.

The central office attaches a national set — shipped (as the decision publishes it) or its
completed national version (``<code>-hoan-thien``) — or the province's own variant to any
province's open period, and sets, per programme period (2026–2030…), the national default: the
set every new province period of that programme starts with (``period_create``). The province
office attaches for its own province from the same list. Every change is a ``SetLog`` row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from ntm.criteria import available_sets, load_set, read_set_file, set_files
from ntm.domain.criteria import CriteriaSet
from ntm.web.accounts.models import Role
from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import CriteriaSetRecord, Period
from ntm.web.assessments.services import criteria_set_store
from ntm.web.readmodel.sets import cset_of
from ntm.web.readmodel.triggers import PERIODS_VERSION_ID
from ntm.web.sets.models import AuthoredVersion, NationalDefault, SetLog

SHIPPED, VERSION = "s", "v"  # the two kinds of choice: a shipped set, an authored version


@dataclass(frozen=True)
class SetChoice:
    """One set a period can be given: ``key`` is what a form posts (``s:<code>``, ``v:<pk>``)."""

    key: str
    code: str
    version: int | None  # the authored version's number; None for a shipped set
    summary: str
    national: bool  # a national set (shipped or completed by the central office)
    record_id: int | None  # the stored content of a version; None for a shipped set

    def in_use(self, record: CriteriaSetRecord) -> bool:
        """Is ``record`` this choice (a shipped set: by its code)?"""
        return record.pk == self.record_id if self.version else record.code == self.code

    @property
    def label(self) -> str:
        return self.code if self.version is None else f"{self.code} (v{self.version})"


def _shipped(level: str, year: int) -> list[CriteriaSet]:
    """The shipped national sets of ``level`` covering ``year`` (no province's variant)."""
    found = [
        s for s in available_sets()
        if s.parent is None and s.level == level and s.period[0] <= year <= s.period[1]
    ]  # fmt: skip
    return sorted(found, key=lambda s: s.code)


def _version_choices(versions: Iterable[AuthoredVersion]) -> list[SetChoice]:
    return [
        SetChoice(key=f"{VERSION}:{v.pk}", code=v.authored.code, version=v.number,
                  summary=v.summary, national=not v.authored.province_code, record_id=v.record_id)
        for v in versions
    ]  # fmt: skip


def set_choices(*, level: str, year: int, province_code: str = "") -> list[SetChoice]:
    """The national sets of ``level`` covering ``year`` (shipped, then every version of their
    completed national sets), and with ``province_code`` every version of that province's sets."""
    shipped = _shipped(level, year)
    out = [SetChoice(key=f"{SHIPPED}:{s.code}", code=s.code, version=None, summary=s.title,
                     national=True, record_id=None) for s in shipped]  # fmt: skip
    roots = [s.code for s in shipped]
    versions = AuthoredVersion.objects.select_related("authored").order_by(
        "authored__code", "-number"
    )
    out += _version_choices(versions.filter(authored__province_code="",
                                            authored__parent_code__in=roots))  # fmt: skip
    if province_code:
        out += _version_choices(versions.filter(authored__province_code=province_code))
    return out


def period_choices(period: Period) -> list[SetChoice]:
    """What ``period`` can be given: the national sets of its level and year, and its
    province's own sets."""
    level = cset_of(period.criteria_set).level
    return set_choices(level=level, year=period.year, province_code=period.province_code)


def choice_record(choice: SetChoice) -> CriteriaSetRecord:
    """The stored content of ``choice``: a shipped set as ``ntm_sets_load`` stores it (its
    file's data, so the record already loaded is found, not a copy made)."""
    if choice.record_id is not None:
        return CriteriaSetRecord.objects.get(pk=choice.record_id)
    return criteria_set_store(cset=load_set(choice.code),
                              data=read_set_file(set_files()[choice.code]))  # fmt: skip


def may_attach(scope: Scope, period: Period) -> bool:
    """The province office for its own province; the central office (and the administrator)
    for every province."""
    return scope.can_manage_period(period) or Role.CENTRAL in scope.roles


def _central(scope: Scope) -> None:
    if not ({Role.CENTRAL, Role.ADMIN} & set(scope.roles)):
        raise PermissionDenied


def _who(user: Any) -> tuple[Any, str]:
    signed = user if getattr(user, "is_authenticated", False) else None
    return signed, getattr(signed, "username", "") or ""


def national_default_set(*, user: Any, scope: Scope, record: CriteriaSetRecord) -> NationalDefault:
    """Make ``record`` (a national set) the default of its programme period and level: every
    province period of that programme created from now on starts with it. Logged."""
    _central(scope)
    cset = cset_of(record)
    if cset.tier != "standard":  # a period of another tier is the province's own choice
        raise ValidationError(
            "Bộ mặc định của kỳ mới phải là bộ tiêu chí chuẩn (không phải nâng cao, kiểu mẫu "
            "hay hiện đại)."
        )
    signed, name = _who(user)
    first, last = cset.period
    with transaction.atomic():
        found = (
            NationalDefault.objects.select_for_update()
            .filter(level=cset.level, first_year=first)
            .first()
        )
        old = str(found.record) if found else ""
        if found is None:
            found = NationalDefault(level=cset.level, first_year=first)
        found.last_year, found.record, found.user, found.username = last, record, signed, name
        found.save()
        SetLog.objects.create(user=signed, username=name, action="default", set_code=record.code,
                              old=old, new=f"{first}–{last}: {record}")  # fmt: skip
        _bump_periods_version()
    return found


def _bump_periods_version() -> None:
    """Move the periods' version: the national view (which judges the provinces on the default
    province-level set) is kept per the world's version, which counts it."""
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO readmodel_periodversion (period_id, version) VALUES (%s, 1) "
            "ON CONFLICT (period_id) DO UPDATE SET version = readmodel_periodversion.version + 1",
            [PERIODS_VERSION_ID],
        )


def default_choices() -> list[SetChoice]:
    """Every national set of the standard tier a programme period can start with: each shipped
    one and every version of its completed national set, by programme period."""
    roots = sorted((s for s in available_sets() if s.parent is None and s.tier == "standard"),
                   key=lambda s: (s.period[0], s.level, s.code))  # fmt: skip
    out: dict[str, SetChoice] = {}
    for root in roots:
        for c in set_choices(level=root.level, year=root.period[0]):
            # The root as shipped and its completed national version (``national_start``).
            if c.national and c.code in (root.code, f"{root.code}-hoan-thien"):
                out.setdefault(c.key, c)
    return list(out.values())


def national_default(*, year: int, level: str = "commune") -> CriteriaSetRecord | None:
    """The central office's default set for a new period of ``year`` at ``level``, if any."""
    found = (
        NationalDefault.objects.filter(level=level, first_year__lte=year, last_year__gte=year)
        .select_related("record")
        .order_by("-first_year")
        .first()
    )
    return found.record if found else None


def national_defaults() -> list[NationalDefault]:
    return list(NationalDefault.objects.select_related("record"))


def period_create(
    *, regime: str, province_code: str, province_name: str, year: int,
    criteria_set: CriteriaSetRecord | None = None,
) -> Period:  # fmt: skip
    """A province's new period; without ``criteria_set`` it starts with the national default
    of its year (``ValidationError`` in Vietnamese when the central office has set none)."""
    record = criteria_set or national_default(year=year)
    if record is None:
        raise ValidationError(
            "Chưa có bộ tiêu chí mặc định cho năm %(year)s: chọn bộ tiêu chí, hoặc Trung ương "
            "đặt bộ mặc định tại trang Bộ tiêu chí.",
            params={"year": year},
        )
    return Period.objects.create(regime=regime, province_code=province_code,
                                 province_name=province_name, year=year,
                                 criteria_set=record)  # fmt: skip
