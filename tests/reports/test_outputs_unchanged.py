"""The Kon Tum report and the Tuyên Quang template equal the copies committed in ``golden/``.

The copies were written before the report code was reorganised (issue #16); a refactor that
changes a byte of what a reader receives fails here. ``.docx`` and ``.xlsx`` files are zip
archives whose member dates and ``docProps`` timestamps move with the clock, so those are compared
member by member with the timestamps removed; everything else is compared byte for byte.

To accept an intended change of output, rewrite the copies (see ``golden/README.md``).
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm.cli import app
from ntm.reports.template_build import TEMPLATE as TEMPLATE_DOCX
from ntm.reports.template_build import build

GOLDEN = Path(__file__).parent / "golden"
TEMPLATE = "mau-nhap-lieu-tuyen-quang-2026.xlsx"
# The writers stamp the time of writing into these elements of docProps/core.xml (and app.xml).
STAMPS = re.compile(
    rb"<(dcterms:created|dcterms:modified|cp:lastPrinted|TotalTime)\b[^>]*>[^<]*</\1>"
)


def normalised_members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as archive:
        return {
            name: STAMPS.sub(b"", archive.read(name))
            if name.startswith("docProps/")
            else archive.read(name)
            for name in archive.namelist()
        }


def assert_same_file(written: Path, golden: Path) -> None:
    if golden.suffix in (".docx", ".xlsx"):
        got, want = normalised_members(written), normalised_members(golden)
        assert list(got) == list(want), f"{golden.name}: the archive members differ"
        changed = [name for name in want if got[name] != want[name]]
        assert not changed, f"{golden.name}: members changed: {changed}"
    else:
        assert written.read_bytes() == golden.read_bytes(), f"{golden.name} changed"


@pytest.mark.parametrize("name", ["report.docx", "phu-luc.xlsx", "report.json", "report.md"])
def test_the_kontum_report_is_unchanged(kontum_report: Path, name: str) -> None:
    assert_same_file(kontum_report / name, GOLDEN / name)


def test_the_tuyen_quang_template_is_unchanged(tmp_path: Path) -> None:
    out = tmp_path / "mau-nhap-lieu.xlsx"
    args = ["template", "xa-ntm-2026-2030", "--province", "Tuyên Quang", "--year", "2026"]
    result = CliRunner().invoke(app, [*args, "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert_same_file(out, GOLDEN / TEMPLATE)


def test_the_comparison_ignores_only_timestamps(tmp_path: Path) -> None:
    # A guard on the guard: a changed cell in a copy of the golden workbook is noticed.
    changed = tmp_path / "phu-luc.xlsx"
    with zipfile.ZipFile(GOLDEN / "phu-luc.xlsx") as src, zipfile.ZipFile(changed, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</worksheet>", b"<!-- one more byte --></worksheet>")
            dst.writestr(item, data)
    with pytest.raises(AssertionError, match=r"sheet1\.xml"):
        assert_same_file(changed, GOLDEN / "phu-luc.xlsx")


def test_the_template_builder_makes_the_shipped_template(tmp_path: Path) -> None:
    # The reports above use the committed template; this ties the builder's code to it.
    assert_same_file(build(tmp_path / "report.docx"), TEMPLATE_DOCX)
