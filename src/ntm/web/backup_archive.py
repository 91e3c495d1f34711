"""One archive per backup: the database dump and every stored file its rows name, in a zip.

Why a zip rather than a tar: Windows opens a zip without any other program (an office can look
inside and compare a file with the manifest's sha256 through ``certutil -hashfile``); its
directory sits at the end, so a truncated archive is known at once, before anything is read;
every entry carries its own CRC and can be read alone; Python's ``zipfile`` writes and reads
entries as streams, so large media never sit whole in memory. Media are stored as they are (PDF,
JPEG, DOCX are compressed already); the database part and the manifest are deflated.

A restore checks everything first (manifest, entries, every sha256, the database part) and
writes nothing on a refusal; then stages the files in MEDIA_ROOT, moves them in, and loads the
database, taking the files back if the load fails. Database-only files written by earlier
versions of ``ntm backup`` still restore (``backup.restore``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
import zipfile
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import IO

from ntm.web.backup import (
    BackupError,
    Database,
    Dump,
    backup,
    check_engine,
    kind_of,
    load,
    require_empty,
)
from ntm.web.backup_files import (
    Copied,
    FileReference,
    Placement,
    file_sha256,
    placement,
    safe_path,
    stream_copy,
)
from ntm.web.backup_manifest import (
    DATABASE_ENTRIES,
    FORMAT_VERSION,
    MANIFEST,
    README,
    README_TEXT,
    DatabasePart,
    Manifest,
    ManifestError,
    MissingFile,
    StoredFile,
    manifest_parse,
)

ZIP_MAGIC = b"PK\x03\x04"
MANIFEST_MAX = 64 * 1024 * 1024  # a manifest is read whole: bounded before reading


@dataclass(frozen=True)
class Written:
    manifest: Manifest
    size: int  # the archive's bytes

    @property
    def missing(self) -> list[FileReference]:
        return [m.reference() for m in self.manifest.missing]


@dataclass(frozen=True)
class Restored:
    manifest: Manifest | None  # None: a database-only backup of an earlier version
    method: str
    placed: int  # stored files written into MEDIA_ROOT


def archive_write(db: Database, out: Path, media_root: Path) -> Written:
    """The database and its stored files into ``out``, which appears only once complete."""
    try:
        return _archive_write(db, out, media_root)
    except OSError as exc:  # a disk full, a file the server may not read: said, no traceback
        raise BackupError(_os_said(exc, f"khi sao lưu vào {out}")) from None


def _os_said(exc: OSError, when: str) -> str:
    return f"Lỗi đọc/ghi tệp {exc.filename or ''} {when} (mã lỗi hệ thống {exc.errno})"


def _archive_write(db: Database, out: Path, media_root: Path) -> Written:
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(f".{out.name}.dang-ghi")
    with tempfile.TemporaryDirectory(prefix="ntm-sao-luu-") as tmp:
        dump_path = Path(tmp) / "db"
        dump = backup(db, dump_path)
        try:
            with zipfile.ZipFile(partial, "w", allowZip64=True) as archive:
                part = _database_add(archive, db, dump, dump_path)
                files, missing = _media_add(archive, dump.references, media_root)
                manifest = Manifest(
                    format="ntm-sao-luu", format_version=FORMAT_VERSION,
                    ntm_version=version("ntm"), created_at=datetime.now(UTC).isoformat(),
                    database=part, files=tuple(files), missing=tuple(missing),
                )  # fmt: skip
                archive.writestr(MANIFEST, manifest.to_json(), zipfile.ZIP_DEFLATED)
                archive.writestr(README, README_TEXT, zipfile.ZIP_DEFLATED)
            os.replace(partial, out)
        finally:
            partial.unlink(missing_ok=True)
    return Written(manifest, out.stat().st_size)


def _database_add(archive: zipfile.ZipFile, db: Database, dump: Dump, path: Path) -> DatabasePart:
    with path.open("rb") as source:
        copied = _entry_add(archive, DATABASE_ENTRIES[dump.kind], source, zipfile.ZIP_DEFLATED)
    return DatabasePart.model_validate(
        {
            "engine": db.engine,
            "kind": dump.kind,
            "method": dump.method,
            "size": copied.size,
            "sha256": copied.sha256,
        }
    )


def _media_add(
    archive: zipfile.ZipFile, refs: list[FileReference], media_root: Path
) -> tuple[list[StoredFile], list[MissingFile]]:
    """Each path once; a row whose file is not on disk (or whose path would leave MEDIA_ROOT)
    is listed as missing, and the backup goes on."""
    files: dict[str, StoredFile] = {}
    missing = []
    for ref in refs:
        if ref.path in files:
            continue
        path = safe_path(ref.path)
        try:
            if path is None:
                raise FileNotFoundError(ref.path)
            with media_root.joinpath(*path.parts).open("rb") as source:
                copied = _entry_add(archive, "media/" + ref.path, source, zipfile.ZIP_STORED)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            missing.append(MissingFile(table=ref.table, record=ref.record, path=ref.path))
            continue
        files[ref.path] = StoredFile(path=ref.path, size=copied.size, sha256=copied.sha256)
    return sorted(files.values(), key=lambda f: f.path), missing


def _entry_add(archive: zipfile.ZipFile, name: str, source: IO[bytes], compress: int) -> Copied:
    stat = os.fstat(source.fileno())
    stamp = time.localtime(max(stat.st_mtime, 315532800 + 86400))  # zip dates start in 1980
    info = zipfile.ZipInfo(name, date_time=stamp[:6])
    info.compress_type = compress
    info.file_size = stat.st_size  # tells zipfile when a large file needs zip64
    info.external_attr = 0o644 << 16
    with archive.open(info, "w") as target:
        return stream_copy(source, target)


def archive_restore(db: Database | None, source: Path, media_root: Path) -> Restored:
    """Check ``source`` whole, then (``db`` given) restore it; ``db`` None checks only."""
    try:
        return _archive_restore(db, source, media_root)
    except OSError as exc:  # the files moved in were taken back (_place_and_load)
        raise BackupError(_os_said(exc, f"khi nạp {source}") + ": không nạp gì") from None


def _archive_restore(db: Database | None, source: Path, media_root: Path) -> Restored:
    if not source.is_file():
        raise BackupError(f"Không thấy tệp sao lưu {source}")
    with source.open("rb") as stream:
        is_zip = stream.read(4) == ZIP_MAGIC
    if not is_zip:
        return _legacy(db, source)
    with tempfile.TemporaryDirectory(prefix="ntm-khoi-phuc-") as tmp, _open(source) as archive:
        manifest = _manifest(archive, source)
        if db is not None:
            check_engine(db, manifest.database.kind, source)
            require_empty(db)
        dumped = Path(tmp) / "db"
        with dumped.open("wb") as target:
            _verify(archive, source, manifest.database, target)
        _database_readable(dumped, manifest.database.kind, source)
        for f in manifest.files:
            _verify(archive, source, f, None)
        if db is None:
            return Restored(manifest, "", 0)
        _conflicts_refuse(manifest, media_root)
        with placement(media_root) as place:
            for f in manifest.files:
                with place.staged(_relative(f)).open("wb") as target:
                    _verify(archive, source, f, target)
            method = _place_and_load(place, manifest, db, dumped)
    return Restored(manifest, method, len(place.moved))


def _place_and_load(place: Placement, manifest: Manifest, db: Database, dumped: Path) -> str:
    """Files moved in, then the database loaded; a failed load takes the files back out."""
    try:
        place.move_all(_relative(f) for f in manifest.files)
        return load(db, manifest.database.kind, dumped)
    except BaseException:
        place.undo()
        raise


def _relative(f: StoredFile) -> PurePosixPath:
    path = safe_path(f.path)
    if path is None:  # never: the manifest's paths are checked as it is read
        raise BackupError(f"Đường dẫn không an toàn trong bản sao lưu: {f.path!r}")
    return path


def _legacy(db: Database | None, source: Path) -> Restored:
    from ntm.web.backup import restore

    if kind_of(source) is None:
        raise BackupError(f"Tệp {source} không phải bản sao lưu của ntm")
    if db is None:
        return Restored(None, "", 0)
    return Restored(None, restore(db, source), 0)


def _open(source: Path) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError):
        raise BackupError(
            f"Tệp sao lưu {source} bị cắt cụt hoặc hỏng (không đọc được mục lục của tệp zip): "
            "không nạp gì"
        ) from None


def _manifest(archive: zipfile.ZipFile, source: Path) -> Manifest:
    """The manifest, and the archive's entries exactly those it names (no stray, none absent)."""
    names = archive.namelist()
    if len(set(names)) != len(names):
        raise BackupError(f"Tệp sao lưu {source} có mục trùng tên: không nạp gì")
    if MANIFEST not in names or archive.getinfo(MANIFEST).file_size > MANIFEST_MAX:
        raise BackupError(f"Tệp {source} không phải bản sao lưu của ntm (không có manifest.json)")
    try:
        manifest = manifest_parse(_read_entry(archive, source, MANIFEST))
    except ManifestError as exc:
        raise BackupError(f"Tệp sao lưu {source}: {exc}: không nạp gì") from None
    expected = {MANIFEST, README, manifest.database.entry} | {f.entry for f in manifest.files}
    for name in names:
        if name not in expected:
            raise BackupError(
                f"Tệp sao lưu {source} có mục lạ {name!r}, không kê trong manifest.json: "
                "không nạp gì"
            )
    for name in sorted(expected - {README} - set(names)):
        raise BackupError(f"Tệp sao lưu {source} thiếu tệp {name} (có trong manifest.json)")
    return manifest


