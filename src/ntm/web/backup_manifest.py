"""The manifest of a backup archive: what it holds, checked on load like any data file.

``manifest.json`` names the format and its version, the ntm version that wrote it, when, the
database part (engine, how it was dumped, size, sha256), every stored file (its path under
MEDIA_ROOT, size, sha256) and the rows whose file was already missing when the backup ran.
An archive is read by nobody's word: a manifest that does not parse, or names a path that would
climb out of its folder, refuses the whole archive.
"""

from __future__ import annotations

import json
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ntm.web.backup_files import FileReference, safe_path

FORMAT = "ntm-sao-luu"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
README = "DOC-TRUOC.txt"
MEDIA_DIR = "media/"
DATABASE_ENTRIES = {"sqlite": "database/ntm.sqlite3", "pg_dump": "database/ntm.pgdump",
                    "xml": "database/ntm.xml"}  # fmt: skip
SHA256 = r"^[0-9a-f]{64}$"
README_TEXT = """Bản sao lưu hệ thống ntm (chương trình nông thôn mới)

- manifest.json: phiên bản, thời điểm sao lưu, loại cơ sở dữ liệu; từng tệp với kích thước và
  mã sha256; các bản ghi mà tệp đính kèm đã không còn trên đĩa lúc sao lưu (mục "missing").
- database/: cơ sở dữ liệu (ntm.sqlite3, ntm.pgdump hoặc ntm.xml).
- media/: các tệp người dùng tải lên (minh chứng, báo cáo của tỉnh, ảnh mô hình), đúng đường dẫn
  như trong thư mục media của máy chủ.

Kiểm tra mà không nạp gì: ntm restore TỆP --check
Nạp lại: ntm restore TỆP --database-url ... (vào một cơ sở dữ liệu trống)
"""


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


class StoredFile(_Strict):
    path: str
    size: int = Field(ge=0)
    sha256: str = Field(pattern=SHA256)

    @field_validator("path")
    @classmethod
    def _inside(cls, value: str) -> str:
        if safe_path(value) is None:
            raise ValueError(f"đường dẫn không an toàn: {value!r}")
        return value

    @property
    def entry(self) -> str:
        return MEDIA_DIR + self.path


class DatabasePart(_Strict):
    engine: Literal["sqlite", "postgresql"]
    kind: Literal["sqlite", "pg_dump", "xml"]
    method: str
    size: int = Field(ge=0)
    sha256: str = Field(pattern=SHA256)

    @property
    def entry(self) -> str:
        return DATABASE_ENTRIES[self.kind]


class MissingFile(_Strict):
    table: str
    record: str
    path: str

    def reference(self) -> FileReference:
        return FileReference(self.table, self.record, self.path)


class Manifest(_Strict):
    format: Literal["ntm-sao-luu"]
    format_version: int
    ntm_version: str
    created_at: str
    database: DatabasePart
    files: tuple[StoredFile, ...]
    missing: tuple[MissingFile, ...] = ()

    def to_json(self) -> str:
        return json.dumps(self.model_dump(), ensure_ascii=False, indent=2) + "\n"

    @property
    def media_bytes(self) -> int:
        return sum(f.size for f in self.files)


class ManifestError(Exception):
    """Why a manifest is refused, in Vietnamese."""


def manifest_parse(text: bytes) -> Manifest:
    try:
        data = json.loads(text.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ManifestError("manifest.json không phải JSON hợp lệ") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ManifestError("manifest.json không phải của một bản sao lưu ntm")
    if data.get("format_version") != FORMAT_VERSION:
        raise ManifestError(
            f"manifest.json có phiên bản định dạng {data.get('format_version')!r}; "
            f"phiên bản ntm này đọc phiên bản {FORMAT_VERSION}"
        )
    try:
        manifest = Manifest.model_validate_json(text)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        reason = first.get("ctx", {}).get("error") or first["type"]
        raise ManifestError(f"manifest.json sai ở mục {where} ({reason})") from None
    paths = [f.path for f in manifest.files]
    if len(set(paths)) != len(paths):
        raise ManifestError("manifest.json kê một tệp hai lần")
    return manifest
