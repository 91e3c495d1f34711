"""Token auth for machines (hashed tokens), session auth for the browser."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from ninja.security import HttpBearer, SessionAuth

__all__ = ["SessionAuth", "TokenAuth"]

from ntm.web.accounts.models import ApiToken, token_hash


class TokenAuth(HttpBearer):
    """``Authorization: Bearer ntm_…``; only the token's SHA-256 is stored."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = ApiToken.objects.select_related("user").filter(key_hash=token_hash(token)).first()
        if found is None or not found.user.is_active:
            return None
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=timezone.now())
        request.user = found.user
        return found.user
