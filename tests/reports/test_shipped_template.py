"""The shipped template is the one its builder makes, uses only known variables, and every
variable an office may use is documented."""

from __future__ import annotations

from pathlib import Path

from docxtpl import DocxTemplate
from report_helpers import KONTUM, ROOT

from ntm.domain.evaluation import evaluate
from ntm.io.bundle import load_inputs
from ntm.reports import ReportData, Scope, build_figures
from ntm.reports.document import Issuer, document_context
from ntm.reports.template_build import TEMPLATE, build


def _context_keys() -> set[str]:
    """The variables ``document_context`` gives, for the Kon Tum data."""
    inputs = load_inputs([KONTUM / "criteria-2020.csv"], units_path=KONTUM / "communes.csv")
    ev = evaluate(
        inputs.cset, inputs.units, inputs.year, values=inputs.values, statuses=inputs.statuses
    )
    scope = Scope("province", "62", "Tỉnh Kon Tum", "62", "Tỉnh Kon Tum")
    context = document_context(build_figures(ReportData(ev, scope)), Issuer())
    return set(context.template_variables())


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
