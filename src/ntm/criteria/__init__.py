"""Criteria-set files: where they live, how they load, and the errors a bad file gives.

A set file is YAML (format: docs/criteria-format.md). Shipped sets live in ``sets/`` beside this
module; an office adds its own by putting a file in ``./criteria/`` (beside the working
directory: where ``ntm criteria import`` writes by default), in a directory named by
``NTM_CRITERIA_DIR`` (several, separated by ':'), or by passing a path. When a database is
configured (``DATABASE_URL``), a code found in no file is read from the sets stored there
(``stored.py``: the newest version of that code). A file with ``parent: CODE`` is a variant that
lists only what differs from its parent; it is merged over the parent (``merge.py``) and then
validated as a whole.
"""

from __future__ import annotations

import copy
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ntm.criteria.merge import merge_set_data
from ntm.criteria.messages import field_path, vietnamese_message
from ntm.criteria.stored import stored_set_data
from ntm.domain.criteria import CriteriaSet, criteria_set_from_data, parse_thresholds

SHIPPED_DIR = Path(__file__).parent / "sets"

__all__ = [
    "DEFAULT_OFFICE_DIR",
    "SHIPPED_DIR",
    "CriteriaFileError",
    "available_sets",
    "load_set",
    "load_set_file",
    "parse_set_data",
    "read_set_file",
    "resolve_set_data",
    "search_dirs",
    "set_files",
]


class CriteriaFileError(ValueError):
    """A set file that cannot be used, with the file, the field path and the problem."""

    def __init__(self, path: str | Path, problems: list[tuple[str, str]]):
        self.path = str(path)
        self.problems = problems
        lines = [f"{self.path}: {loc or '(tệp)'}: {msg}" for loc, msg in problems]
        super().__init__("Bộ tiêu chí không hợp lệ:\n" + "\n".join(lines))


DEFAULT_OFFICE_DIR = Path("criteria")


def search_dirs() -> list[Path]:
    """Where set files are looked for, the first shadowing the later ones.

    ``./criteria/`` is always searched, so that a set imported in one shell is found in the next
    without any environment variable.
    """
    extra = [Path(p) for p in os.environ.get("NTM_CRITERIA_DIR", "").split(":") if p]
    return [*extra, DEFAULT_OFFICE_DIR, SHIPPED_DIR]


def set_files() -> dict[str, Path]:
    """Code → file, for every set file found; an office's file shadows a shipped one."""
    found: dict[str, Path] = {}
    for directory in reversed(search_dirs()):
        if directory.is_dir():
            for path in sorted(directory.glob("*.yaml")):
                found[path.stem] = path
    return found


# --- checking the plain data ------------------------------------------------------------------


def _structure_problems(data: dict[str, Any]) -> tuple[list[tuple[str, str]], bool]:
    """Problems the model cannot report well: list shapes and threshold values.

    Returns the problems and whether the model can still check the rest (bad thresholds are
    then blanked in ``data`` so that every other problem is reported in the same pass).
    """
    problems: list[tuple[str, str]] = []
    period = data.get("period")
    if not isinstance(period, list | tuple) or len(period) != 2:
        problems.append(("period", "cần [năm bắt đầu, năm kết thúc], ví dụ [2021, 2025]"))
        period = None
    elif not all(isinstance(y, int) and not isinstance(y, bool) for y in period):
        problems.append(("period", f"năm phải là số nguyên, không phải {list(period)!r}"))
        period = None
    criteria = data.get("criteria")
    if criteria is None:
        return [*problems, ("criteria", "thiếu trường bắt buộc")], False
    if not isinstance(criteria, list):
        return [*problems, ("criteria", "phải là một danh sách tiêu chí")], False
    checkable = period is not None
    for c_index, crit in enumerate(criteria):
        c_path = field_path(("criteria", c_index), data)
        if not isinstance(crit, dict):
            problems.append((c_path, "mỗi tiêu chí phải là một ánh xạ (khóa: giá trị)"))
            checkable = False
            continue
        indicators = crit.get("indicators") or []
        if not isinstance(indicators, list):
            problems.append((f"{c_path}.indicators", "phải là một danh sách chỉ tiêu"))
            checkable = False
            continue
        for i_index, ind in enumerate(indicators):
            i_path = field_path(("criteria", c_index, "indicators", i_index), data)
            if not isinstance(ind, dict):
                problems.append((i_path, "mỗi chỉ tiêu phải là một ánh xạ (khóa: giá trị)"))
                checkable = False
                continue
            kind = ind.get("kind", "yes_no")
            if period is None or kind not in ("yes_no", "percent", "number", "count"):
                continue  # reported by the model with the right field
            try:
                parse_thresholds(ind.get("thresholds"), kind=kind, period=tuple(period), where="")
            except (ValueError, TypeError) as exc:
                problems.append((f"{i_path}.thresholds", str(exc).strip()))
                ind["thresholds"] = None
    return problems, checkable


def parse_set_data(data: Any, path: str | Path) -> CriteriaSet:
    """Validate plain set data (already merged over its parent) into a CriteriaSet."""
    if not isinstance(data, dict):
        raise CriteriaFileError(path, [("", "tệp phải là một ánh xạ YAML (khóa: giá trị)")])
    data = copy.deepcopy(data)
    problems, checkable = _structure_problems(data)
    if not checkable:
        raise CriteriaFileError(path, problems)
    try:
        cset = criteria_set_from_data(data)
    except ValidationError as exc:
        problems += [
            (field_path(e["loc"], data), vietnamese_message(e))
            for e in exc.errors(include_url=False)
        ]
    except (ValueError, TypeError) as exc:
        problems.append(("", str(exc)))
    if problems:
        raise CriteriaFileError(path, problems)
    return cset


