"""``ntm ocop evaluate``: stars and validity of OCOP products from a CSV/XLSX file.

The same reader (``ntm.io.ocop``) and the same rating rules (``ntm.domain.ocop``) as the web
registry, so a file gives the same stars and counts in both.
"""

from __future__ import annotations

import io
import json
import sys
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from openpyxl import Workbook
from rich.console import Console
from rich.table import Table

from ntm.cli.evaluate import fail, fail_unexpected, write_atomically
from ntm.criteria.ocop import count
from ntm.domain.ocop import STATUS_VI, OcopCounts, Rating, rate
from ntm.formatting import number
from ntm.io.errors import ImportFailed
from ntm.io.ocop import ProductRow, read_products

ocop_app = typer.Typer(
    help="Sản phẩm OCOP: chấm điểm → số sao, thời hạn công nhận.", no_args_is_help=True
)


class Format(StrEnum):
    table = "table"
    json = "json"
    xlsx = "xlsx"


def ratings_of(products: list[ProductRow], as_of: date) -> list[Rating]:
    return [
        rate(
            product_code=p.product_code,
            group=p.group,
            unit_code=p.unit_code,
            card=p.card,
            scores=p.scores,
            decided=p.decision_date,
            as_of=as_of,
        )
        for p in products
    ]


def evaluation_json(ratings: list[Rating], counts: OcopCounts) -> dict[str, object]:
    """The shape issue #13 fixes: products, then counts by stars ('1'…'5') and by group."""
    return {
        "products": [
            {
                "product_code": r.product_code,
                "total": float(r.total),
                "stars": r.stars,
                "valid_until": r.valid_until.isoformat(),
                "status": r.status,
            }
            for r in ratings
        ],
        "by_stars": {str(s): n for s, n in counts.by_stars.items()},
        "by_group": dict(counts.by_group),
    }


def _stars_text(stars: int) -> str:
    return f"{stars}★" if stars else "không đạt sao"


def _print_table(products: list[ProductRow], ratings: list[Rating], counts: OcopCounts) -> None:
    console = Console(highlight=False)
    table = Table("Mã", "Tên sản phẩm", "Phiếu", "Tổng điểm", "Hạng", "Hiệu lực đến", "Tình trạng")
    for product, rating in zip(products, ratings, strict=True):
        table.add_row(
            rating.product_code,
            product.product_name,
            rating.scorecard,
            number(float(rating.total), 2),
            _stars_text(rating.stars),
            rating.valid_until.strftime("%d/%m/%Y"),
            STATUS_VI[rating.status],
        )
    console.print(table)
    stars = "; ".join(f"{s} sao: {number(n)}" for s, n in sorted(counts.by_stars.items()))
    console.print(f"Số sản phẩm theo hạng sao — {stars}", markup=False)
    groups = "; ".join(f"{g}: {number(n)}" for g, n in counts.by_group.items() if n)
    console.print(f"Theo nhóm — {groups}", markup=False)


def _xlsx_bytes(products: list[ProductRow], ratings: list[Rating], counts: OcopCounts) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sản phẩm"
    sheet.append(["Mã", "Tên", "Nhóm", "Mã xã", "Phiếu", "Tổng điểm", "Sao", "Hiệu lực đến"])
    for product, rating in zip(products, ratings, strict=True):
        sheet.append(
            [
                rating.product_code,
                product.product_name,
                rating.group,
                rating.unit_code,
                rating.scorecard,
                float(rating.total),
                rating.stars,
                rating.valid_until,
            ]
        )
    summary = book.create_sheet("Tổng hợp")
    summary.append(["Hạng sao", "Số sản phẩm"])
    for stars, n in sorted(counts.by_stars.items()):
        summary.append([stars, n])
    summary.append([])
    summary.append(["Nhóm sản phẩm", "Số sản phẩm"])
    for group, n in counts.by_group.items():
        summary.append([group, n])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _as_of(text: str | None) -> date:
    if text is None:
        return date.today()
    try:
        return datetime.strptime(text, "%Y-%m-%d").date()
    except ValueError:
        fail([f"--as-of «{text}» không phải là ngày dạng YYYY-MM-DD"], "Sai tùy chọn:")


def _write(
    products: list[ProductRow], ratings: list[Rating], output: Format, out: Path | None
) -> None:
    counts = count(ratings)
    if output is Format.table:
        _print_table(products, ratings, counts)
    elif output is Format.json:
        text = json.dumps(evaluation_json(ratings, counts), ensure_ascii=False, indent=2)
        if out is None:
            sys.stdout.write(text + "\n")
            return
        write_atomically(out, (text + "\n").encode("utf-8"))
    else:
        assert out is not None
        write_atomically(out, _xlsx_bytes(products, ratings, counts))
        Console(stderr=True, highlight=False).print(f"Đã ghi {out}", markup=False)


@ocop_app.command("evaluate")
def evaluate_command(
    data: Annotated[Path, typer.Argument(help="Tệp sản phẩm OCOP (CSV/XLSX).")],
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Ngày xét hiệu lực, YYYY-MM-DD (mặc định: hôm nay)."),
    ] = None,
    output: Annotated[Format, typer.Option("--format", help="table, json hoặc xlsx.")] = (
        Format.table
    ),
    out: Annotated[Path | None, typer.Option("--out", help="Tệp kết quả.")] = None,
) -> None:
    """Tính tổng điểm, hạng sao, hạn công nhận (36 tháng) và tình trạng của từng sản phẩm OCOP.

    Cột: product_code, product_name, group, subject, unit_code, scorecard (148/2023 hoặc
    1048/2019), score_a, score_b, score_c, decision_number, decision_date. Có lỗi: in mọi lỗi
    (tệp, dòng, cột), mã thoát 2, không in kết quả."""
    if output is Format.xlsx and out is None:
        fail(["định dạng xlsx cần tên tệp kết quả: thêm --out KETQUA.xlsx"], "Thiếu tùy chọn:")
    day = _as_of(as_of)
    try:
        products = read_products(data)
    except ImportFailed as exc:
        fail(exc.problems)
    try:
        _write(products, ratings_of(products, day), output, out)
    except OSError:
        fail([f"không ghi được {out or 'kết quả ra màn hình'}"], "Lỗi ghi tệp:")
    except Exception:
        fail_unexpected("đánh giá sản phẩm OCOP")


def register(app: typer.Typer) -> None:
    app.add_typer(ocop_app, name="ocop")
