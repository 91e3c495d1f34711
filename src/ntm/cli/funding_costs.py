"""Unit costs for ``ntm plan-funding`` read from a CSV file (``ntm.io.unit_costs``); what each
commune's gap costs is ``ntm.domain.funding_costs``, shared with the web's what-if page."""

from __future__ import annotations

from pathlib import Path

from ntm.cli.evaluate import fail
from ntm.domain.funding_costs import UnitCosts
from ntm.io.errors import ImportFailed
from ntm.io.unit_costs import unit_costs_parse


def read_costs(path: Path) -> UnitCosts:
    """Columns ``criterion`` or ``indicator`` (one of them a row), ``unit_cost_billion_vnd``;
    a bad row ends the command with exit code 2, naming file, row and column."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        fail([f"{path.name}: không đọc được tệp (cần CSV mã UTF-8)"])
    try:
        return unit_costs_parse(text, path.name)
    except ImportFailed as exc:
        fail(exc.problems)
