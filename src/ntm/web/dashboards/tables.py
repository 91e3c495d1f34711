"""The commune tables of the dashboard, written in Python rather than in the template language.

A province's table has a row per commune and a span per criterion not met (85 × up to 19 for Kon
Tum, three tables): through template tags that was most of a dashboard request's time. The HTML
is the same a template would give, every text escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape  # the standard library's: much faster than Django's on plain str

from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ntm.domain.rollup import round_half_up
from ntm.web.dashboards.selectors import CommuneRow


def vn_int(n: int) -> str:
    """``1847`` → ``1.847``: what ``ntm.formatting.number`` gives for a whole number, faster."""
    return f"{int(n):,}".replace(",", ".")


def vn_decimal1(x: float) -> str:
    """``14.75`` → ``14,8`` (half up): ``ntm.formatting.decimal1`` for an average, faster."""
    text = f"{round_half_up(x, 1):,.1f}"
    return text.replace(",", " ").replace(".", ",").replace(" ", ".")


def commune_table(rows: Iterable[CommuneRow], key: str) -> SafeString:
    rows = list(rows)
    if not rows:
        return mark_safe(f"<p>{escape(_('Không có xã nào.'))}</p>")
    history = reverse("commune-history", args=[0]).replace("/0/", "/{}/")
    spans: dict[int, str] = {}  # a criterion's span, escaped once per table
    recognised = f' <span class="st-met">{escape(_("đạt đủ tiêu chí"))}</span>'
    # Districts ended with the 2025 merger: a province's communes since then have none to show.
    with_district = any(r.unit.district_name for r in rows)
    heads = [_("Mã"), _("Xã"), _("Huyện"), _("Số tiêu chí đạt"), _("Tiêu chí chưa đạt")]
    if not with_district:
        heads.remove(_("Huyện"))
    out = [f'<table data-table="{escape(key)}">\n  <tr>']
    out += [f"<th>{escape(h)}</th>" for h in heads]
    out.append("</tr>\n")
    for r in rows:
        u = r.unit
        for n, name in r.missing:
            if n not in spans:
                spans[n] = f'<span title="{escape(name)}">{n}. {escape(name)}</span>'
        missing = "; ".join(spans[n] for n, _name in r.missing)
        district = f"<td>{escape(u.district_name or '—')}</td>" if with_district else ""
        out.append(
            f'  <tr data-commune="{escape(u.code)}"><td>{escape(u.code)}</td>'
            f'<td><a href="{history.format(u.pk)}">{escape(u.name)}</a>'
            f"{recognised if r.recognised else ''}</td>\n"
            f'      {district}<td class="met">{vn_int(r.met)}</td>\n'
            f'      <td class="missing">{missing}</td></tr>\n'
        )
    out.append("</table>")
    return mark_safe("".join(out))
