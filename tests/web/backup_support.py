"""Shared by the backup tests: a source world built in a process of its own, the commands run
as an office runs them, and a media folder read as path → sha256."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NTM = Path(sys.executable).with_name("ntm")
# The stored files backup_world.py uploads through the services, by folder.
UPLOADED = {"evidence": 2, "bao-cao-tinh": 1, "mo-hinh": 1}


@dataclass(frozen=True)
class Source:
    url: str
    var: Path  # its NTM_VAR_DIR: the media folder is var/media

    @property
    def media(self) -> Path:
        return self.var / "media"


def run(args: list[str], var: Path, **env: str) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "SECRET_KEY"}}
    base |= {"NTM_VAR_DIR": str(var), "DEBUG": "1"}
    result = subprocess.run(
        args, cwd=ROOT, env=base | env, capture_output=True, text=True, timeout=600
    )
    assert "Traceback" not in result.stderr, result.stderr
    return result


def build(url: str, folder: Path) -> Source:
    script = str(Path(__file__).with_name("backup_world.py"))
    source = Source(url, folder / "var")
    result = run([sys.executable, script], source.var, DATABASE_URL=url)
    assert result.returncode == 0, result.stderr
    # A stray file in the media folder, named by no row: a backup leaves it out.
    (source.media / "evidence" / "khong-ai-tro-toi.pdf").write_bytes(b"%PDF-1.4 lac\n")
    return source


def media_files(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative path) → its sha256."""
    if not folder.exists():
        return {}
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def backup_made(
    source: Source, out: Path, *args: str, **env: str
) -> subprocess.CompletedProcess[str]:
    return run([str(NTM), "backup", "--out", str(out), *args], source.var,
                DATABASE_URL=source.url, **env)  # fmt: skip
