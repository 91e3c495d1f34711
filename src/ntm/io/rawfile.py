"""A data file as ntm receives it: a path on disk (the CLI) or bytes with a name (the web).

Readers take either, so the web never writes its own upload to a temporary file to read it.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO


@dataclass(frozen=True)
class RawFile:
    name: str  # the file's name as a person knows it: what every message names
    path: Path | None = None
    content: bytes | None = None

    @classmethod
    def of(cls, source: str | Path | RawFile) -> RawFile:
        if isinstance(source, RawFile):
            return source
        path = Path(source)
        return cls(path.name, path=path)

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    def size(self) -> int:
        if self.content is not None:
            return len(self.content)
        assert self.path is not None
        return self.path.stat().st_size

    def open(self) -> BinaryIO:
        if self.content is not None:
            return io.BytesIO(self.content)
        assert self.path is not None
        return self.path.open("rb")

    def read_bytes(self) -> bytes:
        if self.content is not None:
            return self.content
        assert self.path is not None
        return self.path.read_bytes()
