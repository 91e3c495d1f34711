"""Kon Tum 2015 → 2020 on the public pages: the figures and the targets the provincial report
states (fixtures/kontum-2020/expected.json), computed live from the database."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ntm.criteria import load_set, read_set_file, set_files
from ntm.io.units_file import read_units
from ntm.web.assessments.services import criteria_set_store
from ntm.web.demo import _kontum
from ntm.web.public.selectors import Rollups, province_figures, target_rows
from ntm.web.public.services import plan_targets_load
from ntm.web.units.services import units_load

KONTUM = Path(__file__).resolve().parents[3] / "fixtures" / "kontum-2020"
EXPECTED = json.loads((KONTUM / "expected.json").read_text(encoding="utf-8"))


@pytest.fixture
def kontum(db: None) -> None:
    units_load(regime="old", units=read_units(KONTUM / "communes.csv"))
    record = criteria_set_store(cset=load_set("xa-ntm-2016-2020"),
                                data=read_set_file(set_files()["xa-ntm-2016-2020"]))  # fmt: skip
    _kontum(record)
    plan_targets_load(path=KONTUM / "targets.csv", regime="old", baseline_year=2015)


def test_the_province_figures_are_those_of_the_report(kontum: None, client: Any) -> None:
    f = province_figures(regime="old", province_code="62", rollups=Rollups())
    assert f is not None
    assert (f.period.year, f.communes, f.meeting_all, f.avg_criteria) == (
        EXPECTED["year"], EXPECTED["communes_total"], EXPECTED["recognised"],
        EXPECTED["avg_criteria"],
    )  # fmt: skip
    assert f.bands == EXPECTED["bands"]
    page = client.get("/public/tinh/old/62/").content.decode()
    assert '<td id="communes">85</td>' in page and '<td id="avg">14,8</td>' in page


def test_the_2020_targets_met_and_missed_are_those_of_the_report(kontum: None) -> None:
    rows = target_rows(regime="old", province_code="62", rollups=Rollups())
    by_criterion = {
        r.target.criterion: r.progress.group_label
        for r in rows
        if r.target.measure == "communes_meeting_criterion"
    }
    missed = sorted(n for n, label in by_criterion.items() if label == "Không đạt mục tiêu")
    achieved = [n for n, label in by_criterion.items() if label == "Đạt mục tiêu"]
    assert missed == EXPECTED["criteria_below_target"]
    assert len(achieved) == EXPECTED["criteria_meeting_target"]


def test_the_2025_target_of_recognised_communes_is_on_track_from_2015_to_2020(
    kontum: None, client: Any
) -> None:
    rows = {r.target.measure: r for r in target_rows(regime="old", province_code="62",
                                                     rollups=Rollups())}  # fmt: skip
    recognised = rows["communes_recognised"]
    baseline = EXPECTED["recognised"] - EXPECTED["recognised_change_vs_baseline"]
    assert recognised.baseline == baseline == 9
    assert (recognised.current, recognised.current_year) == (28, 2020)
    # (28/9)^(1/5) − 1 = 25,5 %/năm observed against (60/9)^(1/10) − 1 = 20,9 %/năm needed.
    assert recognised.progress.group_label == "Đúng tiến độ"
    assert round(recognised.progress.ratio, 2) == 1.22
    # No period judges the advanced or model sets in Kon Tum: nothing to measure.
    assert rows["communes_recognised_advanced"].progress.group_label == "Không tính được"
    page = client.get("/public/tinh/old/62/").content.decode()
    assert "Số xã đạt chuẩn nông thôn mới" in page and "Nghị quyết 01-NQ/TU" in page
