"""Writing a set back to a YAML file that loads to the same set.

A set without a parent is written as ``criteria_set_to_data`` gives it (defaults left out). A set
with a parent is merged over that parent when it loads again (``merge.py``), so every field of
every criterion and indicator is written out, nulls and defaults included: an omitted field would
otherwise inherit the parent's value and the set would not load back identical.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ntm.domain.criteria import CriteriaSet, criteria_set_to_data

# The keys in the order a file shows them, as one table (``fmt: skip`` keeps it so).
_TOP_ORDER = [
    "code", "parent", "title", "basis", "period", "level", "tier", "variants", "tier_rule",
    "bands", "note", "criteria",
]  # fmt: skip
_CRITERION_ORDER = ["number", "name", "group", "indicators_complete", "rule", "source"]
_INDICATOR_ORDER = ["code", "name", "unit", "kind", "compare", "source", "note", "thresholds"]


def _ordered(data: dict[str, Any], order: list[str]) -> dict[str, Any]:
    out = {k: data[k] for k in order if k in data}
    out.update({k: v for k, v in data.items() if k not in out})
    return out


def set_to_file_data(cset: CriteriaSet) -> dict[str, Any]:
    """The mapping to write for ``cset``: explicit in every field when it has a parent."""
    data = criteria_set_to_data(cset)
    if cset.parent:
        full = cset.model_dump(mode="json")
        for key in ("title", "basis", "level", "tier", "variants", "tier_rule", "bands", "note"):
            data[key] = full[key]
        criteria = []
        for c_data, c_full in zip(data.get("criteria", []), full["criteria"], strict=True):
            c_data = {**c_data, **{k: c_full[k] for k in _CRITERION_ORDER}}
            indicators = []
            for i_data, i_full in zip(
                c_data.get("indicators", []), c_full["indicators"], strict=True
            ):
                explicit = {k: i_full[k] for k in _INDICATOR_ORDER if k != "thresholds"}
                indicators.append({**i_data, **explicit, "thresholds": i_data.get("thresholds")})
            c_data["indicators"] = indicators
            criteria.append(c_data)
        data["criteria"] = criteria
    out = _ordered(data, _TOP_ORDER)
    out["criteria"] = [
        {
            **_ordered(c, [*_CRITERION_ORDER, "indicators"]),
            **(
                {"indicators": [_ordered(i, _INDICATOR_ORDER) for i in c["indicators"]]}
                if "indicators" in c
                else {}
            ),
        }
        for c in out.get("criteria", [])
    ]
    return out


def write_set_file(cset: CriteriaSet, path: str | Path, *, comment: str | None = None) -> Path:
    """Write ``cset`` as a set file; ``comment`` goes on top as YAML comment lines."""
    path = Path(path)
    text = yaml.safe_dump(set_to_file_data(cset), allow_unicode=True, sort_keys=False, width=100)
    header = "".join(f"# {line}\n" for line in (comment or "").splitlines())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(header + text, encoding="utf-8")
    tmp.replace(path)  # never leave a half-written set file under the real name
    return path
