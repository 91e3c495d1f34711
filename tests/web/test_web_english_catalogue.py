"""The English catalogue is complete: every string marked in the source has an English msgstr, none
is fuzzy, placeholders survive translation, and pages shown with English chosen are in English.

The source strings are gathered the way ``makemessages`` does (templates through Django's own
``templatize``), but read by Babel, so this test needs no GNU gettext.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_python
from babel.messages.pofile import read_po
from django.utils.translation.template import templatize

import ntm.web

WEB = Path(ntm.web.__file__).parent
PO = WEB / "locale" / "en" / "LC_MESSAGES" / "django.po"
KEYWORDS = {
    **DEFAULT_KEYWORDS,
    "gettext_lazy": None,
    "gettext_noop": None,
    "ngettext_lazy": (1, 2),
    "pgettext_lazy": ((1, "c"), 2),
}
# %(name)s, %(n)d, a literal %%, and {name} as str.format uses it.
PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%%|\{\w*\}")
TAG = re.compile(r"<[^>]+>")


def _catalogue() -> Catalog:
    with PO.open("rb") as handle:
        return read_po(handle, locale="en")


def _entries() -> list[Message]:
    return [m for m in _catalogue() if m.id]


def _key(message_id: str | tuple[str, ...]) -> str:
    return message_id[0] if isinstance(message_id, tuple) else message_id


def _forms(value: str | tuple[str, ...]) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def _strings_in_source() -> dict[str, str]:
    """Every msgid marked in src/ntm/web (Python and templates) → the first file using it."""
    found: dict[str, str] = {}
    for path in sorted(WEB.rglob("*")):
        if {"static", "locale", "__pycache__"} & set(path.relative_to(WEB).parts):
            continue
        if path.suffix == ".py":
            source = path.read_bytes()
        elif path.suffix in {".html", ".txt"}:
            source = templatize(path.read_text(encoding="utf-8"), origin=str(path)).encode()
        else:
            continue
        for _line, _func, message, _comments in extract_python(
            io.BytesIO(source), KEYWORDS, [], {}
        ):
            key = _key(message)
            if key:
                found.setdefault(key, str(path.relative_to(WEB)))
    return found


def test_no_english_entry_is_empty_or_fuzzy() -> None:
    catalogue = _catalogue()
    untranslated = [_key(m.id) for m in _entries() if not all(_forms(m.string))]
    fuzzy = [_key(m.id) for m in _entries() if m.fuzzy]
    assert catalogue.fuzzy is False
    assert untranslated == []
    assert fuzzy == []


def test_the_catalogue_is_english_with_two_plural_forms() -> None:
    catalogue = _catalogue()
    assert str(catalogue.locale) == "en"
    assert catalogue.plural_forms == "nplurals=2; plural=(n != 1);"
    plurals = [m for m in _entries() if m.pluralizable]
    assert plurals and all(len(m.string) == 2 for m in plurals)
    singular, plural = next(m.string for m in plurals if "bản đồ" in m.id[0])
    assert singular == "The file has %(n)s problem; the map was not saved:"
    assert plural == "The file has %(n)s problems; the map was not saved:"


def test_every_string_marked_in_the_source_is_in_the_catalogue() -> None:
    in_source = _strings_in_source()
    in_catalogue = {_key(m.id) for m in _entries()}
    missing = {k: where for k, where in in_source.items() if k not in in_catalogue}
    assert missing == {}, "run makemessages (docs/web.md, Translations) and translate"
    # The apps added last are covered too, not only the first ones.
    for app in ("recognition/", "public/", "dashboards/"):
        assert any(where.startswith(app) for where in in_source.values())
    assert len(in_catalogue - set(in_source)) == 0


def test_translations_keep_every_placeholder_and_html_tag() -> None:
    broken = []
    for m in _entries():
        source = _key(m.id)
        for text in _forms(m.string):
            if sorted(PLACEHOLDER.findall(source)) != sorted(PLACEHOLDER.findall(text)):
                broken.append((source, text))
            if TAG.findall(source) != TAG.findall(text):
                broken.append((source, text))
    assert broken == []


def _choose_english(client: Any) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/public/"})
    assert response.status_code == 302
    assert client.cookies["django_language"].value == "en"


def test_the_login_page_is_in_english_once_english_is_chosen(client: Any, db: None) -> None:
    assert "Đăng nhập" in client.get("/dang-nhap/").content.decode()
    _choose_english(client)
    response = client.get("/dang-nhap/")
    page = response.content.decode()
    assert response.status_code == 200 and response["Content-Language"] == "en"
    assert '<html lang="en">' in page
    assert "<h1>Log in</h1>" in page
    assert "National Target Program on New Rural Development" in page
    assert "Đăng nhập" not in page and "Chương trình MTQG" not in page


def test_the_public_page_is_in_english_once_english_is_chosen(client: Any, world: Any) -> None:
    assert "Kết quả xây dựng nông thôn mới" in client.get("/public/").content.decode()
    _choose_english(client)
    page = client.get("/public/").content.decode()
    assert "<h1>New Rural Development results</h1>" in page
    assert "List of recognised communes" in page
    assert "<th>All criteria met (on the data)</th>" in page
    assert "<th>Average criteria per commune</th>" in page
    assert "Tỉnh Thử Nghiệm" in page  # data stays as entered
    for vietnamese in ("Kết quả xây dựng", "Danh sách xã", "Đạt đủ tiêu chí", "Số xã"):
        assert vietnamese not in page


def test_the_recognition_queue_is_in_english_once_english_is_chosen(
    client: Any, world: Any
) -> None:
    world.login(client, "reviewer")
    _choose_english(client)
    page = client.get("/cong-nhan/hang-cho/").content.decode()
    assert "<h1>Dossiers awaiting review</h1>" in page
    assert "<th>Tier</th>" in page and "<th>Criteria to review</th>" in page
    assert "No dossiers awaiting review." in page
    assert "Hồ sơ chờ thẩm tra" not in page
