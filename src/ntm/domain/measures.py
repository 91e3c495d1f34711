"""Every measure a plan target can name, in one typed registry (issue #12.3).

A plan target is "this measure reaches this value (or range) by this year", so the measures are
exactly what the system computes: counts of communes from the assessments (meeting a criterion,
recognised in each tier, in a band of criteria met), shares of them, districts complete, a
monitoring indicator's roll-up, a fund total and the registries' counts (OCOP, villages).

Pure data: the web computes each measure (``ntm.web.public.measures``); this module says what a
measure is called, what it counts, which parameter it takes and which way is better.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from ntm.domain.plans import MEASURES as FILE_MEASURES

Source = Literal["assessment", "indicator", "fund", "registry"]
# What the ``parameter`` of a target holds for the measure ("" when it takes none).
Parameter = Literal["", "criterion", "under", "band", "indicator", "source"]
AT_LEAST, AT_MOST = "at_least", "at_most"


@dataclass(frozen=True)
class Measure:
    code: str
    name: str  # Vietnamese, as a table of targets heads the row
    source: Source
    unit: str  # what the value counts, after a number: xã, %, tỷ đồng ('' for the indicator's own)
    parameter: Parameter = ""
    tier: str = "standard"  # assessment measures: the tier of the periods measured
    share: bool = False  # a percentage of the province's communes
    higher_is_better: bool = True


# A table, one measure a line (fmt: skip keeps its columns).
_REGISTRY: tuple[Measure, ...] = (
    Measure("communes_meeting_criterion", FILE_MEASURES["communes_meeting_criterion"], "assessment",
       "xã", "criterion"),
    Measure("communes_recognised", FILE_MEASURES["communes_recognised"], "assessment", "xã"),
    Measure("communes_recognised_share", "Tỷ lệ xã đạt chuẩn nông thôn mới", "assessment", "%",
       share=True),
    Measure("communes_recognised_advanced", FILE_MEASURES["communes_recognised_advanced"],
       "assessment", "xã", tier="advanced"),
    Measure("communes_recognised_advanced_share", "Tỷ lệ xã đạt chuẩn nông thôn mới nâng cao",
       "assessment", "%", tier="advanced", share=True),
    Measure("communes_recognised_model", FILE_MEASURES["communes_recognised_model"], "assessment",
       "xã", tier="model"),
    Measure("communes_recognised_modern", "Số xã nông thôn mới hiện đại", "assessment", "xã",
       tier="modern"),
    Measure("communes_in_band", "Số xã trong nhóm tiêu chí", "assessment", "xã", "band"),
    Measure("avg_criteria", FILE_MEASURES["avg_criteria"], "assessment", "tiêu chí"),
    Measure("max_communes_under", FILE_MEASURES["max_communes_under"], "assessment", "xã", "under",
       higher_is_better=False),
    Measure("districts_complete", "Số huyện hoàn thành nhiệm vụ xây dựng nông thôn mới",
       "assessment", "huyện"),
    Measure("indicator", "Chỉ tiêu theo dõi", "indicator", "", "indicator"),
    Measure("fund_total", "Tổng vốn huy động", "fund", "tỷ đồng", "source"),
    Measure("ocop_products_3_stars", "Số sản phẩm OCOP đạt 3 sao trở lên", "registry", "sản phẩm"),
    Measure("ocop_products_4_stars", "Số sản phẩm OCOP đạt 4 sao trở lên", "registry", "sản phẩm"),
    Measure("villages_ntm", "Số thôn đạt chuẩn nông thôn mới", "registry", "thôn"),
    Measure("villages_model_area", "Số khu dân cư nông thôn mới kiểu mẫu", "registry", "khu"),
    Measure("villages_smart", "Số thôn thông minh", "registry", "thôn"),
)  # fmt: skip
MEASURE_REGISTRY: dict[str, Measure] = {m.code: m for m in _REGISTRY}
PARAMETER_NAMES: dict[str, str] = {
    "criterion": "số thứ tự tiêu chí",
    "under": "N (số tiêu chí)",
    "band": "tên nhóm tiêu chí",
    "indicator": "mã chỉ tiêu theo dõi",
    "source": "mã nguồn vốn (để trống: mọi nguồn)",
}
# Indicators whose lower value is the better one (a target on them is a ceiling by default).
LOWER_IS_BETTER_INDICATORS = frozenset({"poverty_pct", "near_poor_pct"})


def measure_of(code: str) -> Measure:
    """The registry's measure; a Vietnamese KeyError naming an unknown code."""
    try:
        return MEASURE_REGISTRY[code]
    except KeyError:
        raise KeyError(f"không có chỉ tiêu đo «{code}»") from None


def default_direction(code: str, parameter: str) -> str:
    """``at_least`` or ``at_most``: how a target of this measure is met unless it says."""
    m = measure_of(code)
    if m.source == "indicator" and parameter in LOWER_IS_BETTER_INDICATORS:
        return AT_MOST
    return AT_LEAST if m.higher_is_better else AT_MOST


@dataclass(frozen=True)
class TargetGoal:
    """What a target asks, once its baseline is known: a value or a range, and a direction.

    ``relative`` targets multiply the baseline ("thu nhập gấp 2,5–3 lần năm 2020"). A range is
    met at its near end (the low end of an ``at_least`` target, the high end of ``at_most``)."""

    low: float
    high: float | None
    direction: str
    relative: bool

    def absolute(self, baseline: float | None) -> tuple[float, float | None] | None:
        if not self.relative:
            return self.low, self.high
        if baseline is None:
            return None
        return self.low * baseline, None if self.high is None else self.high * baseline

    def threshold(self, baseline: float | None) -> float | None:
        """The value whose reach meets the target."""
        bounds = self.absolute(baseline)
        if bounds is None:
            return None
        low, high = bounds
        if self.direction == AT_MOST and high is not None:
            return high
        return low
