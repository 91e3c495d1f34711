"""Forms of the what-if page: the plan's inputs (budget, cap per commune, next tranche; read from
the query string so that a plan's address can be shared), the unit-costs table (one field per
line of the period's set) and the CSV import. Amounts are typed the Vietnamese way: 1.250,5."""

from __future__ import annotations

from collections.abc import Sequence

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ntm.domain.funding_costs import UnitCosts
from ntm.formatting import number
from ntm.numbers import parse_number
from ntm.web.plans.funding_plan import PlanInputs
from ntm.web.plans.models import CostKind
from ntm.web.plans.unit_costs import CostLine

MAX_CSV_BYTES = 1_000_000


def _amount(raw: str, *, required: bool) -> float | None:
    """tỷ đồng, ≥ 0; a Vietnamese message otherwise."""
    text = raw.strip()
    if not text:
        if required:
            raise forms.ValidationError(gettext("Cần nhập số tỷ đồng."))
        return None
    try:
        parsed = parse_number(text)
    except ValueError:
        parsed = None
    if parsed is None or parsed.value < 0 or parsed.percent:
        raise forms.ValidationError(
            gettext("«%(text)s»: cần số tỷ đồng ≥ 0, ví dụ 1.250,5.") % {"text": text}
        )
    return parsed.value


class PlanForm(forms.Form):
    budget = forms.CharField(label=_("Ngân sách (tỷ đồng)"), max_length=30)
    cap = forms.CharField(label=_("Trần mỗi xã (tỷ đồng)"), max_length=30, required=False)
    tranche = forms.CharField(label=_("Đợt vốn tiếp theo (tỷ đồng)"), max_length=30, required=False)

    def clean_budget(self) -> float | None:
        return _amount(self.cleaned_data["budget"], required=True)

    def clean_cap(self) -> float | None:
        return _amount(self.cleaned_data["cap"], required=False)

    def clean_tranche(self) -> float | None:
        return _amount(self.cleaned_data["tranche"], required=False)

    def inputs(self) -> PlanInputs:
        data = self.cleaned_data
        return PlanInputs(budget=data["budget"], cap=data["cap"], tranche=data["tranche"])


class CostsForm(forms.Form):
    """One text field per line; a blank field is no cost. Errors name the line and the column."""

    def __init__(self, *args: object, lines: Sequence[CostLine], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]  # Form's own signature
        self.lines = lines
        for line in lines:
            self.fields[line.field] = forms.CharField(
                label=line.label, required=False, max_length=30
            )
            if line.cost is not None:
                self.initial[line.field] = _shown(line.cost)

    def rows(self) -> list[tuple[CostLine, forms.BoundField]]:
        """Each line with its field, for the table (a template cannot index a form by name)."""
        return [(line, self[line.field]) for line in self.lines]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for line in self.lines:
            try:
                data[line.field] = _amount(str(data.get(line.field) or ""), required=False)
            except forms.ValidationError as exc:
                column = gettext("Đơn giá (tỷ đồng/%(unit)s)") % {"unit": line.unit}
                message = gettext("Dòng «%(row)s», cột %(column)s: %(problem)s") % {
                    "row": line.label,
                    "column": column,
                    "problem": " ".join(exc.messages),
                }
                self.add_error(line.field, message)
        return data

    def unit_costs(self) -> UnitCosts:
        costs = UnitCosts()
        for line in self.lines:
            value = self.cleaned_data.get(line.field)
            if value is None:
                continue
            if line.kind == CostKind.CRITERION:
                costs.criterion[int(line.code)] = float(value)
            else:
                costs.indicator[line.code] = float(value)
        return costs


def _shown(value: float) -> str:
    """A stored cost as the office typed it: 1.250,5 (no rounding of what it entered)."""
    text = repr(value)
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return number(value, 0 if float(value).is_integer() else decimals)


class CostsFileForm(forms.Form):
    file = forms.FileField(label=_("Tệp CSV đơn giá"))

    def clean_file(self) -> object:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise forms.ValidationError(gettext("Tệp quá lớn (tối đa 1 MB)."))
        return upload
