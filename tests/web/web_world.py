"""The places and the cast of the web tests: two communes of one province, one of another,
and a user for each role (a named cast, as in healthchecks' hc/test.py)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

# --- the places and the cast -------------------------------------------------------------------
# Test thresholds below are test data for a made-up set, not official levels.
TEST_SET = {
    "code": "xa-thu-nghiem",
    "title": "Bộ tiêu chí thử nghiệm (dữ liệu kiểm thử)",
    "basis": "Dữ liệu kiểm thử",
    "period": [2026, 2030],
    "level": "commune",
    "variants": {"by": "group", "values": ["1", "2", "3"]},
    "criteria": [
        {
            "number": 1,
            "name": "Quy hoạch",
            "indicators": [
                {
                    "code": "1.1",
                    "name": "Có quy hoạch chung xã",
                    "kind": "yes_no",
                    "thresholds": {"all": True},
                }
            ],
        },
        {
            "number": 2,
            "name": "Giao thông",
            "indicators": [
                {
                    "code": "2.1",
                    "name": "Tỷ lệ đường xã được nhựa hóa",
                    "kind": "percent",
                    "unit": "%",
                    "thresholds": {"all": {"1": 70, "2": 80, "3": 90}},
                },
                {
                    "code": "2.2",
                    "name": "Số cầu được kiên cố hóa",
                    "kind": "count",
                    "thresholds": {"all": 1},
                },
            ],
        },
        {
            "number": 3,
            "name": "Thu nhập",
            "indicators": [
                {
                    "code": "3.1",
                    "name": "Thu nhập bình quân đầu người",
                    "kind": "number",
                    "unit": "triệu đồng/người/năm",
                    "thresholds": {"all": {"1": 40, "2": 50, "3": 60}},
                }
            ],
        },
    ],
}


@dataclass
class World:
    set_record: Any
    period: Any
    other_period: Any
    xa_a: Any
    xa_b: Any
    xa_c: Any
    users: dict[str, Any]

    def login(self, client: Any, role: str) -> Any:
        if role != "anonymous":
            client.force_login(self.users[role])
        return client


def _unit(code: str, name: str, province: tuple[str, str], group: str) -> Any:
    from ntm.web.units.models import Unit

    return Unit.objects.create(
        regime="new", code=code, name=name, level="commune", kind="xã",
        province_code=province[0], province_name=province[1], group=group,
    )  # fmt: skip


def make_world() -> World:
    from django.contrib.auth.models import User

    from ntm.domain.criteria import criteria_set_from_data
    from ntm.web.accounts.models import Role, RoleAssignment
    from ntm.web.assessments.models import Period
    from ntm.web.assessments.services import criteria_set_store

    record = criteria_set_store(cset=criteria_set_from_data(TEST_SET), data=TEST_SET)
    p91, p92 = ("91", "Tỉnh Thử Nghiệm"), ("92", "Tỉnh Bên Cạnh")
    xa_a = _unit("91001", "Xã A", p91, "1")
    xa_b = _unit("91002", "Xã B", p91, "2")
    xa_c = _unit("92001", "Xã C", p92, "3")
    period = Period.objects.create(regime="new", province_code="91", province_name=p91[1],
                                   year=2026, criteria_set=record)  # fmt: skip
    other = Period.objects.create(regime="new", province_code="92", province_name=p92[1],
                                  year=2026, criteria_set=record)  # fmt: skip
    users = {}
    for name in ["officer_a", "officer_b", "reviewer", "office", "central", "admin", "outsider"]:
        users[name] = User.objects.create_user(name, password="mat-khau-thu-nghiem")
    RoleAssignment.objects.create(user=users["officer_a"], role=Role.COMMUNE).communes.add(xa_a)
    RoleAssignment.objects.create(user=users["officer_b"], role=Role.COMMUNE).communes.add(xa_b)
    RoleAssignment.objects.create(user=users["reviewer"], role=Role.REVIEWER, regime="new",
                                  province_code="91", criteria=[2])  # fmt: skip
    RoleAssignment.objects.create(user=users["office"], role=Role.PROVINCE, regime="new",
                                  province_code="91")  # fmt: skip
    RoleAssignment.objects.create(user=users["central"], role=Role.CENTRAL)
    RoleAssignment.objects.create(user=users["admin"], role=Role.ADMIN)
    User.objects.filter(pk=users["admin"].pk).update(is_staff=True, is_superuser=True)
    users["admin"].refresh_from_db()
    return World(record, period, other, xa_a, xa_b, xa_c, users)
