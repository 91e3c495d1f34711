"""Criteria-set files: where they live, how they load, and the errors a bad file gives.

A set file is YAML (format: docs/criteria-format.md). Shipped sets live in ``sets/`` beside this
module; an office adds its own by putting a file in a directory named by ``NTM_CRITERIA_DIR``
(several, separated by ':') or by passing a path.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ntm.domain.criteria import CriteriaSet, criteria_set_from_data

SHIPPED_DIR = Path(__file__).parent / "sets"


class CriteriaFileError(ValueError):
    """A set file that cannot be used, with the file, the field path and the problem."""

    def __init__(self, path: str | Path, problems: list[tuple[str, str]]):
        self.path = str(path)
        self.problems = problems
        lines = [f"{self.path}: {loc or '(tệp)'}: {msg}" for loc, msg in problems]
        super().__init__("Bộ tiêu chí không hợp lệ:\n" + "\n".join(lines))


def search_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("NTM_CRITERIA_DIR", "").split(":") if p]
    return [*extra, SHIPPED_DIR]


def set_files() -> dict[str, Path]:
    """Code → file, for every set file found; an office's file shadows a shipped one."""
    found: dict[str, Path] = {}
    for directory in reversed(search_dirs()):
        if directory.is_dir():
            for path in sorted(directory.glob("*.yaml")):
                found[path.stem] = path
    return found


def _loc(error_loc: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in error_loc)


def parse_set_data(data: Any, path: str | Path) -> CriteriaSet:
    if not isinstance(data, dict):
        raise CriteriaFileError(path, [("", "tệp phải là một ánh xạ YAML (khóa: giá trị)")])
    try:
        return criteria_set_from_data(data)
    except ValidationError as exc:
        raise CriteriaFileError(
            path, [(_loc(e["loc"]), e["msg"]) for e in exc.errors(include_url=False)]
        ) from None
    except (ValueError, TypeError) as exc:
        raise CriteriaFileError(path, [("", str(exc))]) from None


def read_set_file(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise CriteriaFileError(path, [("", f"không đọc được tệp: {exc.strerror}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
        raise CriteriaFileError(path, [(where, f"YAML sai cú pháp: {exc}")]) from None
    return data


def load_set_file(path: str | Path) -> CriteriaSet:
    return parse_set_data(read_set_file(path), path)


@lru_cache(maxsize=64)
def _load_cached(path: str, mtime: float) -> CriteriaSet:
    return load_set_file(path)


def load_set(code_or_path: str | Path) -> CriteriaSet:
    """A set by its code (shipped or in NTM_CRITERIA_DIR) or by a file path."""
    candidate = Path(code_or_path)
    if candidate.suffix in {".yaml", ".yml"} and candidate.exists():
        path = candidate
    else:
        files = set_files()
        if str(code_or_path) not in files:
            known = ", ".join(sorted(files)) or "(không có)"
            raise CriteriaFileError(
                str(code_or_path), [("", f"không có bộ tiêu chí mã này. Các bộ hiện có: {known}")]
            )
        path = files[str(code_or_path)]
    return _load_cached(str(path.resolve()), path.stat().st_mtime)


def available_sets() -> list[CriteriaSet]:
    return [load_set(p) for p in set_files().values()]
