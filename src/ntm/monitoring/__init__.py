"""Monitoring-indicator catalogues: where they live, how they load, the errors a bad file gives.

A catalogue is a YAML file (docs/monitoring-format.md), one per program period, shipped in
``catalogues/`` beside this module. A province extends one with a file of its own, in a directory
named by ``NTM_MONITORING_DIR`` (several, separated by ':'), that says ``extends: CODE`` and lists
only the indicators it adds; the two are checked together. Validation is pydantic's, with the
criteria sets' Vietnamese wording (``ntm.criteria.messages``).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ntm.criteria.messages import field_path, vietnamese_message
from ntm.domain.monitoring import GROUPS, MonitoringCatalogue, MonitoringIndicator

SHIPPED_DIR = Path(__file__).parent / "catalogues"
_CODE = r"^[a-z][a-z0-9_]{0,17}$"  # short: the audit trail keeps "m:" + code in 20 characters

__all__ = [
    "SHIPPED_DIR",
    "CatalogueFileError",
    "catalogue_files",
    "catalogue_for_year",
    "load_catalogue",
    "load_catalogue_file",
]


class CatalogueFileError(ValueError):
    """A catalogue that cannot be used, with the file, the field and the problem."""

    def __init__(self, path: str | Path, problems: list[tuple[str, str]]):
        self.path = str(path)
        self.problems = problems
        lines = [f"{self.path}: {loc or '(tệp)'}: {msg}" for loc, msg in problems]
        super().__init__("Danh mục chỉ tiêu theo dõi không hợp lệ:\n" + "\n".join(lines))


class _Indicator(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(pattern=_CODE)
    name: str = Field(min_length=1)
    unit: str = Field(min_length=1)
    level: Literal["commune", "province"]
    rollup: Literal["sum", "last", "weighted_mean", "ratio"]
    group: Literal[
        "ha_tang", "san_xuat", "van_hoa_xa_hoi", "moi_truong", "he_thong_chinh_tri", "nguon_luc"
    ]
    weight: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    scale: float = 1.0
    decimals: int | None = Field(default=None, ge=0, le=6)
    description: str = ""

    @model_validator(mode="after")
    def _needs(self) -> _Indicator:
        if self.rollup == "weighted_mean" and not self.weight:
            raise ValueError("bình quân gia quyền (weighted_mean) cần chỉ tiêu trọng số «weight»")
        if self.rollup == "ratio" and not (self.numerator and self.denominator):
            raise ValueError("tỷ số (ratio) cần «numerator» và «denominator»")
        return self


class _Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid")

    code: str = Field(min_length=1)
    title: str = Field(min_length=1)
    period: tuple[int, int] | None = None
    extends: str | None = None
    indicators: list[_Indicator]


def search_dirs() -> list[Path]:
    extra = [Path(p) for p in os.environ.get("NTM_MONITORING_DIR", "").split(":") if p]
    return [*extra, SHIPPED_DIR]


def catalogue_files() -> dict[str, Path]:
    """Code → file for every catalogue found; an office's file shadows a shipped one."""
    found: dict[str, Path] = {}
    for directory in reversed(search_dirs()):
        if directory.is_dir():
            for path in sorted(directory.glob("*.yaml")):
                found[path.stem] = path
    return found


def _read(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueFileError(path, [("", f"không đọc được tệp ({exc})")]) from None
    except yaml.YAMLError as exc:
        raise CatalogueFileError(path, [("", f"YAML không hợp lệ: {exc}")]) from None
    if not isinstance(data, dict):
        raise CatalogueFileError(path, [("", "tệp phải là một ánh xạ (khóa: giá trị)")])
    return data


def _parse(path: Path, data: dict[str, Any]) -> _Catalogue:
    try:
        return _Catalogue.model_validate(data)
    except ValidationError as exc:
        problems = [(field_path(e["loc"], data), vietnamese_message(e)) for e in exc.errors()]
        raise CatalogueFileError(path, problems) from None


def _references(path: Path, indicators: list[_Indicator]) -> None:
    """Codes unique; every weight, numerator and denominator names an entered indicator."""
    problems: list[tuple[str, str]] = []
    codes: dict[str, _Indicator] = {}
    for ind in indicators:
        if ind.code in codes:
            problems.append((f"indicators[{ind.code}]", "mã chỉ tiêu bị trùng"))
        codes[ind.code] = ind
    for ind in indicators:
        for field in ("weight", "numerator", "denominator"):
            ref = getattr(ind, field)
            if ref is None:
                continue
            target = codes.get(ref)
            if target is None:
                problems.append((f"indicators[{ind.code}].{field}", f"không có chỉ tiêu «{ref}»"))
            elif target.rollup in ("ratio", "weighted_mean"):
                problems.append(
                    (f"indicators[{ind.code}].{field}", f"«{ref}» phải là chỉ tiêu cộng được")
                )
            elif target.level != ind.level:
                problems.append((f"indicators[{ind.code}].{field}", f"«{ref}» phải nhập cùng cấp"))
    if problems:
        raise CatalogueFileError(path, problems)


def load_catalogue_file(path: str | Path) -> MonitoringCatalogue:
    """A catalogue file, merged over the one it ``extends``, checked as a whole."""
    path = Path(path)
    model = _parse(path, _read(path))
    indicators, period, sources = list(model.indicators), model.period, [str(path)]
    if model.extends:
        base = load_catalogue(model.extends)
        base_codes = {i.code for i in base.indicators}
        clash = [i.code for i in indicators if i.code in base_codes]
        if clash:
            raise CatalogueFileError(
                path, [("indicators", f"trùng mã với danh mục gốc: {', '.join(clash)}")]
            )
        indicators = [_model_of(i) for i in base.indicators] + indicators
        period, sources = period or base.period, [*base.sources, str(path)]
    if period is None:
        raise CatalogueFileError(path, [("period", "cần [năm bắt đầu, năm kết thúc]")])
    _references(path, indicators)
    return MonitoringCatalogue(
        model.code, model.title, period, tuple(_record(i) for i in indicators), tuple(sources)
    )


def _record(ind: _Indicator) -> MonitoringIndicator:
    return MonitoringIndicator(**ind.model_dump())


def _model_of(ind: MonitoringIndicator) -> _Indicator:
    return _Indicator(**{k: getattr(ind, k) for k in _Indicator.model_fields})


@lru_cache(maxsize=32)
def load_catalogue(code: str) -> MonitoringCatalogue:
    files = catalogue_files()
    if code not in files:
        known = ", ".join(sorted(files)) or "(không có)"
        raise CatalogueFileError(code, [("", f"không có danh mục «{code}»; có: {known}")])
    return load_catalogue_file(files[code])


def catalogue_for_year(year: int) -> MonitoringCatalogue:
    """The catalogue whose period holds ``year`` (a province's own file first), else the latest
    shipped one whose period starts before it."""
    catalogues = [load_catalogue(code) for code in catalogue_files()]
    holding = [c for c in catalogues if c.period[0] <= year <= c.period[1]]
    if holding:
        # A province's extension holds more indicators than the shipped file it extends.
        return max(holding, key=lambda c: len(c.indicators))
    earlier = [c for c in catalogues if c.period[0] <= year] or catalogues
    return max(earlier, key=lambda c: c.period)


assert set(GROUPS) == {
    "ha_tang",
    "san_xuat",
    "van_hoa_xa_hoi",
    "moi_truong",
    "he_thong_chinh_tri",
    "nguon_luc",
}
