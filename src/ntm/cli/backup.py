"""``ntm backup`` and ``ntm restore``: the web system's database and stored files to one archive
and back (``ntm.web.backup_archive``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from ntm.web.backup_archive import Restored

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


def _media_root(given: Path | None) -> Path:
    from django.conf import settings

    return given if given is not None else Path(settings.MEDIA_ROOT)


def backup_command(
    out: Annotated[Path, typer.Option("--out", help="Tệp sao lưu sẽ ghi (một tệp .zip).")],
    database_url: DatabaseUrl = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Thoát với mã 1 khi có bản ghi trỏ tới tệp không còn trên đĩa (bản sao lưu "
            "vẫn được ghi đủ).",
        ),
    ] = False,
) -> None:
    """Sao lưu cơ sở dữ liệu cùng mọi tệp đã tải lên vào một tệp .zip.

    Tệp .zip gồm cơ sở dữ liệu (SQLite: sao chép trực tuyến; PostgreSQL: pg_dump, hoặc XML của
    Django khi không có pg_dump), mọi tệp mà dữ liệu trỏ tới (minh chứng, báo cáo của tỉnh, ảnh
    mô hình) và manifest.json (kích thước, mã sha256 của từng tệp; các tệp đã thiếu trên đĩa)."""
    _django_ready(database_url)
    from ntm.web.backup import BackupError, database
    from ntm.web.backup_archive import archive_write

    try:
        db = database(_url(database_url))
        written = archive_write(db, out, _media_root(None))
    except BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    from ntm import formatting

    m = written.manifest
    typer.echo(
        f"Đã sao lưu {db.shown} vào {out} ({formatting.number(written.size / 2**20, 1)} MB, "
        f"{m.database.method}; {formatting.number(len(m.files))} tệp đính kèm)."
    )
    if written.missing:
        typer.echo(
            f"Có {formatting.number(len(written.missing))} bản ghi trỏ tới tệp không còn trên "
            "đĩa lúc sao lưu (đã ghi vào manifest.json, mục missing):",
            err=True,
        )
        for ref in written.missing:
            typer.echo(f"  - {ref.said()}", err=True)
        if strict:
            raise typer.Exit(1)


def restore_command(
    source: Annotated[Path, typer.Argument(help="Tệp sao lưu (do ntm backup ghi).")],
    database_url: DatabaseUrl = None,
    media_dir: Annotated[
        Path | None,
        typer.Option(
            "--media-dir",
            help="Thư mục nhận các tệp đính kèm (mặc định: thư mục media của hệ thống, "
            "NTM_VAR_DIR/media).",
        ),
    ] = None,
    check: Annotated[
        bool,
        typer.Option(
            "--check", help="Chỉ kiểm tra bản sao lưu (manifest, sha256 từng tệp), không ghi gì."
        ),
    ] = False,
) -> None:
    """Kiểm tra trọn một bản sao lưu rồi nạp vào một cơ sở dữ liệu TRỐNG.

    Cơ sở dữ liệu TRỐNG: tệp SQLite chưa có, hoặc cơ sở dữ liệu PostgreSQL vừa tạo bằng
    createdb; các tệp đính kèm vào thư mục media. Bản sao lưu hỏng, thiếu tệp hay bị sửa thì từ
    chối, không ghi gì; không bao giờ ghi đè một cơ sở dữ liệu đang có dữ liệu hay một tệp đang
    có. Vẫn nạp được tệp sao lưu cũ chỉ có cơ sở dữ liệu."""
    _django_ready(database_url)
    from ntm.web.backup import BackupError, database
    from ntm.web.backup_archive import archive_restore

    media = _media_root(media_dir)
    try:
        db = None if check else database(_url(database_url))
        restored = archive_restore(db, source, media)
    except BackupError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    _restore_say(source, db.shown if db else "", restored, media)


def _restore_say(source: Path, shown: str, restored: Restored, media: Path) -> None:
    from ntm import formatting

    m = restored.manifest
    if m is None:
        said = "bản sao lưu cũ, chỉ có cơ sở dữ liệu, không kèm tệp"
        typer.echo(f"Đã nạp {source} vào {shown} ({restored.method}; {said})." if shown
                   else f"Tệp {source} đọc được ({said}).")  # fmt: skip
        return
    files = f"{formatting.number(len(m.files))} tệp đính kèm"
    if shown:
        typer.echo(f"Đã nạp {source} vào {shown} ({restored.method}); {files} vào {media}.")
    else:
        size = formatting.number(m.media_bytes / 2**20, 1)
        typer.echo(
            f"Bản sao lưu {source} nguyên vẹn: ghi lúc {m.created_at} (ntm {m.ntm_version}), "
            f"cơ sở dữ liệu {m.database.method}, {files} ({size} MB), "
            "mọi mã sha256 khớp."
        )
    for missing in m.missing:
        typer.echo(f"Tệp đã thiếu từ lúc sao lưu: {missing.reference().said()}", err=True)


def register(app: typer.Typer) -> None:
    app.command("backup")(backup_command)
    app.command("restore")(restore_command)
