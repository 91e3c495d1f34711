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
_DASHES = re.compile(r"\s*[\u2010-\u2015\u2212-]\s*")
_SPACES = re.compile(r"[ \t\u00a0\u202f]+")
_APOSTROPHES = re.compile(r"[\u2018\u2019'`]")
# A sentence ends at . ! ? … before an upper-case start, a list mark or a line break.
_SENTENCE_END = re.compile(rf"(?<=[.!?…])\s+(?=[\"“(]?[{UPPER}0-9*•\-–])|\n+")
# A footnote mark leaves a line break inside a sentence; the next line then starts with a
# comma, a semicolon or a lower-case word, and belongs to the sentence before.
_BROKEN_LINE = re.compile(rf"\s*\n\s*(?=[,;){LOWER}])")
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
    text = _APOSTROPHES.sub("\u2019", sentence)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def sentences(text: str) -> list[str]:
    """The report's sentences, in order, each as written (spaces collapsed)."""
    joined = _BROKEN_LINE.sub(" ", _FOOTNOTE_MARK.sub("", text))
    parts = (_SPACES.sub(" ", part).strip() for part in _SENTENCE_END.split(joined))
    return [part for part in parts if part]
