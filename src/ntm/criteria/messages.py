"""Vietnamese wording for what is wrong in a set file, and where.

Pydantic speaks English; the people who fix set files read Vietnamese. The common errors are
translated here; the rare ones keep pydantic's text after a Vietnamese lead-in. Field paths name
criteria by number and indicators by code (``criteria[số 10].indicators[10.1].kind``) rather than
by position, because positions change when a variant file is merged over its parent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

_TYPE_NAMES = {
    "string_type": "phải là chuỗi văn bản",
    "int_type": "phải là số nguyên",
    "int_parsing": "phải là số nguyên",
    "int_from_float": "phải là số nguyên (không có phần thập phân)",
    "float_type": "phải là số",
    "float_parsing": "phải là số",
    "bool_type": "phải là true/false (có/không)",
    "bool_parsing": "phải là true/false (có/không)",
    "list_type": "phải là một danh sách",
    "tuple_type": "phải là một danh sách",
    "dict_type": "phải là một ánh xạ (khóa: giá trị)",
    "model_type": "phải là một ánh xạ (khóa: giá trị)",
    "model_attributes_type": "phải là một ánh xạ (khóa: giá trị)",
}


def field_path(loc: tuple[Any, ...] | list[Any], data: Any) -> str:
    """``('criteria', 3, 'indicators', 0, 'kind')`` → ``criteria[số 10].indicators[10.1].kind``."""
    parts: list[str] = []
    node = data
    previous: Any = None
    for item in loc:
        if isinstance(item, int) and isinstance(node, list):
            entry = node[item] if 0 <= item < len(node) else None
            label = str(item)
            if isinstance(entry, dict):
                if previous == "criteria" and entry.get("number") is not None:
                    label = f"số {entry['number']}"
                elif previous == "indicators" and entry.get("code") is not None:
                    label = str(entry["code"])
            parts[-1:] = [f"{parts[-1]}[{label}]"] if parts else [f"[{label}]"]
            node = entry
        else:
            parts.append(str(item))
            node = node.get(item) if isinstance(node, dict) else None
        previous = item
    return ".".join(parts)


def vietnamese_message(error: Mapping[str, Any]) -> str:
    """One pydantic error as a Vietnamese sentence."""
    kind = error.get("type", "")
    given = error.get("input")
    ctx = error.get("ctx") or {}
    if kind == "missing":
        return "thiếu trường bắt buộc"
    if kind == "extra_forbidden":
        return "trường không có trong định dạng bộ tiêu chí (sai tên trường?)"
    if kind in ("literal_error", "enum"):
        expected = str(ctx.get("expected", "")).replace(" or ", ", ")
        return f"giá trị {given!r} không hợp lệ; chỉ nhận một trong: {expected}"
    if kind in _TYPE_NAMES:
        return f"{_TYPE_NAMES[kind]}, không phải {given!r}"
    if kind in ("too_short", "too_long"):
        expected = ctx.get("field_type", "")
        size = ctx.get("min_length", ctx.get("max_length"))
        return f"{expected or 'danh sách'} có số phần tử sai (cần {size})"
    if kind in ("value_error", "assertion_error"):
        return (
            str(error.get("msg", ""))
            .removeprefix("Value error, ")
            .removeprefix("Assertion failed, ")
        )
    if kind == "greater_than_equal":
        return f"phải ≥ {ctx.get('ge')}, không phải {given!r}"
    return f"giá trị không hợp lệ ({error.get('msg', kind)})"
