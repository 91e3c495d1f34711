"""The parts of the national dataset that are not indicator values: units, sets, periods, logins.

Everything is made with the project's own services (``registry_load``, ``criteria_set_store``);
users are bulk-created with one password hash, since hashing a password costs about half a second
on purpose and a benchmark needs a few hundred logins.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction

from ntm.bench._national import LARGEST_OLD, NEW_YEAR, OLD_YEARS, PASSWORD, RURAL
from ntm.bench.dataset import GROUPS_2026, synthetic_set_2026_data, synthetic_set_data
from ntm.domain.criteria import criteria_set_from_data
from ntm.web.accounts.models import Role, RoleAssignment
from ntm.web.assessments.models import CriteriaSetRecord, Period
from ntm.web.assessments.services import criteria_set_store
from ntm.web.units.models import Unit
from ntm.web.units.services import registry_load

CENTRAL_LOGINS = 3
# The web benchmark signs each client in with its own login: more central and largest-province
# office logins than one per office (``logins_ensure`` adds them to an existing dataset).
EXTRA_CENTRAL = 10
EXTRA_LARGEST_OFFICE = 5


@dataclass(frozen=True)
class Province:
    regime: str
    code: str
    name: str


@dataclass
class Setup:
    old_set: CriteriaSetRecord
    new_set: CriteriaSetRecord
    provinces: list[Province]
    logins: dict[str, list[str]] = field(default_factory=dict)  # role → usernames


def sets_store(seed: int) -> tuple[CriteriaSetRecord, CriteriaSetRecord]:
    """The two synthetic sets (never shipped), stored like any other set."""
    old = synthetic_set_data(seed, code="bench-xa-2016-2025")
    new = synthetic_set_2026_data(seed, code="bench-xa-2026-2030")
    return (
        criteria_set_store(cset=criteria_set_from_data(old), data=old),
        criteria_set_store(cset=criteria_set_from_data(new), data=new),
    )


def _ordered(provinces: list[Province], first: str) -> list[Province]:
    return sorted(provinces, key=lambda p: (p.code != first, p.code))


def provinces_choose(limit: int | None) -> list[Province]:
    """Old and new provinces, the largest old one first; ``limit`` keeps that many of each."""
    rows = Unit.objects.filter(level="commune", kind=RURAL).values_list(
        "regime", "province_code", "province_name"
    )
    # order_by() clears the model's ordering, which DISTINCT would otherwise include.
    found = {(r, c): Province(r, c, n) for r, c, n in rows.order_by().distinct()}
    old = _ordered([p for (r, _c), p in found.items() if r == "old"], LARGEST_OLD)
    new = _ordered([p for (r, _c), p in found.items() if r == "new"], LARGEST_OLD)
    if limit is not None:
        old, new = old[:limit], new[:limit]
    return old + new


def groups_assign(seed: int) -> None:
    """The 2026–2030 commune groups are set by each province; here spread evenly by code."""
    communes = list(Unit.objects.filter(regime="new", level="commune").order_by("code"))
    for i, unit in enumerate(communes):
        unit.group = GROUPS_2026[(i + seed) % len(GROUPS_2026)]
    Unit.objects.bulk_update(communes, ["group"], batch_size=2000)


def periods_create(setup: Setup) -> list[Period]:
    periods = []
    for p in setup.provinces:
        years = OLD_YEARS if p.regime == "old" else (NEW_YEAR,)
        record = setup.old_set if p.regime == "old" else setup.new_set
        periods += [
            Period(
                regime=p.regime,
                province_code=p.code,
                province_name=p.name,
                year=y,
                criteria_set=record,
            )
            for y in years
        ]
    return Period.objects.bulk_create(periods)


def _first_communes(provinces: list[Province]) -> dict[tuple[str, str], list[Unit]]:
    """Every loaded province's rural communes in code order (the commune officers' units)."""
    wanted = {(p.regime, p.code) for p in provinces}
    out: dict[tuple[str, str], list[Unit]] = {}
    for unit in Unit.objects.filter(level="commune", kind=RURAL).order_by("code"):
        key = (unit.regime, unit.province_code)
        if key in wanted:
            out.setdefault(key, []).append(unit)
    return out


def users_create(setup: Setup, communes_per_province: int = 2) -> dict[str, list[str]]:
    """One login per client: central office, every province's office, commune officers of every
    province (the first communes of each). Returns role → usernames."""
    password = make_password(PASSWORD)
    made: list[tuple[User, RoleAssignment, Unit | None]] = []

    def add(name: str, label: str, role: str, unit: Unit | None = None, **scope: str) -> None:
        user = User(username=name, password=password, first_name=label)
        made.append((user, RoleAssignment(role=role, **scope), unit))

    for i in range(1, CENTRAL_LOGINS + 1):
        add(f"bench-trunguong-{i}", f"Văn phòng điều phối trung ương {i}", Role.CENTRAL)
    for p in setup.provinces:
        add(
            f"bench-tinh-{p.regime}-{p.code}",
            f"Văn phòng điều phối {p.name}",
            Role.PROVINCE,
            regime=p.regime,
            province_code=p.code,
        )
    for (regime, _code), units in _first_communes(setup.provinces).items():
        for unit in units[:communes_per_province]:
            add(f"bench-xa-{regime}-{unit.code}", f"Cán bộ {unit.name}", Role.COMMUNE, unit)
    with transaction.atomic():
        users = User.objects.bulk_create([u for u, _r, _c in made])
        for user, (_u, ra, _c) in zip(users, made, strict=True):
            ra.user = user
        roles = RoleAssignment.objects.bulk_create([r for _u, r, _c in made])
        through = RoleAssignment.communes.through
        through.objects.bulk_create(
            [
                through(roleassignment_id=r.pk, unit_id=c.pk)
                for r, (_u, _r, c) in zip(roles, made, strict=True)
                if c is not None
            ]
        )
    logins: dict[str, list[str]] = {}
    for user, ra, _c in made:
        logins.setdefault(str(ra.role), []).append(user.username)
    return logins


def setup_create(seed: int, limit: int | None) -> Setup:
    """Units (both regimes and the lineage), sets, periods and logins, in one transaction."""
    with transaction.atomic():
        registry_load()
        groups_assign(seed)
        old_set, new_set = sets_store(seed)
        setup = Setup(old_set=old_set, new_set=new_set, provinces=provinces_choose(limit))
        periods_create(setup)
    setup.logins = users_create(setup)
    return setup


def logins_ensure() -> int:
    """The web benchmark's extra logins (central office, the largest province's office), made
    when missing; returns how many were added."""
    password = make_password(PASSWORD)
    wanted: list[tuple[str, str, dict[str, str]]] = [
        (f"bench-trunguong-{i}", Role.CENTRAL, {}) for i in range(1, EXTRA_CENTRAL + 1)
    ]
    wanted += [
        (
            f"bench-tinh-old-{LARGEST_OLD}-{i}",
            Role.PROVINCE,
            {"regime": "old", "province_code": LARGEST_OLD},
        )
        for i in range(2, EXTRA_LARGEST_OFFICE + 2)
    ]
    known = set(
        User.objects.filter(username__startswith="bench-").values_list("username", flat=True)
    )
    added = 0
    with transaction.atomic():
        for name, role, scope in wanted:
            if name in known:
                continue
            user = User.objects.create(username=name, password=password, first_name=name)
            RoleAssignment.objects.create(user=user, role=role, **scope)
            added += 1
    return added
