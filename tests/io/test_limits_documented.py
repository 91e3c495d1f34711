"""The file limits are set in one place (ntm/io/limits.py) and docs/web.md says the same."""

from __future__ import annotations

from pathlib import Path

from ntm.io.limits import limit_texts

DOC = Path(__file__).resolve().parents[2] / "docs" / "web.md"


def test_docs_web_md_lists_every_limit_with_its_value() -> None:
    section = DOC.read_text(encoding="utf-8").split("### Giới hạn tệp", 1)[1].split("\n#", 1)[0]
    for label, value in limit_texts():
        assert f"| {label} | {value} |" in section, f"docs/web.md «Giới hạn tệp»: {label}"
