"""Shapes of the API's requests and answers: typed, with enums for every closed set of values,
so that a generated client (openapi-python-client) gets classes, not dictionaries."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field


class Regime(StrEnum):
    """Administrative units before (old) or from (new) 1 July 2025."""

    OLD = "old"
    NEW = "new"


class Level(StrEnum):
    COMMUNE = "commune"
    DISTRICT = "district"
    PROVINCE = "province"


class PeriodStateName(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    LOCKED = "locked"


class Status(StrEnum):
    """An indicator's or a criterion's status, from the engine."""

    MET = "met"
    NOT_MET = "not_met"
    UNKNOWN = "unknown"


class UnitOut(Schema):
    id: int
    regime: Regime
    code: str
    name: str
    level: Level
    kind: str
    province_code: str
    province_name: str
    district_code: str
    district_name: str
    region: str
    group: str
    flags: list[str]
    successors: list[int] = Field(default_factory=list)


class CriteriaSetOut(Schema):
    id: int
    code: str
    content_hash: str
    title: str
    period_start: int
    period_end: int


class CriteriaSetDetail(CriteriaSetOut):
    data: dict[str, Any]


class PeriodOut(Schema):
    id: int
    regime: Regime
    province_code: str
    province_name: str
    year: int
    state: PeriodStateName
    criteria_set_id: int
    criteria_set_code: str


class ValuesOut(Schema):
    version: int
    values: dict[str, float | None]
    statuses: dict[str, int]


class ValuesIn(Schema):
    version: int
    values: dict[str, float | None] = Field(default_factory=dict)
    statuses: dict[str, int | None] = Field(default_factory=dict)
    comments: dict[str, str] = Field(default_factory=dict)


class ChangeOut(Schema):
    kind: str  # indicator | criterion | comment
    target: str
    old: str
    new: str


class SavedOut(Schema):
    version: int
    changes: list[ChangeOut]


class Message(Schema):
    """Every error body: one Vietnamese sentence."""

    detail: str


class ConflictChange(Schema):
    username: str
    at: str
    target: str
    old: str
    new: str
    version: int


class ConflictOut(Schema):
    detail: str
    current_version: int
    changes: list[ConflictChange]


class ProblemOut(Schema):
    """One bad entry: where (``field``, a dotted path such as ``values.2.1``, or the file's
    sheet, row and column for an upload), what is wrong, and both as one sentence."""

    field: str | None = None
    file: str | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None
    message: str
    text: str


class ProblemsOut(Schema):
    detail: str
    problems: list[ProblemOut]


# --- evaluation and roll-ups (the JSON of ``ntm evaluate``) ------------------------------------


class IndicatorResultOut(Schema):
    value: float | bool | None
    threshold: float | bool | None
    status: Status


class CommuneEvaluationOut(Schema):
    commune_code: str
    commune_name: str
    district_name: str | None = None
    criteria_met: int
    criteria: dict[str, Status]
    indicators: dict[str, IndicatorResultOut]


class CriterionCountOut(Schema):
    met: int


class ClosestOut(Schema):
    commune_code: str
    commune_name: str
    district_name: str | None = None
    missing: list[int]


class RollupOut(BaseModel):
    """The roll-up figures. One more key, ``communes_under_<N>_criteria`` (the names of the
    communes under the set's own line N), depends on the set and is passed through as is (a
    plain pydantic model: ninja's Schema reads declared fields only and would drop it)."""

    model_config = ConfigDict(extra="allow")

    communes_total: int
    recognised: int
    bands: dict[str, int]
    avg_criteria: float
    criteria: dict[str, CriterionCountOut]
    criteria_met_by_all: list[int]
    recognised_communes: list[str]
    closest_to_standard: list[ClosestOut]


class PeriodRollupOut(RollupOut):
    period: PeriodOut


class EvaluationOut(RollupOut):
    criteria_set: str
    year: int
    communes: list[CommuneEvaluationOut]
