"""Issue #11.6 acceptance on the demonstration: new Quảng Ngãi's 2026 report and dashboard state
a 2025 baseline derived through the lineage from Kon Tum's old communes, labelled as derived;
three merged communes checked against a hand computation from the stored 2025 statuses."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth.models import User
from docx import Document

from ntm.formatting import number
from ntm.web.assessments.models import CriterionStatus, Period
from ntm.web.dashboards.carryover import period_carryover
from ntm.web.demo import demo_load
from ntm.web.units.models import Unit

MERGED = ("23317", "23326", "23401")  # Xã Ngọk Bay, Xã Ia Chim, Xã Đăk Tô: 3 old xã each


@pytest.fixture
def quang_ngai(db: None) -> Period:
    assert demo_load(say=lambda _text: None)
    return Period.objects.get(regime="new", province_code="51", year=2026)


def _met_2025() -> dict[str, int]:
    """Old commune code → criteria met in Kon Tum's 2025 period, counted from the rows."""
    period = Period.objects.get(regime="old", province_code="62", year=2025)
    out: dict[str, int] = {}
    rows = CriterionStatus.objects.filter(assessment__period=period).values_list(
        "assessment__unit__code", "status"
    )
    for code, status in rows:
        out[code] = out.get(code, 0) + (status == 1)
    return out


def _by_hand(new_code: str, met: dict[str, int]) -> tuple[bool, int]:
    parts = Unit.objects.get(regime="new", code=new_code).predecessors.filter(kind="xã")
    counts = [met[p.code] for p in parts]
    return all(n == 19 for n in counts), min(counts)


def test_three_merged_communes_have_the_baseline_computed_by_hand(quang_ngai):
    met = _met_2025()
    units = list(Unit.objects.filter(regime="new", province_code="51", kind="xã"))
    derived = {r.code: r for r in period_carryover(period=quang_ngai, units=units).rows}
    for code in MERGED:
        row = derived[code]
        assert len(row.predecessors) == 3
        assert (row.recognised, row.criteria_met) == _by_hand(code, met)


def test_the_2026_report_states_the_2025_baseline_derived_through_the_lineage(client, quang_ngai):
    met = _met_2025()
    new = Unit.objects.filter(regime="new", province_code="51", kind="xã").order_by("code")
    recognised = derived = 0
    for unit in new:
        parts = list(unit.predecessors.filter(kind="xã"))
        if parts and all(p.code in met for p in parts):
            derived += 1
            recognised += all(met[p.code] == 19 for p in parts)
    assert derived >= 30  # Kon Tum's side of the new province
    client.force_login(User.objects.get(username="trunguong"))
    answer = client.get(f"/tong-hop/bao-cao/?period={quang_ngai.pk}&format=docx")
    assert answer.status_code == 200
    content = b"".join(answer.streaming_content) if answer.streaming else answer.content
    text = " ".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "So với năm 2025 (quy đổi theo đơn vị mới, số liệu suy ra" in text
    assert f"{number(recognised)}/{number(derived)} xã mới" in text
    page = client.get(f"/tong-hop/?period={quang_ngai.pk}").content.decode()
    block = page.split('id="carryover"')[1].split("</p>")[0]
    assert "So với năm 2025 (quy đổi theo đơn vị mới)" in block
    assert f"{recognised}/{derived} xã mới" in block


def test_the_tuyen_quang_report_says_a_sentence_per_commune_group(client, quang_ngai):
    period = Period.objects.get(regime="new", province_code="08", year=2026)
    client.force_login(User.objects.get(username="tinh"))
    answer = client.get(f"/tong-hop/bao-cao/?period={period.pk}&format=docx")
    content = b"".join(answer.streaming_content) if answer.streaming else answer.content
    text = " ".join(p.text for p in Document(io.BytesIO(content)).paragraphs)
    assert "Kết quả theo nhóm xã" in text
    communes = Unit.objects.filter(regime="new", province_code="08", kind="xã")
    for group in "123":
        n = communes.filter(group=group).count()
        assert f"Nhóm {group}: {number(n)} xã, " in text
    assert "So với năm 2025" not in text  # Tuyên Quang has no 2025 period in the demo


def test_a_2025_correction_moves_the_2026_dashboards_derived_baseline(client, quang_ngai):
    client.force_login(User.objects.get(username="trunguong"))
    url = f"/tong-hop/?period={quang_ngai.pk}"
    for _ in range(2):
        before = client.get(url)
    assert before["X-Dashboard-Figures"] == "cached"
    # Xã Ngọk Bay's three predecessors all meet every criterion in 2025: now it is recognised.
    old = Unit.objects.get(regime="new", code="23317").predecessors.filter(kind="xã")
    rows = CriterionStatus.objects.filter(assessment__period__year=2025, assessment__unit__in=old)
    rows.update(status=1)
    after = client.get(url)
    assert after["X-Dashboard-Figures"] == "judged"
    row = next(r for r in period_carryover(
        period=quang_ngai, units=list(Unit.objects.filter(regime="new", code="23317"))
    ).rows)  # fmt: skip
    assert row.recognised is True
