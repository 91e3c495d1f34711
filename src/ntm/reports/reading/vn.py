"""Vietnamese prose as reports write it: sentences, numbers (``02``, ``1.847,561``, ``14,8``),
number words (``hai xã``), dashes and spacing variants.

Pure text functions; no file and no Django.
"""

from __future__ import annotations

import re

# A number as a report writes it: dots group thousands, a comma marks the decimals.
NUM = r"(?<![\d.,/])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d/])"

_WORDS: dict[str, int] = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
    "mười một": 11,
    "mười hai": 12,
    "hai mươi": 20,
}
# Longest first so "mười hai" wins over "mười"; a word must stand alone, not inside another.
WORDS = r"(?<!\w)(?:" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r")(?!\w)"
COUNT = rf"(?:{NUM}|{WORDS})"

# Upper-case Vietnamese letters: Latin-1's, Ă Đ Ĩ Ũ Ơ Ư, and the even code points of the
# Latin Extended Additional block (Ạ Ả … Ỹ); a bare À-Ỹ range would take lower case too.
UPPER = "A-Z\u00c0-\u00dd\u0102\u0110\u0128\u0168\u01a0\u01af" + "".join(
    chr(c) for c in range(0x1EA0, 0x1EFA, 2)
)
LOWER = "a-z\u00e0-\u00fd\u0103\u0111\u0129\u0169\u01a1\u01b0" + "".join(
    chr(c) for c in range(0x1EA1, 0x1EFA, 2)
)
# Every pattern below runs on one sentence with bounded repeats, and no sentence is longer than
# _LONGEST, so a hostile file costs linear time (tests/reports/reading: the hostile cases).
_LONGEST = 4000
_DASHES = re.compile(r" ?[\u2010-\u2015\u2212-] ?")
_SPACES = re.compile(r"\s+")
_APOSTROPHES = re.compile(r"[\u2018\u2019'`]")
# A sentence ends at . ! ? … before an upper-case start, a list mark or a line break.
_SENTENCE_END = re.compile(rf"(?<=[.!?…]) (?=[\"“(]?[{UPPER}0-9*•\-–])")
# A footnote mark leaves a line break inside a sentence; the next line then starts with a
# comma, a semicolon or a lower-case word, and belongs to the sentence before.
_CONTINUES = re.compile(rf"[,;){LOWER}]")
_FOOTNOTE_MARK = re.compile(r"[\ufffd\uf0b7]")


def to_number(text: str) -> float:
    """``1.847,561`` → 1847.561; ``02`` → 2; ``hai`` → 2."""
    word = text.strip().lower()
    if word in _WORDS:
        return float(_WORDS[word])
    return float(word.replace(".", "").replace(",", "."))


def decimals_of(text: str) -> int:
    """How many decimals the writer gave: the precision a check may expect of them."""
    return len(text.split(",", 1)[1]) if "," in text else 0


def normalise(sentence: str) -> str:
    """One spelling for dashes, spaces and apostrophes, so one pattern reads every variant."""
    text = _SPACES.sub(" ", _APOSTROPHES.sub("\u2019", sentence))
    return _DASHES.sub("-", text).strip()


def sentences(text: str) -> list[str]:
    """The report's sentences, in order, each as written (spaces collapsed)."""
    lines: list[str] = []
    for line in _FOOTNOTE_MARK.sub("", text).split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if line and lines and lines[-1] and _CONTINUES.match(line):
            lines[-1] += " " + line
        elif line or (lines and lines[-1]):
            lines.append(line)
    out: list[str] = []
    for line in filter(None, lines):
        for part in _SENTENCE_END.split(line):
            out += [part[i : i + _LONGEST].strip() for i in range(0, len(part), _LONGEST)]
    return [part for part in out if part]
