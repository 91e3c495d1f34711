"""The office's map of its communes: checking an uploaded GeoJSON, storing it, colouring it.

A map file is checked whole before anything is stored, and every problem is reported at once in
Vietnamese (the size, the JSON itself, the FeatureCollection, each feature by its number, codes
the province does not have). The codes are GSO commune codes; a number ``23311`` or a text
``"23311"`` both name the commune, and short codes are zero-padded to the width of the codes
the province uses.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from ntm.web.accounts.scope import Scope
from ntm.web.assessments.models import Period
from ntm.web.dashboards.models import CommuneMap
from ntm.web.units.models import Unit

MAP_MAX_BYTES = 5 * 1024 * 1024
_GEOMETRIES = {"Polygon", "MultiPolygon"}
_MAX_LISTED = 10  # unknown codes named in one message; the rest are counted


class MapFileInvalid(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class CheckedMap:
    features: list[dict[str, Any]]  # [{"code": ..., "geometry": ...}]
    missing: list[str]  # codes of the province with no polygon in the file


def _code(raw: object, width: int) -> str | None:
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    if not text:
        return None
    return text.zfill(width) if text.isdigit() else text


def _parse(content: bytes, filename: str) -> object:
    try:
        return json.loads(content.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise MapFileInvalid(
            [_("Tệp %(f)s: không đọc được dưới dạng văn bản UTF-8.") % {"f": filename}]
        ) from None
    except json.JSONDecodeError as exc:
        raise MapFileInvalid(
            [
                _("Tệp %(f)s: không phải JSON hợp lệ (dòng %(line)d, cột %(col)d).")
                % {"f": filename, "line": exc.lineno, "col": exc.colno}
            ]
        ) from None


def map_file_check(
    *, content: bytes, filename: str, code_property: str, known_codes: set[str],
    max_bytes: int = MAP_MAX_BYTES,
) -> CheckedMap:  # fmt: skip
    """The features of a GeoJSON FeatureCollection, each with a known commune code, or every
    problem of the file at once (``MapFileInvalid``)."""
    if len(content) > max_bytes:
        raise MapFileInvalid([
            _("Tệp %(f)s quá lớn: %(size)s MB, tối đa %(max)s MB.")
            % {"f": filename, "size": f"{len(content) / 2**20:.1f}".replace(".", ","),
               "max": f"{max_bytes / 2**20:.0f}"}
        ])  # fmt: skip
    doc = _parse(content, filename)
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        raise MapFileInvalid(
            [_("Tệp %(f)s: cần một GeoJSON kiểu FeatureCollection.") % {"f": filename}]
        )
    features = doc.get("features")
    if not isinstance(features, list) or not features:
        raise MapFileInvalid([_("Tệp %(f)s: không có vùng nào (features).") % {"f": filename}])
    width = max((len(c) for c in known_codes), default=5)
    problems: list[str] = []
    unknown: list[str] = []
    seen: dict[str, int] = {}
    kept = []
    for number, feature in enumerate(features, start=1):
        where = _("Tệp %(f)s, vùng thứ %(n)d") % {"f": filename, "n": number}
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            problems.append(_("%(where)s: không phải một Feature.") % {"where": where})
            continue
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or geometry.get("type") not in _GEOMETRIES:
            problems.append(_("%(where)s: cần hình Polygon hoặc MultiPolygon.") % {"where": where})
        elif not isinstance(geometry.get("coordinates"), list):
            problems.append(_("%(where)s: thiếu tọa độ (coordinates).") % {"where": where})
        props = feature.get("properties")
        raw = props.get(code_property) if isinstance(props, dict) else None
        code = _code(raw, width)
        if code is None:
            problems.append(
                _("%(where)s: thiếu thuộc tính «%(p)s» (mã xã).")
                % {"where": where, "p": code_property}
            )
            continue
        if code not in known_codes:
            unknown.append(code)
            continue
        if code in seen:
            problems.append(
                _("%(where)s: mã xã %(code)s đã có ở vùng thứ %(first)d.")
                % {"where": where, "code": code, "first": seen[code]}
            )
            continue
        seen[code] = number
        kept.append({"code": code, "geometry": geometry})
    if unknown:
        listed = ", ".join(unknown[:_MAX_LISTED])
        more = len(unknown) - _MAX_LISTED
        text = _("Tệp %(f)s: %(n)d mã xã không có trong tỉnh: %(codes)s") % {
            "f": filename, "n": len(unknown), "codes": listed}  # fmt: skip
        if more > 0:
            text += " " + _("(và %(more)d mã khác)") % {"more": more}
        problems.append(text + ".")
    if problems:
        raise MapFileInvalid(problems)
    return CheckedMap(kept, sorted(known_codes - set(seen)))


def commune_map_save(
    *, scope: Scope, period: Period, user: User | AnonymousUser, checked: CheckedMap,
    filename: str, code_property: str,
) -> CommuneMap:  # fmt: skip
    """Store (or replace) the province's map. Only the office of the province may do it."""
    if not scope.can_manage_period(period):
        raise PermissionDenied
    with transaction.atomic():
        stored, _created = CommuneMap.objects.update_or_create(
            regime=period.regime, province_code=period.province_code,
            defaults={
                "code_property": code_property, "filename": filename[:200],
                "features": checked.features, "feature_count": len(checked.features),
                "uploaded_by": user if isinstance(user, User) and user.pk else None,
            },
        )  # fmt: skip
    return stored


