"""OCOP scorecards and product groups as data: one YAML file per decision in ``ocop/`` beside this
module, checked on load into the pure records of ``ntm.domain.ocop``."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from importlib import resources

import yaml

from ntm.domain import ocop as domain_ocop
from ntm.domain.ocop import PARTS, Part, Scorecard

_FOLDER = "ocop"


def _scorecard(data: dict[str, object]) -> Scorecard:
    parts = data["parts"]
    bands = data["bands"]
    levels = data["deciding_level"]
    assert isinstance(parts, dict) and isinstance(bands, dict) and isinstance(levels, dict)
    card = Scorecard(
        code=str(data["code"]),
        basis=str(data["basis"]),
        parts=tuple(
            Part(code, str(spec["name"]), Decimal(str(spec["max"]))) for code, spec in parts.items()
        ),
        bands=tuple(sorted(((int(s), Decimal(str(v))) for s, v in bands.items()), reverse=True)),
        deciding_level={int(s): str(v) for s, v in levels.items()},
        validity_months=int(str(data["validity_months"])),
    )
    # A scorecard whose parts do not add up to 100 is a broken data file, not a rating rule.
    if tuple(p.code for p in card.parts) != PARTS or sum(p.maximum for p in card.parts) != 100:
        raise ValueError(f"phiếu chấm OCOP {card.code}: các phần A, B, C phải cộng đủ 100 điểm")
    return card


@cache
def scorecards() -> dict[str, Scorecard]:
    """Every scorecard shipped with ntm, by code ('148/2023', '1048/2019')."""
    folder = resources.files("ntm.criteria") / _FOLDER
    found: dict[str, Scorecard] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".yaml") and entry.name != "groups.yaml":
            card = _scorecard(yaml.safe_load(entry.read_text(encoding="utf-8")))
            found[card.code] = card
    return found


@cache
def product_groups() -> tuple[str, ...]:
    """The six product groups, in the decision's order."""
    text = (resources.files("ntm.criteria") / _FOLDER / "groups.yaml").read_text("utf-8")
    return tuple(str(g) for g in yaml.safe_load(text)["groups"])


def product_group(text: str) -> str | None:
    """A group as a person typed it, among the shipped groups."""
    return domain_ocop.product_group(text, product_groups())


def count(ratings: list[domain_ocop.Rating]) -> domain_ocop.OcopCounts:
    """Ratings counted by stars and by every shipped group."""
    return domain_ocop.count(ratings, product_groups())
