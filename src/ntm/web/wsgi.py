"""WSGI entry point: ``gunicorn ntm.web.wsgi`` (``ntm serve`` does this for you)."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.web.settings")
application = get_wsgi_application()
