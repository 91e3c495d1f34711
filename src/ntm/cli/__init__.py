"""The ``ntm`` command: work on files, and operate the server.

Each group of commands lives in its own module and registers itself through ``register(app)``.
"""

from __future__ import annotations

import importlib
import importlib.util

import typer

app = typer.Typer(
    name="ntm",
    help="ntm — Chương trình MTQG xây dựng nông thôn mới: bộ tiêu chí, đánh giá, báo cáo.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)

COMMAND_MODULES = ["criteria", "units", "evaluate", "report", "serve"]

for _name in COMMAND_MODULES:
    if importlib.util.find_spec(f"ntm.cli.{_name}") is not None:
        importlib.import_module(f"ntm.cli.{_name}").register(app)


def main() -> None:
    app()
