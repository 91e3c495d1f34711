"""What the page's charts draw, as plain data for ``json_script``; the tables beside them show
the same figures to anyone without JavaScript."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from ntm.domain.rollup import round_half_up
from ntm.web.assessments.models import Period
from ntm.web.dashboards.selectors import Dashboard, DashboardFilter


def chart_data(board: Dashboard) -> dict[str, Any]:
    years = [str(y.period.year) for y in board.years]
    criteria = board.criteria
    return {
        "bands": {
            "labels": board.band_labels,
            "datasets": [
                {"name": year, "values": [y.bands.get(label, 0) for label in board.band_labels]}
                for year, y in zip(years, board.years, strict=True)
            ],
        },
        "avg": {
            "labels": years,
            "datasets": [{"name": _("Bình quân tiêu chí/xã"),
                          "values": [round_half_up(y.avg, 1) for y in board.years]}],
        },
        "criteria": {
            "labels": [str(c.number) for c in criteria],
            "datasets": [{"name": _("Số xã đạt"), "values": [c.met for c in criteria]}]
            + ([{"name": _("Chỉ tiêu kế hoạch"), "values": [c.target or 0 for c in criteria]}]
               if board.targets_known else []),
        },
    }  # fmt: skip


def subtitle(board: Dashboard) -> str:
    """Which communes the figures are of, in words: the filters made plain."""
    return subtitle_for(board.period, board.filter, board.district_choices)


def subtitle_for(
    period: Period, flt: DashboardFilter, district_choices: list[tuple[str, str]]
) -> str:
    parts = [f"{period.province_name} — {_('năm')} {period.year}"]
    if flt.district:
        parts.append(dict(district_choices).get(flt.district, flt.district))
    if flt.group:
        parts.append(_("nhóm xã %(g)s") % {"g": flt.group})
    return " — ".join(parts)
