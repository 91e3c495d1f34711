"""The stored files a backup keeps: those the database names, found by its file columns.

Every ``FileField`` of every installed model is a column holding a path under MEDIA_ROOT. The
paths are read from the very state that was dumped (the SQLite copy; the snapshot ``pg_dump``
used; the transaction the XML was written in), so the archive's files and rows agree even while
the server keeps taking uploads. A path is only ever joined to a folder after ``safe_path``:
a row or an archive entry saying ``../../etc/x`` never reads or writes outside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import shutil
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import IO, Any

CHUNK = 1024 * 1024  # large media stream through in pieces this size, never read whole
# Tables named for people (a model without a Vietnamese verbose name falls back to its table).
LABELS = {
    "assessments_evidence": "minh chứng",
    "readings_provincereport": "báo cáo của tỉnh",
    "registries_initiative": "ảnh mô hình",
}

Execute = Callable[[str], Iterable[tuple[Any, ...]]]


@dataclass(frozen=True)
class FileColumn:
    table: str
    pk: str
    column: str


@dataclass(frozen=True)
class FileReference:
    """A row naming a stored file: which table, which record, which path."""

    table: str
    record: str
    path: str

    @property
    def label(self) -> str:
        return LABELS.get(self.table, self.table)

    def said(self) -> str:
        return (
            f"bảng {self.table} ({self.label}), bản ghi số {self.record}, "
            f"đường dẫn {self.path or '(trống)'}"
        )


def file_columns() -> list[FileColumn]:
    """Every FileField column of the installed models (Django's registry, read when called)."""
    from django.apps import apps
    from django.db import models

    return [
        FileColumn(m._meta.db_table, str(m._meta.pk.column), str(f.column))
        for m in apps.get_models()
        for f in m._meta.local_concrete_fields
        if isinstance(f, models.FileField) and m._meta.managed and not m._meta.proxy
    ]


def references(execute: Execute, tables: set[str]) -> list[FileReference]:
    """The rows naming a file, read through ``execute`` (one SQL text, rows back); tables not
    made yet (a database migrated to an older state) name no file."""
    found = []
    for c in file_columns():
        if c.table not in tables:
            continue
        sql = (
            f'SELECT "{c.pk}", "{c.column}" FROM "{c.table}" '
            f'WHERE "{c.column}" IS NOT NULL AND "{c.column}" <> \'\' ORDER BY 1'
        )
        found += [FileReference(c.table, str(pk), str(path)) for pk, path in execute(sql)]
    return found


def safe_path(name: str) -> PurePosixPath | None:
    """``name`` as a relative path that stays inside any folder it is joined to, else None."""
    if not name or len(name) > 1000 or "\\" in name or "\x00" in name:
        return None
    parts = name.split("/")
    if any(p in ("", ".", "..") for p in parts) or ":" in parts[0]:
        return None  # absolute, climbing out, empty parts, or a Windows drive ("C:")
    return PurePosixPath(name)


@dataclass(frozen=True)
class Copied:
    size: int
    sha256: str


def stream_copy(source: IO[bytes], target: IO[bytes] | None) -> Copied:
    """Copy in pieces (or only read, ``target`` None), hashing on the way."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        size += len(chunk)
        if target is not None:
            target.write(chunk)
    return Copied(size, digest.hexdigest())


def file_sha256(path: Path) -> str:
    with path.open("rb") as stream:
        return stream_copy(stream, None).sha256


@dataclass
class Placement:
    """Files staged in a hidden folder of MEDIA_ROOT (the same disk: a move is a rename), then
    moved to their places; ``undo`` takes back what was moved."""

    root: Path
    staging: Path
    moved: list[Path] = field(default_factory=list)
    made: list[Path] = field(default_factory=list)  # folders this restore made, for ``undo``

    def staged(self, path: PurePosixPath) -> Path:
        target = self.staging.joinpath(*path.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        return target

    def move_all(self, paths: Iterable[PurePosixPath]) -> None:
        for path in paths:
            target = self.root.joinpath(*path.parts)
            if target.exists():
                continue  # the same bytes (checked before): kept as it is
            self._make_parents(target.parent)
            os.replace(self.staging.joinpath(*path.parts), target)
            self.moved.append(target)

    def _make_parents(self, folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for made in reversed(missing):
            made.mkdir()
            self.made.append(made)

    def undo(self) -> None:
        for path in reversed(self.moved):
            path.unlink(missing_ok=True)
        for folder in reversed(self.made):
            with contextlib.suppress(OSError):  # something put there meanwhile: left alone
                folder.rmdir()
        self.moved.clear()
        self.made.clear()


@contextmanager
def placement(root: Path) -> Iterator[Placement]:
    """A staging folder in ``root``, removed at the end whatever happens."""
    existed = root.exists()
    root.mkdir(parents=True, exist_ok=True)
    staging = root / f".ntm-khoi-phuc-{secrets.token_hex(6)}"
    staging.mkdir()
    try:
        yield Placement(root, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        if not existed and not any(root.iterdir()):
            root.rmdir()  # a failed restore leaves not even the folder it made
