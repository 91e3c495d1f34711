"""Numbers as people type them in Vietnam (``14,8``; ``1.847,561``; ``85%``) and as files hold them.

The fixture CSV files use a dot as the decimal separator; spreadsheets filled by hand use the
comma, with the dot grouping thousands. A lone dot or comma followed by exactly three digits
(``1.234``, ``1,234``) is ambiguous: the reader takes the file's convention when it knows it and
says which it assumed.

Below both ``ntm.io`` and ``ntm.criteria``, which read numbers the same way; ``ntm.io.numbers``
names the same objects for the readers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

Convention = Literal["dot", "comma", "auto"]

_CLEAN = re.compile(r"[\s\u00a0\u202f]")
_DIGITS = re.compile(r"[\d.,]+")
_A_DIGIT = re.compile(r"\d")


@dataclass(frozen=True)
class ParsedNumber:
    value: float
    percent: bool = False  # the text carried a % sign
    assumed: str | None = None  # a note when the separator was ambiguous


def parse_number(text: object, convention: Convention = "auto") -> ParsedNumber | None:
    """Parse a cell. None for blank; ValueError (Vietnamese message) for non-numbers."""
    if text is None:
        return None
    if isinstance(text, bool):
        return ParsedNumber(1.0 if text else 0.0)
    if isinstance(text, int | float):
        return ParsedNumber(float(text))
    return _parse_text(str(text), convention)


# A file repeats the same few thousand texts ('85', '1', 'Có'): each is parsed once. The result
# is frozen, so sharing it is safe; a ValueError is not cached and is raised again each time.
@lru_cache(maxsize=65536)
def _parse_text(text: str, convention: Convention) -> ParsedNumber | None:
    raw = _CLEAN.sub("", text)
    if raw in {"", "-", "–"}:
        return None
    percent = raw.endswith("%")
    body = raw.rstrip("%")
    sign = ""
    if body[:1] in "+-":
        sign, body = ("-" if body[0] == "-" else ""), body[1:]
    if not _DIGITS.fullmatch(body) or not _A_DIGIT.search(body):
        raise ValueError(f"«{text}» không phải là số")
    assumed = None
    dots, commas = body.count("."), body.count(",")
    if dots and commas:
        # Both present: the last one is the decimal separator.
        if body.rfind(",") > body.rfind("."):
            body = body.replace(".", "").replace(",", ".")
        else:
            body = body.replace(",", "")
    elif commas:
        if commas > 1:
            body = body.replace(",", "")  # 1,234,567 — grouping
        elif convention == "dot" and re.fullmatch(r"\d{1,3},\d{3}", body):
            body = body.replace(",", "")
            assumed = "dấu phẩy được hiểu là dấu phân cách hàng nghìn"
        else:
            if re.fullmatch(r"\d{1,3},\d{3}", body):
                assumed = "dấu phẩy được hiểu là dấu thập phân"
            body = body.replace(",", ".")
    elif dots:
        if dots > 1:
            body = body.replace(".", "")  # 1.234.567 — Vietnamese grouping
        elif re.fullmatch(r"\d{1,3}\.\d{3}", body) and convention != "dot":
            body = body.replace(".", "")
            assumed = "dấu chấm được hiểu là dấu phân cách hàng nghìn"
    try:
        value = float(sign + body)
    except ValueError:
        raise ValueError(f"«{text}» không phải là số") from None
    return ParsedNumber(value, percent, assumed)
