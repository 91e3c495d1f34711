"""docs/cli.md must be the commands' own --help, word for word (STYLE.md rule 9)."""

from __future__ import annotations

from pathlib import Path

from ntm.cli.reference import cli_reference, command_paths

ROOT = Path(__file__).resolve().parents[2]


def test_docs_cli_md_is_the_current_help_of_every_command():
    documented = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert documented == cli_reference(), (
        "docs/cli.md lệch với --help: chạy `python -m ntm.cli.reference > docs/cli.md`"
    )


def test_every_command_group_is_in_the_reference():
    import typer

    from ntm.cli import app

    paths = {" ".join(p) for p in command_paths(typer.main.get_command(app))}
    assert {
        "evaluate",
        "template",
        "report",
        "criteria",
        "criteria import",
        "units lineage",
    } <= paths
