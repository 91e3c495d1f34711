"""Demonstration data for ``ntm serve --demo``: loaded only into an empty database.

- Kon Tum before 2025: the fixture's criterion statuses for 2015 and 2020 (85 communes).
- Tuyên Quang after 2025: 2026 under the 2026–2030 set completed with demonstration indicators
  and levels, labelled as such everywhere ("ngưỡng minh họa, không phải ngưỡng chính thức"),
  with generated values; commune groups assigned for the demonstration only.
- The residents' satisfaction each demo province requires (80 %), labelled as a demonstration
  value: Decision 18/2022 gives no number for communes, each province sets its own.
- The recognition decisions the Kon Tum 2020 data implies: every commune meeting all 19 criteria
  holds a decision, numbered "… (minh họa)" because the real numbers are not in the fixture, so
  the public pages list the recognised communes.
- One login per role, printed in Vietnamese; the reviewers cover every criterion between them,
  so a dossier can go all the way to a decision.
"""

from __future__ import annotations

import copy
import datetime
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
from django.contrib.auth.models import User
from django.db import transaction

from ntm.criteria import load_set, read_set_file, set_files
from ntm.domain.criteria import criteria_set_from_data
from ntm.domain.evaluation import NOT_GIVEN
from ntm.formatting import percent
from ntm.io.bundle import load_inputs
from ntm.web.accounts.models import Role, RoleAssignment
from ntm.web.assessments.models import (
    Assessment,
    CriteriaSetRecord,
    CriterionStatus,
    IndicatorValue,
    Period,
)
from ntm.web.assessments.selectors import period_evaluation
from ntm.web.assessments.services import criteria_set_store
from ntm.web.audit.models import AuditEntry
from ntm.web.demo_carryover import kontum_2025, quang_ngai_2026
from ntm.web.monitoring.demo import kontum_monitoring_demo
from ntm.web.public.services import plan_targets_load
from ntm.web.recognition.models import (
    RecognitionDecision,
    SatisfactionLevel,
    State,
    Submission,
    Tier,
)
from ntm.web.registries.demo import kontum_registries_demo
from ntm.web.units.models import Unit
from ntm.web.units.services import registry_load

DEMO_NOTE = "ngưỡng minh họa, không phải ngưỡng chính thức"
DEMO_PASSWORD = "ntm-demo-2026"
DEMO_SET = "xa-ntm-2026-2030-minh-hoa"
DEMO_SATISFACTION_PCT = 80.0
DEMO_SATISFACTION_NOTE = (
    "Mức minh họa, không phải mức chính thức: Quyết định 18/2022/QĐ-TTg không quy định "
    "con số cho xã, mỗi tỉnh tự quy định mức yêu cầu."
)
# The demo's provinces (regime, province code): Kon Tum before 2025, Tuyên Quang after.
DEMO_PROVINCES = (("old", "62"), ("new", "08"))
DEMO_DECISION_DATE = datetime.date(2020, 12, 31)
DEMO_DECISION_SIGNER = "Chủ tịch UBND tỉnh Kon Tum (minh họa)"


