"""Every error of the API as a Vietnamese body: a sentence in ``detail`` and, for bad input, the
list of bad entries in the shape of the importers' problems (docs/web.md, "API").

Ninja's own answers (422 with pydantic's English, "Unauthorized", "Not Found") never reach a
client: a wrongly typed value is a 400 like any other bad entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from ntm.io.errors import Problem

# pydantic's error types → what went wrong, for a person.
_MESSAGES = {
    "missing": "thiếu trường bắt buộc",
    "float_parsing": "phải là một số",
    "float_type": "phải là một số",
    "int_parsing": "phải là một số nguyên",
    "int_type": "phải là một số nguyên",
    "int_from_float": "phải là một số nguyên",
    "finite_number": "phải là một số hữu hạn",
    "string_type": "phải là một chuỗi ký tự",
    "bool_parsing": "phải là true hoặc false",
    "bool_type": "phải là true hoặc false",
    "dict_type": "phải là một đối tượng JSON ({…})",
    "model_type": "phải là một đối tượng JSON ({…})",
    "model_attributes_type": "phải là một đối tượng JSON ({…})",
    "list_type": "phải là một danh sách JSON ([…])",
    "json_invalid": "nội dung gửi lên không phải JSON hợp lệ",
    "greater_than_equal": "nhỏ hơn giá trị nhỏ nhất cho phép",
    "greater_than": "nhỏ hơn giá trị nhỏ nhất cho phép",
    "less_than_equal": "lớn hơn giá trị lớn nhất cho phép",
    "less_than": "lớn hơn giá trị lớn nhất cho phép",
    "string_too_long": "dài quá mức cho phép",
    "string_too_short": "ngắn hơn mức cho phép",
    "extra_forbidden": "trường không được phép",
    "enum": "không thuộc các giá trị cho phép",
    "literal_error": "không thuộc các giá trị cho phép",
}

# Where ninja says an input came from; the first element of every location.
_SOURCES = {"body": "nội dung", "query": "tham số", "path": "đường dẫn", "form": "biểu mẫu"}


def _field(loc: Iterable[Any]) -> str:
    """``("body", "body", "values", "2.1")`` → ``values.2.1``: the path a client wrote."""
    parts = [str(p) for p in loc]
    if parts and parts[0] in _SOURCES:
        parts = parts[1:]
    if parts and parts[0] in ("body", "payload"):  # ninja's name for the body parameter
        parts = parts[1:]
    return ".".join(parts)


def _limit(error: Mapping[str, Any]) -> str:
    ctx = error.get("ctx") or {}
    for key in ("ge", "gt", "le", "lt", "max_length", "min_length"):
        if key in ctx:
            return f" ({key.replace('_', ' ')} {ctx[key]})"
    return ""


def validation_problems(errors: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Pydantic's errors as problem dicts, each with its field and a Vietnamese sentence."""
    out = []
    for error in errors:
        field = _field(error.get("loc", ()))
        message = _MESSAGES.get(str(error.get("type", "")), "giá trị không hợp lệ") + _limit(error)
        text = f"{field}: {message}" if field else message
        out.append({"field": field or None, "file": None, "sheet": None, "row": None,
                    "column": None, "message": message, "text": text})  # fmt: skip
    return out


def problem_dicts(problems: Iterable[Problem]) -> list[dict[str, Any]]:
    """Problems of an upload keep their file, sheet, row and column; those of a request body
    (file "API") name no file: "tệp API" means nothing to the client's author."""
    out = []
    for p in problems:
        row = {**p.as_dict(), "field": None}
        if p.file == "API":
            row.update(file=None, text=p.message)
        out.append(row)
    return out


def problems_body(problems: list[dict[str, Any]]) -> dict[str, Any]:
    return {"detail": f"Dữ liệu gửi lên có {len(problems)} lỗi.", "problems": problems}
