"""The report's OCOP sentence comes from the registry: seed 002 (Bắc Kạn) wrote "105 sản phẩm đạt
3 sao trở lên (97 sản phẩm 3 sao; 8 sản phẩm 4 sao) … 105/40 sản phẩm đạt 262,5 % kế hoạch"; the
same products entered in the registry and a target of 40 give that sentence in the Word report,
and the appendix lists the counts."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from docx import Document
from openpyxl import load_workbook

from ntm.web.accounts.scope import scope_for
from ntm.web.dashboards.report import dashboard_report_file
from ntm.web.public.models import PlanTarget
from ntm.web.registries.selectors import OCOP_MEASURE, registry_measure
from ntm.web.registries.services import RatingInput, ocop_ratings_import

pytestmark = pytest.mark.django_db
SENTENCE = (
    "Toàn tỉnh có 105 sản phẩm OCOP đạt 3 sao trở lên (97 sản phẩm 3 sao; 8 sản phẩm 4 sao), "
    "đạt 262,5 % so với mục tiêu 40 sản phẩm"
)


def _products(world: Any) -> None:
    """97 products rated 3 stars and 8 rated 4 stars in 2025 (valid through 2028)."""
    scores = {
        3: (Decimal(24), Decimal(15), Decimal(21)),
        4: (Decimal(30), Decimal(20), Decimal(25)),
    }
    items = [
        RatingInput(
            world.xa_a if n % 2 else world.xa_b,
            f"OCOP{n:03d}",
            f"Sản phẩm {n}",
            "Thực phẩm",
            "Hợp tác xã",
            "148/2023",
            scores[3 if n <= 97 else 4],
            f"{n}/QĐ-UBND",
            date(2025, 5, 1),
        )
        for n in range(1, 106)
    ]
    ocop_ratings_import(
        user=world.users["office"], scope=scope_for(world.users["office"]), items=items
    )


def _target(world: Any, value: float) -> None:
    PlanTarget.objects.create(
        regime="new",
        province_code="91",
        year=2026,
        measure=OCOP_MEASURE,
        value=value,
        baseline_year=2025,
    )


def _docx_text(content: bytes) -> str:
    return "\n".join(p.text for p in Document(io.BytesIO(content)).paragraphs)


def test_the_report_writes_seed_002s_ocop_sentence_from_the_registry(world: Any) -> None:
    _products(world)
    _target(world, 40)
    scope = scope_for(world.users["office"])
    text = _docx_text(
        dashboard_report_file(period=world.period, scope=scope, district="", kind="docx")
    )
    assert SENTENCE in text


def test_the_appendix_lists_the_ocop_counts(world: Any) -> None:
    _products(world)
    _target(world, 40)
    scope = scope_for(world.users["office"])
    content = dashboard_report_file(period=world.period, scope=scope, district="", kind="xlsx")
    sheet = load_workbook(io.BytesIO(content))["Phụ lục 05"]
    rows = {r[0]: r[1] for r in sheet.iter_rows(values_only=True) if r[0]}
    assert rows["Sản phẩm 3 sao"] == 97 and rows["Sản phẩm 4 sao"] == 8
    assert rows["Sản phẩm đạt 3 sao trở lên"] == 105 and rows["Tỷ lệ so với mục tiêu (%)"] == 262.5


def test_a_product_added_to_the_registry_changes_the_sentence(world: Any) -> None:
    _products(world)
    _target(world, 40)
    extra = RatingInput(
        world.xa_a,
        "OCOP999",
        "Trà hoa vàng",
        "Đồ uống",
        "Doanh nghiệp",
        "148/2023",
        (Decimal(36), Decimal(24), Decimal(31)),
        "999/QĐ-TTg",
        date(2026, 2, 1),
    )
    office = world.users["office"]
    ocop_ratings_import(user=office, scope=scope_for(office), items=[extra])
    text = _docx_text(
        dashboard_report_file(
            period=world.period, scope=scope_for(office), district="", kind="docx"
        )
    )
    assert "106 sản phẩm OCOP đạt 3 sao trở lên (97 sản phẩm 3 sao; 8 sản phẩm 4 sao; " in text
    assert "1 sản phẩm 5 sao), đạt 265 % so với mục tiêu 40 sản phẩm" in text


def test_a_report_without_ocop_products_or_target_says_nothing_of_ocop(world: Any) -> None:
    scope = scope_for(world.users["office"])
    text = _docx_text(
        dashboard_report_file(period=world.period, scope=scope, district="", kind="docx")
    )
    assert "OCOP" not in text


def test_the_registry_measures_answer_plan_targets(world: Any) -> None:
    _products(world)
    assert registry_measure(measure="ocop_products_3_stars", province_code="91", year=2026) == 105
    assert registry_measure(measure="ocop_products_4_stars", province_code="91", year=2026) == 8
    assert registry_measure(measure="ocop_products_3_stars", province_code="91", year=2024) == 0
