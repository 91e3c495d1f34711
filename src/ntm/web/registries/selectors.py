"""Reads of the registries: OCOP ratings judged by ``ntm.domain.ocop``, counts for the dashboard,
the report and plan targets (``ocop_counts``, ``village_counts``, ``initiative_counts``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet

from ntm.criteria import ocop as ocop_data
from ntm.domain import ocop
from ntm.web.accounts.scope import Scope
from ntm.web.registries.models import (
    Initiative,
    OcopProduct,
    OcopRating,
    Standing,
    Village,
    VillageStanding,
)
from ntm.web.units.models import Unit


def readable_units(*, scope: Scope) -> QuerySet[Unit]:
    return Unit.objects.filter(scope.units_q(), level="commune")


def managed_units(*, scope: Scope) -> QuerySet[Unit]:
    """Communes whose registries the user keeps: the province's office, or the administrator."""
    if scope.write_all:
        return Unit.objects.filter(level="commune")
    q = Q(pk__in=[])
    for area in scope.offices:
        q |= area.q()
    return Unit.objects.filter(q, level="commune")


def can_manage(*, scope: Scope) -> bool:
    return scope.write_all or bool(scope.offices)


@dataclass(frozen=True)
class ProductRating:
    """A product with its current rating judged (earlier ratings are 're-rated')."""

    product: OcopProduct
    rating: OcopRating
    judged: ocop.Rating


def _judge(rating: OcopRating, product: OcopProduct, as_of: date, rerated: bool) -> ocop.Rating:
    return ocop.rate(
        product_code=product.code,
        group=product.group,
        unit_code=product.unit.code,
        card=ocop_data.scorecards()[rating.scorecard],
        scores=(rating.score_a, rating.score_b, rating.score_c),
        decided=rating.decision_date,
        as_of=as_of,
        rerated=rerated,
    )


def product_ratings(
    *, units: QuerySet[Unit] | Iterable[Unit], as_of: date, history: bool = False
) -> list[ProductRating]:
    """Each product of ``units`` with its latest rating decided by ``as_of``; with ``history``
    also the earlier ratings, marked re-rated."""
    ratings = (
        OcopRating.objects.filter(product__unit__in=units, decision_date__lte=as_of)
        .select_related("product__unit")
        .order_by("product__code", "product_id", "decision_date", "pk")
    )
    by_product: dict[int, list[OcopRating]] = {}
    for rating in ratings:
        by_product.setdefault(rating.product_id, []).append(rating)
    out: list[ProductRating] = []
    for rows in by_product.values():
        product = rows[-1].product
        shown = rows if history else rows[-1:]
        for rating in shown:
            rerated = rating is not rows[-1]
            out.append(ProductRating(product, rating, _judge(rating, product, as_of, rerated)))
    return out


def year_end(year: int, today: date | None = None) -> date:
    """The day a year's counts are taken: 31/12, or today while the year runs."""
    today = today or date.today()
    return min(date(year, 12, 31), today) if year >= today.year else date(year, 12, 31)


def _area(units: QuerySet[Unit], province_code: str, district_code: str, unit_codes: list[str]):
    units = units.filter(province_code=province_code)
    if district_code:
        units = units.filter(district_code=district_code)
    if unit_codes:
        units = units.filter(code__in=unit_codes)
    return units


def ocop_counts(
    *,
    province_code: str,
    year: int,
    regime: str = "",
    district_code: str = "",
    unit_codes: Iterable[str] = (),
    as_of: date | None = None,
) -> ocop.OcopCounts:
    """OCOP products of an area by stars and group, each at its latest rating decided by the end
    of ``year`` (``as_of`` overrides): the measure plan targets compare with."""
    units = Unit.objects.filter(level="commune", regime=regime) if regime else Unit.objects.all()
    area = _area(units, province_code, district_code, list(unit_codes))
    day = as_of or year_end(year)
    return ocop_data.count([r.judged for r in product_ratings(units=area, as_of=day)])


@dataclass(frozen=True)
class VillageCounts:
    """Villages of an area and those holding each standing in a year."""

    villages: int
    ntm: int
    model_area: int
    smart: int


def village_counts(
    *, province_code: str, year: int, regime: str = "", district_code: str = ""
) -> VillageCounts:
    units = Unit.objects.filter(level="commune", regime=regime) if regime else Unit.objects.all()
    area = _area(units, province_code, district_code, [])
    villages = Village.objects.filter(unit__in=area)
    held = Counter(
        VillageStanding.objects.filter(village__in=villages, year=year).values_list(
            "standing", flat=True
        )
    )
    return VillageCounts(
        villages.count(), held[Standing.NTM], held[Standing.MODEL_AREA], held[Standing.SMART]
    )


def smart_village_communes(*, units: Iterable[Unit], year: int) -> set[int]:
    """Unit ids with at least one village recognised as smart in ``year`` or before."""
    return set(
        VillageStanding.objects.filter(
            village__unit__in=list(units), standing=Standing.SMART, year__lte=year
        ).values_list("village__unit_id", flat=True)
    )


@dataclass(frozen=True)
class InitiativeCounts:
    total: int
    by_kind: dict[str, int]
    by_field: dict[str, int]
    by_year: dict[int, int]


def initiative_counts(*, units: QuerySet[Unit]) -> InitiativeCounts:
    rows = list(
        Initiative.objects.filter(unit__in=units).values_list("kind__name", "field", "year")
    )
    labels = dict(Initiative._meta.get_field("field").choices or [])
    return InitiativeCounts(
        len(rows),
        dict(Counter(kind for kind, _, _ in rows).most_common()),
        {str(labels.get(f, f)): n for f, n in Counter(f for _, f, _ in rows).most_common()},
        dict(sorted(Counter(y for _, _, y in rows).items())),
    )


# Plan-target measures the registries answer (for the plan-target code): measure → its name.
REGISTRY_MEASURES: dict[str, str] = {
    "ocop_products_3_stars": "Số sản phẩm OCOP đạt 3 sao trở lên",
    "ocop_products_4_stars": "Số sản phẩm OCOP đạt 4 sao trở lên",
    "villages_ntm": "Số thôn đạt chuẩn nông thôn mới",
    "villages_model_area": "Số khu dân cư nông thôn mới kiểu mẫu",
    "villages_smart": "Số thôn thông minh",
}
OCOP_MEASURE = "ocop_products_3_stars"


def registry_measure(
    *, measure: str, province_code: str, year: int, regime: str = "", district_code: str = ""
) -> int:
    """The actual figure of a registry measure for an area and year (KeyError if unknown)."""
    if measure.startswith("ocop_products_"):
        counts = ocop_counts(
            province_code=province_code, year=year, regime=regime, district_code=district_code
        )
        return counts.at_least(int(measure.split("_")[2]))
    villages = village_counts(
        province_code=province_code, year=year, regime=regime, district_code=district_code
    )
    return {"villages_ntm": villages.ntm, "villages_model_area": villages.model_area,
            "villages_smart": villages.smart}[measure]  # fmt: skip