def province_commune_codes(*, period: Period) -> set[str]:
    """The GSO codes a map of this period's province may name."""
    rows = Unit.objects.filter(
        regime=period.regime, province_code=period.province_code, level="commune"
    )
    return set(rows.values_list("code", flat=True))


def commune_map_get(*, period: Period, features: bool = False) -> CommuneMap | None:
    """The province's map; its polygons (megabytes for a real province) only when asked for."""
    rows = CommuneMap.objects.filter(regime=period.regime, province_code=period.province_code)
    return (rows if features else rows.defer("features")).first()


# Fill colours: bands from the most criteria met to the fewest; recognised or not; no data.
BAND_COLOURS = ["#166534", "#65a30d", "#facc15", "#f97316", "#b91c1c", "#7f1d1d"]
RECOGNISED_COLOURS = {True: "#166534", False: "#f97316"}
NO_DATA = "#d1d5db"


def choropleth(
    *, stored: CommuneMap, rows: list[Any], band_labels: list[str], mode: str
) -> dict[str, Any]:
    """The stored polygons with each commune's figures and fill colour, as GeoJSON.

    ``rows`` are the dashboard's commune rows (the user's scope and filters): a polygon of a
    commune outside them is not sent at all, so the map never shows what the table would not.
    """
    by_code = {r.unit.code: r for r in rows}
    features = []
    for f in stored.features:
        row = by_code.get(f["code"])
        if row is None:
            continue
        if mode == "recognition":
            colour = RECOGNISED_COLOURS[row.recognised]
            label = _("Đạt đủ tiêu chí") if row.recognised else _("Chưa đạt đủ tiêu chí")
        else:
            label = _("%(band)s tiêu chí") % {"band": row.band}
            index = band_labels.index(row.band) if row.band in band_labels else -1
            colour = BAND_COLOURS[min(index, len(BAND_COLOURS) - 1)] if index >= 0 else NO_DATA
        features.append({
            "type": "Feature",
            "geometry": f["geometry"],
            "properties": {
                "code": row.unit.code, "name": row.unit.name, "met": row.met,
                "band": row.band, "recognised": row.recognised, "fill": colour,
                "label": label,
                "tooltip": _("%(name)s (%(code)s): đạt %(met)d tiêu chí")
                % {"name": row.unit.name, "code": row.unit.code, "met": row.met},
            },
        })  # fmt: skip
    if mode == "recognition":
        legend = [(RECOGNISED_COLOURS[True], _("Đạt đủ tiêu chí")),
                  (RECOGNISED_COLOURS[False], _("Chưa đạt đủ tiêu chí"))]  # fmt: skip
    else:
        legend = [
            (BAND_COLOURS[min(i, len(BAND_COLOURS) - 1)], _("%(band)s tiêu chí") % {"band": b})
            for i, b in enumerate(band_labels)
        ]
    return {"type": "FeatureCollection", "features": features, "legend": legend}
