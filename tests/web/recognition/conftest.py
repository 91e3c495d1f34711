"""The recognition cast: the web cast (tests/web/conftest.py) with e-mail addresses, a second
reviewer for criteria 1 and 3, an office of the neighbouring province, and the satisfaction
level province 91 requires (test data, not an official level)."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from ntm.web.accounts.models import Role, RoleAssignment
from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.services import assessment_get_or_create, assessment_save
from ntm.web.recognition.models import SatisfactionLevel, Submission
from ntm.web.recognition.services import submission_draft_save

# Xã A is in group 1: 1.1 yes, 2.1 ≥ 70 %, 2.2 ≥ 1 bridge, 3.1 ≥ 40 (test thresholds).
ALL_MET = {"1.1": 1.0, "2.1": 75.0, "2.2": 2.0, "3.1": 45.0}


@pytest.fixture
def cast(world: Any) -> Any:
    for name, user in world.users.items():
        user.email = f"{name}@example.vn"
        user.save(update_fields=["email"])
    extra = User.objects.create_user("reviewer_13", email="reviewer_13@example.vn")
    RoleAssignment.objects.create(user=extra, role=Role.REVIEWER, regime="new",
                                  province_code="91", criteria=[1, 3])  # fmt: skip
    office_92 = User.objects.create_user("office_92", email="office_92@example.vn")
    RoleAssignment.objects.create(user=office_92, role=Role.PROVINCE, regime="new",
                                  province_code="92")  # fmt: skip
    world.users.update({"reviewer_13": extra, "office_92": office_92})
    SatisfactionLevel.objects.create(regime="new", province_code="91", tier="standard",
                                     required_pct=90, basis="Dữ liệu kiểm thử")  # fmt: skip
    return world


class Flow:
    """Helpers bound to the cast: ``flow.as_("office")`` gives the keyword arguments every verb
    takes for that user."""

    ALL_MET = ALL_MET

    def __init__(self, world: Any):
        self.w = world

    def as_(self, name: str) -> dict[str, Any]:
        user = self.w.users[name]
        return {"user": user, "scope": scope_for(user)}

    def put(self, unit: Any, period: Any, values: dict[str, float | None]) -> None:
        """Values written as the province's office writes them (any state but locked)."""
        assessment = assessment_get_or_create(unit=unit, period=period)
        assessment_save(**self.as_("admin"), assessment=assessment, version=None, values=values,
                        channel="form")  # fmt: skip

    def draft(self, *, satisfaction: float | None = 95.0, **overrides: Any) -> Submission:
        fields = {
            "satisfaction_pct": satisfaction, "survey_note": "Lấy ý kiến 320 hộ dân",
            "no_construction_debt": True, "security_complicated": False, **overrides,
        }  # fmt: skip
        return submission_draft_save(**self.as_("officer_a"), unit=self.w.xa_a,
                                     period=self.w.period, **fields)  # fmt: skip


@pytest.fixture
def flow(cast: Any) -> Flow:
    return Flow(cast)


@pytest.fixture
def ready(cast: Any, flow: Flow) -> Any:
    """Xã A meets every criterion and has a draft dossier."""
    flow.put(cast.xa_a, cast.period, ALL_MET)
    cast.submission = flow.draft()
    return cast
