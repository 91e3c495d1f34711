"""The public pages explain themselves (issue #14.5): bands as people name them, a chart, the
criteria by name with the communes meeting each, and what each progress status means."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from ntm.criteria import load_set, read_set_file, set_files
from ntm.io.units_file import read_units
from ntm.web.assessments.services import criteria_set_store
from ntm.web.demo import _kontum
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


def test_the_index_names_the_bands_in_words(kontum: None, client: Any) -> None:
    page = client.get("/public/").content.decode()
    assert "Đủ 19 tiêu chí: 28 xã" in page and "Từ 15 đến 18 tiêu chí: 9 xã" in page
    assert "19: 28" not in page


def test_the_province_page_lists_the_criteria_by_name(kontum: None, client: Any) -> None:
    page = client.get("/public/tinh/old/62/").content.decode()
    row = r'<tr data-criterion="(\d+)"><td>\d+</td><td>([^<]+)</td><td>(\d+)</td>'
    rows = re.findall(row, page)
    assert len(rows) == 19
    assert ("2", "Giao thông", str(EXPECTED["criteria"]["2"]["met"])) in rows
    assert ("1", "Quy hoạch", "85") in rows


def test_the_province_page_draws_its_charts_from_its_figures(kontum: None, client: Any) -> None:
    page = client.get("/public/tinh/old/62/").content.decode()
    data = json.loads(re.search(r'id="dash-charts"[^>]*>(.*?)</script>', page, re.S)[1])
    assert data["bands"]["labels"][0] == "Đủ 19 tiêu chí"
    assert data["bands"]["datasets"][0]["values"] == list(EXPECTED["bands"].values())
    assert len(data["criteria"]["labels"]) == 19
    assert 'id="chart-bands"' in page and "vendor/charts/frappe-charts.min.umd.js" in page


def test_every_progress_status_is_explained_in_plain_words(kontum: None, client: Any) -> None:
    page = client.get("/public/tinh/old/62/").content.decode()
    legend = re.search(r'<dl id="status-help">(.*?)</dl>', page, re.S)[1]
    terms = re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", legend)
    assert [t for t, _ in terms] == [
        "Đạt mục tiêu", "Đúng tiến độ", "Chậm tiến độ", "Giảm sút", "Không đạt mục tiêu",
        "Không tính được",
    ]  # fmt: skip
    assert all(len(meaning) > 30 for _, meaning in terms)
    shown = set(re.findall(r"<td><strong>([^<]+)</strong>", page))
    assert shown and shown <= {t for t, _ in terms}
