"""A damaged or hostile archive is refused whole, in Vietnamese, before anything is written.

Each case starts from a real archive (``ntm backup`` of the world of backup_world.py) and spoils
it as a disk, a network copy or a person could: a file's bytes changed (with a fresh CRC, or a
byte flipped in place), a file grown, a file taken out, the archive cut short, entries or
manifest paths that climb out of the media folder (``../../etc/x``), a zip that is not an ntm
backup, a manifest of another format version. ``ntm restore`` must exit 2 with a message
naming what is wrong, leave no database file, no media folder, nothing outside it.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from backup_support import NTM, Source, backup_made, build, run

Entries = dict[str, bytes]


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("nguon")
    source: Source = build(f"sqlite:///{folder / 'nguon.sqlite3'}", folder)
    out = folder / "sao-luu.zip"
    assert backup_made(source, out).returncode == 0
    return out


def _entries(archive: Path) -> Entries:
    with zipfile.ZipFile(archive) as z:
        return {name: z.read(name) for name in z.namelist()}


def _write(entries: Entries, out: Path) -> Path:
    with zipfile.ZipFile(out, "w") as z:
        for name, content in entries.items():
            z.writestr(name, content)
    return out


def _media(entries: Entries, folder: str) -> str:
    return next(n for n in entries if n.startswith(f"media/{folder}/"))


def _tampered(e: Entries) -> str:
    name = _media(e, "evidence")
    e[name] = e[name][:-7] + b"%%EOF\n\n"  # the same size, other bytes
    return f"Tệp {name} trong bản sao lưu {{src}} sai mã kiểm tra sha256 (bị sửa hoặc hỏng)"


def _database_tampered(e: Entries) -> str:
    part = e["database/ntm.sqlite3"]
    e["database/ntm.sqlite3"] = part[:-1] + bytes([part[-1] ^ 1])
    return "Tệp database/ntm.sqlite3 trong bản sao lưu {src} sai mã kiểm tra sha256"


def _grown(e: Entries) -> str:
    name = _media(e, "mo-hinh")
    e[name] += b"\x00" * 1024
    return f"Tệp {name} trong bản sao lưu {{src}} có kích thước khác manifest.json: không nạp gì"


def _file_missing(e: Entries) -> str:
    name = _media(e, "bao-cao-tinh")
    del e[name]
    return f"Tệp sao lưu {{src}} thiếu tệp {name} (có trong manifest.json)"


def _climbing_entry(e: Entries) -> str:
    e["../../etc/x"] = b"khong duoc ghi"
    return "Tệp sao lưu {src} có mục lạ '../../etc/x', không kê trong manifest.json: không nạp gì"


def _climbing_manifest(e: Entries) -> str:
    manifest = json.loads(e["manifest.json"])
    manifest["files"].append({"path": "../../etc/x", "size": 3, "sha256": "0" * 64})
    e["manifest.json"] = json.dumps(manifest).encode()
    e["media/../../etc/x"] = b"abc"
    return "manifest.json sai ở mục files.4.path (đường dẫn không an toàn: '../../etc/x')"


def _no_manifest(e: Entries) -> str:
    del e["manifest.json"]
    return "Tệp {src} không phải bản sao lưu của ntm (không có manifest.json)"


def _later_format(e: Entries) -> str:
    manifest = json.loads(e["manifest.json"])
    manifest["format_version"] = 2
    e["manifest.json"] = json.dumps(manifest).encode()
    return "manifest.json có phiên bản định dạng 2; phiên bản ntm này đọc phiên bản 1"


SPOILED: dict[str, Callable[[Entries], str]] = {
    "tep-bi-sua": _tampered,
    "co-so-du-lieu-bi-sua": _database_tampered,
    "tep-lon-hon": _grown,
    "thieu-tep": _file_missing,
    "muc-leo-ra-ngoai": _climbing_entry,
    "manifest-leo-ra-ngoai": _climbing_manifest,
    "khong-co-manifest": _no_manifest,
    "dinh-dang-moi-hon": _later_format,
}


def _assert_refused(tmp_path: Path, archive: Path, said: str) -> None:
    target = tmp_path / "moi" / "ntm.sqlite3"
    result = run([str(NTM), "restore", str(archive), "--database-url", f"sqlite:///{target}"],
                 tmp_path / "var")  # fmt: skip
    assert result.returncode == 2, result.stdout
    assert said.format(src=archive) in result.stderr
    assert not target.exists() and not target.parent.exists()
    assert not (tmp_path / "var").exists()  # no media folder, no staging folder
    assert not (tmp_path / "etc").exists()  # media/../../etc/x from var/media is tmp_path/etc
    checked = run([str(NTM), "restore", str(archive), "--check"], tmp_path / "var")
    assert checked.returncode == 2 and checked.stderr == result.stderr


@pytest.mark.parametrize("case", SPOILED)
def test_a_spoiled_archive_is_refused_and_nothing_is_written(tmp_path, good, case):
    entries = _entries(good)
    said = SPOILED[case](entries)
    _assert_refused(tmp_path, _write(entries, tmp_path / f"{case}.zip"), said)


def test_a_truncated_archive_is_refused(tmp_path, good):
    content = good.read_bytes()
    cut = tmp_path / "bi-cat.zip"
    cut.write_bytes(content[: len(content) * 2 // 3])
    _assert_refused(tmp_path, cut, "Tệp sao lưu {src} bị cắt cụt hoặc hỏng")


def test_a_byte_flipped_on_disk_is_caught_by_the_entry_check(tmp_path, good):
    with zipfile.ZipFile(good) as z:
        info = next(i for i in z.infolist() if i.filename.endswith(".pdf"))
    content = bytearray(good.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    content[start + 100_000] ^= 0xFF  # inside the stored PDF's bytes
    flipped = tmp_path / "lat-byte.zip"
    flipped.write_bytes(bytes(content))
    _assert_refused(tmp_path, flipped, f"Tệp {info.filename} trong bản sao lưu {{src}} hỏng")


def test_a_file_that_is_no_backup_is_refused(tmp_path):
    other = tmp_path / "ghi-chu.txt"
    other.write_text("không phải bản sao lưu", encoding="utf-8")
    _assert_refused(tmp_path, other, "Tệp {src} không phải bản sao lưu của ntm")
