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
        from ntm.web.wsgi import application

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
            # No runtime control socket: it would be shared in $HOME by every instance.
            "control_socket_disable": True,
        }
    ).run()
