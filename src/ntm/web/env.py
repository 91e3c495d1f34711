"""Settings from the environment through small typed helpers that fail loudly.

A value that is present but malformed stops the server at start-up with the variable's name and
what was expected; it never silently falls back to a default.
"""

from __future__ import annotations

import enum
import os
from typing import Final
from urllib.parse import urlsplit, urlunsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


class _Missing(enum.Enum):
    """No default given: the variable is required (an enum, so that mypy can narrow it away)."""

    MISSING = enum.auto()


_MISSING: Final = _Missing.MISSING


def env_str(name: str, default: str | _Missing | None = _MISSING) -> str | None:
    value = os.environ.get(name)
    if value is not None:
        return value
    if default is _MISSING:
        raise ImproperlyConfigured(f"Thiếu biến môi trường {name}")
    return default


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    text = value.strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name}={value!r}: cần 0/1, true/false, yes/no hoặc on/off")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: cần một số nguyên") from None


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return list(default)
    return [item.strip() for item in value.split(",") if item.strip()]


def secret_key_weakness(key: str) -> str | None:
    """Why ``check --deploy`` would flag this SECRET_KEY (security.W009), in Vietnamese; None
    when it would not: at least 50 characters, 5 distinct ones, not Django's insecure default."""
    if key.startswith("django-insecure-"):
        return "SECRET_KEY là khóa mẫu 'django-insecure-…' của Django"
    if len(key) < 50:
        return f"SECRET_KEY chỉ có {len(key)} ký tự (cần ít nhất 50)"
    if len(set(key)) < 5:
        return f"SECRET_KEY chỉ có {len(set(key))} ký tự khác nhau (cần ít nhất 5)"
    return None


def masked_database_url(url: str) -> str:
    """The database URL for a message: the password replaced by ***."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))
