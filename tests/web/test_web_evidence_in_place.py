"""The reviewer's workspace opens a PDF or a photo in the browser (``?xem=1``); any other kind
is still downloaded, so that nothing a commune uploads runs in the reviewer's browser."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.base import ContentFile

from ntm.web.assessments.models import Evidence
from ntm.web.assessments.services import assessment_get_or_create


def _evidence(world: Any, name: str, kind: str, content: bytes) -> Evidence:
    assessment = assessment_get_or_create(unit=world.xa_a, period=world.period)
    evidence = Evidence(assessment=assessment, indicator="2.1", filename=name, content_type=kind,
                        size=len(content))  # fmt: skip
    evidence.file.save(name, ContentFile(content), save=True)
    return evidence


@pytest.mark.parametrize(
    ("name", "kind", "query", "disposition"),
    [
        ("bien-ban.pdf", "application/pdf", "?xem=1", "inline"),
        ("anh.png", "image/png", "?xem=1", "inline"),
        ("bien-ban.pdf", "application/pdf", "", "attachment"),
        ("bang.xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
         "?xem=1", "attachment"),
    ],
)  # fmt: skip
def test_only_pdfs_and_photos_open_in_place(client, world, name, kind, query, disposition):
    evidence = _evidence(world, name, kind, b"%PDF-1.4\n")
    world.login(client, "reviewer")
    response = client.get(f"/minh-chung/{evidence.pk}/{query}")
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith(disposition)
