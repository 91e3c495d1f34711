"""Shared test helpers: where the fixtures are."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
KONTUM = ROOT / "fixtures" / "kontum-2020"


@pytest.fixture
def kontum() -> Path:
    return KONTUM
