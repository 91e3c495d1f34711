"""From files to what the engine needs: the one path the CLI, the reports and the web share.

``load_inputs`` reads data files (any shape of ``ntm.io.data_files``), the units (a units file,
the data's own columns, or the registry) and the criteria set (named, or inferred from the year
and the columns), and returns them aligned, or raises ``ImportFailed`` with every problem of
every file. ``evaluation_json`` is the JSON of ``ntm evaluate --format json``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ntm.criteria import CriteriaFileError, load_set, set_files
from ntm.domain.criteria import CriteriaSet
from ntm.domain.evaluation import STATUS_NAMES, Evaluation, evaluate
from ntm.domain.rollup import Rollup, rollup
from ntm.domain.units import Unit
from ntm.io.data_files import DataSource, Progress, open_data, read_values
from ntm.io.data_units import units_from_sources
from ntm.io.errors import ImportFailed, Problem
from ntm.io.rawfile import RawFile
from ntm.io.units_file import read_units

# Which shipped set a year means when none is named: the standard commune set of its period.
STANDARD_COMMUNE_SETS = ("xa-ntm-2016-2020", "xa-ntm-2021-2025", "xa-ntm-2026-2030")


@dataclass
class Inputs:
    cset: CriteriaSet
    units: list[Unit]
    year: int
    values: np.ndarray  # (n_units, n_indicators) aligned to cset.indicators
    statuses: np.ndarray  # (n_units, n_criteria) aligned to cset.criteria
    notes: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)

    def evaluate(self, *, pilot: bool = False) -> Evaluation:
        """The engine over the inputs; ``pilot``: "theo các chỉ tiêu đã nhập" (the engine's)."""
        return evaluate(
            self.cset, self.units, self.year, values=self.values, statuses=self.statuses,
            pilot=pilot,
        )  # fmt: skip


def _open_all(
    data: Sequence[str | Path | RawFile], sheet: str | None, problems: list[Problem]
) -> list[DataSource]:
    sources = []
    for path in data:
        try:
            sources.append(open_data(path, sheet=sheet))
        except ImportFailed as exc:
            problems.extend(exc.problems)
    return sources


def _year_problem(sources: list[DataSource], year: int, message: str) -> Problem:
    """A problem about a year, placed at the first row holding it when a file has one."""
    for s in sources:
        if year in s.years:
            return s.table.problem(message, row=s.years[year], column=s.year_column)
    first = sources[0]
    return first.table.problem(message, row=first.table.header_row)


def _decide_year(
    sources: list[DataSource], year: int | None, problems: list[Problem]
) -> int | None:
    if year is not None:
        for s in sources:
            if s.year_column is not None and s.years and year not in s.years:
                found = ", ".join(str(y) for y in sorted(s.years))
                problems.append(
                    s.table.problem(
                        f"không có dòng nào của năm {year} (tệp có năm {found})",
                        column=s.year_column,
                    )
                )
        return year
    seen: list[int] = []
    for s in sources:
        for y in [*s.years] or ([s.meta_year] if s.meta_year else []):
            if y not in seen:
                seen.append(y)
    if len(seen) > 1:
        found = ", ".join(str(y) for y in sorted(seen))
        problems.append(
            _year_problem(
                sources,
                seen[1],
                f"dữ liệu có nhiều năm ({found}); chọn một năm bằng --year",
            )
        )
        return None
    if not seen:
        for s in sources:
            problems.append(
                s.table.problem(
                    "không rõ năm đánh giá: thêm cột «year» (Năm) hoặc chọn năm bằng --year",
                    row=s.table.header_row,
                )
            )
        return None
    return seen[0]


def _shipped_or_office_sets() -> list[CriteriaSet]:
    found = []
    for path in set_files().values():
        try:
            found.append(load_set(path))
        except CriteriaFileError:
            continue  # a broken file is reported when it is named, not when it is guessed
    return found


def _standard_within(year: int, numbers: list[int]) -> CriteriaSet | None:
    """The national commune set of ``year`` with as many criteria as the columns, read without
    parsing the other set files (≈ 0,3 s in a fresh process). It is the set the full guess below
    would choose, which sorts these first; None sends the caller to the full guess."""
    files = set_files()
    for code in STANDARD_COMMUNE_SETS:
        if code not in files:
            continue
        try:
            cset = load_set(files[code])
        except CriteriaFileError:
            continue
        fits = not numbers or len(cset.criteria) == max(numbers)
        if cset.code == code and fits and cset.period[0] <= year <= cset.period[1]:
            return cset
    return None


def _infer_set(
    year: int, sources: list[DataSource], notes: list[str], problems: list[Problem]
) -> CriteriaSet | None:
    meta = {s.meta_set for s in sources if s.meta_set}
    if len(meta) == 1:
        return load_set(meta.pop())
    numbers = [n for s in sources for n in s.criterion_columns]
    has_indicators = any(s.indicator_columns or s.shape == "long" for s in sources)
    quick = _standard_within(year, numbers)
    if quick is not None:
        return quick
    candidates = [
        s
        for s in _shipped_or_office_sets()
        if s.code in STANDARD_COMMUNE_SETS or (s.level == "commune" and s.tier == "standard")
    ]
    candidates.sort(key=lambda s: (s.code not in STANDARD_COMMUNE_SETS, s.period))
    if numbers:
        candidates = [s for s in candidates if len(s.criteria) == max(numbers)] or [
            s for s in candidates if len(s.criteria) >= max(numbers)
        ]
    within = [s for s in candidates if s.period[0] <= year <= s.period[1]]
    if within:
        return within[0]
    if candidates and numbers and not has_indicators:
        # A baseline year before every set (2015 in the Kon Tum report): criterion statuses
        # given directly need no thresholds, so the nearest set with as many criteria serves.
        chosen = min(
            candidates, key=lambda s: min(abs(year - s.period[0]), abs(year - s.period[1]))
        )
        notes.append(
            f"năm {year} ngoài giai đoạn của mọi bộ tiêu chí hiện có; dùng bộ {chosen.code} "
            f"({len(chosen.criteria)} tiêu chí) với trạng thái tiêu chí ghi sẵn trong tệp"
        )
        return chosen
    problems.append(
        Problem(
            ", ".join(s.file for s in sources),
            f"không xác định được bộ tiêu chí cho năm {year}"
            + (f" với {max(numbers)} cột tiêu chí" if numbers else "")
            + "; chỉ rõ bằng --criteria (xem `ntm criteria list`)",
        )
    )
    return None


def _out_of_period(cset: CriteriaSet, year: int, sources: list[DataSource]) -> Problem:
    return _year_problem(
        sources,
        year,
        f"năm {year} nằm ngoài giai đoạn {cset.period[0]}–{cset.period[1]} "
        f"của bộ tiêu chí {cset.code}",
    )


def _named_set(
    code: str, year: int | None, sources: list[DataSource], problems: list[Problem]
) -> CriteriaSet | None:
    try:
        cset = load_set(code)
    except CriteriaFileError as exc:
        problems.extend(
            Problem(exc.path, f"{loc}: {msg}" if loc else msg) for loc, msg in exc.problems
        )
        return None
    if year is not None and not cset.period[0] <= year <= cset.period[1]:
        problems.append(_out_of_period(cset, year, sources))
    return cset


def _units(
    units: Sequence[Unit] | str | Path | RawFile | None, problems: list[Problem]
) -> tuple[list[Unit] | None, str, bool]:
    """The units given (objects or a file), how to name them, and whether reading them failed."""
    if units is None:
        return None, "tệp đơn vị", False
    if not isinstance(units, str | Path | RawFile):
        return list(units), "danh sách đơn vị", False
    label = f"tệp {RawFile.of(units).name}"
    try:
        return read_units(units), label, False
    except ImportFailed as exc:
        problems.extend(exc.problems)
        return None, label, True


def _criteria(
    criteria: str | Path | CriteriaSet | None,
    year: int | None,
    sources: list[DataSource],
    notes: list[str],
    problems: list[Problem],
) -> CriteriaSet | None:
    if isinstance(criteria, CriteriaSet):
        if year is not None and not criteria.period[0] <= year <= criteria.period[1]:
            problems.append(_out_of_period(criteria, year, sources))
        return criteria
    if criteria is not None:
        return _named_set(str(criteria), year, sources, problems)
    if year is not None:
        return _infer_set(year, sources, notes, problems)
    return None


def load_inputs(
    data: Sequence[str | Path | RawFile],
    *,
    units_path: str | Path | RawFile | None = None,
    units: Sequence[Unit] | None = None,
    criteria: str | Path | CriteriaSet | None = None,
    year: int | None = None,
    sheet: str | None = None,
    progress: Progress | None = None,
) -> Inputs:
    """Everything an evaluation needs; ImportFailed with every problem otherwise.

    Each input is a file (a path, or a ``RawFile`` holding bytes and a name) or the object
    itself: ``units`` (a list of ``Unit``) instead of ``units_path``, a ``CriteriaSet`` as
    ``criteria``. The web passes its own objects and the upload's bytes; nothing is written.
    """
    problems: list[Problem] = []
    given, units_label, units_failed = _units(units if units is not None else units_path, problems)
    sources = _open_all(data, sheet, problems)
    if not sources:
        raise ImportFailed(problems)
    notes = [note for s in sources for note in s.table.grid.notes]
    chosen_year = _decide_year(sources, year, problems)
    cset = _criteria(criteria, chosen_year, sources, notes, problems)
    if cset is None or chosen_year is None or units_failed:
        raise ImportFailed(problems)
    if given is None:
        given, units_label = units_from_sources(sources, chosen_year)
    try:
        bundle = read_values(
            sources,
            cset=cset,
            units=given,
            year=chosen_year,
            units_label=units_label,
            progress=progress,
        )
    except ImportFailed as exc:
        problems.extend(exc.problems)
    if problems:
        raise ImportFailed(problems)
    return Inputs(
        cset=cset,
        units=bundle.units,
        year=chosen_year,
        values=bundle.values,
        statuses=bundle.statuses,
        notes=notes + bundle.notes,
        files=[p.name if isinstance(p, RawFile) else str(p) for p in data],
    )


def commune_json(evaluation: Evaluation, row: int) -> dict[str, Any]:
    return next(_communes_json(evaluation, [row]))


def _plain(x: float, yes_no: bool) -> float | int | bool | None:
    if x != x:  # NaN: no value
        return None
    if yes_no:
        return bool(x)
    return int(x) if x.is_integer() else x


def _communes_json(evaluation: Evaluation, rows: Sequence[int]) -> Iterator[dict[str, Any]]:
    """Each commune's result as plain data, read from the evaluation's arrays turned into lists
    once: per commune through ``Evaluation.unit_result`` it took seconds for 10.000 communes."""
    cset = evaluation.cset
    codes = [i.code for i in cset.indicators]
    yes_no = [i.kind == "yes_no" for i in cset.indicators]
    numbers = [str(n) for n in cset.criterion_numbers]
    values, thresholds = evaluation.values.tolist(), evaluation.thresholds.tolist()
    indicator_status = evaluation.indicator_status.tolist()
    criterion_status = evaluation.criterion_status.tolist()
    met = evaluation.criteria_met.tolist()
    for r in rows:
        unit, v, t, status = evaluation.units[r], values[r], thresholds[r], indicator_status[r]
        yield {
            "commune_code": unit.code,
            "commune_name": unit.name,
            "district_name": unit.district_name,
            "criteria_met": int(met[r]),
            "criteria": {
                n: STATUS_NAMES[s] for n, s in zip(numbers, criterion_status[r], strict=True)
            },
            "indicators": {
                code: {
                    "value": _plain(v[j], yes_no[j]),
                    "threshold": _plain(t[j], yes_no[j]),
                    "status": STATUS_NAMES[status[j]],
                }
                for j, code in enumerate(codes)
            },
        }


def evaluation_json(evaluation: Evaluation, summary: Rollup | None = None) -> dict[str, Any]:
    """The JSON of ``ntm evaluate``: the set, the year, the roll-up figures, every commune."""
    summary = summary if summary is not None else rollup(evaluation)
    return {
        **_head(evaluation),
        **summary.as_dict(),
        "communes": list(_communes_json(evaluation, summary.rows.tolist())),
    }


def _head(evaluation: Evaluation) -> dict[str, Any]:
    """The set and the year; ``"pilot": true`` only for a pilot evaluation (``--pilot``), so
    the official output keeps its shape and a pilot one can never pass for it."""
    head: dict[str, Any] = {"criteria_set": evaluation.cset.code, "year": evaluation.year}
    return head | ({"pilot": True} if evaluation.pilot else {})


def evaluation_json_text(
    evaluation: Evaluation, summary: Rollup, *, pretty: bool = False
) -> Iterator[str]:
    """The same JSON as text in pieces: compact, one commune at a time (10.000 communes' dicts
    are never all held at once); indented with ``pretty``, for reading by eye."""
    if pretty:
        yield json.dumps(evaluation_json(evaluation, summary), ensure_ascii=False, indent=2)
        return
    head = {**_head(evaluation), **summary.as_dict()}
    before, after = _compact({**head, "communes": None}).rsplit('"communes":null', 1)
    yield before + '"communes":['
    for i, commune in enumerate(_communes_json(evaluation, summary.rows.tolist())):
        yield ("," if i else "") + _compact(commune)
    yield "]" + after


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
