"""Issue an API token for a machine: ``python -m ntm.web.manage ntm_token <user> <name>``.

The token is printed once; only its hash is stored.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from ntm.web.accounts.models import ApiToken


class Command(BaseCommand):
    help = "Cấp mã truy cập API cho một tài khoản (chỉ hiển thị một lần)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("username")
        parser.add_argument("name", help="Tên gợi nhớ của máy dùng mã, ví dụ: may-chu-tinh")

    def handle(self, *args: Any, username: str, name: str, **options: Any) -> None:
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"Không có tài khoản «{username}»")
        _, raw = ApiToken.issue(user=user, name=name)
        self.stdout.write(f"Mã truy cập API (lưu lại ngay, không hiển thị lại): {raw}")
