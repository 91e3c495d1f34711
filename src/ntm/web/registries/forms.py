"""Forms of the registries: filters of the lists, entry of one record, upload of a file."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from ntm.criteria import ocop as ocop_data
from ntm.domain import ocop
from ntm.web.assessments.evidence import content_matches
from ntm.web.registries.models import ModelField, ModelKind, Standing, Village, VillageKind
from ntm.web.registries.services import InitiativeInput, RatingInput
from ntm.web.units.models import Regime, Unit

STARS = [("", _("Tất cả")), ("0", _("Không đạt sao"))] + [(str(s), f"{s}★") for s in range(1, 6)]
STATUS = [("", _("Tất cả"))] + [(k, _(v)) for k, v in ocop.STATUS_VI.items() if k != "rerated"]
DATE_INPUT = forms.DateInput(attrs={"type": "date"})


def _units_field(units: QuerySet[Unit], required: bool = True) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        queryset=units.order_by("province_code", "district_code", "name"),
        label=_("Xã"),
        required=required,
        empty_label=_("Tất cả") if not required else "---------",
    )


def _groups() -> list[tuple[str, str]]:
    return [(g, g) for g in ocop_data.product_groups()]


def _any_group() -> list[tuple[str, Any]]:
    return [("", _("Tất cả")), *_groups()]


def _scorecards() -> list[tuple[str, str]]:
    return [(c, c) for c in ocop_data.scorecards()]


class OcopFilter(forms.Form):
    stars = forms.ChoiceField(label=_("Hạng sao"), choices=STARS, required=False)
    group = forms.ChoiceField(label=_("Nhóm sản phẩm"), choices=_any_group, required=False)
    status = forms.ChoiceField(label=_("Tình trạng"), choices=STATUS, required=False)
    as_of = forms.DateField(label=_("Xét hiệu lực đến ngày"), required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _units_field(units, required=False)


class OcopRatingForm(forms.Form):
    code = forms.CharField(label=_("Mã sản phẩm"), max_length=40)
    name = forms.CharField(label=_("Tên sản phẩm"), max_length=200)
    group = forms.ChoiceField(label=_("Nhóm sản phẩm"), choices=_groups)
    subject = forms.CharField(label=_("Chủ thể"), max_length=200)
    scorecard = forms.ChoiceField(label=_("Phiếu chấm"), choices=_scorecards)
    score_a = forms.DecimalField(
        label=_("Điểm phần A"), max_digits=5, decimal_places=2, min_value=0
    )
    score_b = forms.DecimalField(
        label=_("Điểm phần B"), max_digits=5, decimal_places=2, min_value=0
    )
    score_c = forms.DecimalField(
        label=_("Điểm phần C"), max_digits=5, decimal_places=2, min_value=0
    )
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE_INPUT)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _units_field(units)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        card = ocop_data.scorecards().get(data.get("scorecard", ""))
        for part in ocop.PARTS if card else ():
            score: Decimal | None = data.get(f"score_{part.lower()}")
            maximum = card.part(part).maximum if card else 0
            if score is not None and score > maximum:
                self.add_error(
                    f"score_{part.lower()}",
                    _("Điểm vượt điểm tối đa %(max)s của phiếu chấm %(card)s.")
                    % {"max": maximum, "card": data["scorecard"]},
                )
        return data


class InitiativeForm(forms.Form):
    name = forms.CharField(label=_("Tên mô hình"), max_length=200)
    kind = forms.ModelChoiceField(queryset=ModelKind.objects.all(), label=_("Loại"))
    field = forms.ChoiceField(label=_("Lĩnh vực"), choices=ModelField.choices)
    year = forms.IntegerField(label=_("Năm công nhận"), min_value=2000, max_value=2100)
    households = forms.IntegerField(label=_("Số hộ/thành viên"), min_value=0, required=False)
    value = forms.DecimalField(
        label=_("Giá trị/thu nhập (triệu đồng/năm)"), min_value=0, required=False
    )
    description = forms.CharField(label=_("Mô tả"), widget=forms.Textarea, required=False)
    photo = forms.FileField(label=_("Ảnh minh chứng (JPEG, PNG)"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _units_field(units)


class InitiativeFilter(forms.Form):
    kind = forms.ModelChoiceField(
        queryset=ModelKind.objects.all(), label=_("Loại"), required=False, empty_label=_("Tất cả")
    )
    field = forms.ChoiceField(
        label=_("Lĩnh vực"), choices=[("", _("Tất cả")), *ModelField.choices], required=False
    )
    year = forms.IntegerField(label=_("Năm công nhận"), required=False)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _units_field(units, required=False)


class VillageForm(forms.Form):
    name = forms.CharField(label=_("Tên thôn, bản, tổ dân phố"), max_length=120)
    kind = forms.ChoiceField(label=_("Loại"), choices=VillageKind.choices)

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _units_field(units)


class StandingForm(forms.Form):
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    standing = forms.ChoiceField(label=_("Danh hiệu"), choices=Standing.choices)
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60)
    decision_date = forms.DateField(label=_("Ngày quyết định"), widget=DATE_INPUT)

    def __init__(self, *args: Any, villages: QuerySet[Village], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"] = forms.ModelChoiceField(
            queryset=villages.select_related("unit"), label=_("Thôn")
        )
        self.order_fields(["village"])


class VillageFilter(forms.Form):
    year = forms.IntegerField(label=_("Năm"), required=False)
    standing = forms.ChoiceField(
        label=_("Danh hiệu"), choices=[("", _("Tất cả")), *Standing.choices], required=False
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"] = _units_field(units, required=False)


class RegistryUpload(forms.Form):
    regime = forms.ChoiceField(label=_("Giai đoạn của mã xã"), choices=Regime.choices)
    file = forms.FileField(label=_("Tệp Excel (.xlsx) hoặc CSV"))


def rating_input(d: dict[str, Any]) -> RatingInput:
    """A valid ``OcopRatingForm``'s data as the services take it."""
    scores = (d["score_a"], d["score_b"], d["score_c"])
    return RatingInput(
        d["unit"],
        d["code"],
        d["name"],
        d["group"],
        d["subject"],
        d["scorecard"],
        scores,
        d["decision_number"],
        d["decision_date"],
    )


def initiative_input(d: dict[str, Any]) -> InitiativeInput:
    """A valid ``InitiativeForm``'s data as the services take it (the photo aside)."""
    return InitiativeInput(
        d["unit"],
        d["name"],
        d["kind"],
        d["field"],
        d["year"],
        d["households"],
        d["value"],
        d["description"],
    )


def photo_ok(photo: Any) -> bool:
    """A JPEG or PNG whose content is what its name says (the evidence files' check)."""
    name = photo.name.lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    content = photo.read()
    photo.seek(0)
    return ext in {".jpg", ".jpeg", ".png"} and content_matches(ext, content)


def today() -> date:
    return date.today()
