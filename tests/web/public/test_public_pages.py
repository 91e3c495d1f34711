"""The public pages: province figures equal the roll-up of the data, targets carry their progress
status, recognised communes are listed with their decision; no login needed."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest

from ntm.domain.rollup import rollup
from ntm.io.errors import ImportFailed
from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.models import Period
from ntm.web.assessments.selectors import period_evaluation
from ntm.web.assessments.services import assessment_get_or_create, assessment_save
from ntm.web.public.explain import band_label
from ntm.web.public.models import PlanTarget
from ntm.web.public.selectors import Rollups, target_rows
from ntm.web.public.services import plan_targets_load
from ntm.web.recognition.models import RecognitionDecision, State, Submission
from ntm.web.units.models import Unit

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "kontum-2020"

# Test data. Xã A (group 1) meets all three criteria in both years; Xã B (group 2) meets 1 and 3
# in 2026 (2.1 under its 80 %), 1 and 2 in 2027 (3.1 under its 50).
DATA = {
    2026: {"A": {"1.1": 1, "2.1": 75, "2.2": 1, "3.1": 45},
           "B": {"1.1": 1, "2.1": 70, "2.2": 1, "3.1": 55}},
    2027: {"A": {"1.1": 1, "2.1": 75, "2.2": 1, "3.1": 45},
           "B": {"1.1": 1, "2.1": 85, "2.2": 1, "3.1": 40}},
}  # fmt: skip


@pytest.fixture
def data(world: Any) -> Any:
    admin = {"user": world.users["admin"], "scope": scope_for(world.users["admin"])}
    world.later = Period.objects.create(regime="new", province_code="91", year=2027,
                                        province_name="Tỉnh Thử Nghiệm",
                                        criteria_set=world.set_record)  # fmt: skip
    for year, period in ((2026, world.period), (2027, world.later)):
        for key, unit in (("A", world.xa_a), ("B", world.xa_b)):
            values = {k: float(v) for k, v in DATA[year][key].items()}
            assessment_save(**admin, assessment=assessment_get_or_create(unit=unit, period=period),
                            version=None, values=values, channel="form")  # fmt: skip
    return world


def test_the_province_figures_are_the_roll_up_of_the_latest_period(data: Any, client: Any) -> None:
    units = list(Unit.objects.filter(province_code="91").order_by("district_code", "code"))
    expected = rollup(period_evaluation(period=data.later, units=units)).as_dict()
    assert (expected["communes_total"], expected["recognised"], expected["avg_criteria"]) == (
        2,
        1,
        2.5,
    )
    page = client.get("/public/tinh/new/91/").content.decode()
    assert "Tỉnh Thử Nghiệm — năm 2027" in page
    assert '<td id="communes">2</td>' in page
    assert '<td id="meeting-all">1</td>' in page
    assert '<td id="recognised">0</td>' in page
    assert '<td id="avg">2,5</td>' in page
    for label, count in expected["bands"].items():
        # The band as people name it ("Đủ 3 tiêu chí", "Dưới 2 tiêu chí"), issue #14.5.
        assert f"<tr><th>{band_label(label)}</th><td>{count}</td></tr>" in page
    index = client.get("/public/").content.decode()
    assert "Tỉnh Thử Nghiệm" in index and "2,5/3" in index


def test_a_province_without_periods_is_not_found(data: Any, client: Any) -> None:
    assert client.get("/public/tinh/new/99/").status_code == 404


def test_recognised_communes_are_listed_by_province_with_their_decision(
    data: Any, client: Any
) -> None:
    for unit, number in ((data.xa_a, "12/QĐ-UBND"), (data.xa_c, "7/QĐ-UBND")):
        period = data.period if unit == data.xa_a else data.other_period
        s = Submission.objects.create(unit=unit, period=period, tier="standard",
                                      state=State.RECOGNISED)  # fmt: skip
        RecognitionDecision.objects.create(
            submission=s, number=number, tier="standard", date=datetime.date(2026, 11, 30),
            signer="Chủ tịch",
        )  # fmt: skip
    page = client.get("/public/xa-dat-chuan/").content.decode()
    assert page.index("Tỉnh Bên Cạnh") < page.index("Tỉnh Thử Nghiệm")  # Vietnamese order
    assert "Số 12/QĐ-UBND ngày 30/11/2026" in page and "Số 7/QĐ-UBND ngày 30/11/2026" in page
    only = client.get("/public/xa-dat-chuan/?tinh=91").content.decode()
    assert "Xã A" in only and "Xã C" not in only
    assert '<td id="recognised">1</td>' in client.get("/public/tinh/new/91/").content.decode()


@pytest.mark.parametrize(
    ("measure", "criterion", "value", "baseline", "current", "status"),
    [
        ("communes_meeting_criterion", 2, 2, 1, 2, "Đạt mục tiêu"),
        ("communes_meeting_criterion", 2, 4, 1, 2, "Đúng tiến độ"),  # ×2 a year, ×4 in 4 needed
        ("communes_recognised", None, 2, 1, 1, "Chậm tiến độ"),  # no change
        ("communes_meeting_criterion", 3, 3, 2, 1, "Giảm sút"),
        ("max_communes_under", 3, 0, 1, 1, "Chậm tiến độ"),  # lower is better, no change
        ("avg_criteria", None, 3, 2.5, 2.5, "Chậm tiến độ"),
        ("communes_recognised_advanced", None, 1, None, None, "Không tính được"),
    ],
)
def test_each_target_gets_its_progress_status_from_baseline_current_and_target_year(
    data: Any, client: Any, measure: str, criterion: int | None, value: float,
    baseline: float | None, current: float | None, status: str,
) -> None:  # fmt: skip
    PlanTarget.objects.create(regime="new", province_code="91", plan="Nghị quyết thử nghiệm",
                              year=2030, measure=measure, criterion=criterion, value=value,
                              baseline_year=2026)  # fmt: skip
    [row] = target_rows(regime="new", province_code="91", rollups=Rollups())
    assert (row.baseline, row.current, row.progress.group_label) == (baseline, current, status)
    assert f"<strong>{status}</strong>" in client.get("/public/tinh/new/91/").content.decode()


def test_the_targets_file_of_kon_tum_loads_through_the_targets_reader(db: None) -> None:
    path = FIXTURES / "targets.csv"
    assert plan_targets_load(path=path, regime="old", baseline_year=2015) == 22
    assert plan_targets_load(path=path, regime="old", baseline_year=2015) == 22  # replaces
    rows = PlanTarget.objects.filter(province_code="62")
    assert rows.count() == 22
    recognised = rows.get(measure="communes_recognised")
    assert (recognised.year, recognised.value, recognised.plan) == (2025, 60, "Nghị quyết 01-NQ/TU")
    assert rows.get(measure="communes_meeting_criterion", criterion=2).value == 35


def test_a_bad_targets_file_writes_nothing(db: None, tmp_path: Path) -> None:
    bad = tmp_path / "targets.csv"
    bad.write_text("scope_code,plan,year,measure,criterion,value\n62,NQ,2025,khong_co,,60\n")
    with pytest.raises(ImportFailed):
        plan_targets_load(path=bad, regime="old", baseline_year=2015)
    assert not PlanTarget.objects.exists()
