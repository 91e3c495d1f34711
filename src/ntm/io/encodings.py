"""Text files in the encodings offices' computers write, each decoded and named.

Excel on a Vietnamese Windows saves CSV in Windows-1258 (or 1252 on an English system), «Unicode
text» in UTF-16, and newer versions UTF-8 with or without a byte-order mark. A byte-order mark
settles it; strict UTF-8 is tried next (a legacy file practically never decodes as UTF-8); the
rest is left to charset-normalizer among the Windows code pages. Whatever was assumed is said in
the notes, so that a wrongly guessed file is noticed by the person who sent it.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

LEGACY = ["cp1258", "cp1252"]
_NAMES = {"cp1258": "Windows-1258", "cp1252": "Windows-1252", "utf_16": "UTF-16"}
_SAMPLE = 256 * 1024  # enough text to tell the code pages apart, without reading all of it twice


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str  # as a person reads it: 'UTF-8', 'Windows-1258'
    guessed: bool  # True when no byte-order mark or valid UTF-8 settled it


def decode_text(data: bytes) -> Decoded:
    """The text of a file; UnicodeDecodeError only for a UTF-16 file cut in the middle."""
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8"), "UTF-8", False)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16"), "UTF-16", False)
    bare = bare_utf16(data)
    if bare is not None:
        return Decoded(data.decode(bare), "UTF-16", True)
    try:
        return Decoded(data.decode("utf-8"), "UTF-8", False)
    except UnicodeDecodeError:
        pass
    best = from_bytes(data[:_SAMPLE], cp_isolation=LEGACY).best()
    encoding = best.encoding if best is not None else LEGACY[0]
    encoding = encoding if encoding in LEGACY else LEGACY[0]
    # cp1258 maps every byte but five, and cp1252 all but five: 'replace' keeps a stray one visible.
    return Decoded(data.decode(encoding, errors="replace"), _NAMES[encoding], True)


def bare_utf16(data: bytes) -> str | None:
    """'utf-16-le' or '-be' for UTF-16 text without its byte-order mark: every other byte of
    Latin text is zero (a file cut from a larger one, or written by a careless program)."""
    sample = data[:4096]
    if len(sample) < 4 or len(data) % 2:
        return None
    half = len(sample) // 2
    if sample[1::2].count(0) > 0.6 * half and sample[0::2].count(0) < 0.1 * half:
        return "utf-16-le"
    if sample[0::2].count(0) > 0.6 * half and sample[1::2].count(0) < 0.1 * half:
        return "utf-16-be"
    return None
