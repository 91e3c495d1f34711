"""What a narrative report states, each figure with the sentence it came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    value: float
    sentence: str
    year: int | None = None  # the year the figure is of, when the sentence names one
    decimals: int = 0  # as written: the precision a check may expect


@dataclass(frozen=True)
class Change:
    """``tăng 3,86 tiêu chí so với năm 2015``: signed, with the year compared to."""

    value: float
    since: int | None
    sentence: str
    decimals: int = 0


@dataclass(frozen=True)
class Band:
    """``09 xã đạt từ 15 đến 18 tiêu chí`` → label ``15-18``, low 15, high 18, count 9."""

    label: str
    low: int
    high: int
    count: int
    sentence: str


@dataclass(frozen=True)
class CriterionCount:
    number: int
    met: int
    of: int
    sentence: str


@dataclass(frozen=True)
class FundSource:
    name: str
    billion: float  # tỷ đồng, whatever unit the text used
    sentence: str
    parent: str | None = None  # a source inside another's parentheses ("bao gồm: …")


@dataclass(frozen=True)
class Target:
    """``phấn đấu đến năm 2025 có 60 xã đạt chuẩn`` → level, year, count and/or percent."""

    level: str  # "đạt chuẩn", "nâng cao", "kiểu mẫu"
    year: int | None
    count: int | None
    of: int | None
    percent: float | None
    sentence: str


@dataclass(frozen=True)
class StatedPercent:
    """A percentage stated beside the counts it is made of: ``57/85 … (đạt 67%)``.

    ``low``/``high`` are the numerator's bounds (``khoảng 25-26/85 xã``)."""

    percent: float
    low: float
    high: float
    of: float
    sentence: str
    decimals: int = 0


@dataclass(frozen=True)
class Check:
    rule: str
    ok: bool
    detail: str
    sentence: str


@dataclass(frozen=True)
class ReportReading:
    communes_total: Figure | None
    recognised: Figure | None
    recognised_change: Change | None
    bands: tuple[Band, ...]
    avg_criteria: Figure | None
    avg_change: Change | None
    averages: tuple[Figure, ...]  # every average stated, of any year
    recognised_by_year: tuple[Figure, ...]
    criteria: tuple[CriterionCount, ...]
    funding_total: Figure | None
    funding_sources: tuple[FundSource, ...]
    ocop_by_stars: tuple[tuple[int, Figure], ...]
    ocop_at_least: tuple[tuple[int, Figure], ...]  # "105 sản phẩm đạt 3 sao trở lên"
    targets: tuple[Target, ...]
    percentages: tuple[StatedPercent, ...]
    fractions: tuple[tuple[str, int, int, str], ...]  # (district or "", met, of, sentence)
    checks: tuple[Check, ...] = ()