def fixtures_dir() -> Path:
    """fixtures/kontum-2020 of the working tree (``make demo`` runs at the repository root)."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[3]):
        candidate = base / "fixtures" / "kontum-2020"
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Không tìm thấy thư mục fixtures/kontum-2020")


def demo_set_data() -> dict[str, Any]:
    """The 2026–2030 set with two demonstration indicators per criterion, clearly labelled."""
    data = copy.deepcopy(read_set_file(set_files()["xa-ntm-2026-2030"]))
    data["code"] = DEMO_SET
    data["title"] = f"{data['title']} — {DEMO_NOTE}"
    data["note"] = f"Bộ tiêu chí dùng để trình diễn: chỉ tiêu và {DEMO_NOTE}."
    for crit in data["criteria"]:
        n = crit["number"]
        crit["indicators_complete"] = True
        crit["indicators"] = [
            {"code": f"{n}.1", "name": f"Tỷ lệ hoàn thành của tiêu chí {n} (minh họa)",
             "kind": "percent", "unit": "%", "source": DEMO_NOTE,
             "thresholds": {"all": {"1": 90, "2": 80, "3": 70}}},
            {"code": f"{n}.2", "name": f"Đã có kế hoạch thực hiện tiêu chí {n} (minh họa)",
             "kind": "yes_no", "source": DEMO_NOTE, "thresholds": {"all": True}},
        ]  # fmt: skip
    return data


def _store_shipped_sets() -> dict[str, CriteriaSetRecord]:
    records = {}
    for code, path in set_files().items():
        records[code] = criteria_set_store(cset=load_set(code), data=read_set_file(path))
    data = demo_set_data()
    records[DEMO_SET] = criteria_set_store(cset=criteria_set_from_data(data), data=data)
    return records


def _kontum(record: CriteriaSetRecord) -> list[Period]:
    periods = []
    for year in (2015, 2020):
        inputs = load_inputs([fixtures_dir() / f"criteria-{year}.csv"], year=year)
        period = Period.objects.create(
            regime="old", province_code="62", year=year, province_name="Tỉnh Kon Tum",
            criteria_set=record,
        )  # fmt: skip
        units = dict(Unit.objects.filter(regime="old").values_list("code", "pk"))
        rows = []
        for i, unit in enumerate(inputs.units):
            assessment = Assessment.objects.create(
                unit_id=units[unit.code], period=period, version=1
            )
            rows += [
                CriterionStatus(assessment=assessment, criterion=n, status=int(s))
                for n, s in zip(inputs.cset.criterion_numbers, inputs.statuses[i], strict=True)
                if s != NOT_GIVEN
            ]
        CriterionStatus.objects.bulk_create(rows, batch_size=2000)
        periods.append(period)
    return periods


def _tuyen_quang(record: CriteriaSetRecord) -> Period:
    communes = list(Unit.objects.filter(regime="new", province_code="08", kind="xã"))
    for i, unit in enumerate(communes):
        unit.group = "123"[i % 3]  # demonstration groups: each province sets its own
    Unit.objects.bulk_update(communes, ["group"])
    period = Period.objects.create(
        regime="new", province_code="08", year=2026, province_name="Tỉnh Tuyên Quang",
        criteria_set=record,
    )  # fmt: skip
    cset = criteria_set_from_data(record.data)
    rng = np.random.default_rng(2026)
    values, entries = [], []
    for unit in communes:
        assessment = Assessment.objects.create(unit=unit, period=period, version=1)
        for ind in cset.indicators:
            v = (
                float(rng.random() < 0.92)
                if ind.kind == "yes_no"
                else round(rng.uniform(70, 100), 1)
            )
            values.append(IndicatorValue(assessment=assessment, indicator=ind.code, value=v))
            entries.append(AuditEntry(username="demo", regime="new", unit_code=unit.code,
                                      unit_name=unit.name, period_id_ref=period.pk, year=2026,
                                      kind="indicator", target=ind.code, old="",
                                      new=f"{v:g}", channel="demo", version=1))  # fmt: skip
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    AuditEntry.objects.bulk_create(entries, batch_size=2000)
    return period


def _kontum_decisions(period: Period) -> int:
    """A recognised dossier and a decision for every commune the engine finds at standard."""
    units = list(Unit.objects.filter(assessments__period=period).order_by("code"))
    evaluation = period_evaluation(period=period, units=units)
    recognised = [u for i, u in enumerate(units) if bool(evaluation.all_met[i])]
    for number, unit in enumerate(recognised, start=1):
        submission = Submission.objects.create(
            unit=unit, period=period, tier=Tier.STANDARD, state=State.RECOGNISED, round=1,
            no_construction_debt=True, security_complicated=False,
        )  # fmt: skip
        RecognitionDecision.objects.create(
            submission=submission, number=f"{number:02d}/QĐ-UBND (minh họa)",
            date=DEMO_DECISION_DATE, tier=Tier.STANDARD, signer=DEMO_DECISION_SIGNER,
            text="Quyết định minh họa theo số liệu 2020, không phải quyết định thật.",
        )  # fmt: skip
        AuditEntry.objects.create(
            username="demo", regime=unit.regime, unit_code=unit.code, unit_name=unit.name,
            period_id_ref=period.pk, year=period.year, kind="workflow",
            target="recognition_decide", old="", new=State.RECOGNISED, channel="demo", version=0,
        )  # fmt: skip
    return len(recognised)


def _satisfaction_levels() -> None:
    """What the demonstration's offices would set in the admin, so that dossiers can be sent."""
    SatisfactionLevel.objects.bulk_create(
        SatisfactionLevel(regime=regime, province_code=code, tier=Tier.STANDARD,
                          required_pct=DEMO_SATISFACTION_PCT, basis=DEMO_SATISFACTION_NOTE)
        for regime, code in DEMO_PROVINCES
    )  # fmt: skip


