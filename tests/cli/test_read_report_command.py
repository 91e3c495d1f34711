"""``ntm read-report``: .txt, .docx and .pdf give the same figures; bad files a Vietnamese line.

The PDF is made from the .docx by LibreOffice and read back through poppler's ``pdftotext``
(both installed by ``make libreoffice``, which ``make test`` runs first).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from ntm.cli import app

runner = CliRunner()
SEED_004 = next((Path(__file__).parents[1] / "reports" / "reading" / "seeds").glob("004_*.txt"))


def _json(path: Path) -> dict[str, object]:
    result = runner.invoke(app, ["read-report", str(path), "--format", "json"])
    assert result.exit_code == 1, result.output  # seed 004 disagrees with itself: exit 1
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def seed_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    document = docx.Document()
    for line in SEED_004.read_text(encoding="utf-8").splitlines():
        document.add_paragraph(line)
    path = tmp_path_factory.mktemp("docx") / "bao-cao-kon-tum.docx"
    document.save(str(path))
    return path


@pytest.fixture(scope="module")
def seed_pdf(seed_docx: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert shutil.which("soffice"), "LibreOffice thiếu: chạy `make libreoffice`"
    work = tmp_path_factory.mktemp("pdf")
    env = {**os.environ, "HOME": str(work), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    command = ["soffice", f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless"]
    command += ["--convert-to", "pdf", "--outdir", str(work), str(seed_docx)]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=240)
    return work / "bao-cao-kon-tum.pdf"


FIGURES = ("communes_total", "recognised", "bands", "avg_criteria", "avg_change", "criteria")


def test_the_json_has_the_keys_of_the_issue_and_the_checks():
    found = _json(SEED_004)
    assert set(found) >= {*FIGURES, "funding_total", "ocop_by_stars", "checks"}
    assert found["ocop_by_stars"] is None
    assert set(found["checks"][0]) == {"rule", "ok", "detail", "sentence"}


def test_a_docx_report_gives_the_figures_of_its_text(seed_docx: Path):
    from_txt, from_docx = _json(SEED_004), _json(seed_docx)
    assert {k: from_docx[k] for k in FIGURES} == {k: from_txt[k] for k in FIGURES}
    assert from_docx["funding_total"] == 1847.561


def test_a_pdf_report_gives_the_figures_of_its_text(seed_pdf: Path):
    assert shutil.which("pdftotext"), "pdftotext thiếu: chạy `make libreoffice`"
    from_pdf = _json(seed_pdf)
    assert from_pdf["communes_total"] == 85 and from_pdf["recognised"] == 28
    assert from_pdf["bands"] == {"19": 28, "15-18": 9, "10-14": 46, "8-9": 2, "dưới 5": 0}
    assert from_pdf["avg_criteria"] == 14.8 and from_pdf["funding_total"] == 1847.561
    assert len(from_pdf["criteria"]) == 19


def test_the_text_output_lists_figures_and_marks_failed_checks():
    result = runner.invoke(app, ["read-report", str(SEED_004)])
    assert result.exit_code == 1
    assert "Tổng số xã: 85" in result.stdout
    assert "Tổng vốn: 1.847,561 tỷ đồng" in result.stdout
    assert "[SAI] 44/86 xã, trong khi tổng số xã là 85" in result.stdout


def test_a_report_whose_arithmetic_holds_exits_zero(tmp_path: Path):
    path = tmp_path / "bao-cao.txt"
    path.write_text("Tỉnh có 10 xã. Có 4 xã đạt chuẩn nông thôn mới, 6 xã đạt 15-18 tiêu chí.")
    result = runner.invoke(app, ["read-report", str(path)])
    assert result.exit_code == 0, result.output
    assert "[đúng] 6 (15-18) + 4 (19) = 10 xã; tổng số xã là 10" in result.stdout


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("hong.docx", b"not a zip", "hong.docx: không phải tệp Word .docx hợp lệ"),
        ("hong.pdf", b"%PDF-1.4 rubbish", "hong.pdf: không phải tệp PDF đọc được"),
        ("bang.xlsx", b"PK", "bang.xlsx: chỉ đọc được tệp .txt, .docx hoặc .pdf"),
        ("latin1.txt", "Tính có 10 xã".encode("latin-1", "replace"), "latin1.txt: không đọc được"),
    ],
)
def test_a_file_that_cannot_be_read_gives_one_vietnamese_line_and_exit_2(
    tmp_path: Path, name: str, content: bytes, message: str
):
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(app, ["read-report", str(path)])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_a_missing_file_is_named(tmp_path: Path):
    result = runner.invoke(app, ["read-report", str(tmp_path / "khong-co.txt")])
    assert result.exit_code == 2 and "không có tệp này" in result.output
