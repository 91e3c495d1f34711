"""Problems found in an input file, each with its place, and the error that carries them all.

Below both ``ntm.io`` (the file readers) and ``ntm.criteria`` (the criteria-set tables), which
report problems the same way; ``ntm.io.errors`` names the same objects for the readers.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One bad thing in a file. Row numbers are as a person sees them (header is row 1)."""

    file: str
    message: str
    sheet: str | None = None
    row: int | None = None
    column: str | None = None  # the column's header text or letter, as the person sees it

    def place(self) -> str:
        parts = [f"tệp {self.file}"]
        if self.sheet:
            parts.append(f"trang tính «{self.sheet}»")
        if self.row is not None:
            parts.append(f"dòng {self.row}")
        if self.column:
            parts.append(f"cột {self.column}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.place()}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "message": self.message,
            "text": str(self),
        }


def _column_order(column: str | None) -> tuple[int, str]:
    letters = (column or "").split(" ", 1)[0]
    return (len(letters), letters) if letters.isalpha() and letters.isupper() else (9, column or "")


def _order(problem: Problem) -> tuple[str, str, int, tuple[int, str]]:
    return (problem.file, problem.sheet or "", problem.row or 0, _column_order(problem.column))


def capped(problems: list[Problem], cap: int | None = None) -> list[Problem]:
    """At most ``cap`` problems, the first by file, sheet, row, column, and a count of the rest.

    A file with 200.000 bad rows would otherwise render a page nobody reads (and takes seconds
    to render): the first ones show what is wrong, the count how much.
    """
    from ntm.io.limits import LIMITS  # (imports babel: only when a file has problems)

    cap = LIMITS.max_problems if cap is None else cap
    if len(problems) <= cap:
        return problems
    from ntm.formatting import number

    first = sorted(problems, key=_order)[:cap]
    rest = len(problems) - cap
    files = sorted({p.file for p in problems})
    return [*first, Problem(", ".join(files), f"… và {number(rest)} lỗi khác")]


class ImportFailed(Exception):
    """Every problem of a file at once; nothing of the file is to be used or saved.

    ``total`` counts every problem found; ``problems`` lists at most ``LIMITS.max_problems`` of them
    and a last line with the count of the others.
    """

    def __init__(self, problems: list[Problem]):
        self.total = len(problems)
        problems = capped(problems)
        self.problems = problems
        super().__init__(
            f"Có {self.total} lỗi trong dữ liệu:\n" + "\n".join(f"- {p}" for p in problems)
        )


class ProblemList:
    """Collects problems while a reader goes on, so that a person sees all of them at once."""

    def __init__(self, file: str, sheet: str | None = None) -> None:
        self.file, self.sheet = file, sheet
        self.items: list[Problem] = []

    def add(self, message: str, *, row: int | None = None, column: str | None = None) -> None:
        self.items.append(Problem(self.file, message, self.sheet, row, column))

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportFailed(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)
