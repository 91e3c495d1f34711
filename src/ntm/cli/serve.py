"""``ntm serve``: migrate, optionally load the demonstration, and serve with gunicorn."""

from __future__ import annotations

import os
from typing import Annotated

import typer


def _django_ready() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.web.settings")
    import django

    django.setup()


def serve(
    host: Annotated[str, typer.Option("--host", help="Địa chỉ lắng nghe.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Cổng.")] = 8000,
    demo: Annotated[
        bool, typer.Option("--demo", help="Nạp dữ liệu minh họa khi cơ sở dữ liệu còn trống.")
    ] = False,
    workers: Annotated[int, typer.Option("--workers", help="Số tiến trình gunicorn.")] = 2,
    threads: Annotated[int, typer.Option("--threads", help="Số luồng mỗi tiến trình.")] = 4,
) -> None:
    """Chạy hệ thống web: cập nhật cơ sở dữ liệu (migrate) rồi phục vụ bằng gunicorn."""
    if demo:
        os.environ.setdefault("DEBUG", "1")  # the demo runs on plain http on this machine
    # Each gunicorn thread keeps its database connection between requests (a new PostgreSQL
    # connection per request costs more than most pages); DATABASE_CONN_MAX_AGE=0 turns it off.
    os.environ.setdefault("DATABASE_CONN_MAX_AGE", "60")
    from pathlib import Path

    from django.conf import settings

    try:
        _django_ready()
    except Exception as exc:  # settings fail loudly: show the message, not a traceback
        typer.echo(f"Lỗi cấu hình: {exc}", err=True)
        raise typer.Exit(2) from None
    _refuse_weak_secret()
    from django.core.management import call_command

    from ntm.web.i18n import compile_catalogues

    compile_catalogues()

    Path(settings.VAR_DIR).mkdir(parents=True, exist_ok=True)
    _database_ready()
    call_command("migrate", interactive=False, verbosity=0)
    if not settings.DEBUG:
        call_command("collectstatic", interactive=False, verbosity=0)
    if demo:
        from ntm.web.demo import demo_load

        demo_load(say=typer.echo)
    typer.echo(f"ntm đang chạy tại http://{host}:{port}/ (Ctrl+C để dừng)")
    from ntm.web.server import run

    run(host=host, port=port, workers=workers, threads=threads)


def _refuse_weak_secret() -> None:
    """With DEBUG off, a SECRET_KEY that ``check --deploy`` would flag stops the server."""
    from django.conf import settings

    from ntm.web.env import secret_key_weakness

    weakness = None if settings.DEBUG else secret_key_weakness(settings.SECRET_KEY)
    if weakness:
        typer.echo(
            f"Lỗi cấu hình: {weakness}; hãy đặt một khóa ngẫu nhiên, ví dụ: "
            "python -c 'import secrets; print(secrets.token_urlsafe(60))'",
            err=True,
        )
        raise typer.Exit(2)


def _database_ready() -> None:
    """One Vietnamese line naming the database (password masked) when it cannot be reached."""
    from django.db import connection
    from django.db.utils import Error

    from ntm.web.env import masked_database_url

    try:
        connection.ensure_connection()
    except Error:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{connection.settings_dict['NAME']}"
        typer.echo(f"Không kết nối được cơ sở dữ liệu {masked_database_url(url)}", err=True)
        raise typer.Exit(2) from None
    from ntm.web.db_health import statistics_warning

    warning = statistics_warning(connection)
    if warning:
        typer.echo(warning, err=True)


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
