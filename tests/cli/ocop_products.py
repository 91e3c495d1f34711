"""The OCOP products file the CLI and web tests share: 32 products over both scorecards, every
band edge and every validity edge around AS_OF, written as CSV or XLSX into a test's folder."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook

from ntm.criteria.ocop import product_groups
from ntm.domain.ocop import add_months

AS_OF = date(2026, 6, 30)
COLUMNS = [
    "product_code",
    "product_name",
    "group",
    "subject",
    "unit_code",
    "scorecard",
    "score_a",
    "score_b",
    "score_c",
    "decision_number",
    "decision_date",
]
# A recent decision: its rating holds well past AS_OF and plays no part in the validity edges.
RECENT = date(2025, 1, 15)
# Every band edge of the issue, then two ordinary totals (75.5 and 95.25).
EDGES = ["29.99", "30", "49.99", "50", "69.99", "70", "89.99", "90", "100", "75.5", "95.25"]
STARS_148 = [0, 0, 0, 3, 3, 4, 4, 5, 5, 4, 5]
STARS_1048 = [1, 2, 2, 3, 3, 4, 4, 5, 5, 4, 5]
# (decision date, status at AS_OF): 36 months before AS_OF minus a day, exactly, plus a day; and
# the edge of "expiring within 6 months".
DAY = timedelta(days=1)
VALIDITY = [
    (add_months(AS_OF, -36) + DAY, "expiring"),
    (add_months(AS_OF, -36), "expiring"),
    (add_months(AS_OF, -36) - DAY, "expired"),
    (add_months(AS_OF, -30), "expiring"),
    (add_months(AS_OF, -30) + DAY, "valid"),
]
MAXIMA = {"148/2023": (40, 25, 35), "1048/2019": (35, 25, 40)}


@dataclass(frozen=True)
class Case:
    code: str
    scorecard: str
    total: Decimal
    decided: date
    group: str
    unit_code: str
    stars: int
    status: str

    def scores(self) -> tuple[Decimal, Decimal, Decimal]:
        """The total split over the parts in proportion to their maxima, each within its own."""
        a_max, b_max, _ = MAXIMA[self.scorecard]
        a = (self.total * a_max / 100).quantize(Decimal("0.01"))
        b = (self.total * b_max / 100).quantize(Decimal("0.01"))
        return a, b, self.total - a - b


def cases() -> list[Case]:
    groups = product_groups()
    found: list[Case] = []
    for card, stars in (("148/2023", STARS_148), ("1048/2019", STARS_1048)):
        for total, star in zip(EDGES, stars, strict=True):
            n = len(found)
            found.append(
                Case(
                    f"SP{n + 1:03d}",
                    card,
                    Decimal(total),
                    RECENT,
                    groups[n % 6],
                    ["23311", "23353"][n % 2],
                    star,
                    "valid",
                )
            )
        for decided, status in VALIDITY:
            n = len(found)
            stars_of = 3  # a total of 60 earns 3 stars under both scorecards
            found.append(
                Case(
                    f"SP{n + 1:03d}",
                    card,
                    Decimal(60),
                    decided,
                    groups[n % 6],
                    "23311",
                    stars_of,
                    status,
                )
            )
    return found


def rows() -> list[list[str]]:
    body = []
    for case in cases():
        a, b, c = case.scores()
        body.append(
            [
                case.code,
                f"Sản phẩm thử {case.code}",
                case.group,
                "Hợp tác xã",
                case.unit_code,
                case.scorecard,
                str(a),
                str(b),
                str(c),
                f"{case.code[2:]}/QĐ-UBND",
                case.decided.isoformat(),
            ]
        )
    return body


def write_csv(folder: Path, extra: list[list[str]] | None = None) -> Path:
    path = folder / "ocop.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(COLUMNS)
        writer.writerows(rows() + (extra or []))
    return path


def write_xlsx(folder: Path, extra: list[list[object]] | None = None) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "OCOP"
    sheet.append(COLUMNS)
    for row in [*rows(), *(extra or [])]:
        sheet.append(list(row))
    path = folder / "ocop.xlsx"
    book.save(path)
    return path
