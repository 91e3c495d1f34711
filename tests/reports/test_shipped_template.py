"""The shipped template is the one its builder makes, uses only known variables, and every
variable an office may use is documented."""

from __future__ import annotations

import re
from pathlib import Path

from docxtpl import DocxTemplate
from report_helpers import ROOT

from ntm.reports.template_build import TEMPLATE, build


def _context_keys() -> set[str]:
    source = (ROOT / "src" / "ntm" / "reports" / "document.py").read_text(encoding="utf-8")
    body = source[source.index("ctx: dict[str, Any] = {") :]
    return set(re.findall(r'^\s+"([a-z_0-9]+)":', body, flags=re.MULTILINE))


def test_the_committed_template_uses_the_variables_the_builder_writes(tmp_path: Path) -> None:
    fresh = build(tmp_path / "report.docx")
    committed = DocxTemplate(str(TEMPLATE)).get_undeclared_template_variables()
    assert DocxTemplate(str(fresh)).get_undeclared_template_variables() == committed


def test_every_variable_of_the_template_is_given_and_documented() -> None:
    used = DocxTemplate(str(TEMPLATE)).get_undeclared_template_variables()
    given = _context_keys()
    assert used <= given, used - given
    doc = (ROOT / "docs" / "report-template.md").read_text(encoding="utf-8")
    undocumented = {k for k in given if f"`{k}`" not in doc}
    assert undocumented == set()
