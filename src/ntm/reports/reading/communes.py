"""Commune figures of a narrative report: total, recognised, bands, average, per criterion."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ntm.reports.reading.model import Band, Change, CriterionCount, Figure
from ntm.reports.reading.vn import COUNT, NUM, UPPER, decimals_of, to_number

_TARGET = re.compile(r"phấn đấu|mục tiêu (?:đến|giai đoạn|năm)|kế hoạch (?:đến|năm)", re.I)
_ALSO_TARGET = re.compile(r"^(?:-\s*)?Trong đó\b", re.I)


@dataclass(frozen=True)
class Sentence:
    text: str  # as written, carried by every figure
    norm: str  # dashes, spaces and apostrophes in one spelling
    target: bool  # a plan ("phấn đấu …"), not a result


def classify(pairs: list[tuple[str, str]]) -> list[Sentence]:
    """A sentence is a target when it says so, or starts "Trong đó" right after one."""
    out: list[Sentence] = []
    for text, norm in pairs:
        follows = bool(out) and out[-1].target and bool(_ALSO_TARGET.match(norm))
        out.append(Sentence(text, norm, bool(_TARGET.search(norm)) or follows))
    return out


_BAND_RANGE = re.compile(
    rf"({COUNT}) xã (?:đã )?(?:đạt |có )?(?:chuẩn )?(?:từ )?(\d+)(?:-| đến )(\d+) tiêu chí", re.I
)
_BAND_BELOW = re.compile(rf"(không còn|{COUNT}) xã (?:đạt )?(?:chuẩn )?dưới (\d+) tiêu chí", re.I)
_BAND_ALL = re.compile(rf"({COUNT}) xã (?:đã )?đạt (?:chuẩn )?(?:đủ )?19(?:/19)? tiêu chí", re.I)


def _count(text: str) -> int:
    return 0 if text.lower() == "không còn" else int(to_number(text))


def _bands_of(s: Sentence) -> list[Band]:
    found: list[tuple[int, Band]] = []
    for m in _BAND_RANGE.finditer(s.norm):
        low, high = int(m[2]), int(m[3])
        found.append((m.start(), Band(f"{low}-{high}", low, high, _count(m[1]), s.text)))
    for m in _BAND_BELOW.finditer(s.norm):
        below = int(m[2])
        found.append((m.start(), Band(f"dưới {below}", 0, below - 1, _count(m[1]), s.text)))
    for m in _BAND_ALL.finditer(s.norm):
        found.append((m.start(), Band("19", 19, 19, _count(m[1]), s.text)))
    return [band for _, band in sorted(found, key=lambda pair: pair[0])]


def bands(sentences: list[Sentence]) -> tuple[Band, ...]:
    """The bands of the first sentence that states two or more: later mentions ("còn 02 xã
    dưới 10 tiêu chí") restate them in other cuts and would count communes twice."""
    results = [s for s in sentences if not s.target]
    for s in results:
        found = _bands_of(s)
        if len(found) >= 2:
            return tuple(found)
    for s in results:
        found = _bands_of(s)
        if found:
            return tuple(found)
    return ()


_RECOGNISED = re.compile(
    rf"({COUNT}) xã (?:đã )?(?:được công nhận )?đạt chuẩn (?:xã )?(?:nông thôn mới|NTM|19/19)"
    r"(?! nâng cao| kiểu mẫu)|"
    rf"({COUNT}) xã (?:đã )?đạt (?:đủ )?19(?:/19)? tiêu chí",
    re.I,
)
_CHANGE_COMMUNES = re.compile(rf"(tăng|giảm) ({COUNT}) xã so với (?:năm )?(\d{{4}})", re.I)
_YEAR_BEFORE = re.compile(r"(?:năm|đến|cuối|tháng \d{1,2}-)\s?(\d{4})", re.I)


def _year_before(norm: str, end: int) -> int | None:
    """The year named in the clause before a figure ("Năm 2011, … đạt 1,61 tiêu chí/xã")."""
    clause = re.split(r"[;(]", norm[:end])[-1]
    years = _YEAR_BEFORE.findall(clause)
    return int(years[-1]) if years else None


def recognised(
    sentences: list[Sentence],
) -> tuple[Figure | None, Change | None, tuple[Figure, ...]]:
    """The current count (first stated without a past year), its change, and every count."""
    every: list[Figure] = []
    current: Figure | None = None
    change: Change | None = None
    for s in (s for s in sentences if not s.target):
        for m in _RECOGNISED.finditer(s.norm):
            text = m[1] or m[2]
            figure = Figure(to_number(text), s.text, _year_before(s.norm, m.start()))
            every.append(figure)
            if current is None and (figure.year is None or figure.year >= 2020):
                current = figure
                c = _CHANGE_COMMUNES.search(s.norm, m.end())
                if c and c.start() - m.end() < 80:
                    sign = -1 if c[1].lower() == "giảm" else 1
                    change = Change(sign * to_number(c[2]), int(c[3]), s.text)
    return current, change, tuple(every)


_AVERAGE = re.compile(rf"bình quân\D{{0,60}}?({NUM}) tiêu chí ?(?:/|trên|mỗi|một)? ?xã", re.I)
_AVERAGE_AFTER = re.compile(rf"({NUM}) tiêu chí ?/ ?xã", re.I)
_CHANGE_CRITERIA = re.compile(
    rf"(tăng|giảm)(?: thêm)? ({NUM}) tiêu chí(?:/xã)?(?: so với (?:năm )?(\d{{4}}))?", re.I
)


def averages(sentences: list[Sentence]) -> tuple[Figure | None, Change | None, tuple[Figure, ...]]:
    every: list[Figure] = []
    current: tuple[Figure, Change | None] | None = None
    for s in (s for s in sentences if not s.target):
        m = _AVERAGE.search(s.norm)
        if m is None and "bình quân" in s.norm.lower():
            m = _AVERAGE_AFTER.search(s.norm)
        if m is None:
            continue
        figure = Figure(
            to_number(m[1]), s.text, _year_before(s.norm, m.start(1)), decimals_of(m[1])
        )
        every.append(figure)
        c = _CHANGE_CRITERIA.search(s.norm, m.end())
        change = None
        if c and c.start() - m.end() < 40:
            sign = -1 if c[1].lower() == "giảm" else 1
            change = Change(
                sign * to_number(c[2]), int(c[3]) if c[3] else None, s.text, decimals_of(c[2])
            )
        if current is None or (figure.year or 9999) > (current[0].year or 9999):
            current = (figure, change)
    if current is None:
        return None, None, tuple(every)
    return current[0], current[1], tuple(every)


_CRIT_AFTER = re.compile(
    r"(\d+)/(\d+) xã (?:đã )?(?:đạt|hoàn thành)(?: chuẩn)?(?: về)? tiêu chí (?:số )?(\d{1,2})\b",
    re.I,
)
_CRIT_BEFORE = re.compile(r"tiêu chí (?:số )?(\d{1,2})\b[^/]{0,80}?(\d+)/(\d+) xã", re.I)
_CRIT_LIST = re.compile(
    r"(\d+)/(\d+) xã (?:đã )?(?:đạt|hoàn thành)(?: chuẩn)? (?:các |những )?tiêu chí:? ?(.*)$", re.I
)
_LIST_NUMBER = re.compile(r"(?:^|[;,] ?)(?:tiêu chí )?số (\d{1,2})\b", re.I)


def criteria(sentences: list[Sentence]) -> tuple[CriterionCount, ...]:
    """The first count stated for each criterion (later ones are districts' or restated)."""
    found: dict[int, CriterionCount] = {}

    def keep(number: int, met: str, of: str, s: Sentence) -> None:
        if 1 <= number <= 19 and number not in found:
            found[number] = CriterionCount(number, int(met), int(of), s.text)

    for s in (s for s in sentences if not s.target):
        listed = _CRIT_LIST.search(s.norm)
        if listed:
            for n in _LIST_NUMBER.findall(listed[3]):
                keep(int(n), listed[1], listed[2], s)
        for m in _CRIT_AFTER.finditer(s.norm):
            keep(int(m[3]), m[1], m[2], s)
        for m in _CRIT_BEFORE.finditer(s.norm):
            keep(int(m[1]), m[2], m[3], s)
    return tuple(sorted(found.values(), key=lambda c: c.number))


_DISTRICT = re.compile(
    rf"([{UPPER}][\w’]{{0,15}}(?: [{UPPER}][\w’]{{0,15}}){{0,4}}) \(đạt (\d+)/(\d+) xã\)"
)
_FRACTION = re.compile(r"(?<![\d.,/])(\d+)/(\d+) xã")
_TOTAL = re.compile(
    rf"(?:có|gồm|tổng số(?: là)?|trong (?:tổng số )?|trên (?:tổng số )?)\s?({COUNT}) xã"
    r"(?! ?(?:đạt|đã|được|có|hoàn thành|dưới|biên giới|điểm|khó khăn|đặc biệt|nâng cao))",
    re.I,
)


def fractions(sentences: list[Sentence]) -> tuple[tuple[str, int, int, str], ...]:
    """Every ``N/M xã``: a district's when a district name stands before it in parentheses."""
    out: list[tuple[str, int, int, str]] = []
    for s in sentences:
        districts = {m.start(2): m[1] for m in _DISTRICT.finditer(s.norm)}
        for m in _FRACTION.finditer(s.norm):
            out.append((districts.get(m.start(), ""), int(m[1]), int(m[2]), s.text))
    return tuple(out)


def communes_total(
    sentences: list[Sentence], found: tuple[tuple[str, int, int, str], ...]
) -> Figure | None:
    """Stated outright ("tỉnh có 188 xã"), else the denominator most province counts use."""
    for s in (s for s in sentences if not s.target):
        m = _TOTAL.search(s.norm)
        if m:
            return Figure(to_number(m[1]), s.text)
    province = [(of, sentence) for district, _, of, sentence in found if not district]
    if not province:
        return None
    most, _ = Counter(of for of, _ in province).most_common(1)[0]
    return Figure(float(most), next(sentence for of, sentence in province if of == most))
