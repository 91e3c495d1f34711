"""Screenshots of the main pages, in Vietnamese, at 1366×768 and at 390×844 (phone).

    .venv/bin/python -m tests.browser.shoot [folder]     # default: docs/screenshots
    .venv/bin/python -m tests.browser.shoot -k forecast  # only the tests chosen; others kept

Runs the browser tests (the recognition flow and the phone-width check) against a fresh
``ntm serve --demo`` with screenshots switched on: each page is photographed at the moment the
flow has it in the state worth showing (the dashboard's forecast chart: ``tong-hop-du-bao``,
from ``test_browser_dashboard_forecast``). ``make test`` runs the same tests without screenshots.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def main(argv: list[str]) -> int:
    chosen: list[str] = []
    if "-k" in argv:  # some tests only: their screenshots are taken again, the others kept
        at = argv.index("-k")
        chosen, argv = argv[at : at + 2], argv[:at] + argv[at + 2 :]
    out = Path(argv[0]).resolve() if argv else ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.png") if not chosen else ():
        old.unlink()
    os.environ["NTM_SCREENSHOTS"] = str(out)
    code = pytest.main([str(HERE), "-m", "browser", "-p", "no:cacheprovider", "-q", *chosen])
    shots = sorted(out.glob("*.png"))
    total = sum(p.stat().st_size for p in shots)
    print(f"{len(shots)} ảnh chụp màn hình trong {out} ({total / 1_000_000:.1f} MB).")
    return int(code)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
