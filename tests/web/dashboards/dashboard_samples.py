"""Helpers of the dashboard tests: small generated GeoJSON files and reading figures from HTML.

The figures are read from the page as people see it (data-* attributes only mark the cells), so
a test compares the Vietnamese text: ``14,8``, not 14.8.
"""

from __future__ import annotations

import html
import json
import re
from typing import Any


def square(x: float, y: float = 106.0) -> dict[str, Any]:
    """A small square polygon near Vietnam, [lon, lat] as GeoJSON wants."""
    ring = [[y + x, 14.0], [y + x + 0.1, 14.0], [y + x + 0.1, 14.1], [y + x, 14.1], [y + x, 14.0]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(code: object, prop: str = "ma_xa", x: float = 0.0) -> dict[str, Any]:
    return {"type": "Feature", "properties": {prop: code, "ten": "xã"}, "geometry": square(x)}


def collection(*features: dict[str, Any]) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


def figure(page: str, name: str) -> str:
    return _one(page, rf'data-figure="{name}">([^<]*)<')


def band(page: str, label: str, year: int) -> str:
    return _one(page, rf'data-band="{re.escape(html.escape(label))}" data-year="{year}">([^<]*)<')


def criterion_met(page: str, number: int) -> str:
    return _one(page, rf'<tr data-criterion="{number}">.*?<td class="met">([^<]*)<')


def table(page: str, key: str) -> str:
    return _one(page, rf'<table data-table="{key}">(.*?)</table>')


def commune_rows(page: str, key: str) -> list[tuple[str, str, str, str]]:
    """(code, name, criteria met, missing criteria text) of each row of a commune table."""
    rows = re.findall(
        r'<tr data-commune="(\d+)"><td>\d+</td><td><a [^>]*>([^<]*)</a>.*?'
        r'<td class="met">([^<]*)</td>\s*<td class="missing">(.*?)</td></tr>',
        table(page, key),
        flags=re.S,
    )
    return [
        (c, html.unescape(n), m, html.unescape(re.sub(r"<[^>]+>", "", x))) for c, n, m, x in rows
    ]


def _one(page: str, pattern: str) -> str:
    found = re.search(pattern, page, flags=re.S)
    assert found, f"not on the page: {pattern}"
    return html.unescape(found.group(1)).strip()
