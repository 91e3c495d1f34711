"""The CLI reference in docs/cli.md is the commands' own ``--help``; a test fails on drift.

Regenerate with ``python -m ntm.cli.reference > docs/cli.md``.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.testing import CliRunner

from ntm.cli import app

# A fixed width and no colour, so that the text is the same on every machine.
HELP_ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "_TYPER_FORCE_DISABLE_TERMINAL": "1"}


def command_paths(group: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command's path below ``group`` (Typer ships its own click: duck-typed here)."""
    paths = [prefix]
    if hasattr(group, "list_commands"):
        for name in group.list_commands(None):
            sub = group.get_command(None, name)
            if sub is not None and not getattr(sub, "hidden", False):
                paths += command_paths(sub, (*prefix, name))
    return paths


def help_text(path: tuple[str, ...]) -> str:
    result = CliRunner().invoke(app, [*path, "--help"], env=HELP_ENV, color=False)
    if result.exit_code != 0:
        raise RuntimeError(f"ntm {' '.join(path)} --help: {result.output}")
    return "\n".join(line.rstrip() for line in result.output.strip("\n").splitlines())


def cli_reference() -> str:
    parts = [
        "# Dòng lệnh `ntm` — tham chiếu",
        "",
        "Trang này là chính phần `--help` của từng lệnh, sinh bằng",
        "`python -m ntm.cli.reference > docs/cli.md`; một kiểm thử báo lỗi khi hai bên lệch nhau.",
        "",
    ]
    for path in command_paths(typer.main.get_command(app)):
        title = " ".join(("ntm", *path))
        parts += [f"## `{title}`", "", "```text", help_text(path), "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(cli_reference(), end="")
