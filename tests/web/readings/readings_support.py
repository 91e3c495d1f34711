"""What the readings tests share: Kon Tum's report (seed 004), ntm's side computed from the
fixture files the demonstration loads (not from the code under test), and an upload helper."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[3]
SEED = ROOT / "tests" / "reports" / "reading" / "seeds" / "004_3f63d3089639c371.txt"
KONTUM = ROOT / "fixtures" / "kontum-2020"


def half_up(x: float, digits: int) -> float:
    return float(Decimal(repr(x)).quantize(Decimal(1).scaleb(-digits), rounding=ROUND_HALF_UP))


@dataclass
class KontumYear:
    """A year of Kon Tum from ``criteria-<year>.csv``: criteria met (1) per commune."""

    met: dict[str, dict[int, int]]  # commune code → criterion → 1/0

    @classmethod
    def read(cls, year: int) -> KontumYear:
        with (KONTUM / f"criteria-{year}.csv").open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        met = {r["commune_code"]: {n: int(r[f"tc{n}"] or 0) for n in range(1, 20)} for r in rows}
        return cls(met)

    def totals(self) -> list[int]:
        return [sum(v == 1 for v in m.values()) for m in self.met.values()]

    @property
    def communes(self) -> int:
        return len(self.met)

    @property
    def recognised(self) -> int:
        return sum(t == 19 for t in self.totals())

    def band(self, low: int, high: int) -> int:
        return sum(low <= t <= high for t in self.totals())

    @property
    def avg(self) -> float:
        return sum(self.totals()) / self.communes

    def criterion(self, n: int) -> int:
        return sum(m[n] == 1 for m in self.met.values())


def funds() -> dict[str, float]:
    """Kon Tum's funds 2016–2020 by source, from the file the demonstration loads."""
    with (KONTUM / "funding-2016-2020.csv").open(encoding="utf-8") as f:
        return {r["source"]: float(r["amount_billion_vnd"]) for r in csv.DictReader(f)}


def upload(client: Any, data: dict[str, Any], name: str, content: bytes) -> Any:
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post("/bao-cao-tinh/", {**data, "file": SimpleUploadedFile(name, content)})
