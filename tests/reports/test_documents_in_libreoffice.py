"""The documents opened in LibreOffice, as an office without Word opens them (issue #14.4).

Debian's LibreOffice (headless) and poppler's ``pdftotext``, installed by ``make libreoffice``
(a dependency of ``make test``). Every run uses a profile of its own under the test's temporary
directory (``-env:UserInstallation``), so no setting of the machine's user leaks in.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
from openpyxl import Workbook
from report_helpers import kontum_args, run_report

# An en-US profile: what an English-language machine shows.
EN_US_PROFILE = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse">
<value>en-US</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse">
<value>en-US</value></prop></item>
</oor:items>
"""
# Every sheet (-1), cells as shown, UTF-8 (76), comma-separated, quoted text.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,true,false,false,-1"


def soffice(work: Path, convert_to: str, *files: Path, en_us: bool = False) -> Path:
    """Convert ``files`` with a fresh LibreOffice profile; the output directory."""
    assert shutil.which("soffice"), "LibreOffice thiếu: chạy `make libreoffice`"
    profile = work / "profile"
    if en_us:
        (profile / "user").mkdir(parents=True, exist_ok=True)
        (profile / "user" / "registrymodifications.xcu").write_text(EN_US_PROFILE)
    out = work / "out"
    # C.UTF-8: file names in UTF-8 (the sheets' csv files are named after them); the C locale
    # is en-US to LibreOffice, and the profile says en-US besides.
    env = {**os.environ, "HOME": str(work), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
    command = ["soffice", f"-env:UserInstallation={profile.as_uri()}", "--headless"]
    command += ["--convert-to", convert_to, "--outdir", str(out), *map(str, files)]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=240)
    return out


@pytest.fixture(scope="module")
def government_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Kon Tum 2020 issued by the provincial People's Committee (the longest header)."""
    out = tmp_path_factory.mktemp("ubnd") / "bao-cao"
    args = [*kontum_args(out), "--issuer-type", "government", "--number", "75/BC-UBND"]
    result = run_report(*args)
    assert result.exit_code == 0, result.output
    return out


def test_the_ubnd_header_blocks_keep_each_line_whole_in_libreoffice(
    government_report: Path, tmp_path: Path
) -> None:
    pdf = soffice(tmp_path, "pdf", government_report / "report.docx") / "report.pdf"
    assert shutil.which("pdftotext"), "pdftotext thiếu: chạy `make libreoffice`"
    layout = subprocess.run(
        ["pdftotext", "-layout", "-l", "1", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    lines = layout.splitlines()
    for whole in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "ỦY BAN NHÂN DÂN",
        "TỈNH KON TUM",
        "Kon Tum, ngày 01 tháng 6 năm 2021",
    ):
        assert any(whole in line for line in lines), f"{whole!r} không nằm trên một dòng"
    motto = next(i for i, line in enumerate(lines) if "CỘNG HÒA XÃ HỘI" in line)
    assert "ỦY BAN NHÂN DÂN" in lines[motto]  # issuer and motto side by side, one line each
    assert "TỈNH KON TUM" in lines[motto + 1] and "Độc lập" in lines[motto + 1]


def test_the_appendix_prints_vietnamese_numbers_on_an_english_machine(
    government_report: Path, tmp_path: Path
) -> None:
    # A generic format beside it: proof that the profile really is en-US.
    control = tmp_path / "control.xlsx"
    book = Workbook()
    book.active.title = "generic"
    book.active["A1"] = 1847.561
    book.active["A1"].number_format = "#,##0.000"
    book.save(str(control))
    out = soffice(tmp_path, CSV_FILTER, government_report / "phu-luc.xlsx", control, en_us=True)
    assert (out / "control-generic.csv").read_text(encoding="utf-8").strip() == '"1,847.561"'
    funds = (out / "phu-luc-Phụ lục 02.csv").read_text(encoding="utf-8")
    assert 'I,Tổng cộng giai đoạn 2016 - 2020,"1.847,561","100,0"' in funds
    assert '"920,700","49,8"' in funds
    districts = (out / "phu-luc-Phụ lục 03.csv").read_text(encoding="utf-8")
    assert "2,Giao thông," in districts and ",57,35,163" in districts


def test_the_funding_plan_prints_vietnamese_amounts_on_an_english_machine(tmp_path: Path) -> None:
    """The plan's workbook (``ntm plan-funding --out`` and the web's download, one writer)."""
    from ntm.domain.funding_costs import CostedGap
    from ntm.domain.funding_plan import Gap, plan_funding
    from ntm.reports.funding_plan_xlsx import PlanNames, plan_xlsx

    gaps = [Gap("23311", 2, 1250.5), Gap("23314", 5, 0.25), Gap("23317", 1, None)]
    plan = plan_funding(gaps, budget=1300)
    names = PlanNames({"23311": "Xã Đắk Cấm", "23314": "Xã Kroong"}, {2: "Giao thông"})
    path = tmp_path / "phuong-an.xlsx"
    path.write_bytes(plan_xlsx(plan, None, names, [CostedGap(gaps[2], ("1.1",))]))
    out = soffice(tmp_path, CSV_FILTER, path, en_us=True)
    rows = (out / "phuong-an-Phương án.csv").read_text(encoding="utf-8")
    assert '23311,Xã Đắk Cấm,2. Giao thông,"1.250,500",Có' in rows
    assert '23314,Xã Kroong,5,"0,250",Có' in rows
    summary = (out / "phuong-an-Tổng hợp.csv").read_text(encoding="utf-8")
    assert 'Ngân sách (tỷ đồng),"1.300,000"' in summary
    assert 'Chi phí phương án (tỷ đồng),"1.250,750"' in summary
    missing = (out / "phuong-an-Chưa tính được chi phí.csv").read_text(encoding="utf-8")
    assert "23317,,1,chưa biết giá trị chỉ tiêu 1.1" in missing
