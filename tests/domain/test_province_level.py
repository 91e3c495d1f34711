"""Province-level sets (Annex III, 2026–2030) judged from the province's communes."""

from __future__ import annotations

import numpy as np
import pytest

from ntm.criteria import load_set
from ntm.domain.criteria import criteria_set_from_data, criteria_set_to_data
from ntm.domain.evaluation import MET, NOT_MET, UNKNOWN, evaluate
from ntm.domain.province import completion_from_counts, evaluate_provinces, province_values
from ntm.domain.units import Unit

COMMUNE_SET = {
    "code": "xa-thu", "title": "Bộ thử", "basis": "Thử", "period": [2026, 2030],
    "variants": {"by": "none"},
    "criteria": [{"number": 1, "name": "Một", "indicators": [
        {"code": "1.1", "name": "Có", "kind": "yes_no", "thresholds": {"all": True}}]}],
}  # fmt: skip


def _world() -> tuple[list[Unit], list[Unit], np.ndarray]:
    provinces = [Unit(code=c, name=f"Tỉnh {c}", level="province", province_code=c)
                 for c in ("08", "15", "99")]  # fmt: skip
    communes = [Unit(code=f"{p}{i:03d}", name=f"Xã {p}{i}", province_code=p)
                for p, n in (("08", 4), ("15", 2)) for i in range(n)]  # fmt: skip
    # Province 08: 3 of 4 communes meet; 15: none of 2; 99: no commune.
    values = np.array([[1.0], [1.0], [1.0], [0.0], [0.0], [0.0]])
    return provinces, communes, values


def test_the_share_of_recognised_communes_is_derived_per_province() -> None:
    provinces, communes, values = _world()
    judged = evaluate(criteria_set_from_data(COMMUNE_SET), communes, 2026, values=values)
    derived = province_values(load_set("tinh-ntm-2026-2030"), provinces, judged)
    assert derived[:2, 0].tolist() == [75.0, 0.0]
    assert np.isnan(derived[2, 0])  # no commune judged: unknown, never 0


def test_the_shipped_annex_iii_set_never_judges_a_province_complete() -> None:
    provinces, communes, values = _world()
    judged = evaluate(criteria_set_from_data(COMMUNE_SET), communes, 2026, values=values)
    ev = evaluate_provinces(load_set("tinh-ntm-2026-2030"), provinces, judged, 2026)
    assert ev.criterion_status[:, 0].tolist() == [UNKNOWN, UNKNOWN, UNKNOWN]


@pytest.mark.parametrize(("level", "expected"), [(70, [MET, NOT_MET]), (80, [NOT_MET, NOT_MET])])
def test_an_office_level_for_annex_iii_judges_the_provinces_on_their_communes(
    level: float, expected: list[int]
) -> None:
    provinces, communes, values = _world()
    judged = evaluate(criteria_set_from_data(COMMUNE_SET), communes, 2026, values=values)
    data = criteria_set_to_data(load_set("tinh-ntm-2026-2030"))
    data |= {"code": "tinh-ntm-2026-2030-tinh-08", "parent": "tinh-ntm-2026-2030"}
    data["criteria"][0]["indicators"][0]["thresholds"] = {"all": level}
    data["criteria"][0]["indicators_complete"] = True
    ev = evaluate_provinces(criteria_set_from_data(data), provinces[:2], judged, 2026)
    assert ev.criterion_status[:, 0].tolist() == expected


def test_the_modern_commune_set_has_no_indicator_and_judges_nothing() -> None:
    cset = load_set("xa-ntm-hien-dai-2026-2030")
    _provinces, communes, _values = _world()
    ev = evaluate(cset, communes, 2026, pilot=True)
    assert cset.tier == "modern" and not cset.indicators
    assert set(ev.criterion_status[:, 0].tolist()) == {UNKNOWN}


def test_counts_kept_by_the_national_view_give_the_same_share_and_verdict() -> None:
    provinces, communes, values = _world()
    judged = evaluate(criteria_set_from_data(COMMUNE_SET), communes, 2026, values=values)
    cset = load_set("tinh-ntm-2026-2030")
    lines = completion_from_counts(cset, provinces, [(3, 4), (0, 2), (0, 0)], 2026)
    assert [line.recognised_share for line in lines] == [75.0, 0.0, None]
    assert [line.recognised_share for line in lines[:2]] == province_values(
        cset, provinces, judged
    )[:2, 0].tolist()
    assert {line.status for line in lines} == {UNKNOWN}
