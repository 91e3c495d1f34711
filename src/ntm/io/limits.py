"""How big a file ntm reads: every limit in one place (documented in docs/cli.md, «Giới hạn tệp»).

The defaults are sized for the whole country with margin, not for one province: a wide file holds
one row per commune (and year), the country has about 10.000 communes, so 20.000 rows; a long file
holds one row per value (communes × indicators, 10.051 × 57 ≈ 573.000), so 1.000.000 rows. A
spreadsheet is refused *before* it is handed to the reader when its declared or real size passes
these limits: calamine allocates the declared dimension of a sheet at once, and one cell at
XFD1048576 would ask for hundreds of gigabytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from ntm.formatting import number


@dataclass(frozen=True)
class Limits:
    max_rows: int = 20_000  # rows of a wide table: one per commune and year
    max_long_rows: int = 1_000_000  # rows of a long table (one per value) or of any sheet
    max_columns: int = 300
    max_cells: int = 6_000_000  # rows × columns of one sheet (20.000 × 300)
    max_decompressed: int = 100 * 1024 * 1024  # bytes: a CSV file, or an xlsx unzipped
    max_ratio: int = 200  # uncompressed / compressed size of one zip member over 1 MB
    max_field: int = 32_767  # characters in one cell: Excel's own limit
    max_upload: int = 20 * 1024 * 1024  # bytes of one file sent through the web
    max_problems: int = 200  # problems listed; the rest are counted


LIMITS = Limits()


def megabytes(size: int) -> str:
    """100 * 1024 * 1024 → '100 MB' (sizes for people)."""
    return f"{number(round(size / (1024 * 1024)))} MB"


def limit_texts(limits: Limits = LIMITS) -> list[tuple[str, str]]:
    """The limits as a person reads them (docs and messages)."""
    return [
        ("Số dòng của tệp dạng rộng (mỗi xã một dòng)", number(limits.max_rows)),
        ("Số dòng của tệp dạng dài / của một trang tính", number(limits.max_long_rows)),
        ("Số cột", number(limits.max_columns)),
        ("Số ô của một trang tính", number(limits.max_cells)),
        ("Dung lượng sau khi giải nén (CSV, XLSX)", megabytes(limits.max_decompressed)),
        ("Tỷ lệ nén của một phần trong tệp XLSX", number(limits.max_ratio)),
        ("Số ký tự của một ô", number(limits.max_field)),
        ("Dung lượng tệp tải lên qua web", megabytes(limits.max_upload)),
        ("Số lỗi liệt kê (các lỗi còn lại được đếm)", number(limits.max_problems)),
    ]


def limits_paragraph(limits: Limits = LIMITS) -> str:
    """One paragraph for ``ntm evaluate --help`` (and so docs/cli.md, «Giới hạn tệp»)."""
    items = "; ".join(
        f"{label[0].lower()}{label[1:]}: {value}" for label, value in limit_texts(limits)
    )
    return f"Giới hạn tệp (tệp vượt giới hạn bị từ chối trước khi đọc, báo lỗi rõ): {items}."
