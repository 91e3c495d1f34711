"""gunicorn, embedded: ``ntm serve`` runs it with the project's WSGI application."""

from __future__ import annotations

from typing import Any

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, options: dict[str, Any]):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Any:
        from django.db import connections
        from django.urls import get_resolver

        from ntm.web.readmodel.warm import warm
        from ntm.web.wsgi import application

        # Loaded once in the arbiter (preload_app) with every view module, so each worker forks
        # warm instead of paying seconds of imports on a person's first request. No connection
        # may cross the fork: any opened while importing is closed here.
        get_resolver().url_patterns  # noqa: B018 - imports the URL conf and its views
        warm()  # the national view and the public index judged before the first person
        connections.close_all()
        return application


def run(*, host: str, port: int, workers: int, threads: int) -> None:
    _Server(
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "accesslog": "-",
            "timeout": 120,
            "worker_class": "gthread",
            "preload_app": True,
            # No runtime control socket: it would be shared in $HOME by every instance.
            "control_socket_disable": True,
        }
    ).run()
