"""Django settings for the ntm web system, read from the environment (see docs/web.md).

DATABASE_URL (default: SQLite file var/ntm.sqlite3 under the working directory), SECRET_KEY
(required unless DEBUG), DEBUG (default off), ALLOWED_HOSTS (comma-separated). With DEBUG off the
secure settings (HTTPS redirect, secure cookies, HSTS) are on: production runs behind TLS.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from ntm.web.env import env_bool, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
VAR_DIR = Path(env_str("NTM_VAR_DIR", str(Path.cwd() / "var")) or "var")

DEBUG = env_bool("DEBUG", False)
_secret = env_str("SECRET_KEY", None)
if not _secret:
    if not DEBUG:
        raise ImproperlyConfigured("Thiếu biến môi trường SECRET_KEY (bắt buộc khi DEBUG=0)")
    # Only ever used with DEBUG on, on a developer's machine.
    _secret = "ntm-development-only-key-not-for-production-use-0123456789"
SECRET_KEY: str = _secret
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "ntm.web.accounts",
    "ntm.web.units",
    "ntm.web.assessments",
    "ntm.web.audit",
    "ntm.web.api",
    "ntm.web.dashboards",
    "ntm.web.recognition",
    "ntm.web.public",
    "ntm.web.readmodel",
    "ntm.web.registries",
    "ntm.web.monitoring",
    "ntm.web.sets",
    "ntm.web.plans",
    "ntm.web.readings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ntm.web.middleware.ChosenLanguageMiddleware",
    "ntm.web.middleware.ApiMethodNotAllowedMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ntm.web.readmodel.middleware.VersionsOncePerRequestMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it turns a refused login into the lockout page
]

ROOT_URLCONF = "ntm.web.urls"
WSGI_APPLICATION = "ntm.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'ntm.sqlite3'}") or "",
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing at once with "database is locked".
    DATABASES["default"].setdefault("OPTIONS", {})["timeout"] = 20
DATABASES["default"]["TEST"] = {"NAME": env_str("NTM_TEST_DATABASE_NAME", None)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
# Login throttling (django-axes): after NTM_LOGIN_FAILURE_LIMIT wrong passwords for one account,
# or from one address, that account or address is refused (even with the right password) for
# NTM_LOGIN_COOLOFF_MINUTES. The API's bearer tokens are throttled alike (api/auth.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("NTM_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("NTM_LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]  # each on its own: per account, per address
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "ntm.web.lockout.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # successful logins are not logged again (last_login has them)
AXES_VERBOSE = False
if env_bool("NTM_BEHIND_TLS_PROXY", False):  # the client's address as the proxy forwards it
    AXES_IPWARE_PROXY_COUNT = 1
    AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# Recognition workflow (docs/workflow.md): days each step may take (review, supplement,
# appraisal, decision) and how early the to-do lists warn of a period's data-entry deadline.
NTM_RECOGNITION_STEP_DAYS = env_int("NTM_RECOGNITION_STEP_DAYS", 15)
NTM_PERIOD_WARN_DAYS = env_int("NTM_PERIOD_WARN_DAYS", 30)

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# The project's own static files (ntm.css, vendor/…): ntm.web is no app, so list them here.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = VAR_DIR / "media"  # evidence files: served only through a scoped view

# Evidence files: size and type limits.
NTM_EVIDENCE_MAX_BYTES = env_int("NTM_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024)
NTM_UPLOAD_MAX_BYTES = env_int("NTM_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = NTM_UPLOAD_MAX_BYTES

# Cache (CACHE_URL): "locmem://" (default: each process its own), "redis://host:port/db" (shared
# by every process; needs the ``redis`` package) or "dummy://" (nothing kept). The dashboard keeps
# its rendered figures here under a key every write changes (dashboards/figures.py).
_cache_url = env_str("CACHE_URL", "locmem://") or "locmem://"
CACHES: dict[str, dict[str, object]]  # each backend its own options
if _cache_url.startswith(("redis://", "rediss://", "unix://")):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                    "LOCATION": _cache_url, "KEY_PREFIX": env_str("CACHE_KEY_PREFIX", "ntm")}
    }  # fmt: skip
    # Sessions stay in the database: with cached_db a Redis outage would stop every login,
    # while the dashboard only loses speed (it falls back to judging the figures).
elif _cache_url.startswith("dummy://"):
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
elif _cache_url.startswith("locmem://"):
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                    "LOCATION": "ntm", "OPTIONS": {"MAX_ENTRIES": 1000}}
    }  # fmt: skip
else:
    raise ImproperlyConfigured(f"CACHE_URL={_cache_url!r}: cần locmem://, redis://… hoặc dummy://")
NTM_DASHBOARD_CACHE = "default"
NTM_DASHBOARD_CACHE_SECONDS = env_int("NTM_DASHBOARD_CACHE_SECONDS", 600)

SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    if env_bool("NTM_BEHIND_TLS_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Workflow e-mail (recognition): printed on the console unless a backend is configured.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ntm@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
