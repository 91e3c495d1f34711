"""``ntm backup`` and ``ntm restore``: the web system's database to one file and back."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

DatabaseUrl = Annotated[
    str | None,
    typer.Option(
        "--database-url",
        help="Cơ sở dữ liệu (mặc định: biến môi trường DATABASE_URL, hoặc var/ntm.sqlite3).",
    ),
]


def _django_ready(database_url: str | None) -> None:
    """Django set up on the database to work on: the given one becomes the default connection,
    so that whatever runs during a restore (migrations and their signals) writes there only."""
    if database_url:
        os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ntm.web.settings")
    os.environ.setdefault("DEBUG", "1")  # no SECRET_KEY is needed to copy a database
    import django

    try:
        django.setup()
    except Exception as exc:  # settings fail loudly: show the message, not a traceback
        typer.echo(f"Lỗi cấu hình: {exc}", err=True)
        raise typer.Exit(2) from None


def _url(given: str | None) -> str:
    from django.conf import settings

    if given:
        return given
    return os.environ.get("DATABASE_URL") or f"sqlite:///{settings.DATABASES['default']['NAME']}"


def backup_command(
    out: Annotated[Path, typer.Option("--out", help="Tệp sao lưu sẽ ghi.")],
    database_url: DatabaseUrl = None,
) -> None:
    """Sao lưu toàn bộ cơ sở dữ liệu của hệ thống web vào một tệp (SQLite: sao chép trực tuyến;
    PostgreSQL: pg_dump, hoặc XML của Django khi không có pg_dump)."""
    _django_ready(database_url)
    from ntm.web.backup import BackupError, backup, database

    try:
        db = database(_url(database_url))
        method = backup(db, out)
    except BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    size = out.stat().st_size / (1024 * 1024)
    from ntm import formatting

    typer.echo(f"Đã sao lưu {db.shown} vào {out} ({formatting.number(size, 1)} MB, {method}).")


def restore_command(
    source: Annotated[Path, typer.Argument(help="Tệp sao lưu (do ntm backup ghi).")],
    database_url: DatabaseUrl = None,
) -> None:
    """Nạp một tệp sao lưu vào một cơ sở dữ liệu TRỐNG (tệp SQLite chưa có, hoặc cơ sở dữ liệu
    PostgreSQL vừa tạo bằng createdb); không bao giờ ghi đè một cơ sở dữ liệu đang có dữ liệu."""
    _django_ready(database_url)
    from ntm.web.backup import BackupError, database, restore

    try:
        db = database(_url(database_url))
        method = restore(db, source)
    except BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"Đã nạp {source} vào {db.shown} ({method}).")


def register(app: typer.Typer) -> None:
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
