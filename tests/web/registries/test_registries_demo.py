"""The demonstration fills Kon Tum's registries: the office of Kon Tum sees products, models and
villages on the registry pages and the block on its dashboard."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User

from ntm.web.demo import demo_load


def test_the_demo_shows_kon_tum_registries_to_its_office(client: Any, db: None) -> None:
    assert demo_load(say=lambda _text: None)
    client.force_login(User.objects.get(username="kontum"))
    ocop = client.get("/so-theo-doi/ocop/").content.decode()
    assert "Sâm dây" in ocop and 'data-code="KT-003" data-stars="4"' in ocop
    assert "Dân vận khéo" in client.get("/so-theo-doi/mo-hinh/").content.decode()
    assert "Làng Kon Jơ Ri" in client.get("/so-theo-doi/thon/").content.decode()
    summary = client.get("/so-theo-doi/").content.decode()
    assert summary.count('class="commune"') >= 3
    assert 'id="registries-block"' in client.get("/tong-hop/").content.decode()
