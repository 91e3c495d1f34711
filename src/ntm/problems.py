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


class MoreProblems(Problem):
    """The line that stands for the problems not listed: '… và 199.715 lỗi khác'."""

    @property
    def count(self) -> int:
        return int(self.row or 0)

    def place(self) -> str:
        return f"tệp {self.file}"


def _column_order(column: str | None) -> tuple[int, str]:
    letters = (column or "").split(" ", 1)[0]
    return (len(letters), letters) if letters.isalpha() and letters.isupper() else (9, column or "")


def _order(problem: Problem) -> tuple[str, str, int, tuple[int, str]]:
    return (problem.file, problem.sheet or "", problem.row or 0, _column_order(problem.column))


def capped(problems: list[Problem], cap: int | None = None) -> tuple[list[Problem], int]:
    """At most ``cap`` problems, the first by file, sheet, row, column, a line counting the rest,
    and the total. Problems already capped (re-raised with others) keep their count.

    A file with 200.000 bad rows would otherwise render a page nobody reads (and takes seconds
    to render): the first ones show what is wrong, the count how much.
    """
    from ntm.io.limits import LIMITS  # (imports babel: only when a file has problems)

    cap = LIMITS.max_problems if cap is None else cap
    listed = [p for p in problems if not isinstance(p, MoreProblems)]
    total = len(listed) + sum(p.count for p in problems if isinstance(p, MoreProblems))
    if total == len(problems) and len(problems) <= cap:
        return problems, total
    from ntm.formatting import number

    first = sorted(listed, key=_order)[:cap]
    rest = total - len(first)
    if not rest:
        return first, total
    files = ", ".join(sorted({p.file for p in problems}))
    # The count rides in ``row`` so that it survives being re-raised with other problems.
    return [*first, MoreProblems(files, f"… và {number(rest)} lỗi khác", None, rest)], total


class ImportFailed(Exception):
    """Every problem of a file at once; nothing of the file is to be used or saved.

    ``total`` counts every problem found; ``problems`` lists at most ``LIMITS.max_problems`` of them
    and a last line with the count of the others.
    """

    def __init__(self, problems: list[Problem]):
        problems, self.total = capped(problems)
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
