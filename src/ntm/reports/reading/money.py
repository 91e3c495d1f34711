"""Funds, OCOP products, targets and stated percentages of a narrative report."""

from __future__ import annotations

import re

from ntm.reports.reading.communes import Sentence
from ntm.reports.reading.model import Figure, FundSource, StatedPercent, Target
from ntm.reports.reading.vn import COUNT, NUM, decimals_of, to_number

_AMOUNT = rf"({NUM}) ?(tỷ|triệu) đồng"
_TOTAL_FUNDS = re.compile(
    r"(?:tổng (?:nguồn )?(?:vốn|nguồn lực|kinh phí)|tổng cộng|đã huy động|huy động được)"
    rf".{{0,240}}?(?:là|đạt|khoảng|trên|được|:) ?(?:được )?(?:khoảng |trên |hơn )?{_AMOUNT}",
    re.I,
)
_SOURCE = re.compile(rf"([^,;:()]{{1,120}}?):? {_AMOUNT}")


def _billion(amount: str, unit: str) -> float:
    value = to_number(amount)
    return value / 1000 if unit.lower() == "triệu" else value


def _sources(s: Sentence, start: int) -> tuple[FundSource, ...]:
    """Each amount after the total, named by the words before it; amounts inside parentheses
    belong to the source just before them ("Ngân sách … 1.135,11 tỷ đồng (bao gồm: …)")."""
    out: list[FundSource] = []
    rest = s.norm[start:]
    depth, parent, position = 0, None, 0
    for m in _SOURCE.finditer(rest):
        opened = rest[position : m.start()].count("(") - rest[position : m.start()].count(")")
        depth = max(0, depth + opened)
        position = m.end()
        name = re.sub(r"^(?:trong đó|bao gồm|gồm|và)\s*", "", m[1].strip(), flags=re.I).strip()
        source = FundSource(name, _billion(m[2], m[3]), s.text, parent if depth else None)
        if not depth:
            parent = name
        out.append(source)
    return tuple(out)


def funds(sentences: list[Sentence]) -> tuple[Figure | None, tuple[FundSource, ...]]:
    for s in (s for s in sentences if not s.target):
        m = _TOTAL_FUNDS.search(s.norm)
        if m:
            total = Figure(_billion(m[1], m[2]), s.text, decimals=decimals_of(m[1]))
            return total, _sources(s, m.end())
    return None, ()


_STARS = re.compile(
    rf"({COUNT}) sản phẩm (?:OCOP )?(?:được công nhận )?(?:đạt )?(\d) sao( trở lên)?", re.I
)


def ocop(sentences: list[Sentence]) -> tuple[dict[int, Figure], dict[int, Figure]]:
    """Products by stars, and "N sản phẩm đạt k sao trở lên" totals (first statement of each)."""
    exact: dict[int, Figure] = {}
    at_least: dict[int, Figure] = {}
    for s in (s for s in sentences if not s.target):
        for m in _STARS.finditer(s.norm):
            into = at_least if m[3] else exact
            into.setdefault(int(m[2]), Figure(to_number(m[1]), s.text))
    return exact, at_least


_LEVEL = r"(?:xã )?(?:nông thôn mới|NTM)( nâng cao| kiểu mẫu)?"
_TARGET_PERCENT = re.compile(
    rf"({NUM}) ?% số xã(?: \((?:khoảng )?(\d+)(?:-(\d+))?/(\d+) xã\))? đạt chuẩn {_LEVEL}", re.I
)
_TARGET_FRACTION = re.compile(rf"(\d+)/(\d+) xã đạt chuẩn {_LEVEL}", re.I)
_TARGET_COUNT = re.compile(
    rf"(?:từ )?({COUNT}) xã đạt chuẩn {_LEVEL}|số xã đạt chuẩn {_LEVEL} là ({COUNT}) xã", re.I
)
_TARGET_YEAR = re.compile(r"(?:năm|giai đoạn) (\d{4})(?:-(\d{4}))?", re.I)


def _level(text: str | None) -> str:
    return (text or " đạt chuẩn").strip()


def _target_year(norm: str, end: int, default: int | None = None) -> int | None:
    years = _TARGET_YEAR.findall(norm[:end])
    return int(years[-1][1] or years[-1][0]) if years else default


def targets(sentences: list[Sentence]) -> tuple[Target, ...]:
    out: list[Target] = []
    last_year: int | None = None  # "Trong đó, 20 xã …" keeps the year of the plan before
    for s in (s for s in sentences if s.target):
        taken: list[tuple[int, int]] = []
        years = _TARGET_YEAR.findall(s.norm)
        last_year = int(years[-1][1] or years[-1][0]) if years else last_year
        for m in _TARGET_PERCENT.finditer(s.norm):
            of = int(m[4]) if m[4] else None
            year = _target_year(s.norm, m.start(), last_year)
            out.append(Target(_level(m[5]), year, None, of, to_number(m[1]), s.text))
            taken.append(m.span())
        for m in _TARGET_FRACTION.finditer(s.norm):
            year = _target_year(s.norm, m.start(), last_year)
            out.append(Target(_level(m[3]), year, int(m[1]), int(m[2]), None, s.text))
            taken.append(m.span())
        for m in _TARGET_COUNT.finditer(s.norm):
            if any(a <= m.start() < b for a, b in taken):
                continue
            count, level = (m[1], m[2]) if m[1] else (m[4], m[3])
            year = _target_year(s.norm, m.start(), last_year)
            out.append(Target(_level(level), year, int(to_number(count)), None, None, s.text))
    return tuple(out)


_PCT = rf"({NUM}) ?%"
_PLAIN = r"\d{1,3}(?:\.\d{3})+|\d+"
_PAIR_PERCENT = re.compile(
    rf"(?<![\d.,/])({_PLAIN})/({_PLAIN})\b[^/()%]{{0,80}}?\((?:đạt )?(?:tỷ lệ )?{_PCT}\)"
)
_VS_GOAL = re.compile(rf"(\d+)/\d+ xã[^()]{{0,20}}\(đạt {_PCT} so với mục tiêu ({COUNT}) xã")
_PRODUCT_PERCENT = re.compile(rf"(?<![\d.,/])({_PLAIN})/({_PLAIN}) sản phẩm[^%]{{0,30}}?{_PCT}")
_RANGE_PERCENT = re.compile(rf"{_PCT} số xã \((?:khoảng )?(\d+)(?:-(\d+))?/(\d+) xã\)")


def percentages(sentences: list[Sentence]) -> tuple[StatedPercent, ...]:
    """Percentages stated beside the counts they are made of, so a check can redo them."""
    out: list[StatedPercent] = []
    for s in sentences:
        n = s.norm
        for m in _PAIR_PERCENT.finditer(n):
            part, whole = to_number(m[1]), to_number(m[2])
            out.append(StatedPercent(to_number(m[3]), part, part, whole, s.text, decimals_of(m[3])))
        for m in _VS_GOAL.finditer(n):
            part = float(m[1])
            out.append(
                StatedPercent(
                    to_number(m[2]), part, part, to_number(m[3]), s.text, decimals_of(m[2])
                )
            )
        for m in _PRODUCT_PERCENT.finditer(n):
            part = to_number(m[1])
            out.append(
                StatedPercent(
                    to_number(m[3]), part, part, to_number(m[2]), s.text, decimals_of(m[3])
                )
            )
        for m in _RANGE_PERCENT.finditer(n):
            low = float(m[2])
            high = float(m[3]) if m[3] else low
            out.append(
                StatedPercent(to_number(m[1]), low, high, float(m[4]), s.text, decimals_of(m[1]))
            )
    return tuple(out)