def _users(tq_criteria: list[int]) -> list[tuple[str, str]]:
    kontum = Unit.objects.get(regime="old", code="23311")
    tq = Unit.objects.filter(regime="new", province_code="08", kind="xã").order_by("code").first()
    assert tq is not None  # the demonstration loads Tuyên Quang's communes first
    made: list[tuple[str, str]] = []

    def user(name: str, label: str, role: str, **scope: Any) -> RoleAssignment:
        u = User.objects.create_user(name, password=DEMO_PASSWORD, first_name=label)
        made.append((name, label))
        return RoleAssignment.objects.create(user=u, role=role, **scope)

    user("xa", f"Cán bộ xã ({tq.name}, {kontum.name})", Role.COMMUNE).communes.add(tq, kontum)
    user("thamdinh", "Cán bộ thẩm định Sở (Tuyên Quang, tiêu chí 1 và 2)", Role.REVIEWER,
         regime="new", province_code="08", criteria=[1, 2])  # fmt: skip
    # Another department answers for the rest: every criterion has a reviewer, as in a province.
    rest = [n for n in tq_criteria if n not in (1, 2)]
    user("thamdinh2", f"Cán bộ thẩm định Sở (Tuyên Quang, tiêu chí {rest[0]}–{rest[-1]})",
         Role.REVIEWER, regime="new", province_code="08", criteria=rest)  # fmt: skip
    user("thamdinhkt", "Cán bộ thẩm định (Kon Tum trước 2025, mọi tiêu chí)", Role.REVIEWER,
         regime="old", province_code="62")  # fmt: skip
    user("tinh", "Văn phòng điều phối tỉnh Tuyên Quang", Role.PROVINCE, regime="new",
         province_code="08")  # fmt: skip
    user("kontum", "Văn phòng điều phối tỉnh Kon Tum (trước 2025)", Role.PROVINCE, regime="old",
         province_code="62")  # fmt: skip
    user("trunguong", "Văn phòng điều phối trung ương (xem toàn bộ)", Role.CENTRAL)
    user("quantri", "Quản trị hệ thống", Role.ADMIN)
    User.objects.filter(username="quantri").update(is_staff=True, is_superuser=True)
    return made


def demo_load(*, say: Callable[[str], None] = print) -> bool:
    """Load the demonstration into an empty database; False (and nothing done) otherwise."""
    if Period.objects.exists() or User.objects.exists():
        say("Cơ sở dữ liệu đã có dữ liệu: không nạp lại dữ liệu minh họa.")
        return False
    with transaction.atomic():
        say("Đang nạp đơn vị hành chính (trước và sau 1/7/2025) và bộ tiêu chí…")
        registry_load()
        records = _store_shipped_sets()
        kontum = _kontum(records["xa-ntm-2016-2020"])
        decided = _kontum_decisions(kontum[-1])
        # OCOP products, models and villages (minh họa), so the registry pages are not empty.
        kontum_registries_demo(kontum[-1])
        # Funds (Phụ lục 02) and the II.1 monitoring figures, spread over the communes (minh họa).
        kontum_monitoring_demo(kontum[-1], fixtures_dir())
        # Resolution 01-NQ/TU targets, measured against the 2015 data (public progress page).
        plan_targets_load(path=fixtures_dir() / "targets.csv", regime="old", baseline_year=2015)
        tq = _tuyen_quang(records[DEMO_SET])
        # Across the reform: Kon Tum 2025 (old communes), new Quảng Ngãi 2026 (issue #11.6).
        kontum_2025(records["xa-ntm-2021-2025"], kontum[-1])
        quang_ngai_2026(records[DEMO_SET])
        _satisfaction_levels()
        logins = _users(criteria_set_from_data(tq.criteria_set.data).criterion_numbers)
    say("Đã nạp dữ liệu minh họa: Kon Tum 2015 và 2020 (85 xã, trạng thái tiêu chí);")
    say(f"Quyết định công nhận minh họa cho {decided} xã Kon Tum đạt chuẩn năm 2020 "
        "(số quyết định ghi “minh họa”, không phải quyết định thật).")  # fmt: skip
    say(
        "Sổ theo dõi minh họa của Kon Tum: 5 sản phẩm OCOP, 3 mô hình, 3 thôn (tên và số quyết "
        "định là minh họa)."
    )
    say(
        "Nguồn vốn 2016–2020 của Kon Tum (Phụ lục 02) và chỉ tiêu theo dõi mục II.1 của báo cáo "
        "(tổng của tỉnh là số thật; phần chia cho từng xã là minh họa)."
    )
    say(f"Tuyên Quang 2026 (bộ tiêu chí 2026–2030 với {DEMO_NOTE}; nhóm xã gán để minh họa).")
    say(f"Mức hài lòng yêu cầu của Kon Tum và Tuyên Quang: {percent(DEMO_SATISFACTION_PCT)}. "
        f"{DEMO_SATISFACTION_NOTE}")  # fmt: skip
    say(f"Tài khoản minh họa (mật khẩu chung: {DEMO_PASSWORD}):")
    for name, label in logins:
        say(f"  {name:<11} {label}")
    return True
