"""Problems found in an input file, each with its place, and the error that carries them all."""

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


class ImportFailed(Exception):
    """Every problem of a file at once; nothing of the file is to be used or saved."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(
            f"Có {len(problems)} lỗi trong dữ liệu:\n" + "\n".join(f"- {p}" for p in problems)
        )


class ProblemList:
    """Collects problems while a reader goes on, so that a person sees all of them at once."""

    def __init__(self, file: str, sheet: str | None = None):
        self.file, self.sheet, self.items = file, sheet, []

    def add(self, message: str, *, row: int | None = None, column: str | None = None) -> None:
        self.items.append(Problem(self.file, message, self.sheet, row, column))

    def raise_if_any(self) -> None:
        if self.items:
            raise ImportFailed(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)
