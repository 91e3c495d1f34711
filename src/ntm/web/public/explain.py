"""What the public pages say in plain words beside the figures (issue #14.5): bands named as
people say them, the criteria by name, the charts' data and what each progress status means.

Computed per request from the cached figures, so each visitor reads them in their language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ntm.domain.progress import (
    ACHIEVED,
    DETERIORATION,
    MISSED,
    MODERATE,
    NOT_COMPUTABLE,
    ON_TRACK,
    STATUS_GROUP_VI,
)


@dataclass(frozen=True)
class PublicCriterion:
    """One criterion of the province's set: its number, name and communes meeting it."""

    number: int
    name: str
    met: int
    share: float  # % of the province's communes


def band_label(label: str) -> str:
    """'19' → 'Đủ 19 tiêu chí'; '15-18' → 'Từ 15 đến 18 tiêu chí'; '<5' → 'Dưới 5 tiêu chí'."""
    if label.startswith("<"):
        return _("Dưới %(n)s tiêu chí") % {"n": label[1:]}
    if "-" in label:
        low, high = label.split("-", 1)
        return _("Từ %(low)s đến %(high)s tiêu chí") % {"low": low, "high": high}
    return _("Đủ %(n)s tiêu chí") % {"n": label}


def band_rows(bands: dict[str, int]) -> list[tuple[str, int]]:
    return [(band_label(label), n) for label, n in bands.items()]


def status_help() -> list[tuple[str, str]]:
    """Each status a target can show, as the page names it, and what it means in plain words."""
    return [
        (STATUS_GROUP_VI[ACHIEVED], _("Kết quả đã bằng hoặc vượt mục tiêu đề ra.")),
        (
            STATUS_GROUP_VI[ON_TRACK],
            _(
                "Chưa đạt mục tiêu, nhưng từ năm gốc đến nay kết quả tăng đủ nhanh: giữ nhịp "
                "độ này thì đạt mục tiêu đúng hạn."
            ),
        ),
        (
            STATUS_GROUP_VI[MODERATE],
            _(
                "Có tiến bộ so với năm gốc nhưng chậm hơn mức cần có: giữ nhịp độ này thì "
                "không kịp đạt mục tiêu đúng hạn, cần đẩy nhanh."
            ),
        ),
        (
            STATUS_GROUP_VI[DETERIORATION],
            _("Kết quả hiện nay kém hơn năm gốc: đi ngược hướng mục tiêu."),
        ),
        (STATUS_GROUP_VI[MISSED], _("Đã đến hạn mà kết quả chưa đạt mục tiêu.")),
        (
            STATUS_GROUP_VI[NOT_COMPUTABLE],
            _("Thiếu số liệu năm gốc, năm hiện tại hoặc mục tiêu nên chưa đánh giá được."),
        ),
    ]


def charts(bands: dict[str, int], criteria: list[PublicCriterion]) -> dict[str, Any]:
    """The data of the page's two charts, in the form the dashboard's script draws."""
    communes = _("Số xã")
    return {
        "bands": {
            "labels": [band_label(label) for label in bands],
            "datasets": [{"name": communes, "values": list(bands.values())}],
        },
        "criteria": {
            "labels": [str(c.number) for c in criteria],
            "datasets": [{"name": _("Số xã đạt"), "values": [c.met for c in criteria]}],
        },
    }
