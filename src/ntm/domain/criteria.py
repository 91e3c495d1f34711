"""The criteria-set model: typed, validated, and independent of where the set came from.

A set is parsed from plain data (a YAML mapping, a filled Excel table) into these pydantic models.
Loading files is not done here (the core does no I/O); see ``ntm.criteria``.

Thresholds are the delicate part. The decisions state some levels per region or group and per
year, and leave many to ministry guidance that ntm does not have. A threshold that is not known is
``None`` and the engine then reports the indicator as unknown ("chưa xác định") — never met, never
not met.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Level = Literal["commune", "district", "province"]
Tier = Literal["standard", "advanced", "model", "modern"]
Kind = Literal["yes_no", "percent", "number", "count"]
Compare = Literal[">=", "<=", "="]
VariantDimension = Literal["region", "group", "none"]

UNKNOWN = "unknown"
ALL_VARIANTS = "*"  # a threshold that is the same for every variant

_YEAR_KEY = re.compile(r"^\s*(\d{4})\s*(?:[-–]\s*(\d{4}))?\s*$")

ThresholdValue = float | bool | None


def parse_year_key(key: Any, period: tuple[int, int]) -> tuple[int, int]:
    """'2020' → (2020, 2020); '2016-2019' → (2016, 2019); 'all' → the set's period."""
    text = str(key).strip().lower()
    if text in {"all", "*", "tất cả"}:
        return period
    match = _YEAR_KEY.match(text)
    if not match:
        raise ValueError(f"năm không hợp lệ: {key!r} (ví dụ đúng: 2020, 2016-2019, all)")
    start = int(match.group(1))
    end = int(match.group(2) or start)
    if end < start:
        raise ValueError(f"khoảng năm ngược: {key!r}")
    return start, end


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ThresholdRule(_Strict):
    """The level for each variant over a span of years. A variant absent or None is unknown."""

    years: tuple[int, int]
    values: dict[str, ThresholdValue]
    source: str | None = None
    # The "general level" (mức chung) some decisions state besides regional levels. Kept for
    # people to read; the engine never uses it in place of a variant's own level.
    general: ThresholdValue = None

    def value_for(self, variant: str) -> ThresholdValue:
        if variant in self.values:
            return self.values[variant]
        return self.values.get(ALL_VARIANTS)


class Indicator(_Strict):
    code: str
    name: str
    unit: str | None = None
    kind: Kind = "yes_no"
    compare: Compare = ">="
    thresholds: list[ThresholdRule] = Field(default_factory=list)
    source: str | None = None
    note: str | None = None

    @field_validator("code")
    @classmethod
    def _code_shape(cls, value: str) -> str:
        value = str(value).strip()
        if not re.fullmatch(r"\d+(\.\d+)*[a-z]?", value):
            raise ValueError(f"mã chỉ tiêu không hợp lệ: {value!r} (ví dụ đúng: 10.1)")
        return value

    def threshold_for(self, variant: str, year: int) -> ThresholdValue:
        """The level for a variant in a year; None when unknown. Later rules win on overlap."""
        found: ThresholdValue = None
        for rule in self.thresholds:
            if rule.years[0] <= year <= rule.years[1]:
                found = rule.value_for(variant)
        if self.kind == "yes_no" and found is not None:
            return bool(found)
        return found

    def rule_for(self, year: int) -> ThresholdRule | None:
        found = None
        for rule in self.thresholds:
            if rule.years[0] <= year <= rule.years[1]:
                found = rule
        return found


class CriterionRule(_Strict):
    """How a criterion's indicators make it met: all of them (default) or at least ``n``."""

    kind: Literal["all", "at_least"] = "all"
    n: int | None = None

    @model_validator(mode="after")
    def _n_for_at_least(self) -> CriterionRule:
        if self.kind == "at_least" and (self.n is None or self.n < 1):
            raise ValueError("quy tắc 'at_least' cần n ≥ 1")
        return self


class Criterion(_Strict):
    number: int
    name: str
    group: str | None = None
    indicators: list[Indicator] = Field(default_factory=list)
    rule: CriterionRule = CriterionRule()
    # False when the official list of indicators is longer than what the file holds: the
    # criterion can then fail on a known indicator but never be met from indicators alone.
    indicators_complete: bool = True
    source: str | None = None


class Band(_Strict):
    """A band of units by number of criteria met, for reports ("15-18" → 15 ≤ n ≤ 18)."""

    label: str
    min: int
    max: int
    name: str | None = None  # Vietnamese, e.g. "Đạt từ 15 đến 18 tiêu chí"


