"""Merging a variant set file (``parent: CODE``) over its parent, on the plain file data.

A province's variant lists only what differs from the national set. Merging happens on the
mappings read from YAML, before validation, so that the result is checked as one whole set and
every error names a field of the merged set. The rules (also in docs/criteria-format.md):

- ``code`` and ``parent`` are the child's; any other top-level key the child gives replaces the
  parent's, except ``variants`` and ``tier_rule``, merged key by key (``variants.names`` and
  ``variants.by_flag`` entry by entry), and ``criteria``, merged by criterion number.
- A criterion with a number the parent has: each key given replaces the parent's, except
  ``indicators``, merged by indicator code. A new number is added; criteria end up sorted by
  number.
- An indicator with a code the parent has: each key given replaces the parent's, except
  ``thresholds``, merged by year key: a year key the parent has is merged (variant by variant
  when both give a mapping of variants; ``source`` and ``general`` replaced when given); a new
  year key is added after the parent's, and wins where its years overlap theirs (the engine
  takes the last rule covering a year). ``thresholds: null`` drops the parent's levels.
- Nothing can be removed from the parent except by replacing it.
"""

from __future__ import annotations

import copy
from typing import Any

from ntm.domain.criteria import parse_year_key

_MERGED_MAPPINGS = {"variants", "tier_rule"}


def merge_set_data(parent: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """The child's data laid over the parent's; neither argument is modified."""
    out = copy.deepcopy(parent)
    out.pop("code", None)  # a variant is a set of its own: it must name itself
    period = _period(child.get("period", parent.get("period")))
    for key, value in child.items():
        if key == "criteria":
            out["criteria"] = _merge_criteria(out.get("criteria"), value, period)
        elif key in _MERGED_MAPPINGS and isinstance(value, dict):
            out[key] = _merge_mapping(out.get(key), value, nested={"names", "by_flag"})
        else:
            out[key] = copy.deepcopy(value)
    if "parent" not in child:
        out.pop("parent", None)
    return out


def _period(raw: Any) -> tuple[int, int] | None:
    if isinstance(raw, list | tuple) and len(raw) == 2 and all(isinstance(y, int) for y in raw):
        return int(raw[0]), int(raw[1])
    return None


def _year_key(key: Any, period: tuple[int, int] | None) -> str:
    """'all', 2020 and '2016 - 2020' name the same years as '2016-2020' when the period says so."""
    if period is None:
        return _norm(key)
    try:
        start, end = parse_year_key(key, period)
    except ValueError:
        return _norm(key)  # left as written: validation reports it with its field
    return str(start) if start == end else f"{start}-{end}"


def _merge_mapping(base: Any, over: dict[str, Any], nested: set[str]) -> dict[str, Any]:
    result = dict(base) if isinstance(base, dict) else {}
    for key, value in over.items():
        if key in nested and isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = {**result[key], **copy.deepcopy(value)}
        else:
            result[key] = copy.deepcopy(value)
    return result


def _merge_keyed(base: Any, over: Any, key: str, merge_item: Any) -> list[Any] | Any:
    """Merge two lists of mappings by ``key``; anything not a list of mappings is replaced."""
    if not isinstance(base, list) or not isinstance(over, list):
        return copy.deepcopy(over)
    result = [copy.deepcopy(item) for item in base]
    index = {
        _norm(item.get(key)): i
        for i, item in enumerate(result)
        if isinstance(item, dict) and key in item
    }
    for item in over:
        if isinstance(item, dict) and _norm(item.get(key)) in index:
            i = index[_norm(item.get(key))]
            result[i] = merge_item(result[i], item)
        else:
            result.append(copy.deepcopy(item))
    return result


def _norm(value: Any) -> str:
    return str(value).strip()


def _merge_criteria(base: Any, over: Any, period: tuple[int, int] | None) -> Any:
    def merge_criterion(b: dict[str, Any], o: dict[str, Any]) -> dict[str, Any]:
        return _merge_criterion(b, o, period)

    merged = _merge_keyed(base, over, "number", merge_criterion)
    if isinstance(merged, list) and all(
        isinstance(c, dict) and isinstance(c.get("number"), int) for c in merged
    ):
        merged.sort(key=lambda c: c["number"])
    return merged


def _merge_criterion(
    base: dict[str, Any], over: dict[str, Any], period: tuple[int, int] | None
) -> dict[str, Any]:
    def merge_indicator(b: dict[str, Any], o: dict[str, Any]) -> dict[str, Any]:
        return _merge_indicator(b, o, period)

    result = dict(base)
    for key, value in over.items():
        if key == "indicators":
            result[key] = _merge_keyed(base.get(key), value, "code", merge_indicator)
        else:
            result[key] = copy.deepcopy(value)
    return result


def _merge_indicator(
    base: dict[str, Any], over: dict[str, Any], period: tuple[int, int] | None
) -> dict[str, Any]:
    result = dict(base)
    for key, value in over.items():
        if key == "thresholds":
            result[key] = _merge_thresholds(base.get(key), value, period)
        else:
            result[key] = copy.deepcopy(value)
    return result


def _is_by_year(raw: Any) -> bool:
    """A thresholds mapping keyed by years (not one level for the whole period)."""
    return isinstance(raw, dict) and not ({"values", "source"} & set(raw))


def _merge_thresholds(base: Any, over: Any, period: tuple[int, int] | None) -> Any:
    if over is None or not _is_by_year(base) or not _is_by_year(over):
        return copy.deepcopy(over)
    result = {_year_key(k, period): copy.deepcopy(v) for k, v in base.items()}
    for key, entry in over.items():
        key = _year_key(key, period)
        result[key] = _merge_rule(result[key], entry) if key in result else copy.deepcopy(entry)
    return result


def _rule_parts(entry: Any) -> dict[str, Any]:
    if isinstance(entry, dict) and "values" in entry:
        return dict(entry)
    return {"values": entry}


def _merge_rule(base: Any, over: Any) -> Any:
    b, o = _rule_parts(base), _rule_parts(over)
    values = o["values"]
    if isinstance(b["values"], dict) and isinstance(values, dict):
        values = {**b["values"], **values}
    merged = {**b, **o, "values": copy.deepcopy(values)}
    return merged if set(merged) != {"values"} else merged["values"]
