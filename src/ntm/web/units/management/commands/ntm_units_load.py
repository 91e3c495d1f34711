"""Load every unit of both regimes, with the 2025 lineage, from ``ntm.units.registry``."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from ntm.web.units.services import registry_load


class Command(BaseCommand):
    help = "Nạp đơn vị hành chính trước và sau 1/7/2025 (và quan hệ chuyển đổi) vào cơ sở dữ liệu."

    def handle(self, *args: Any, **options: Any) -> None:
        counts = registry_load()
        self.stdout.write(
            f"Đã thêm {counts['old']} xã trước 1/7/2025, {counts['new']} xã từ 1/7/2025, "
            f"{counts['lineage']} quan hệ chuyển đổi."
        )
