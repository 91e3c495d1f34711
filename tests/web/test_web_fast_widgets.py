"""The commune form's inputs, written straight to HTML for speed, are exactly what Django's own
widget templates write: values, selections, errors, disabled inputs and characters to escape."""

from __future__ import annotations

from django import forms

from ntm.criteria import load_set
from ntm.web.assessments.forms import CommuneValuesForm, YesNoSelect
from ntm.web.assessments.widgets import FastSelect, FastTextInput


class _StockYesNo(YesNoSelect):
    render = forms.Widget.render  # Django's template rendering, YesNoSelect's choices and value


_STOCK = {FastTextInput: forms.TextInput, FastSelect: forms.Select, YesNoSelect: _StockYesNo}


def _both_ways(form: forms.Form) -> list[tuple[str, str]]:
    out = []
    for bound in form:
        fast = str(bound)
        widget = bound.field.widget
        widget.__class__ = _STOCK.get(type(widget), type(widget))
        out.append((fast, str(bound)))
    return out


def _form(**kwargs: object) -> CommuneValuesForm:
    return CommuneValuesForm(cset=load_set("xa-ntm-2016-2020"), **kwargs)  # type: ignore[arg-type]


def test_an_empty_form_is_written_as_djangos_templates_write_it() -> None:
    pairs = _both_ways(_form(initial={"version": 0}))
    assert len(pairs) > 40
    assert all(fast == stock for fast, stock in pairs)


def test_values_errors_and_escaping_are_written_as_djangos_templates_write_them() -> None:
    cset = load_set("xa-ntm-2016-2020")
    data: dict[str, str] = {"version": "3", "tc-1": "1", "tc-2": "-1"}
    for n, ind in enumerate(cset.indicators):
        data[f"ind-{ind.code}"] = ["có", "12,5", "không phải số", "0"][n % 4]
        data[f"cmt-{ind.code}"] = 'a "b" <c> & d'
    form = _form(data=data)
    assert not form.is_valid()  # "không phải số" is refused: the inputs carry their errors
    pairs = _both_ways(form)
    assert any('aria-invalid="true"' in fast for fast, _ in pairs)
    assert any(" selected>" in fast for fast, _ in pairs)
    assert all(fast == stock for fast, stock in pairs)


def test_disabled_inputs_are_written_as_djangos_templates_write_them() -> None:
    form = _form(initial={"version": 1, "tc-3": "0"})
    for field in form.fields.values():
        field.disabled = True
    pairs = _both_ways(form)
    assert all(" disabled" in fast for fast, _ in pairs[1:])
    assert all(fast == stock for fast, stock in pairs)