# --- reading files and resolving parents ------------------------------------------------------


# libyaml's parser (shipped in PyYAML's wheels) reads the shipped sets ten times faster than the
# pure-Python one: ≈ 0,06 s of ``ntm report``, whose baseline year before every set parses every
# set file to choose one (docs/performance.md, "ntm report dưới 3 giây").
_FAST_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml_parse(text: str) -> Any:
    """The data of a YAML text, as ``yaml.safe_load`` gives it. A text libyaml refuses is read
    again by the pure-Python parser, so that the error (its place and wording) stays the one
    people are shown today."""
    try:
        return yaml.load(text, Loader=_FAST_LOADER)  # a safe loader: no Python objects
    except yaml.YAMLError:
        return yaml.safe_load(text)


@lru_cache(maxsize=128)
def _read_cached(path: str, mtime: float) -> Any:
    try:
        return _yaml_parse(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise CriteriaFileError(path, [("", f"không đọc được tệp: {exc.strerror}")]) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CriteriaFileError(path, [(where, f"YAML sai cú pháp: {problem}")]) from None


def read_set_file(path: str | Path) -> Any:
    """The plain data of one file, as written (a variant is not merged here)."""
    path = Path(path)
    try:
        mtime = path.stat().st_mtime
    except OSError as exc:
        raise CriteriaFileError(path, [("", f"không đọc được tệp: {exc.strerror}")]) from None
    # The cached object is shared: callers get their own copy to merge into.
    return copy.deepcopy(_read_cached(str(path.resolve()), mtime))


def _parent_path(code: str, child: Path) -> Path | None:
    """A parent is looked for beside the child first, then among the known sets."""
    sibling = child.parent / f"{code}.yaml"
    if sibling.is_file() and sibling.resolve() != child.resolve():
        return sibling
    found = set_files().get(code)
    if found is not None and found.resolve() != child.resolve():
        return found
    return None


def _resolve(
    path: Path, chain: tuple[Path, ...], *, validate: bool = True
) -> tuple[Any, tuple[Path, ...]]:
    """The merged data of ``path`` and the files it was made of (itself first)."""
    data = read_set_file(path)
    if not isinstance(data, dict) or data.get("parent") in (None, ""):
        return data, (path,)
    code = data["parent"]
    if not isinstance(code, str):
        message = f"phải là mã một bộ tiêu chí, không phải {code!r}"
        raise CriteriaFileError(path, [("parent", message)])
    parent = _parent_path(code, path)
    if parent is None:
        known = ", ".join(sorted(set_files())) or "(không có)"
        raise CriteriaFileError(
            path, [("parent", f"không tìm thấy bộ tiêu chí gốc «{code}». Các bộ hiện có: {known}")]
        )
    resolved = parent.resolve()
    if resolved in chain or resolved == path.resolve():
        names = " → ".join(p.stem for p in (*chain, path.resolve(), resolved))
        raise CriteriaFileError(path, [("parent", f"kế thừa vòng tròn: {names}")])
    parent_data, parent_files = _resolve(parent, (*chain, path.resolve()), validate=validate)
    if validate:
        # The parent must be valid on its own, so that its errors name its own file.
        parse_set_data(parent_data, parent)
    return merge_set_data(parent_data, data), (path, *parent_files)


def resolve_set_data(path: str | Path) -> Any:
    """The plain data of a set file merged over its parents (not yet validated)."""
    return _resolve(Path(path), ())[0]


def load_set_file(path: str | Path) -> CriteriaSet:
    path = Path(path)
    data, _files = _resolve(path, ())
    return parse_set_data(data, path)


@lru_cache(maxsize=64)
def _load_cached(path: str, signature: tuple[tuple[str, float], ...]) -> CriteriaSet:
    return load_set_file(path)


def _signature(path: Path) -> tuple[tuple[str, float], ...]:
    """Every file a set is made of with its mtime: editing a parent reloads its variants."""
    _data, files = _resolve(path, (), validate=False)
    return tuple((str(f.resolve()), f.stat().st_mtime) for f in files)


def load_set(code_or_path: str | Path) -> CriteriaSet:
    """A set by its code (shipped or in NTM_CRITERIA_DIR) or by a file path."""
    candidate = Path(code_or_path)
    if candidate.suffix in {".yaml", ".yml"} and candidate.exists():
        path = candidate
    else:
        files = set_files()
        if str(code_or_path) not in files:
            stored = stored_set(str(code_or_path))
            if stored is not None:
                return stored
            known = ", ".join(sorted(files)) or "(không có)"
            raise CriteriaFileError(
                str(code_or_path), [("", f"không có bộ tiêu chí mã này. Các bộ hiện có: {known}")]
            )
        path = files[str(code_or_path)]
    return _load_cached(str(path.resolve()), _signature(path))


def stored_set(code: str) -> CriteriaSet | None:
    """The newest version of ``code`` stored in the configured database, if any."""
    data = stored_set_data(code)
    if data is None:
        return None
    return parse_set_data(data, f"cơ sở dữ liệu: {code}")


def available_sets() -> list[CriteriaSet]:
    return [load_set(p) for p in set_files().values()]
