"""The commune page's table: rendered once per criteria sheet with tokens, filled per commune
(``assessments/commune_table.py``). It must be byte-equal to the table rendered in full, for
every commune, value, comment, status and reader; a save shows on the next page."""

from __future__ import annotations

import re

from django.test import RequestFactory

from ntm.web.assessments.commune_table import commune_table
from ntm.web.assessments.forms import CommuneValuesForm
from ntm.web.assessments.models import Assessment, CriterionStatus, IndicatorValue
from ntm.web.assessments.pages import commune_initial, commune_rows, sheet_with_fields
from ntm.web.assessments.selectors import commune_sheet, cset_of
from ntm.web.assessments.services import assessment_find
from ntm.web.readmodel.inputs import commune_judge


def _both(world, unit, user, *, disabled: bool = False, name: str = "") -> tuple[str, str]:
    """(the table rendered in full, the table filled into the kept skeleton)."""
    request = RequestFactory().get("/")
    request.user = user
    period = world.period
    assessment = assessment_find(unit=unit, period=period)
    rows = commune_rows(assessment)
    form = CommuneValuesForm(cset=cset_of(period.criteria_set),
                             initial=commune_initial(assessment, rows))  # fmt: skip
    for field in form.fields.values():
        field.disabled = disabled
    evaluation = commune_judge(period=period, unit=unit, values=rows.values,
                               statuses=rows.statuses)  # fmt: skip
    rows_sheet = commune_sheet(period=period, unit=unit, evaluation=evaluation,
                               comments=rows.comments, given=rows.statuses)  # fmt: skip
    if name:
        rows_sheet[0].name = name
    sheet = sheet_with_fields(rows_sheet, form)
    full = commune_table(request, period=period, sheet=sheet, bound=True)
    commune_table(request, period=period, sheet=sheet, bound=False)  # the skeleton kept
    return full, commune_table(request, period=period, sheet=sheet, bound=False)


def _store(world, unit) -> None:
    a = Assessment.objects.create(unit=unit, period=world.period, version=3)
    IndicatorValue.objects.create(assessment=a, indicator="1.1", value=1.0)
    IndicatorValue.objects.create(assessment=a, indicator="2.1", value=85.5,
                                  comment='đường <b>"mới"</b> & cũ')  # fmt: skip
    IndicatorValue.objects.create(assessment=a, indicator="3.1", value=1847.5)
    CriterionStatus.objects.create(assessment=a, criterion=2, status=0)


def test_the_filled_table_is_byte_equal_to_the_full_one_with_values_comments_and_statuses(world):
    _store(world, world.xa_a)
    full, fast = _both(world, world.xa_a, world.users["officer_a"])
    assert fast == full
    assert 'value="85,5"' in fast and "đường &lt;b&gt;&quot;mới&quot;&lt;/b&gt; &amp; cũ" in fast
    assert '<option value="0" selected>' in fast and "\x00" not in fast


def test_the_filled_table_is_byte_equal_for_an_empty_commune_and_for_a_reader(world):
    full, fast = _both(world, world.xa_b, world.users["office"])
    assert fast == full and "disabled" not in fast
    full, fast = _both(world, world.xa_b, world.users["central"], disabled=True)
    assert fast == full and fast.count(" disabled") == full.count(" disabled") > 0


def test_communes_of_other_thresholds_get_their_own_table(world):
    """Xã A (group 1) needs 70 % of roads and 40 of income, Xã B (group 2) 80 % and 50:
    the key holds the thresholds."""
    a_full, a_fast = _both(world, world.xa_a, world.users["office"])
    b_full, b_fast = _both(world, world.xa_b, world.users["office"])
    assert a_fast == a_full and b_fast == b_full
    # the thresholds (roads 70 → 80 %, income 40 → 50) are all that differ
    assert a_fast.replace("≥ 70", "≥ 80").replace("≥ 40", "≥ 50") == b_fast


def test_a_save_shows_its_value_and_status_on_the_next_page(client, world):
    world.login(client, "officer_a")
    url = f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/"
    assert client.get(url).status_code == 200  # the skeleton kept
    response = client.post(url, {"version": 0, "ind-2.1": "75", "ind-2.2": "2"})
    assert response.status_code == 302
    text = client.get(url).content.decode()
    assert re.search(r'<input type="text" name="ind-2.1" value="75"', text)
    assert 'id="st-ind-2_1" class="st-met">Đạt' in text
    assert 'id="st-tc-2" class="st-met">Đạt' in text


def test_a_name_holding_the_token_mark_is_rendered_in_full_not_misplaced(world):
    full, fast = _both(world, world.xa_a, world.users["office"], name="Quy\x00hoạch")
    assert fast == full and "Quy\x00hoạch" in fast
