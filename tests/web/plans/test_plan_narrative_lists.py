"""A section written in the office's page with paragraphs and a "- " list comes out of the web
report's DOCX as paragraphs and list paragraphs (read back with python-docx), on Kon Tum 2020."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.contrib.auth.models import User
from docx import Document

from ntm.web.assessments.models import Period
from ntm.web.demo import demo_load

TEXT = (
    "Năm {{ nam }}, tỉnh tập trung:\r\n"
    "- Giữ vững {{ so_xa_dat_chuan }} xã đạt chuẩn;\r\n"
    "- Hỗ trợ các xã còn lại.\r\n"
    "\r\n"
    "Đoạn cuối của mục."
)


@pytest.fixture
def demo(db: None) -> Period:
    assert demo_load(say=lambda _text: None)
    return Period.objects.get(regime="old", province_code="62", year=2020)


def test_a_sections_list_is_list_paragraphs_in_the_web_report(client: Any, demo: Period) -> None:
    client.force_login(User.objects.get(username="kontum"))
    section = {
        "section": "nhiem_vu",
        "nhiem_vu-section": "nhiem_vu",
        "nhiem_vu-text": TEXT,
        "nhiem_vu-state": "final",
    }
    assert client.post(f"/ky/{demo.pk}/bao-cao-gui/", section).status_code == 302
    answer = client.get(f"/tong-hop/bao-cao/?period={demo.pk}&format=docx")
    assert answer.status_code == 200
    content = b"".join(answer.streaming_content) if answer.streaming else answer.content
    paragraphs = Document(io.BytesIO(content)).paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text.startswith("Năm 2020, tỉnh"))
    shown = [(p.text, p.style.name if p.style else "") for p in paragraphs[start : start + 4]]
    assert [text for text, _style in shown] == [
        "Năm 2020, tỉnh tập trung:",
        "Giữ vững 28 xã đạt chuẩn;",
        "Hỗ trợ các xã còn lại.",
        "Đoạn cuối của mục.",
    ]
    styles = [style for _text, style in shown]
    assert styles[1] == styles[2] == "List Bullet"
    assert styles[0] == styles[3] != "List Bullet"
