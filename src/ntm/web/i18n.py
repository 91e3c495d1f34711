"""Compile the message catalogues (.po → .mo) with Babel: pure Python, no GNU gettext needed.

Run by ``make``, by ``ntm serve`` and by the web tests, so a fresh clone gets English pages
without ``apt-get install gettext``. Vietnamese is the source language: it needs no catalogue.
"""

from __future__ import annotations

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE_DIR = Path(__file__).parent / "locale"


def compile_catalogues(root: Path = LOCALE_DIR) -> list[Path]:
    """Write each .mo that is missing or older than its .po; returns the files written."""
    written = []
    for po in sorted(root.glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if mo.exists() and mo.stat().st_mtime >= po.stat().st_mtime:
            continue
        with po.open("rb") as handle:
            catalogue = read_po(handle, locale=po.parts[-3])
        with mo.open("wb") as handle:
            write_mo(handle, catalogue, use_fuzzy=False)
        written.append(mo)
    return written


if __name__ == "__main__":
    for path in compile_catalogues():
        print(f"Đã biên dịch {path}")
