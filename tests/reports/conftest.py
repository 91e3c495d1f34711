"""Fixtures of the report tests: the Kon Tum report, written once per module."""

from __future__ import annotations

from pathlib import Path

import pytest
from report_helpers import kontum_args, run_report


@pytest.fixture(scope="module")
def kontum_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("kontum") / "bao-cao"
    result = run_report(*kontum_args(out))
    assert result.exit_code == 0, result.output
    return out
