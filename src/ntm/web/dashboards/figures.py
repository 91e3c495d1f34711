"""The dashboard's figures, judged and rendered once per state of the data they come from.

The fragment (cards, tables, chart data) is kept in the read model's cache
(``ntm.web.readmodel.cache``) under a key made of everything it is computed from, so it can
never be served for data that changed:

- the periods shown (id, year, regime, province, criteria set and its content hash),
- the communes the user may read, filtered (every field of every unit: an edit in the admin
  changes the key), and the plan targets (their values),
- the filters, the query string (links in the tables carry it) and the language,
- the **data version** of those periods (``readmodel.versions.period_versions``), which the
  database's triggers move on every insert, update or delete of an assessment, a value or a
  status, whatever wrote it (form, API, import, admin, shell, a raw ``.update()``).

The versions are read **before** the values and statuses a miss judges, so what is stored
under a key is never older than that key. Within a process one request computes a missing
fragment while the others asking for the same key wait for it (no stampede after each save).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import translation

from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Period
from ntm.web.assessments.selectors import period_communes
from ntm.web.dashboards.carryover import baseline_versions
from ntm.web.dashboards.charts import chart_data, subtitle_for
from ntm.web.dashboards.forecast import ScopeUnits
from ntm.web.dashboards.selectors import (
    DashboardFilter,
    Groups,
    earlier_periods,
    period_groups,
    province_dashboard,
)
from ntm.web.dashboards.targets import period_targets
from ntm.web.readmodel.cache import cached as cached_value
from ntm.web.readmodel.cache import digest
from ntm.web.readmodel.inputs import group_decisions
from ntm.web.readmodel.triggers import UNITS_VERSION_ID
from ntm.web.readmodel.versions import period_versions
from ntm.web.units.models import Regime, Unit

_UNIT_FIELDS = [f.attname for f in Unit._meta.concrete_fields]  # the order Unit(*row) takes
_ID, _DISTRICT, _DISTRICT_NAME, _GROUP = (
    _UNIT_FIELDS.index(n) for n in ("id", "district_code", "district_name", "group")
)


@dataclass
class Figures:
    html: str  # the rendered fragment (already escaped)
    subtitle: str
    has_summary: bool
    district_choices: list[tuple[str, str]]
    group_choices: list[str]
    cached: bool  # served from the cache (for tests and the load test's counters)
    unit_rows: list[tuple] = field(default_factory=list)  # the readable communes, every field

    @property
    def scope_units(self) -> ScopeUnits:
        """The readable communes for the forecast, built as units only if it is judged."""
        rows = self.unit_rows
        return ScopeUnits([r[_ID] for r in rows], lambda: [Unit(*r) for r in rows])


def _choices(
    rows: list[tuple], regime: str, groups: dict[int, str]
) -> tuple[list[tuple[str, str]], list[str]]:
    """``selectors.filter_choices`` over rows: districts (before 2025 only) and groups."""
    districts: list[tuple[str, str]] = []
    if regime == Regime.OLD:
        districts = sorted({(r[_DISTRICT], r[_DISTRICT_NAME]) for r in rows if r[_DISTRICT]})
    return districts, sorted({g for g in groups.values() if g})


def _groups(rows: list[tuple], period: Period, units_version: int) -> tuple[Groups, dict[int, str]]:
    """The communes' groups in force in the period's year (``selectors.period_groups``, None
    while no decision is stored), and unit id → that group for every row."""
    found = None
    if rows and group_decisions(units_version):  # else each row's own group: no model built
        found = period_groups(period=period, units=[Unit(*r) for r in rows],
                              units_version=units_version)  # fmt: skip
    each = {r[_ID]: (r[_GROUP] or "") if found is None else found.get(r[_ID], "") for r in rows}
    return found, each


def dashboard_figures(
    *, request: HttpRequest, period: Period, scope: Scope, flt: DashboardFilter,
    periods: list[Period],
) -> Figures:  # fmt: skip
    # The readable communes as plain rows (every field): the key and the filters need no model
    # instances; a miss builds them from the same rows.
    rows = list(period_communes(period=period, scope=scope).values_list(*_UNIT_FIELDS))
    shown = [*earlier_periods(period=period, scope=scope, periods=periods), period]
    # Before any value is read (see above); the units' version tells whether groups changed.
    versions = period_versions([*(p.pk for p in shown), UNITS_VERSION_ID])
    found, group_of = _groups(rows, period, dict(versions)[UNITS_VERSION_ID])
    shown_rows = [
        (*r, group_of[r[_ID]]) for r in rows  # each row with its group in the year shown
        if (not flt.district or r[_DISTRICT] == flt.district)
        and (not flt.group or group_of[r[_ID]] == flt.group)
    ]  # fmt: skip
    districts, groups = _choices(rows, period.regime, group_of)
    title = subtitle_for(period, flt, districts)
    targets = period_targets(period=period) if not (flt.district or flt.group) else None
    query = sorted((k, v) for k, v in request.GET.lists() if k not in ("export", "table"))
    key = "ntm:dash:" + digest((
        translation.get_language(), period.pk, flt, query,
        [(p.pk, p.year, p.regime, p.province_code, p.criteria_set_id,
          p.criteria_set.content_hash) for p in shown],
        shown_rows,
        sorted((targets or {}).items()) if targets is not None else None,
        # Before any value is read (see above). Not the units' version: a commune's fields and
        # its group that year are in ``shown_rows``; another province's edit keeps this key.
        [v for v in versions if v[0] != UNITS_VERSION_ID],
        baseline_versions(period),  # 2026: the 2025 periods its derived baseline reads
    ))  # fmt: skip
    (html, has_summary), cached = cached_value(key, lambda: _render(
        request, period, scope, flt, periods, [Unit(*r) for r in rows], targets, found
    ))  # fmt: skip
    return Figures(html, title, has_summary, districts, groups, cached, rows)


def _render(
    request: HttpRequest, period: Period, scope: Scope, flt: DashboardFilter,
    periods: list[Period], all_units: list[Unit], targets: dict[int, int] | None,
    groups: Groups,
) -> tuple[str, bool]:  # fmt: skip
    board = province_dashboard(period=period, scope=scope, flt=flt, periods=periods,
                               all_units=all_units, targets=targets, groups=groups)  # fmt: skip
    context = {"board": board, "charts": chart_data(board)}
    html = render_to_string("dashboards/_figures.html", context, request=request)
    return html, board.summary is not None
