"""The entry forms: monitoring values of one place and year, and one fund line."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ntm.domain.monitoring import MonitoringIndicator, MonitoringValue
from ntm.domain.plans import SOURCES
from ntm.numbers import parse_number
from ntm.web.assessments.models import Period
from ntm.web.monitoring.services import FundInput
from ntm.web.units.models import Unit

OTHER = "_other"


def values_from_post(
    post: QueryDict, indicators: Sequence[MonitoringIndicator], unit_code: str, year: int
) -> tuple[list[MonitoringValue], list[str]]:
    """The values typed (``ind-<code>``; blank leaves a value as it is), or the problems."""
    values: list[MonitoringValue] = []
    problems: list[str] = []
    for ind in indicators:
        raw = (post.get(f"ind-{ind.code}") or "").strip()
        if not raw:
            continue
        try:
            parsed = parse_number(raw)
        except ValueError as exc:
            problems.append(f"{ind.name}: {exc}")
            continue
        if parsed is None or parsed.value < 0 or (ind.unit == "%" and parsed.value > 100):
            problems.append(
                _("%(name)s: giá trị «%(raw)s» không hợp lệ") % {"name": ind.name, "raw": raw}
            )
            continue
        values.append(MonitoringValue(unit_code, year, ind.code, parsed.value))
    return values, problems


def _amount(raw: str | None) -> float | None:
    """A typed amount in billion VND: '1.847,561' or '1847.561'."""
    if raw is None or not raw.strip():
        return None
    parsed = parse_number(raw.strip())
    if parsed is None or parsed.value < 0:
        raise forms.ValidationError(_("Số tiền phải là số không âm."))
    return parsed.value


class FundForm(forms.Form):
    unit_code = forms.ChoiceField(label=gettext_lazy("Địa bàn"))
    period_start = forms.IntegerField(label=gettext_lazy("Từ năm"), min_value=1990, max_value=2100)
    period_end = forms.IntegerField(label=gettext_lazy("Đến năm"), min_value=1990, max_value=2100)
    source = forms.ChoiceField(label=gettext_lazy("Nguồn vốn"))
    source_code = forms.RegexField(
        label=gettext_lazy("Mã nguồn riêng của tỉnh"),
        required=False,
        regex=r"^[a-z][a-z0-9_]{0,39}$",
    )
    source_name = forms.CharField(
        label=gettext_lazy("Tên nguồn riêng"), required=False, max_length=200
    )
    parent = forms.ChoiceField(label=gettext_lazy("Thuộc nguồn"), required=False)
    plan = forms.CharField(label=gettext_lazy("Kế hoạch (tỷ đồng)"), required=False)
    allocated = forms.CharField(label=gettext_lazy("Được giao (tỷ đồng)"), required=False)
    disbursed = forms.CharField(label=gettext_lazy("Thực hiện (tỷ đồng)"), required=False)

    def __init__(self, *args: Any, period: Period, communes: Sequence[Unit], **kwargs: Any):
        super().__init__(*args, **kwargs)
        unit_code, source, parent = (self.fields[n] for n in ("unit_code", "source", "parent"))
        # The choice fields declared above (``fields`` holds them as plain Fields).
        assert isinstance(unit_code, forms.ChoiceField) and isinstance(source, forms.ChoiceField)
        assert isinstance(parent, forms.ChoiceField)
        places = [(period.province_code, period.province_name)]
        unit_code.choices = places + [(u.code, u.name) for u in communes]
        sources = [(code, names[0]) for code, names in SOURCES.items()]
        source.choices = [*sources, (OTHER, _("Nguồn riêng của tỉnh…"))]
        parent.choices = [("", "—"), *sources]
        self.initial.setdefault("period_start", period.year)
        self.initial.setdefault("period_end", period.year)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("plan", "allocated", "disbursed"):
            try:
                data[name] = _amount(data.get(name))
            except forms.ValidationError as exc:
                self.add_error(name, exc)
        if (
            data.get("period_start")
            and data.get("period_end")
            and data["period_end"] < data["period_start"]
        ):
            self.add_error("period_end", _("Năm kết thúc trước năm bắt đầu."))
        if data.get("source") == OTHER and not (
            data.get("source_code") and data.get("source_name")
        ):
            self.add_error("source_code", _("Nguồn riêng cần mã và tên nguồn."))
        return data

    def fund(self) -> FundInput:
        d = self.cleaned_data
        own = d["source"] == OTHER
        return FundInput(
            unit_code=d["unit_code"],
            period=(d["period_start"], d["period_end"]),
            source=d["source_code"] if own else d["source"],
            source_name=d["source_name"] if own else "",
            parent=d.get("parent") or "",
            plan=d["plan"],
            allocated=d["allocated"],
            disbursed=d["disbursed"],
        )
