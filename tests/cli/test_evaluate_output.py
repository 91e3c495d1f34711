"""`ntm evaluate` output: compact JSON unless --pretty, and never a traceback, even for an error
nobody foresaw (one Vietnamese line, exit 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import ntm.cli
from ntm.cli import app, main


def test_json_is_compact_unless_pretty_and_both_say_the_same(kontum: Path) -> None:
    data = str(kontum / "criteria-2020.csv")
    compact = CliRunner().invoke(app, ["evaluate", data, "--format", "json"])
    pretty = CliRunner().invoke(app, ["evaluate", data, "--format", "json", "--pretty"])
    assert compact.exit_code == 0 and pretty.exit_code == 0
    assert compact.stdout.count("\n") == 1 and '"year":2020' in compact.stdout
    assert '\n  "year": 2020' in pretty.stdout
    assert json.loads(compact.stdout) == json.loads(pretty.stdout)


def test_an_output_that_cannot_be_written_is_said_and_nothing_is_left(
    kontum: Path, tmp_path: Path
) -> None:
    blocker = tmp_path / "khong-phai-thu-muc"
    blocker.write_text("x")
    out = blocker / "ket-qua.json"
    result = CliRunner().invoke(
        app, ["evaluate", str(kontum / "criteria-2020.csv"), "--format", "json", "--out", str(out)]
    )
    assert result.exit_code == 2
    assert "không ghi được tệp kết quả" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_an_unforeseen_error_is_one_vietnamese_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken() -> None:
        raise RuntimeError("internal detail a person must not see")

    monkeypatch.setattr(ntm.cli, "app", broken)
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Lỗi không mong đợi" in err
    assert "Traceback" not in err and "internal detail" not in err
