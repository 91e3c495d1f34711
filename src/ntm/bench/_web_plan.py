"""Who the web load test's clients are and what each of them asks, read from the national dataset.

Fifty clients, each signed in with its own login (the anonymous public with none):
- the central office: the national view, Thanh Hóa's dashboard, the public index;
- Thanh Hóa's office: its dashboard, a commune page, a save and the read that checks it;
- commune officers of many provinces, old and new: their commune page, a save, the check;
- the anonymous public: the public index and a province's public page.
Each client walks its own cycle of pages, so the mix is the same in every run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import psycopg

from ntm.bench._national import LARGEST_OLD, NEW_YEAR, OLD_YEARS, PASSWORD

ROLES = {  # role → (clients of 50, cycle of pages)
    "central": (10, ("national", "dashboard", "public_index")),
    "office": (5, ("dashboard", "commune", "save", "check")),
    "commune": (25, ("commune", "save", "check")),
    "public": (10, ("public_index", "public_province")),
}
ROLE_NAMES = {
    "central": "văn phòng trung ương",
    "office": "văn phòng tỉnh Thanh Hóa",
    "commune": "cán bộ xã",
    "public": "người xem công khai",
}
SAVED_INDICATOR = "1.1"  # a percentage in both synthetic sets


@dataclass
class ClientPlan:
    role: str
    username: str | None  # None: anonymous
    cycle: tuple[str, ...]
    period_id: int = 0  # the commune's period (commune, save, check)
    unit_id: int = 0
    dashboard_period: int = 0
    public_province: tuple[str, str] = ("old", LARGEST_OLD)
    version: int = 0
    expected: float | None = None  # the value last saved, which the next check must see
    counters: dict[str, int] = field(default_factory=dict)

    @property
    def password(self) -> str:
        return PASSWORD


def _periods(conn: psycopg.Connection) -> dict[tuple[str, str], int]:
    """The latest period of each province: 2025 for the old ones, 2026 for the new."""
    rows = conn.execute(
        "SELECT regime, province_code, id FROM assessments_period WHERE year = ANY(%s)",
        ([OLD_YEARS[-1], NEW_YEAR],),
    ).fetchall()
    return {(r, c): i for r, c, i in rows}


def _commune_officers(conn: psycopg.Connection, n: int) -> list[tuple[str, int, str, str]]:
    """(username, unit id, regime, province) of n officers, one per province, old and new mixed."""
    rows = conn.execute(
        "SELECT u.username, un.id, un.regime, un.province_code FROM auth_user u "
        "JOIN accounts_roleassignment ra ON ra.user_id = u.id "
        "JOIN accounts_roleassignment_communes rc ON rc.roleassignment_id = ra.id "
        "JOIN units_unit un ON un.id = rc.unit_id "
        "WHERE u.username LIKE 'bench-xa-%%' ORDER BY un.province_code, un.regime, un.code"
    ).fetchall()
    seen: set[tuple[str, str]] = set()
    chosen = []
    for username, unit_id, regime, province in rows:
        if (regime, province) not in seen:
            seen.add((regime, province))
            chosen.append((username, unit_id, regime, province))
    return chosen[:n]


def _office_communes(conn: psycopg.Connection, n: int) -> list[int]:
    """Thanh Hóa communes no commune officer of the benchmark holds (no conflict by design)."""
    rows = conn.execute(
        "SELECT id FROM units_unit WHERE regime = 'old' AND province_code = %s AND kind = 'xã' "
        "AND id NOT IN (SELECT unit_id FROM accounts_roleassignment_communes) "
        "ORDER BY code LIMIT %s",
        (LARGEST_OLD, n),
    ).fetchall()
    return [r[0] for r in rows]


def _public_provinces(periods: dict[tuple[str, str], int]) -> list[tuple[str, str]]:
    return sorted(periods, key=lambda k: (k[1] != LARGEST_OLD, k))


def plan_clients(url: str, clients: int = 50) -> list[ClientPlan]:
    """The clients, in proportion to ``ROLES`` when fewer than 50 are asked for."""
    with psycopg.connect(url) as conn:
        periods = _periods(conn)
        officers = _commune_officers(conn, ROLES["commune"][0])
        office_units = _office_communes(conn, ROLES["office"][0])
    dashboard = periods[("old", LARGEST_OLD)]
    provinces = _public_provinces(periods)
    plans: list[ClientPlan] = []
    for i in range(ROLES["central"][0]):
        plans.append(
            ClientPlan(
                "central",
                f"bench-trunguong-{i + 1}",
                ROLES["central"][1],
                dashboard_period=dashboard,
            )
        )
    for i, unit_id in enumerate(office_units):
        name = f"bench-tinh-old-{LARGEST_OLD}" + (f"-{i + 1}" if i else "")
        plans.append(
            ClientPlan(
                "office",
                name,
                ROLES["office"][1],
                period_id=dashboard,
                unit_id=unit_id,
                dashboard_period=dashboard,
            )
        )
    for username, unit_id, regime, province in officers:
        plans.append(
            ClientPlan(
                "commune",
                username,
                ROLES["commune"][1],
                period_id=periods[(regime, province)],
                unit_id=unit_id,
            )
        )
    for i in range(ROLES["public"][0]):
        plans.append(
            ClientPlan(
                "public", None, ROLES["public"][1], public_province=provinces[i % len(provinces)]
            )
        )
    return _proportional(plans, clients)


def _proportional(plans: list[ClientPlan], clients: int) -> list[ClientPlan]:
    """Every role kept (at least one client each), in the mix's proportions."""
    if clients >= len(plans):
        return plans
    out: list[ClientPlan] = []
    for role, (n, _cycle) in ROLES.items():
        keep = max(1, round(n * clients / len(plans)))
        out += [p for p in plans if p.role == role][:keep]
    return out


def role_counts(plans: list[ClientPlan]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for p in plans:
        counts[ROLE_NAMES[p.role]] = counts.get(ROLE_NAMES[p.role], 0) + 1
    return counts
