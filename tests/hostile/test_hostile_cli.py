"""Every hostile file through `ntm evaluate`: exit 0 or 2, never a traceback, Vietnamese only.

In-process (CliRunner) for speed; the two bombs of the acceptance also run as a real process,
with their time and memory measured (tests/hostile/test_bombs.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from ntm.cli import app
from tests.hostile.corpus import ENGLISH, QUOTED, Hostile, cached, cached_bombs

corpus, bombs = cached, cached_bombs


def stored_name(index: int, file: Hostile) -> str:
    """The name the file is saved under: its own when it is a plain name, else a safe one."""
    name = file.name
    plain = "/" not in name and "\\" not in name and 0 < len(name) < 200 and name != ".csv"
    return name if plain and name.isprintable() else f"tep-{index:03d}{file.suffix}"


def evaluate(tmp_path: Path, index: int, file: Hostile) -> tuple[int, str, str]:
    path = tmp_path / stored_name(index, file)
    path.write_bytes(file.content)
    out = tmp_path / "ket-qua.json"
    result = CliRunner().invoke(app, ["evaluate", str(path), "--format", "json", "--out", str(out)])
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise AssertionError(f"{file.kind} {file.name}: {result.exception!r}") from result.exception
    if result.exit_code != 0:
        assert not out.exists(), f"{file.name}: an output file was written after a refusal"
    stderr = result.stderr.replace(str(path), "").replace(path.name, "")
    return result.exit_code, stderr, result.stdout


def check(tmp_path: Path, index: int, file: Hostile) -> None:
    code, stderr, _stdout = evaluate(tmp_path, index, file)
    assert code in (0, 2), f"{file.kind} {file.name}: exit {code}\n{stderr}"
    assert "Traceback" not in stderr
    english = ENGLISH.search(QUOTED.sub("", stderr))  # «…» quotes the file's own text
    assert english is None, f"{file.kind} {file.name}: «{english.group(0)}» in\n{stderr}"
    if code == 2:
        assert "lỗi" in stderr.lower() or "không" in stderr.lower(), stderr


def test_the_corpus_holds_over_300_files_of_every_kind() -> None:
    files = corpus() + bombs()
    kinds = {f.kind for f in files}
    assert len(files) >= 300
    for kind in ("dimension-bomb", "zip-bomb", "encoding", "byte-flip", "truncated", "garbage",
                 "path-traversal", "merged", "hidden-sheet", "duplicate-column", "cell-value",
                 "external-link", "long-string", "line-endings"):  # fmt: skip
        assert kind in kinds


def test_every_hostile_file_gets_an_exit_code_and_a_vietnamese_answer(tmp_path: Path) -> None:
    failures = []
    for index, file in enumerate(corpus()):
        folder = tmp_path / f"{index:03d}"
        folder.mkdir()
        try:
            check(folder, index, file)
        except AssertionError as exc:
            failures.append(str(exc).splitlines()[0:4])
    assert not failures, "\n".join(" | ".join(f) for f in failures)


@pytest.mark.slow
def test_every_bomb_gets_a_vietnamese_refusal(tmp_path: Path) -> None:
    for index, file in enumerate(bombs()):
        check(tmp_path, index, file)
        code, stderr, _ = evaluate(tmp_path, index, file)
        assert code == 2 and "từ chối" in stderr, stderr
