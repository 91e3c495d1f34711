"""The commune page's table, rendered once per criteria sheet and filled in per commune.

The table (≈ 130 inputs, a row per indicator with its name, threshold, audit link and status)
was most of the commune page's CPU, and every commune page of the benchmark's cycle follows a
save of that commune, so a cache keyed by the assessment's version would never be hit. What
is the same for every commune of a period — names, thresholds, links, the translated labels —
is rendered through the template once, with a numbered token where each commune's own parts
go (its statuses, its inputs with their values); a request renders only those parts and joins.
The key is the static content itself (the period, each row's code, name, unit, kind, compare
and threshold, and the language): a changed set or threshold is a new key, never stale.
A bound form (errors beside their fields) is rendered in full, as before.
``tests/web/assessments/test_commune_table.py`` holds both paths byte-equal.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from ntm.web.readmodel.cache import cached, digest

TEMPLATE = "assessments/_commune_table.html"
MARK = "\x00"  # never in a name, a threshold or a translation; the template leaves it as is
CRITERION_PARTS = ("css", "status_vi", "field")
INDICATOR_PARTS = ("css", "status_vi", "field", "comment")


def commune_table(
    request: HttpRequest, *, period: Any, sheet: list[dict[str, Any]], bound: bool
) -> SafeString:
    if bound:
        return _full(request, period, sheet)
    shaped, parts = _tokens(sheet)
    key = "ntm:commune-table:" + digest((get_language(), period.pk, _static(sheet)))
    skeleton, _kept = cached(key, lambda: _skeleton(request, period, shaped))
    if len(skeleton) != 2 * len(parts) + 1:  # a MARK in a name would misplace every part
        return _full(request, period, sheet)
    out = list(skeleton)
    for i in range(1, len(out), 2):  # the odd pieces are the tokens' numbers
        out[i] = parts[int(out[i])]
    return mark_safe("".join(out))


def _full(request: HttpRequest, period: Any, sheet: list[dict[str, Any]]) -> SafeString:
    return mark_safe(render_to_string(TEMPLATE, {"period": period, "sheet": sheet}, request))


def _skeleton(request: HttpRequest, period: Any, shaped: list[dict[str, Any]]) -> list[str]:
    return render_to_string(TEMPLATE, {"period": period, "sheet": shaped}, request).split(MARK)


def _static(sheet: list[dict[str, Any]]) -> tuple[Any, ...]:
    """Everything the table shows that is not a commune's own: what the key is made of."""
    return tuple(
        (c["row"].number, c["row"].name, tuple(
            (i["row"].code, i["row"].name, i["row"].unit, i["row"].kind, i["row"].compare,
             repr(i["row"].threshold)) for i in c["indicators"]))
        for c in sheet
    )  # fmt: skip


def _tokens(sheet: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[str]]:
    """The sheet with a numbered token in place of each commune's own part, and those parts
    (escaped as the template would) in the tokens' order."""
    parts: list[str] = []

    def token(value: Any) -> SafeString:
        parts.append(str(conditional_escape(value)))
        return mark_safe(f"{MARK}{len(parts) - 1}{MARK}")

    shaped = []
    for c in sheet:
        indicators = [
            {**i, **{k: token(i[k]) for k in INDICATOR_PARTS}, "errors": ()}
            for i in c["indicators"]
        ]
        shaped.append({**c, **{k: token(c[k]) for k in CRITERION_PARTS}, "indicators": indicators})
    return shaped, parts