class Variants(_Strict):
    by: VariantDimension = "region"
    values: list[str] = Field(default_factory=list)
    names: dict[str, str] = Field(default_factory=dict)  # code → Vietnamese name
    # Units carrying a flag use another variant's levels (e.g. extremely_difficult → TDMNPB).
    by_flag: dict[str, str] = Field(default_factory=dict)


class TierRule(_Strict):
    """Eligibility for this set's tier beyond meeting its own criteria."""

    requires: list[str] = Field(default_factory=list)  # codes of sets that must also be met
    note: str | None = None


class CriteriaSet(_Strict):
    code: str
    title: str
    basis: str
    period: tuple[int, int]
    level: Level = "commune"
    tier: Tier = "standard"
    variants: Variants = Variants()
    criteria: list[Criterion]
    bands: list[Band] = Field(default_factory=list)
    tier_rule: TierRule = TierRule()
    parent: str | None = None
    note: str | None = None
    # Reports name the units "under N criteria" (offices say "dưới 10 tiêu chí" for the
    # 19-criterion sets). A reporting choice, not a threshold: see ``lagging_line``.
    lagging_below: int | None = None

    @model_validator(mode="after")
    def _consistent(self) -> CriteriaSet:
        if self.period[1] < self.period[0]:
            raise ValueError("period: năm kết thúc trước năm bắt đầu")
        numbers = [c.number for c in self.criteria]
        dupes = sorted({n for n in numbers if numbers.count(n) > 1})
        if dupes:
            raise ValueError(f"criteria: số tiêu chí bị trùng: {dupes}")
        codes = [i.code for c in self.criteria for i in c.indicators]
        dupes_i = sorted({c for c in codes if codes.count(c) > 1})
        if dupes_i:
            raise ValueError(f"criteria: mã chỉ tiêu bị trùng: {dupes_i}")
        known = set(self.variants.values) | {ALL_VARIANTS}
        for crit in self.criteria:
            for ind in crit.indicators:
                for rule in ind.thresholds:
                    unknown = sorted(set(rule.values) - known)
                    if unknown:
                        raise ValueError(
                            f"chỉ tiêu {ind.code}: vùng/nhóm không có trong variants: {unknown}"
                        )
        return self

    # --- convenient views ------------------------------------------------------------------
    @property
    def indicators(self) -> list[Indicator]:
        return [i for c in self.criteria for i in c.indicators]

    @property
    def criterion_numbers(self) -> list[int]:
        return [c.number for c in self.criteria]

    def criterion(self, number: int) -> Criterion:
        for crit in self.criteria:
            if crit.number == number:
                return crit
        raise KeyError(number)

    def indicator(self, code: str) -> Indicator:
        for ind in self.indicators:
            if ind.code == code:
                return ind
        raise KeyError(code)

    def effective_bands(self) -> list[Band]:
        return self.bands or default_bands(len(self.criteria))

    def lagging_line(self) -> int:
        """N of "units under N criteria": the set's own, else 10 for 19 criteria (the line
        provincial reports use), else the top of the lowest band plus one."""
        if self.lagging_below is not None:
            return self.lagging_below
        if len(self.criteria) == 19:
            return 10
        lowest = min(self.effective_bands(), key=lambda b: b.min)
        return lowest.max + 1


