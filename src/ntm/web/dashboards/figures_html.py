"""The dashboard's figures (cards, year, criterion and district tables, chart data) as HTML,
written in Python like the commune tables (``tables.py``).

The fragment is rendered again after every save (``figures.py``); through the template language
its few tables and their ~30 links cost more than judging the communes. The HTML is what the
template gave, every text escaped, and every link keeps the page's query string with one or two
parameters changed (what ``{% querystring %}`` does).
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Any

from django.http import QueryDict
from django.utils.html import json_script
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ntm.web.dashboards.selectors import Dashboard
from ntm.web.dashboards.tables import vn_decimal1, vn_int

# The template filters: a count or percentage that may be missing (None) reads as "".
from ntm.web.dashboards.templatetags.dashboard_tags import vn_int as vn_count
from ntm.web.dashboards.templatetags.dashboard_tags import vn_percent


def query_link(query: QueryDict, **changes: Any) -> str:
    """``?…``: the page's query with ``changes`` set (None: removed), escaped for an attribute."""
    params = query.copy()
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    return escape("?" + params.urlencode())


def _row(cells: Iterable[str], attrs: str = "") -> str:
    return f"<tr{attrs}>" + "".join(cells) + "</tr>\n"


def _heads(*names: str) -> str:
    return _row(f"<th>{escape(n)}</th>" for n in names)


def _xlsx(query: QueryDict, table: str) -> str:
    href = query_link(query, export="xlsx", table=table)
    label = _("Tải Excel")
    return f' <a class="xlsx" href="{href}">{escape(label)}</a>'


def _h2(anchor: str, text: str, after: str = "") -> str:
    """A heading; ``text`` comes translated (gettext calls stay outside f-strings, where the
    message extractors find them)."""
    return f'<h2 id="{anchor}">{escape(text)}{after}</h2>\n'


def _cards(board: Dashboard, under_n: str) -> str:
    s = board.summary
    return (
        '<table class="dash-cards">'
        + _heads(_("Số xã"), _("Xã đạt đủ tiêu chí"), _("Bình quân tiêu chí/xã"), under_n)
        + f'<tr><td data-figure="total">{vn_int(board.total)}</td>'
        f'<td data-figure="recognised">{vn_int(s.recognised)}</td>'
        f'<td data-figure="avg">{vn_decimal1(s.avg_criteria)}</td>'
        f'<td data-figure="under">{vn_int(len(board.under))}</td></tr></table>\n'
    )


def _bands(board: Dashboard) -> str:
    years = [y.period.year for y in board.years]
    first = _("Số tiêu chí đạt")
    out = [
        _h2("nhom", _("Số xã theo nhóm số tiêu chí đạt, qua các năm")),
        '<div class="dash-chart" id="chart-bands" aria-hidden="true"></div>\n'
        '<table data-table="bands">\n',
        _row([f"<th>{escape(first)}</th>", *(f"<th>{y}</th>" for y in years)]),
    ]
    for label in board.band_labels:
        cells = (
            f'<td data-band="{escape(label)}" data-year="{y.period.year}">'
            f"{vn_int(y.bands.get(label, 0))}</td>"
            for y in board.years
        )
        out.append(_row([f"<td>{escape(label)}</td>", *cells]))
    return "".join(out) + "</table>\n"


def _years(board: Dashboard, query: QueryDict, under_heading: str) -> str:
    out = [
        _h2("nam", _("Bình quân tiêu chí/xã qua các năm"), _xlsx(query, "years")),
        '<div class="dash-chart" id="chart-avg" aria-hidden="true"></div>\n'
        '<table data-table="years">\n',
        _heads(
            _("Năm"), _("Số xã"), _("Xã đạt đủ tiêu chí"), _("Bình quân tiêu chí/xã"), under_heading
        ),
    ]
    for y in board.years:
        year = y.period.year
        first = (f"<strong>{year}</strong>" if y.current
                 else f'<a href="{query_link(query, period=y.period.pk)}">{year}</a>')  # fmt: skip
        out.append(_row(
            [f"<td>{first}</td>", f"<td>{vn_int(y.total)}</td>", f"<td>{vn_int(y.recognised)}</td>",
             f'<td class="avg">{vn_decimal1(y.avg)}</td>', f"<td>{vn_int(y.under)}</td>"],
            f' data-year="{year}"',
        ))  # fmt: skip
    return "".join(out) + "</table>\n"