def _read_entry(archive: zipfile.ZipFile, source: Path, name: str) -> bytes:
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, EOFError, zlib.error, OSError):
        raise BackupError(f"Tệp {name} trong bản sao lưu {source} hỏng hoặc bị cắt cụt") from None


def _verify(
    archive: zipfile.ZipFile, source: Path, part: StoredFile | DatabasePart,
    target: IO[bytes] | None,
) -> None:  # fmt: skip
    """Read ``name`` through (into ``target`` if given): its sha256 must be the manifest's."""
    name, size = part.entry, part.size
    if archive.getinfo(name).file_size != size:  # known before reading a byte
        raise BackupError(
            f"Tệp {name} trong bản sao lưu {source} có kích thước khác manifest.json: không nạp gì"
        )
    try:
        with archive.open(name) as stream:
            copied = stream_copy(stream, target)
    except (zipfile.BadZipFile, EOFError, zlib.error):
        raise BackupError(f"Tệp {name} trong bản sao lưu {source} hỏng hoặc bị cắt cụt") from None
    if copied.sha256 != part.sha256:
        raise BackupError(
            f"Tệp {name} trong bản sao lưu {source} sai mã kiểm tra sha256 (bị sửa hoặc hỏng): "
            "không nạp gì"
        )


def _database_readable(path: Path, kind: str, source: Path) -> None:
    bad = BackupError(f"Phần cơ sở dữ liệu của bản sao lưu {source} không đọc được: không nạp gì")
    if kind_of(path) != kind:
        raise bad
    if kind == "sqlite":
        try:
            with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
                ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        except sqlite3.DatabaseError:
            ok = False
        if not ok:
            raise bad
    elif kind == "pg_dump" and shutil.which("pg_restore"):
        listed = subprocess.run(["pg_restore", "--list", str(path)], capture_output=True,
                                check=False)  # fmt: skip
        if listed.returncode != 0:
            raise bad


def _conflicts_refuse(manifest: Manifest, media_root: Path) -> None:
    """A file already in MEDIA_ROOT under the same path is kept if it has the same bytes, and
    the restore refused if not: a restore never writes over a stored file."""
    for f in manifest.files:
        target = media_root.joinpath(*_relative(f).parts)
        if target.exists() and (not target.is_file() or file_sha256(target) != f.sha256):
            raise BackupError(
                f"Thư mục {media_root} đã có {f.path} với nội dung khác bản sao lưu: không ghi "
                "đè, không nạp gì (khôi phục vào một thư mục media trống, --media-dir)"
            )
