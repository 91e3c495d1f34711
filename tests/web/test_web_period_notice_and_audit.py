"""A closed or locked period says so at the top of the commune page (who, when) and shows no
enabled input; the audit page reads in Vietnamese words and numbers."""

from __future__ import annotations

import re
from typing import Any

from django.utils import timezone

from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.services import assessment_get_or_create, assessment_save


def _commune_page(client: Any, world: Any, who: str) -> str:
    world.login(client, who)
    return client.get(f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/").content.decode()


def _enabled_inputs(page: str) -> list[str]:
    form = page.split('<form method="post" action="/ky/', 1)[1].split("</form>", 1)[0]
    fields = re.findall(r"<(?:input|select|textarea)\b[^>]*>", form)
    return [f for f in fields if "disabled" not in f and 'type="hidden"' not in f]


def test_a_locked_period_names_who_locked_it_and_when_and_offers_no_input(client, world):
    assert "period-notice" not in _commune_page(client, world, "officer_a")
    assert _enabled_inputs(_commune_page(client, world, "officer_a"))
    world.login(client, "office")
    response = client.post(f"/ky/{world.period.pk}/trang-thai/", {"state": "locked"})
    assert response.status_code == 302
    page = _commune_page(client, world, "officer_a")
    notice = re.search(r'<p class="conflict" id="period-notice"[^>]*>(.*?)</p>', page).group(1)
    assert "Kỳ đánh giá 2026 đã khóa" in notice and "office" in notice
    assert timezone.localtime().strftime("%d/%m/%Y") in notice
    assert _enabled_inputs(page) == []
    assert ">Lưu</button>" not in page


def test_a_closed_period_says_so_to_the_commune(client, world):
    world.login(client, "office")
    client.post(f"/ky/{world.period.pk}/trang-thai/", {"state": "closed"})
    page = _commune_page(client, world, "officer_a")
    assert "Kỳ đánh giá 2026 đã đóng: xã không nhập được số liệu nữa." in page
    assert _enabled_inputs(page) == []


def test_the_audit_page_speaks_vietnamese(client, world):
    office = world.users["office"]
    assessment = assessment_get_or_create(unit=world.xa_a, period=world.period)
    save = {"user": office, "scope": scope_for(office), "assessment": assessment,
            "version": None, "channel": "form"}  # fmt: skip
    assessment_save(**save, values={"2.1": 75.4}, statuses={1: 1})
    assessment_save(**save, values={"2.1": 95.5}, statuses={1: 0})
    world.login(client, "office")
    page = client.get(f"/nhat-ky/xa/{world.xa_a.pk}/").content.decode()
    cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<td>(.*?)</td>", page)]
    assert "75,4" in cells and "95,5" in cells
    assert "Đạt" in cells and "Chưa đạt" in cells
    for raw in ("75.4", "95.5", ">1<", ">0<"):
        assert raw not in page.split("<table>", 1)[1], raw