def _criteria(board: Dashboard, query: QueryDict) -> str:
    known = board.targets_known
    out = [_h2("tieu-chi", _("Số xã đạt từng tiêu chí"), _xlsx(query, "criteria"))]
    if not known:
        note = _("Chưa có chỉ tiêu kế hoạch trong hệ thống cho kỳ và bộ lọc này: bảng chỉ nêu số "
                 "xã đạt, chưa so với chỉ tiêu.")  # fmt: skip
        out.append(f'<p class="dash-note">{escape(note)}</p>\n')
    heads = [_("Tiêu chí"), _("Tên"), _("Số xã đạt"), _("Tỷ lệ")]
    heads += [_("Chỉ tiêu"), _("So với chỉ tiêu")] if known else []
    out += ['<div class="dash-chart" id="chart-criteria" aria-hidden="true"></div>\n'
            '<table data-table="criteria">\n', _heads(*heads)]  # fmt: skip
    for c in board.criteria:
        cells = [f"<td>{c.number}</td>", f"<td>{escape(c.name)}</td>"]
        cells += [f'<td class="met">{vn_int(c.met)}</td>', f"<td>{vn_percent(c.share)}</td>"]
        if known:
            cells += [f"<td>{vn_count(c.target)}</td>", f"<td>{vn_percent(c.pct_of_target)}</td>"]
        out.append(_row(cells, f' data-criterion="{c.number}"'))
    return "".join(out) + "</table>\n"


def _districts(board: Dashboard, query: QueryDict, under_heading: str) -> str:
    if not board.districts:
        return ""
    out = [
        _h2("huyen", _("Theo huyện"), _xlsx(query, "districts")),
        '<table data-table="districts">\n',
        _heads(
            _("Huyện"),
            _("Số xã"),
            _("Xã đạt đủ tiêu chí"),
            _("Bình quân tiêu chí/xã"),
            under_heading,
        ),
    ]
    for d in board.districts:
        link = f'<a href="{query_link(query, district=d.code)}">{escape(d.name)}</a>'
        out.append(_row([f"<td>{link}</td>", f"<td>{vn_int(d.total)}</td>",
                         f"<td>{vn_int(d.recognised)}</td>", f"<td>{vn_decimal1(d.avg)}</td>",
                         f"<td>{vn_int(d.under)}</td>"]))  # fmt: skip
    return "".join(out) + "</table>\n"


def _commune_tables(board: Dashboard, query: QueryDict, tables: dict[str, str]) -> str:
    under = _("Xã đạt dưới %(n)s tiêu chí") % {"n": board.lagging}
    sorts = [("-met", _("nhiều tiêu chí đạt trước")), ("met", _("ít tiêu chí đạt trước")),
             ("name", _("theo tên"))]  # fmt: skip
    sort_links = " · ".join(
        f'<a href="{query_link(query, sort=v)}#xa">{escape(label)}</a>' for v, label in sorts
    )
    sort_label = _("Sắp xếp")
    return (
        _h2("gan-dat", _("Xã gần đạt chuẩn (còn thiếu 1 hoặc 2 tiêu chí)"), _xlsx(query, "closest"))
        + f"{tables['closest']}\n"
        + _h2("duoi-10", under, _xlsx(query, "under"))
        + f"{tables['under']}\n"
        + _h2("xa", _("Các xã theo số tiêu chí đạt"), _xlsx(query, "communes"))
        + f"<p>{escape(sort_label)}: {sort_links}</p>\n{tables['communes']}\n"
    )


def figures_html(
    board: Dashboard, charts: dict[str, Any], tables: dict[str, str], query: QueryDict
) -> SafeString:
    """The fragment for ``board``; ``query`` is the page's query string (links keep it)."""
    if not board.summary:
        empty = escape(_("Không có xã nào trong phạm vi và bộ lọc đã chọn."))
        return mark_safe(f"<p>{empty}</p>\n" + json_script(charts, "dash-charts"))
    under_n = _("Xã dưới %(n)s tiêu chí") % {"n": board.lagging}
    under_heading = _("Dưới %(n)s tiêu chí") % {"n": board.lagging}
    return mark_safe("".join([
        _cards(board, under_n), _bands(board), _years(board, query, under_heading),
        _criteria(board, query), _districts(board, query, under_heading),
        _commune_tables(board, query, tables), json_script(charts, "dash-charts"),
    ]))  # fmt: skip
