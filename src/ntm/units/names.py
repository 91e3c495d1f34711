"""Matching Vietnamese administrative names as people and data sources write them.

The same unit is spelt many ways: ``Đăk``/``Đắk``/``Dak``, ``Hòa``/``Hoà`` (tone mark on the
first or second vowel), ``Ia H' Drai``/``Ia H'Drai``, ``Phường 01``/``Phường 1``, with or without
its type (``Xã``, ``Thị trấn``, ``TP.``). Comparison goes through keys of increasing tolerance and
stops at the first that decides, so a looser key never overrides a closer one:

1. ``full`` — type prefix kept (abbreviations expanded), tone placement, apostrophes, spaces and
   leading zeros normalised: ``Xã Hoà Bình`` = ``xã  Hòa   Bình``.
2. ``full`` without any diacritics: ``Xa Dak Pek`` = ``Xã Đắk Pék``.
3. ``bare`` — the same without the type prefix: ``Hòa Bình`` = ``Xã Hoà Bình``.
4. ``bare`` without diacritics.
5. that without spaces: ``EaBar`` = ``Ea Bar``.

Every key also reads ``NT``/``N.T`` as ``Nông trường``, a final Roman numeral as a number
(``Phường IV`` = ``Phường 4``) and ``Quí`` as ``Quý``.

Two different names that differ only in their tones (``Hòa`` and ``Hóa``) stay apart at every
level but the diacritic-free ones, where both are offered to the caller as ambiguous.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

# Tone marks, in NFD: grave, acute, tilde, hook above, dot below. The shape marks (breve,
# circumflex, horn) belong to the letter and are kept.
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}

# Type prefixes, longest first; abbreviations map to their full form so "TP. Vinh" = "Thành phố
# Vinh". Single letters count only with a dot ("P. 1"), as a bare "Q" or "X" can begin a name.
_PREFIXES: list[tuple[str, str]] = [
    ("thành phố", "thành phố"),
    ("thị trấn", "thị trấn"),
    ("thị xã", "thị xã"),
    ("đặc khu", "đặc khu"),
    ("phường", "phường"),
    ("huyện", "huyện"),
    ("quận", "quận"),
    ("tỉnh", "tỉnh"),
    ("xã", "xã"),
    ("tp.", "thành phố"),
    ("tp", "thành phố"),
    ("tx.", "thị xã"),
    ("tx", "thị xã"),
    ("tt.", "thị trấn"),
    ("tt", "thị trấn"),
    ("p.", "phường"),
    ("q.", "quận"),
    ("h.", "huyện"),
    ("x.", "xã"),
]

_APOSTROPHES = re.compile(r"\s*['’‘`ʼ]\s*")
_DASHES = re.compile(r"\s*[-–—]\s*")
_SPACES = re.compile(r"\s+")
_ZEROS = re.compile(r"\b0+(\d)")
_FARM = re.compile(r"(?<!\S)n\.?\s?t\.?(?=\s)")  # "Thị trấn NT Mộc Châu", "N.T Phong Hải"
_QUI = re.compile(r"(?<!\S)qu([iíìỉĩị])(?!\S)")  # "Thuận Quí" = "Thuận Quý": i/y after qu
_QUI_TO_QUY = dict(zip("iíìỉĩị", "yýỳỷỹỵ", strict=True))
_ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5", "vi": "6", "vii": "7", "viii": "8"}


def _canonical_tones(word: str) -> str:
    """One spelling per syllable whatever vowel carries the tone: ``hoà`` = ``hòa``."""
    decomposed = unicodedata.normalize("NFD", word)
    tones = [ch for ch in decomposed if ch in _TONES]
    letters = "".join(ch for ch in decomposed if ch not in _TONES)
    return unicodedata.normalize("NFC", letters) + "".join(tones)


def _strip_marks(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text)
    plain = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return plain.replace("đ", "d").replace("Đ", "D")


def _clean(text: str) -> str:
    text = unicodedata.normalize("NFC", str(text)).strip().lower()
    text = _APOSTROPHES.sub("", text)  # "H' Drai", "H'Drai", "H’Drai" → "hdrai"
    text = _DASHES.sub(" ", text)  # "Bà Rịa - Vũng Tàu" = "Bà Rịa – Vũng Tàu" = "Bà Rịa Vũng Tàu"
    text = _SPACES.sub(" ", text).strip()
    text = _ZEROS.sub(r"\1", text)  # "Phường 01" = "Phường 1"
    text = _FARM.sub("nông trường", text)
    text = _QUI.sub(lambda m: "qu" + _QUI_TO_QUY[m.group(1)], text)
    words = text.split(" ")
    if len(words) > 1 and words[-1] in _ROMAN:  # "Phường IV" = "Phường 4", "Tam Xuân II"
        words[-1] = _ROMAN[words[-1]]
    return " ".join(words)


def split_prefix(name: str) -> tuple[str | None, str]:
    """``'TP. Kon Tum'`` → ``('thành phố', 'kon tum')``: the type (full form) and the rest.

    The name is cleaned (lower case, spaces, apostrophes) but keeps its diacritics. A name that
    is only a type word (``'Xã'``) keeps it as its name.
    """
    text = _clean(name)
    for prefix, full in _PREFIXES:
        if text.startswith(prefix):
            rest = text[len(prefix) :]
            if prefix.endswith(".") or rest.startswith(" "):
                rest = rest.strip(" .")
                if rest:
                    return full, rest
    return None, text


def _tone_key(text: str) -> str:
    return " ".join(_canonical_tones(w) for w in text.split(" "))


def name_keys(name: str) -> tuple[str, str, str, str, str]:
    """The five comparison keys of a name, closest first (see the module docstring)."""
    prefix, bare = split_prefix(name)
    bare_key = _tone_key(bare)
    full_key = f"{prefix} {bare_key}" if prefix else bare_key
    loose = _strip_marks(bare_key)
    return full_key, _strip_marks(full_key), bare_key, loose, loose.replace(" ", "")


def loose_key(name: str) -> str:
    """The most tolerant key: no type prefix, no diacritics (``'Xã Đắk Pék'`` → ``'dak pek'``)."""
    return name_keys(name)[3]


def same_name(a: str, b: str) -> bool:
    """Whether two names are the same under the tolerant key (ignores type and diacritics)."""
    return loose_key(a) == loose_key(b)


MatchHow = Literal["exact", "no-diacritics", "no-type", "no-type-no-diacritics", "no-spaces"]
_HOW: tuple[MatchHow, ...] = (
    "exact",
    "no-diacritics",
    "no-type",
    "no-type-no-diacritics",
    "no-spaces",
)


@dataclass(frozen=True, slots=True)
class Match:
    """The candidate a name matched: its text, its position in the candidates, and how."""

    name: str
    index: int
    how: MatchHow


class UnitNameError(LookupError):
    """Base of the matching errors; ``str()`` is a Vietnamese message for people."""

    def __init__(self, name: str, candidates: list[str], message: str) -> None:
        super().__init__(message)
        self.name = name
        self.candidates = candidates
        self.message = message

    def __str__(self) -> str:
        return self.message


class AmbiguousName(UnitNameError):
    """Several candidates fit the name equally well; ``candidates`` lists them."""

    def __init__(self, name: str, candidates: list[str], indices: list[int] | None = None) -> None:
        self.indices = indices or []
        listed = "; ".join(candidates)
        super().__init__(
            name,
            candidates,
            f"Tên “{name}” không rõ ràng: khớp với {len(candidates)} đơn vị ({listed}). "
            "Hãy ghi rõ hơn (kèm loại đơn vị, huyện/tỉnh hoặc mã).",
        )


class NoMatch(UnitNameError):
    """No candidate fits the name; ``candidates`` holds the few closest by prefix, if any."""

    def __init__(self, name: str, candidates: list[str] | None = None) -> None:
        near = candidates or []
        hint = f" Gần giống: {'; '.join(near)}." if near else ""
        super().__init__(name, near, f"Không tìm thấy đơn vị hành chính tên “{name}”.{hint}")


def match_name(name: str, candidates: Iterable[str]) -> Match:
    """The unique best candidate for ``name``.

    Raises ``AmbiguousName`` (listing the candidates that fit) when the first key that finds
    anything finds several distinct units, and ``NoMatch`` when no key finds any.
    """
    return NameIndex(candidates).find(name)


class NameIndex:
    """``match_name`` over a fixed list of names, with the keys computed once.

    For lookups repeated over the same candidates (every commune of a district, every province).
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.names = list(names)
        self._levels: list[dict[str, list[int]]] = [{} for _ in _HOW]
        for i, name in enumerate(self.names):
            for level, key in enumerate(name_keys(name)):
                self._levels[level].setdefault(key, []).append(i)

    def find(self, name: str) -> Match:
        """The unique best candidate, or ``AmbiguousName`` / ``NoMatch`` as ``match_name``."""
        wanted = name_keys(name)
        for level, how in enumerate(_HOW):
            hits = self._levels[level].get(wanted[level])
            if hits and len(hits) == 1:
                return Match(self.names[hits[0]], hits[0], how)
            if hits:
                raise AmbiguousName(name, [self.names[i] for i in hits], list(hits))
        start = wanted[3][:3]
        near = [n for n in self.names if start and name_keys(n)[3].startswith(start)]
        raise NoMatch(name, near[:5])
