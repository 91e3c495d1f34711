"""The ``ntm`` command: work on files, and operate the server.

Each group of commands lives in its own module and registers itself through ``register(app)``;
the list of modules below is explicit.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="ntm",
    help="ntm — Chương trình MTQG xây dựng nông thôn mới: bộ tiêu chí, đánh giá, báo cáo.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
    add_completion=False,
)

# Each command module imported by name: a missing or broken one fails here, loudly, instead of
# its commands silently disappearing from `ntm --help`.
from ntm.cli import criteria, evaluate, report, serve, units  # noqa: E402  (after `app`)

for _module in (criteria, units, evaluate, report, serve):
    _module.register(app)


def main() -> None:
    app()
