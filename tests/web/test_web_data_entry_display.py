"""What the data-entry page shows before anyone types: the commune's region and group apart, and
a stored yes/no answer as Có or Không (a choice, not "1"), which the page saves back unchanged."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

from ntm.web.accounts.scope import scope_for
from ntm.web.assessments.models import IndicatorValue
from ntm.web.assessments.services import assessment_get_or_create, assessment_save
from ntm.web.audit.models import AuditEntry
from ntm.web.units.models import Unit


class _FormFields(HTMLParser):
    """The values a browser would send for the page's data-entry form, as the page shows them."""

    def __init__(self) -> None:
        super().__init__()
        self.in_form = False
        self.select: str | None = None
        self.fields: dict[str, str] = {}
        self.selects: dict[str, list[tuple[str, str, bool]]] = {}
        self._option: tuple[str, bool] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form" and "hx-post" in a:
            self.in_form = True
        elif self.in_form and tag == "input" and a.get("name"):
            self.fields[a["name"]] = a.get("value", "")
        elif self.in_form and tag == "select":
            self.select = a["name"]
            self.selects[self.select] = []
        elif self.select and tag == "option":
            self._option = (a.get("value", ""), "selected" in a)

    def handle_data(self, data: str) -> None:
        if self.select and self._option:
            value, selected = self._option
            self.selects[self.select].append((value, data.strip(), selected))
            self._option = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "select":
            self.select = None
        elif tag == "form":
            self.in_form = False

    def shown(self, name: str) -> str:
        """The label of the selected option (the first one when none is)."""
        options = self.selects[name]
        return next((label for _v, label, sel in options if sel), options[0][1])

    def as_sent(self) -> dict[str, str]:
        sent = dict(self.fields)
        for name, options in self.selects.items():
            sent[name] = next((v for v, _label, sel in options if sel), options[0][0])
        return sent


def _page(client: Any, world: Any, unit: Unit) -> tuple[str, _FormFields]:
    page = client.get(f"/ky/{world.period.pk}/xa/{unit.pk}/").content.decode()
    fields = _FormFields()
    fields.feed(page)
    return page, fields


def _heading_line(page: str) -> str:
    line = re.search(r"</h1>\s*<p>(.*?)</p>", page, re.S).group(1)
    return " ".join(unescape(line).split())


def test_the_region_and_the_group_are_shown_apart(client: Any, world: Any) -> None:
    Unit.objects.filter(pk=world.xa_a.pk).update(region="TDMNPB")
    world.login(client, "office")
    page, _fields = _page(client, world, world.xa_a)
    assert _heading_line(page).startswith("Tỉnh Thử Nghiệm · Vùng: TDMNPB · Nhóm: 1 · ")


def test_only_what_the_commune_has_is_shown(client: Any, world: Any) -> None:
    world.login(client, "office")
    line = _heading_line(_page(client, world, world.xa_a)[0])
    assert line.startswith("Tỉnh Thử Nghiệm · Nhóm: 1 · Bộ tiêu chí thử nghiệm")
    assert "Vùng" not in line
    Unit.objects.filter(pk=world.xa_a.pk).update(group="")
    line = _heading_line(_page(client, world, world.xa_a)[0])
    assert line.startswith("Tỉnh Thử Nghiệm · Bộ tiêu chí thử nghiệm")


def test_a_stored_yes_is_shown_as_co_and_saved_back_unchanged(client: Any, world: Any) -> None:
    office = world.users["office"]
    assessment = assessment_get_or_create(unit=world.xa_a, period=world.period)
    assessment_save(user=office, scope=scope_for(office), assessment=assessment, version=None,
                    values={"1.1": 1.0, "2.1": 75.0}, channel="form")  # fmt: skip
    world.login(client, "officer_a")
    _html, fields = _page(client, world, world.xa_a)
    assert [(v, label) for v, label, _s in fields.selects["ind-1.1"]] == [
        ("", "—"), ("1", "Có"), ("0", "Không"),
    ]  # fmt: skip
    assert fields.shown("ind-1.1") == "Có"
    assert fields.fields["ind-2.1"] == "75"  # figures stay typed
    sent = fields.as_sent()
    assert sent["ind-1.1"] == "1"

    response = client.post(f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/", sent, follow=True)
    assert "Không có thay đổi nào: không có gì được ghi." in response.content.decode()
    stored = dict(IndicatorValue.objects.values_list("indicator", "value"))
    assert stored == {"1.1": 1.0, "2.1": 75.0}
    assert AuditEntry.objects.filter(kind="indicator").count() == 2  # the office's two only


def test_choosing_khong_stores_no_and_the_page_shows_it(client: Any, world: Any) -> None:
    world.login(client, "officer_a")
    _html, fields = _page(client, world, world.xa_a)
    assert fields.shown("ind-1.1") == "—"  # nothing stored yet
    sent = fields.as_sent() | {"ind-1.1": "0"}
    response = client.post(f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/", sent, follow=True)
    assert "Đã lưu 1 thay đổi." in response.content.decode()
    assert IndicatorValue.objects.get(indicator="1.1").value == 0.0
    page, fields = _page(client, world, world.xa_a)
    assert fields.shown("ind-1.1") == "Không"
    assert 'id="st-ind-1_1" class="st-not"' in page


def test_a_typed_word_still_counts_and_shows_as_its_choice(client: Any, world: Any) -> None:
    world.login(client, "officer_a")
    url = f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/xem-truoc/"
    preview = client.post(url, {"version": 0, "ind-1.1": "có"}, HTTP_HX_REQUEST="true")
    assert 'id="st-ind-1_1" class="st-met" hx-swap-oob="true">Đạt' in preview.content.decode()
    response = client.post(f"/ky/{world.period.pk}/xa/{world.xa_a.pk}/",
                           {"version": 0, "ind-1.1": "có", "ind-2.1": "120"})  # fmt: skip
    assert response.status_code == 400  # 2.1 is refused; 1.1 is shown as the answer typed
    fields = _FormFields()
    fields.feed(response.content.decode())
    assert fields.shown("ind-1.1") == "Có"
