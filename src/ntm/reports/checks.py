"""The "Kiểm tra số liệu" section: inconsistencies found in the inputs, each with its place.

These do not stop a report (the data can still be read); they are listed in the report and the
JSON so that the office corrects them before the figures go out. Problems that make a file
unreadable are ImportFailed errors instead, raised by the readers.
"""

from __future__ import annotations

from collections import Counter

import numpy as np

from ntm.domain.plans import COUNT_MEASURES, MEASURES, Target
from ntm.reports.content import ReportData, Scope, scope_rows
from ntm.reports.figures import Check, ReportFigures

NO_PROBLEM = "Không phát hiện sai lệch"


def collect_checks(data: ReportData, fig: ReportFigures) -> list[Check]:
    checks = list(fig.funding_checks)
    checks += _units(data)
    checks += _targets(data, fig)
    checks += _unknown(data)
    checks += _baseline_units(data)
    return checks


def _units(data: ReportData) -> list[Check]:
    ev = data.evaluation
    rows = scope_rows(ev, data.scope).tolist()
    out = []
    codes = Counter(ev.units[r].code for r in rows)
    for code, n in sorted(codes.items()):
        if n > 1:
            out.append(Check("unit_twice", "danh sách xã", f"mã xã {code} xuất hiện {n} lần"))
    named = Counter((ev.units[r].district_code, ev.units[r].name) for r in rows)
    for (district, name), n in sorted(named.items(), key=lambda kv: (kv[0][0] or "", kv[0][1])):
        if n > 1:
            where = next(
                (ev.units[r].district_name for r in rows if ev.units[r].district_code == district),
                None,
            )
            suffix = f" ({where})" if where else ""
            out.append(
                Check(
                    "unit_twice",
                    "danh sách xã",
                    f"«{name}»{suffix} được liệt kê {n} lần với các mã khác nhau",
                )
            )
    return out


def _targets(data: ReportData, fig: ReportFigures) -> list[Check]:
    ev, scope = data.evaluation, data.scope
    # Communes per scope code the targets may name: the report's scope and its districts.
    sizes: dict[str, int] = {scope.code: fig.communes_total}
    names: dict[str, str] = {scope.code: scope.name}
    for d in fig.districts:
        sizes[d.code] = d.communes
        names[d.code] = d.name
    province_units = {u.district_code for u in ev.units if u.province_code == scope.province_code}
    out = []
    for t in data.targets:
        out += _target_criterion(t, ev.cset.code, set(ev.cset.criterion_numbers))
        out += _target_scope(t, scope, sizes, names, province_units)
    return out


def _target_criterion(t: Target, cset: str, numbers: set[int]) -> list[Check]:
    """A target naming a criterion the set does not have."""
    place = f"tệp chỉ tiêu, dòng {t.row}"
    out: list[Check] = []
    if t.criterion is None:
        return out
    if t.measure == "communes_meeting_criterion" and t.criterion not in numbers:
        out.append(
            Check(
                "target_unknown_criterion",
                place,
                f"chỉ tiêu cho tiêu chí số {t.criterion}, nhưng bộ tiêu chí {cset} "
                f"chỉ có {len(numbers)} tiêu chí",
            )
        )
    if t.measure == "max_communes_under" and t.criterion > len(numbers):
        out.append(
            Check(
                "target_unknown_criterion",
                place,
                f"«dưới {t.criterion} tiêu chí» vượt số tiêu chí của bộ ({len(numbers)})",
            )
        )
    return out


def _target_scope(
    t: Target,
    scope: Scope,
    sizes: dict[str, int],
    names: dict[str, str],
    province_units: set[str | None],
) -> list[Check]:
    """A target for a place outside the data, or for more communes than the place has."""
    place = f"tệp chỉ tiêu, dòng {t.row}"
    out = []
    if t.scope_code not in sizes and t.scope_code not in province_units | {scope.province_code}:
        out.append(
            Check(
                "target_scope", place, f"mã địa bàn {t.scope_code} không có trong danh sách đơn vị"
            )
        )
    size = sizes.get(t.scope_code)
    if size is not None and t.measure in COUNT_MEASURES and t.value > size:
        out.append(
            Check(
                "target_exceeds_communes",
                place,
                f"{MEASURES[t.measure].lower()} năm {t.year} là {t.value:g} xã, vượt số xã của "
                f"{names[t.scope_code]} ({size} xã)",
            )
        )
    return out


def _unknown(data: ReportData) -> list[Check]:
    ev = data.evaluation
    rows = scope_rows(ev, data.scope)
    status = ev.criterion_status[rows]
    missing_rows = rows[(status < 0).any(axis=1)] if len(rows) else np.array([], dtype=np.intp)
    out = []
    for r in missing_rows.tolist()[:50]:
        u = ev.units[r]
        cols = np.flatnonzero(ev.criterion_status[r] < 0)
        crit = ", ".join(str(ev.cset.criterion_numbers[c]) for c in cols)
        out.append(
            Check(
                "status_unknown",
                f"{u.name} ({u.code})",
                f"chưa xác định được tiêu chí số {crit} (thiếu số liệu hoặc chưa có ngưỡng): "
                "không được tính là đạt",
            )
        )
    if len(missing_rows) > 50:
        out.append(Check("status_unknown", "dữ liệu", f"và {len(missing_rows) - 50} xã khác"))
    return out


def _baseline_units(data: ReportData) -> list[Check]:
    base = data.baseline
    if base is None:
        return []
    now = {data.evaluation.units[r].code for r in scope_rows(data.evaluation, data.scope).tolist()}
    then = {base.units[r].code for r in scope_rows(base, data.scope).tolist()}
    out = []
    if then - now:
        out.append(
            Check(
                "baseline_units",
                f"dữ liệu năm {base.year}",
                f"{len(then - now)} xã không có trong dữ liệu năm {data.evaluation.year}: "
                + ", ".join(sorted(then - now)[:20]),
            )
        )
    if now - then:
        out.append(
            Check(
                "baseline_units",
                f"dữ liệu năm {data.evaluation.year}",
                f"{len(now - then)} xã không có trong dữ liệu năm {base.year}: "
                + ", ".join(sorted(now - then)[:20]),
            )
        )
    return out
