"""A report follows its reader's scope (issue #14.4): a commune officer downloads the report of
their commune, titled as such, never a province's report made of one commune."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.contrib.auth.models import User
from docx import Document

from ntm.web.accounts.models import ApiToken
from ntm.web.assessments.models import Period
from ntm.web.demo import demo_load


@pytest.fixture
def kontum_2020(db: None) -> Period:
    assert demo_load(say=lambda _text: None)
    return Period.objects.get(regime="old", province_code="62", year=2020)


def _words(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    parts += [p.text for t in doc.tables for c in t.rows[0].cells for p in c.paragraphs]
    return "\n".join(parts)


def test_a_commune_officer_downloads_the_report_of_their_commune(client, kontum_2020):
    client.force_login(User.objects.get(username="xa"))  # Xã Đắk Cấm in Kon Tum
    response = client.get(f"/tong-hop/bao-cao/?period={kontum_2020.pk}&format=docx")
    assert response.status_code == 200
    text = _words(response.content)
    assert "ĐẢNG ỦY XÃ ĐẮK CẤM" in text
    assert "trên địa bàn xã Đắk Cấm năm 2020" in text
    assert "TỈNH ỦY KON TUM" not in text and "toàn tỉnh" not in text


def test_the_offices_report_of_the_same_period_stays_the_provinces(client, kontum_2020):
    client.force_login(User.objects.get(username="kontum"))
    response = client.get(f"/tong-hop/bao-cao/?period={kontum_2020.pk}&format=docx")
    text = _words(response.content)
    assert "TỈNH ỦY KON TUM" in text and "toàn tỉnh có 28 xã" in text


def test_the_api_report_of_a_commune_officer_is_their_communes(client, kontum_2020):
    _, raw = ApiToken.issue(user=User.objects.get(username="xa"), name="máy chủ xã")
    response = client.get(
        f"/api/periods/{kontum_2020.pk}/report", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert response.status_code == 200, response.content[:300]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    figures = json.loads(archive.read("report.json"))
    assert figures["level"] == "commune" and figures["scope_name"] == "Xã Đắk Cấm"
    assert "TỈNH ỦY" not in _words(archive.read("report.docx"))


def test_the_checks_download_beside_the_report_and_stay_out_of_it(client, kontum_2020):
    client.force_login(User.objects.get(username="kontum"))
    page = client.get(f"/tong-hop/?period={kontum_2020.pk}").content.decode()
    assert "format=md" in page
    response = client.get(f"/tong-hop/bao-cao/?period={kontum_2020.pk}&format=md")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/markdown")
    assert response["Content-Disposition"].endswith('kiem-tra.md"')
    assert response.content.decode().startswith("# KIỂM TRA SỐ LIỆU")
    docx = client.get(f"/tong-hop/bao-cao/?period={kontum_2020.pk}&format=docx")
    assert "KIỂM TRA SỐ LIỆU" not in _words(docx.content)
