"""Shapes of the API's requests and answers."""

from __future__ import annotations

from typing import Any

from ninja import Schema
from pydantic import Field


class UnitOut(Schema):
    id: int
    regime: str
    code: str
    name: str
    level: str
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
    regime: str
    province_code: str
    province_name: str
    year: int
    state: str
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


class SavedOut(Schema):
    version: int
    changes: list[dict[str, str]]


class Message(Schema):
    detail: str


class ConflictOut(Schema):
    detail: str
    current_version: int
    changes: list[dict[str, Any]]


class ProblemsOut(Schema):
    detail: str
    problems: list[dict[str, Any]]
