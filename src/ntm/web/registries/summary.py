"""Counts of the registries per commune, district and province and over the years, and the
OCOP ratings expiring soon: the summary page and the dashboard's block read them here."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from ntm.criteria import ocop as ocop_data
from ntm.domain import ocop
from ntm.web.assessments.access import request_scope
from ntm.web.registries.models import Initiative, Standing, Village, VillageStanding
from ntm.web.registries.selectors import ProductRating, product_ratings, readable_units, year_end
from ntm.web.units.models import Unit


@dataclass
class AreaCounts:
    """One line of the summary: a commune, a district or a province."""

    name: str
    level: str  # commune | district | province
    stars: Counter[int] = field(default_factory=Counter)
    models: int = 0
    villages: int = 0
    standings: Counter[str] = field(default_factory=Counter)

    def add(self, other: AreaCounts) -> None:
        self.stars.update(other.stars)
        self.models += other.models
        self.villages += other.villages
        self.standings.update(other.standings)

    @property
    def ocop(self) -> int:
        return sum(n for s, n in self.stars.items() if s >= 3)


@dataclass(frozen=True)
class YearCounts:
    year: int
    ocop: ocop.OcopCounts
    models: int
    standings: dict[str, int]


@dataclass(frozen=True)
class RegistrySummary:
    areas: list[AreaCounts]
    years: list[YearCounts]
    expiring: list[ProductRating]
    today: date


def _commune_lines(
    units: QuerySet[Unit], ratings: list[ProductRating], year: int
) -> tuple[list[Unit], dict[int, AreaCounts]]:
    """A line per commune that has something in a registry (the others add nothing), read with
    the readable communes as a subquery: a country's 10.000 communes are never listed."""
    models = list(Initiative.objects.filter(unit__in=units).values_list("unit_id", flat=True))
    villages = list(Village.objects.filter(unit__in=units).values_list("unit_id", flat=True))
    held = list(
        VillageStanding.objects.filter(village__unit__in=units, year=year).values_list(
            "village__unit_id", "standing"
        )
    )
    ids = {r.product.unit_id for r in ratings} | set(models) | set(villages)
    members = list(Unit.objects.filter(pk__in=ids).order_by("province_code", "district_code"))
    lines = {u.pk: AreaCounts(u.name, "commune") for u in members}
    for r in ratings:
        lines[r.product.unit_id].stars[r.judged.stars] += 1
    for unit_id in models:
        lines[unit_id].models += 1
    for unit_id in villages:
        lines[unit_id].villages += 1
    for unit_id, standing in held:
        lines[unit_id].standings[standing] += 1
    return members, lines


def _areas(units: list[Unit], lines: dict[int, AreaCounts]) -> list[AreaCounts]:
    """Communes under their district (before 2025) under their province, totals first."""
    out: list[AreaCounts] = []
    by_province: dict[str, list[Unit]] = defaultdict(list)
    for u in units:
        by_province[u.province_code].append(u)
    for members in by_province.values():
        province = AreaCounts(members[0].province_name, "province")
        out.append(province)
        districts: dict[str, AreaCounts] = {}
        for u in sorted(members, key=lambda u: (u.district_name, u.name)):
            if u.district_code and u.district_code not in districts:
                districts[u.district_code] = AreaCounts(u.district_name, "district")
                out.append(districts[u.district_code])
            if u.district_code:
                districts[u.district_code].add(lines[u.pk])
            province.add(lines[u.pk])
            out.append(lines[u.pk])
    return out


def _years(units: QuerySet[Unit], today: date) -> list[YearCounts]:
    years = set(
        VillageStanding.objects.filter(village__unit__in=units).values_list("year", flat=True)
    )
    years |= set(Initiative.objects.filter(unit__in=units).values_list("year", flat=True))
    rated_all = product_ratings(units=units, as_of=today, history=True)
    years |= {r.rating.decision_date.year for r in rated_all}
    out = []
    for year in sorted(y for y in years if y <= today.year):
        rated = product_ratings(units=units, as_of=year_end(year, today))
        held = Counter(
            VillageStanding.objects.filter(village__unit__in=units, year=year).values_list(
                "standing", flat=True
            )
        )
        out.append(
            YearCounts(
                year,
                ocop_data.count([r.judged for r in rated]),
                Initiative.objects.filter(unit__in=units, year=year).count(),
                {s: held[s] for s in Standing.values},
            )
        )
    return out


def registry_summary(*, units: QuerySet[Unit], today: date | None = None) -> RegistrySummary:
    today = today or date.today()
    ratings = product_ratings(units=units, as_of=today)
    members, lines = _commune_lines(units, ratings, today.year)
    expiring = [r for r in ratings if r.judged.status == "expiring"]
    return RegistrySummary(_areas(members, lines), _years(units, today), expiring, today)


@login_required
@require_GET
def summary(request: HttpRequest) -> HttpResponse:
    units = readable_units(scope=request_scope(request))
    context = {"summary": registry_summary(units=units), "standings": Standing.choices}
    return render(request, "registries/summary.html", context)
