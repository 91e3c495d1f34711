"""A database to back up: migrated, the demonstration loaded, then edited through the services,
with stored files uploaded through them too (two evidence files, one of them larger than the
piece a backup streams at a time, a provincial report, a model's photo).

Run as a script (``python tests/web/backup_world.py``) with DATABASE_URL naming an empty database:
the backup test builds its source database in a process of its own, apart from pytest's.
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "reports" / "reading" / "seeds" / "004_3f63d3089639c371.txt"


def png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    ihdr = struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def large_pdf() -> bytes:
    """2,5 MB: more than one piece of the backup's streaming copy."""
    body = bytes(range(256)) * (10 * 1024)
    return b"%PDF-1.4\n1 0 obj<<>>stream\n" + body + b"\nendstream endobj\ntrailer<<>>\n%%EOF\n"


def build() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.web.settings")
    os.environ.setdefault("DEBUG", "1")
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command

    from ntm.web.accounts.scope import scope_for
    from ntm.web.assessments.models import Period
    from ntm.web.assessments.services import assessment_find, assessment_save, period_state_set
    from ntm.web.demo import demo_load
    from ntm.web.units.models import Unit

    call_command("migrate", interactive=False, verbosity=0)
    assert demo_load(say=lambda _line: None)
    office = User.objects.get(username="tinh")
    period = Period.objects.get(regime="new", province_code="08", year=2026)
    unit = Unit.objects.get(regime="new", code="00700")
    assessment = assessment_find(unit=unit, period=period)
    changes = assessment_save(
        user=office, scope=scope_for(office), assessment=assessment, version=assessment.version,
        values={"1.1": 77.5}, comments={"1.1": "Sửa theo biên bản — ghi chú có dấu"},
        channel="form",
    )  # fmt: skip
    assert changes
    _uploads(office, assessment)
    period_state_set(scope=scope_for(User.objects.get(username="quantri")), period=period,
                     state="closed")  # fmt: skip


def _uploads(office: Any, assessment: Any) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from ntm.web.accounts.scope import scope_for
    from ntm.web.assessments.evidence import evidence_add
    from ntm.web.readings.services import Province, report_upload
    from ntm.web.registries.models import ModelKind
    from ntm.web.registries.services import InitiativeInput, initiative_add
    from ntm.web.units.models import Unit

    scope = scope_for(office)
    for name, content in (("Biên bản thẩm định.pdf", large_pdf()), ("Ảnh hiện trường.png", png())):
        evidence_add(user=office, scope=scope, assessment=assessment, indicator="1.1",
                     upload=SimpleUploadedFile(name, content))  # fmt: skip
    unit = Unit.objects.get(regime="new", code="00700")
    province = Province("new", unit.province_code, unit.province_name)
    report_upload(user=office, scope=scope, province=province, year=2026,
                  upload=SimpleUploadedFile("Báo cáo năm 2026.txt", SEED.read_bytes()))  # fmt: skip
    kind = ModelKind.objects.order_by("pk").first()
    assert kind is not None
    item = InitiativeInput(unit=unit, name="Mô hình trồng cam", kind=kind, field="", year=2026,
                           households=12, value=None, description="")  # fmt: skip
    initiative_add(user=office, scope=scope, item=item, channel="form",
                   photo=SimpleUploadedFile("vuon cam.png", png()))  # fmt: skip


if __name__ == "__main__":
    build()