def default_bands(n_criteria: int) -> list[Band]:
    """The bands reports have always used for 19 criteria, and a proportional cut otherwise."""
    if n_criteria == 19:
        cuts = [(19, 19), (15, 18), (10, 14), (5, 9), (0, 4)]
        labels = ["19", "15-18", "10-14", "5-9", "<5"]
    else:
        n = n_criteria
        cuts = [(n, n), (max(n - 2, 1), n - 1), (n // 2, max(n - 3, n // 2)), (0, n // 2 - 1)]
        cuts = [(a, b) for a, b in cuts if a <= b]
        labels = [str(a) if a == b else (f"<{b + 1}" if a == 0 else f"{a}-{b}") for a, b in cuts]
    names = []
    for (a, b), _label in zip(cuts, labels, strict=True):
        if a == b:
            names.append(f"Đạt {a} tiêu chí")
        elif a == 0:
            names.append(f"Dưới {b + 1} tiêu chí")
        else:
            names.append(f"Đạt từ {a} đến {b} tiêu chí")
    return [
        Band(label=label, min=a, max=b, name=name)
        for (a, b), label, name in zip(cuts, labels, names, strict=True)
    ]


# --- parsing the file shape into the model ------------------------------------------------------

RawThresholds = Annotated[dict[str, Any] | list[Any], "as written in a set file"]


def _coerce_value(raw: Any, kind: Kind, where: str) -> ThresholdValue:
    if raw is None or (isinstance(raw, str) and raw.strip().lower() in {UNKNOWN, "chưa rõ", ""}):
        return None
    if kind == "yes_no":
        if isinstance(raw, bool):
            return raw
        text = str(raw).strip().lower()
        if text in {"1", "true", "yes", "có", "đạt"}:
            return True
        if text in {"0", "false", "no", "không", "không đạt"}:
            return False
        raise ValueError(f"{where}: ngưỡng có/không không hợp lệ: {raw!r}")
    if isinstance(raw, bool):
        raise ValueError(f"{where}: ngưỡng phải là số, không phải {raw!r}")
    try:
        return float(raw)
    except (TypeError, ValueError):
        raise ValueError(f"{where}: ngưỡng không phải là số: {raw!r}") from None


def parse_thresholds(
    raw: Any, *, kind: Kind, period: tuple[int, int], where: str
) -> list[dict[str, Any]]:
    """Turn the file shape into ThresholdRule data.

    Accepted shapes, per year key ('all', 2020, '2016-2019'):
      a scalar (same level for every variant), 'unknown', a mapping variant → level,
      or a mapping with 'values' (scalar or mapping), and optional 'source' and 'general'.
    A bare scalar or 'unknown' in place of the whole mapping applies to the whole period.
    """
    if raw is None:
        return []
    if not isinstance(raw, dict) or (
        isinstance(raw, dict) and {"values", "source"} & set(raw) and "years" not in raw
    ):
        raw = {"all": raw}
    rules = []
    for key, entry in raw.items():
        years = parse_year_key(key, period)
        source = general = None
        if isinstance(entry, dict) and "values" in entry:
            source = entry.get("source")
            general = entry.get("general")
            entry = entry["values"]
        if isinstance(entry, dict):
            values = {
                str(v): _coerce_value(x, kind, f"{where} năm {key} {v}") for v, x in entry.items()
            }
        else:
            values = {ALL_VARIANTS: _coerce_value(entry, kind, f"{where} năm {key}")}
        rules.append(
            {
                "years": years,
                "values": values,
                "source": source,
                "general": _coerce_value(general, kind, f"{where} mức chung"),
            }
        )
    return rules


def criteria_set_from_data(data: dict[str, Any]) -> CriteriaSet:
    """Build a set from the mapping a YAML file holds (thresholds in their file shape)."""
    data = dict(data)
    period = tuple(data.get("period") or ())
    if len(period) != 2:
        raise ValueError("period: cần [năm bắt đầu, năm kết thúc]")
    criteria = []
    for c_index, crit in enumerate(data.get("criteria") or []):
        crit = dict(crit)
        indicators = []
        for i_index, ind in enumerate(crit.get("indicators") or []):
            ind = dict(ind)
            kind = ind.get("kind", "yes_no")
            where = f"criteria[{c_index}].indicators[{i_index}].thresholds"
            ind["thresholds"] = parse_thresholds(
                ind.get("thresholds"), kind=kind, period=period, where=where
            )
            indicators.append(ind)
        crit["indicators"] = indicators
        if isinstance(crit.get("rule"), str):
            crit["rule"] = {"kind": crit["rule"]}
        criteria.append(crit)
    data["criteria"] = criteria
    return CriteriaSet.model_validate(data)


def criteria_set_to_data(cset: CriteriaSet) -> dict[str, Any]:
    """The inverse of ``criteria_set_from_data``: a mapping ready to be written as YAML."""
    out = cset.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    out["code"], out["title"], out["basis"] = cset.code, cset.title, cset.basis
    out["period"] = list(cset.period)
    for c_out, crit in zip(out.get("criteria", []), cset.criteria, strict=True):
        for i_out, ind in zip(c_out.get("indicators", []), crit.indicators, strict=True):
            i_out["kind"], i_out["compare"] = ind.kind, ind.compare
            rules = {}
            for rule in ind.thresholds:
                a, b = rule.years
                key = str(a) if a == b else f"{a}-{b}"
                values = {k: (UNKNOWN if v is None else v) for k, v in rule.values.items()}
                shaped: Any = values.get(ALL_VARIANTS, values) if set(values) == {"*"} else values
                if rule.source or rule.general is not None:
                    shaped = {"values": shaped}
                    if rule.source:
                        shaped["source"] = rule.source
                    if rule.general is not None:
                        shaped["general"] = rule.general
                rules[key] = shaped
            if rules:
                i_out["thresholds"] = rules
    return out
