"""Demonstration registries for Kon Tum (before 2025): a few OCOP products, models and villages,
so that the registry pages and the dashboard's block are not empty. Names, scores and decision
numbers are illustrative (marked "minh họa"), not the province's real registry."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from ntm.web.assessments.models import Period
from ntm.web.registries.models import (
    Initiative,
    ModelField,
    ModelKind,
    OcopProduct,
    OcopRating,
    Standing,
    Village,
    VillageStanding,
)
from ntm.web.units.models import Unit

# (code, name, group, subject, scorecard, scores A/B/C, decision date)
PRODUCTS = [
    (
        "KT-001",
        "Cà phê rang xay",
        "Đồ uống",
        "Hợp tác xã",
        "1048/2019",
        (28, 18, 30),
        date(2020, 9, 15),
    ),
    (
        "KT-002",
        "Mật ong rừng",
        "Thực phẩm",
        "Hộ kinh doanh",
        "1048/2019",
        (26, 17, 28),
        date(2020, 9, 15),
    ),
    (
        "KT-003",
        "Sâm dây",
        "Dược liệu và sản phẩm từ dược liệu",
        "Doanh nghiệp",
        "1048/2019",
        (30, 20, 32),
        date(2020, 12, 1),
    ),
    (
        "KT-004",
        "Gùi mây tre đan",
        "Hàng thủ công mỹ nghệ",
        "Tổ hợp tác",
        "148/2023",
        (24, 15, 22),
        date(2023, 10, 20),
    ),
    (
        "KT-005",
        "Du lịch cộng đồng làng Kon Kơ Tu",
        "Dịch vụ du lịch cộng đồng, du lịch sinh thái và điểm du lịch",
        "Hợp tác xã",
        "148/2023",
        (32, 19, 26),
        date(2024, 6, 5),
    ),
]
MODELS = [
    ("Trồng cà phê xen cây ăn quả", "kinh-te", ModelField.ECONOMY, 2019, 24, Decimal("850")),
    ("Tuyến đường hoa, cây xanh", "dan-van-kheo", ModelField.SOCIETY, 2020, 60, None),
    ("Tổ an ninh nhân dân tự quản", "to-an-ninh", ModelField.DEFENCE, 2020, 15, None),
]
VILLAGES = [
    ("Thôn 1", Standing.NTM, 2019),
    ("Thôn 2", Standing.MODEL_AREA, 2020),
    ("Làng Kon Jơ Ri", Standing.SMART, 2020),
]


def kontum_registries_demo(period: Period) -> int:
    """The demonstration records in the first communes of the period's province."""
    communes = list(
        Unit.objects.filter(
            regime=period.regime, province_code=period.province_code, level="commune"
        ).order_by("code")[:3]
    )
    for i, (code, name, group, subject, card, (a, b, c), decided) in enumerate(PRODUCTS):
        product = OcopProduct.objects.create(
            code=code, name=name, group=group, subject=subject, unit=communes[i % len(communes)]
        )
        OcopRating.objects.create(
            product=product,
            round_year=decided.year,
            scorecard=card,
            score_a=Decimal(a),
            score_b=Decimal(b),
            score_c=Decimal(c),
            decision_number=f"{i + 1}/QĐ-UBND (minh họa)",
            decision_date=decided,
        )
    for i, (name, kind, field, year, households, value) in enumerate(MODELS):
        Initiative.objects.create(
            name=name,
            kind=ModelKind.objects.get(code=kind),
            field=field,
            unit=communes[i % len(communes)],
            year=year,
            households=households,
            value=value,
            description="Mô hình minh họa.",
        )
    for i, (name, standing, year) in enumerate(VILLAGES):
        village = Village.objects.create(name=name, unit=communes[0])
        VillageStanding.objects.create(
            village=village,
            year=year,
            standing=standing,
            decision_number=f"{20 + i}/QĐ-UBND (minh họa)",
            decision_date=date(year, 11, 1),
        )
    return len(PRODUCTS)
