"""Forms of the recognition pages: the dossier, a criterion review, appraisal, decisions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ntm.io.numbers import parse_number
from ntm.web.recognition.models import Decision
from ntm.web.recognition.review import ReviewChoice

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class SubmissionForm(forms.Form):
    satisfaction_pct = forms.CharField(
        label=_("Tỷ lệ người dân hài lòng (%)"), required=False, max_length=20
    )
    survey_note = forms.CharField(
        label=_("Cách lấy ý kiến người dân"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    no_construction_debt = forms.NullBooleanField(
        label=_("Không còn nợ đọng xây dựng cơ bản"), required=False
    )
    security_complicated = forms.NullBooleanField(
        label=_("Xã có tình hình an ninh, trật tự phức tạp"), required=False
    )
    action = forms.ChoiceField(
        choices=[("save", _("Lưu nháp")), ("submit", _("Gửi hồ sơ")), ("resubmit", _("Gửi lại"))]
    )

    def clean_satisfaction_pct(self) -> float | None:
        try:
            parsed = parse_number(self.cleaned_data["satisfaction_pct"], "auto")
        except ValueError as exc:
            raise forms.ValidationError(str(exc)) from None
        if parsed is None:
            return None
        if not 0 <= parsed.value <= 100:
            raise forms.ValidationError(_("Tỷ lệ phải từ 0 đến 100."))
        return parsed.value

    def dossier(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "satisfaction_pct": data["satisfaction_pct"],
            "survey_note": data["survey_note"],
            "no_construction_debt": data["no_construction_debt"],
            "security_complicated": data["security_complicated"],
        }


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(choices=Decision.choices)
    comment = forms.CharField(label=_("Ý kiến"), required=False, max_length=2000)


def review_choices(data: Any, numbers: list[int]) -> list[ReviewChoice]:
    """The workspace form's ``decision-N`` / ``comment-N`` pairs for the criteria ``numbers``
    the reviewer covers; a criterion left without a decision is left as it was."""
    choices = []
    for n in numbers:
        decision = (data.get(f"decision-{n}") or "").strip()
        if decision in Decision.values:
            comment = (data.get(f"comment-{n}") or "").strip()[:2000]
            choices.append(ReviewChoice(n, decision, comment))
    return choices


class AppraiseForm(forms.Form):
    note = forms.CharField(
        label=_("Ý kiến thẩm định"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định"), max_length=50)
    date = forms.DateField(label=_("Ngày quyết định"), input_formats=DATE_FORMATS)
    signer = forms.CharField(label=_("Người ký"), max_length=150)
    text = forms.CharField(
        label=_("Nội dung"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class RevocationForm(forms.Form):
    number = forms.CharField(label=_("Số quyết định thu hồi"), max_length=50)
    date = forms.DateField(label=_("Ngày quyết định"), input_formats=DATE_FORMATS)
    signer = forms.CharField(label=_("Người ký"), max_length=150)
    reason = forms.CharField(label=_("Lý do thu hồi"), widget=forms.Textarea(attrs={"rows": 2}))
