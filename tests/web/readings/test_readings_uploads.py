"""Uploads on the test world: a .docx and a .pdf read like the text; every bad file refused on
the form with a Vietnamese message naming it, nothing kept (no row, no file); who may use the
pages (a province's office its own province only)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import matplotlib
import pytest
from django.conf import settings
from docx import Document
from readings_support import SEED, upload

from ntm.web.audit.models import AuditEntry
from ntm.web.readings.models import ProvinceReport

matplotlib.use("Agg")
INSIDE = {"province": "new:91", "year": "2026"}
REPORT = "Đến tháng 12-2026, toàn tỉnh có 1 xã đạt chuẩn nông thôn mới. Toàn tỉnh có 2 xã."


def _docx(text: str) -> bytes:
    document = Document()
    for line in text.splitlines():
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(text: str) -> bytes:
    import matplotlib.pyplot as plt

    plt.rcParams["pdf.fonttype"] = 42  # real fonts: pdftotext gives the text back
    figure = plt.figure(figsize=(9, 2))
    figure.text(0.02, 0.5, text, fontsize=8)
    out = io.BytesIO()
    figure.savefig(out, format="pdf")
    plt.close(figure)
    return out.getvalue()


def _stored_files() -> list[Path]:
    return [p for p in Path(settings.MEDIA_ROOT).rglob("*") if p.is_file()]


@pytest.mark.parametrize(("name", "make"), [("bc.docx", _docx), ("bc.pdf", _pdf)])
def test_a_docx_or_pdf_is_read_like_the_text(client, world, name, make):
    answer = upload(world.login(client, "office"), {**INSIDE, "year": ""}, name, make(REPORT))
    assert answer.status_code == 302, answer.content.decode()[:3000]
    report = ProvinceReport.objects.get()
    assert (report.year, report.province_code, report.filename) == (2026, "91", name)
    page = client.get(f"/bao-cao-tinh/{report.pk}/").content.decode()
    # The test world: Xã A and Xã B in province 91, none judged yet (0 recognised).
    assert "lệch +1 xã" in page and "cmp-differs" in page  # 1 stated, 0 in ntm
    assert page.count('class="cmp-same"') == 1  # 2 communes, as ntm has them


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for part, data in parts.items():
            archive.writestr(part, data)
    return out.getvalue()


EMPTY_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
LEGACY = REPORT.encode("cp1258", errors="replace")  # an old Windows-1258 file
BAD = [
    ("bc.exe", REPORT.encode(), "bc.exe: chỉ nhận tệp .txt, .docx hoặc .pdf"),
    ("bc.txt", b"  \n\n ", "bc.txt: tệp rỗng"),
    ("bc.txt", LEGACY, "bc.txt: không đọc được chữ (cần mã UTF-8)"),
    ("bc.txt", PNG, "bc.txt: nội dung là tệp .png, không phải văn bản .txt"),
    ("bc.docx", b"PK\x03\x04 not a zip at all", "bc.docx: nội dung không phải tệp .docx hợp lệ"),
    (
        "bc.docx",
        _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"<broken"}),
        "bc.docx: không phải tệp Word .docx hợp lệ",
    ),
    (
        "bc.docx",
        _zip({"[Content_Types].xml": b"<x/>", "word/document.xml": b"\0" * (4 * 1024 * 1024)}),
        "bc.docx: một phần của tệp nén",  # 4 MB of zeros squeezed a thousandfold: a bomb
    ),
    ("bc.pdf", REPORT.encode(), "bc.pdf: nội dung không phải tệp .pdf hợp lệ"),
    ("bc.pdf", EMPTY_PDF, "bc.pdf: không có chữ nào đọc được"),
    ("bc.txt", "Báo cáo không có số liệu.".encode(), "bc.txt: không tìm thấy số liệu nào"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD, ids=[m for _n, _c, m in BAD])
def test_a_bad_file_is_refused_on_the_form_and_nothing_is_kept(
    client, world, name, content, message
):
    answer = upload(world.login(client, "office"), INSIDE, name, content)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    assert not ProvinceReport.objects.exists() and not _stored_files()
    assert not AuditEntry.objects.filter(kind="report").exists()


def test_a_file_over_the_limit_is_refused(client, world):
    big = b"a" * (20 * 1024 * 1024 + 1)
    answer = upload(world.login(client, "office"), INSIDE, "bc.txt", big)
    assert answer.status_code == 400
    assert "bc.txt: tệp lớn hơn 20 MB, không nhận" in answer.content.decode()
    assert not ProvinceReport.objects.exists() and not _stored_files()


def test_without_a_year_given_or_named_the_form_asks_for_it(client, world):
    text = "Toàn tỉnh có 2 xã, có 1 xã đạt chuẩn nông thôn mới."
    answer = upload(world.login(client, "office"), {**INSIDE, "year": ""}, "bc.txt", text.encode())
    assert answer.status_code == 400
    assert "bc.txt: văn bản không nêu năm báo cáo, hãy nhập năm" in answer.content.decode()
    assert not ProvinceReport.objects.exists() and not _stored_files()


@pytest.mark.parametrize("role", ["reviewer", "officer_a", "outsider"])
def test_reviewers_and_commune_officers_have_no_access(client, world, role):
    world.login(client, role)
    assert client.get("/bao-cao-tinh/").status_code == 403
    answer = upload(client, INSIDE, "bc.txt", REPORT.encode())
    assert answer.status_code == 403 and not ProvinceReport.objects.exists()
    assert 'href="/bao-cao-tinh/"' not in client.get("/").content.decode()


def test_a_province_office_sees_its_own_province_and_central_sees_all(client, world):
    upload(
        world.login(client, "central"),
        {"province": "new:92", "year": "2026"},
        "c.txt",
        REPORT.encode(),
    )
    upload(world.login(client, "office"), INSIDE, "a.txt", REPORT.encode())
    theirs, ours = ProvinceReport.objects.order_by("pk")
    assert (theirs.province_code, ours.province_code) == ("92", "91")
    client.get("/bao-cao-tinh/")  # the messages of the uploads shown once
    listing = client.get("/bao-cao-tinh/").content.decode()
    assert "a.txt" in listing and "c.txt" not in listing
    assert 'href="/bao-cao-tinh/"' in client.get("/").content.decode()  # the header's link
    assert client.get(f"/bao-cao-tinh/{theirs.pk}/").status_code == 403
    assert client.post(f"/bao-cao-tinh/{theirs.pk}/xoa/", {"confirm": "1"}).status_code == 403
    upload(client, {"province": "new:92", "year": "2026"}, "x.txt", REPORT.encode())
    assert ProvinceReport.objects.count() == 2
    world.login(client, "central")
    listing = client.get("/bao-cao-tinh/?province=new%3A92").content.decode()
    assert "c.txt" in listing and "a.txt" not in listing
    assert "a.txt" in client.get("/bao-cao-tinh/?year=2026").content.decode()
    assert "a.txt" not in client.get("/bao-cao-tinh/?year=2020").content.decode()


def test_the_seed_uploads_as_docx_with_the_same_figures_as_its_text(client, world):
    text = SEED.read_text(encoding="utf-8")
    world.login(client, "office")
    for name, content in (("a.txt", text.encode()), ("b.docx", _docx(text))):
        assert upload(client, {**INSIDE, "year": "2020"}, name, content).status_code == 302
    a, b = ProvinceReport.objects.order_by("pk")
    pages = [client.get(f"/bao-cao-tinh/{r.pk}/").content.decode() for r in (a, b)]
    tables = [p.split('id="comparison"')[1].split("</table>")[0] for p in pages]
    assert tables[0] == tables[1] and "1.847,561 tỷ đồng" in tables[0]


def test_a_year_without_a_period_in_ntm_says_so_on_every_commune_row(client, world):
    world.login(client, "office")
    # The year the person gives wins over the one the text names.
    answer = upload(client, {**INSIDE, "year": "2019"}, "bc.txt", REPORT.encode())
    assert answer.status_code == 302
    report = ProvinceReport.objects.get()
    assert report.year == 2019
    page = client.get(f"/bao-cao-tinh/{report.pk}/").content.decode()
    assert (
        'id="no-period"' in page and "ntm chưa có kỳ đánh giá của Tỉnh Thử Nghiệm năm 2019" in page
    )
    assert page.count('class="cmp-missing"') == 2 and page.count(">ntm chưa có số liệu<") == 2
    assert "cmp-same" not in page and "cmp-differs" not in page


def test_the_year_is_corrected_on_the_report_page_and_audited(client, world):
    world.login(client, "office")
    assert upload(client, INSIDE, "bc.txt", REPORT.encode()).status_code == 302
    report = ProvinceReport.objects.get()
    bad = client.post(f"/bao-cao-tinh/{report.pk}/nam/", {"year": "hai nghìn"})
    assert bad.status_code == 400 and 'id="year-form"' in bad.content.decode()
    moved = client.post(f"/bao-cao-tinh/{report.pk}/nam/", {"year": "2019"})
    assert moved.status_code == 302
    report.refresh_from_db()
    assert report.year == 2019
    entry = AuditEntry.objects.filter(kind="report").latest("id")
    assert (entry.old, entry.new, entry.year) == ("2026", "Năm báo cáo 2019: bc.txt", 2019)
    page = client.get(f"/bao-cao-tinh/{report.pk}/").content.decode()
    assert "Đã đổi năm báo cáo thành 2019." in page and 'id="no-period"' in page


def test_the_pages_are_in_english_once_english_is_chosen(client, world):
    world.login(client, "office")
    assert upload(client, INSIDE, "bc.txt", REPORT.encode()).status_code == 302
    report = ProvinceReport.objects.get()
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    listing = client.get("/bao-cao-tinh/").content.decode()
    assert "<h1>Provincial reports compared with ntm's data</h1>" in listing
    page = client.get(f"/bao-cao-tinh/{report.pk}/").content.decode()
    assert "<th>The report says</th>" in page and ">off by +1 commune<" in page
    assert "Total communes" in page and ">matches<" in page
    assert "Báo cáo ghi" not in page and "khớp" not in page
