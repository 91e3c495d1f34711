"""The OpenAPI schema as a generated client needs it.

- A binary answer (the report's zip, a spreadsheet) is declared only as its real media type, with
  a binary string schema: ninja lists ``application/json`` first for a ``bytes`` response, and a
  generated client then decodes the zip as JSON.
- Every operation that takes input declares its 400 answer (the problem list), and no 422: the
  API never answers 422 (``errors.validation_problems``).
"""

from __future__ import annotations

from typing import Any

from ntm.web.api.schemas import ProblemsOut

JSON = "application/json"
BINARY = {"type": "string", "format": "binary"}


def _binary_first(responses: dict[str, Any]) -> None:
    for answer in responses.values():
        content = answer.get("content") or {}
        others = [kind for kind in content if kind != JSON]
        if not others:
            continue
        content.pop(JSON, None)
        for kind in others:
            content[kind] = {"schema": dict(BINARY)}


def _problems_ref(schema: dict[str, Any]) -> dict[str, Any]:
    """ProblemsOut (and the schemas it uses) among the components, and a reference to it."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    model = ProblemsOut.model_json_schema(ref_template="#/components/schemas/{model}")
    for name, definition in model.pop("$defs", {}).items():
        components.setdefault(name, definition)
    components.setdefault("ProblemsOut", model)
    return {"$ref": "#/components/schemas/ProblemsOut"}


def _declare_400(operation: dict[str, Any], ref: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    responses.pop("422", None)
    responses.pop(422, None)
    if not (operation.get("parameters") or operation.get("requestBody")):
        return
    if "400" in responses or 400 in responses:
        return
    responses[400] = {
        "description": "Dữ liệu gửi lên không hợp lệ: danh sách lỗi",
        "content": {JSON: {"schema": ref}},
    }


def tidy_schema(schema: Any) -> Any:
    ref = _problems_ref(schema)
    for path_item in schema.get("paths", {}).values():
        for operation in path_item.values():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            _binary_first(operation["responses"])
            _declare_400(operation, ref)
    return schema
