"""Token auth for machines (hashed tokens), session auth for the browser.

Wrong tokens are counted per address in the cache, like wrong passwords (django-axes): after
AXES_FAILURE_LIMIT of them an address is refused (429, even with a right token) for the cool-off.
"""

from __future__ import annotations

from typing import Any

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest
from django.utils import timezone
from ninja.errors import HttpError
from ninja.security import HttpBearer, SessionAuth

__all__ = ["SessionAuth", "TokenAuth"]

from ntm.web.accounts.models import ApiToken, token_hash


def _failures_key(request: HttpRequest) -> str:
    return f"ntm-api-token-failures:{get_client_ip_address(request) or 'unknown'}"


class TokenAuth(HttpBearer):
    """``Authorization: Bearer ntm_…``; only the token's SHA-256 is stored."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        key = _failures_key(request)
        if (cache.get(key) or 0) >= settings.AXES_FAILURE_LIMIT:
            minutes = max(1, int(settings.AXES_COOLOFF_TIME.total_seconds() // 60))
            raise HttpError(
                429, f"Quá nhiều mã truy cập sai từ địa chỉ này; hãy thử lại sau {minutes} phút."
            )
        found = ApiToken.objects.select_related("user").filter(key_hash=token_hash(token)).first()
        if found is None or not found.user.is_active:
            _count_failure(key)
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user


def _count_failure(key: str) -> None:
    timeout = int(settings.AXES_COOLOFF_TIME.total_seconds())
    if not cache.add(key, 1, timeout):  # the cool-off runs from the first failure counted
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, timeout)
