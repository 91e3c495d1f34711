"""Evidence and import files: long and odd names are stored safely, contents are checked by what
they really are, and a refused or failed upload leaves no file on disk (both databases)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from ntm.web.assessments.evidence import content_matches, original_name, stored_name
from ntm.web.assessments.models import Assessment, Evidence, ImportBatch

LONG = "Biên bản thẩm định tiêu chí " * 11  # 308 characters with the suffix


def _png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def _office(part: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(part, "<x/>")
    return out.getvalue()


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01" + b"\xff\xc0\x00\x11\x08\x00\x02" + b"\x00" * 40
JPEG += b"\xff\xd9"


def _media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def _upload(client, world, name: str, content: bytes):
    url = f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/minh-chung/"
    return client.post(url, {"file": SimpleUploadedFile(name, content)}, follow=True)


def test_a_300_character_name_is_kept_for_the_person_and_stored_short(client, world):
    world.login(client, "officer_a")
    name = LONG + ".pdf"
    response = _upload(client, world, name, PDF)
    assert response.status_code == 200
    assert "Đã tải lên minh chứng." in response.content.decode()
    evidence = Evidence.objects.get()
    # The upload handler keeps at most 255 characters of a name: that much reaches the row.
    assert evidence.filename.startswith("Biên bản thẩm định") and evidence.filename.endswith(".pdf")
    assert len(evidence.filename) == 255
    stored = Path(evidence.file.name).name
    assert len(evidence.file.name) <= 255 and stored.startswith("Bien-ban-tham-dinh")
    assert stored.endswith(".pdf") and stored.isascii()
    download = client.get(f"/minh-chung/{evidence.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_a_long_import_file_name_gives_no_error(client, world):
    world.login(client, "office")
    export = client.get(f"/ky/{world.period.pk}/xuat/").content
    response = client.post(
        f"/ky/{world.period.pk}/nhap/", {"file": SimpleUploadedFile(LONG + ".xlsx", export)}
    )
    assert response.status_code == 200, response.context.get("problems")
    batch = ImportBatch.objects.get()
    assert batch.filename.startswith("Biên bản") and batch.filename.endswith(".xlsx")


def test_a_refused_upload_leaves_no_file_and_no_row(client, world):
    world.login(client, "officer_a")
    response = _upload(client, world, LONG + ".png", b"\x89PNG\r\n\x1a\n")
    assert "không đúng định dạng .png" in response.content.decode()
    assert _media_files() == [] and not Evidence.objects.exists()
    assert not Assessment.objects.exists()


def test_an_upload_whose_row_fails_leaves_no_file(world):
    """The file is written before the row: a row that cannot be stored takes its file away."""
    from django.contrib.auth.models import User

    from ntm.web.accounts.scope import scope_for
    from ntm.web.assessments.evidence import evidence_add
    from ntm.web.assessments.services import assessment_find

    scope = scope_for(world.users["officer_a"])
    upload = SimpleUploadedFile("minh-chung.pdf", PDF)
    with pytest.raises(ValueError, match="unsaved related object"):
        evidence_add(
            user=User(username="chua-luu"), scope=scope,  # a user never stored: the row fails
            assessment=assessment_find(unit=world.xa_a, period=world.period), upload=upload,
        )  # fmt: skip
    assert _media_files() == [] and not Evidence.objects.exists()


@pytest.mark.parametrize(
    ("ext", "content", "accepted"),
    [
        (".pdf", PDF, True),
        (".pdf", b"%PDF-1.4 cut short", False),
        (".png", _png(), True),
        (".png", b"\x89PNG\r\n\x1a\n", False),
        (".png", _png()[:40], False),
        (".jpg", JPEG, True),
        (".jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, False),
        (".docx", _office("word/document.xml"), True),
        (".docx", _office("xl/workbook.xml"), False),
        (".xlsx", _office("xl/workbook.xml"), True),
        (".xlsx", b"PK\x03\x04" + b"\x00" * 40, False),
        (".pdf", _png(), False),
    ],
)
def test_a_file_is_judged_by_what_it_really_is(ext, content, accepted):
    assert content_matches(ext, content) is accepted


def test_names_lose_their_folders_and_unsafe_characters():
    assert original_name("../../etc/passwd.pdf") == "passwd.pdf"
    assert original_name("C:\\Users\\x\\Bie\u0302n ba\u0309n.pdf") == "Biên bản.pdf"
    assert len(original_name("a" * 5000 + ".pdf")) == 1000
    assert original_name("a" * 5000 + ".pdf").endswith(".pdf")
    name = stored_name("Biên bản: họp <số 3>.PDF")
    assert name.startswith("Bien-ban-hop-so-3-") and name.endswith(".pdf")
