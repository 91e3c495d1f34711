"""The ``ntm`` command: work on files, and operate the server.

Each group of commands lives in its own module and registers itself through ``register(app)``;
the list of modules below is explicit.
"""

from __future__ import annotations

import sys

from ntm.cli.collector import imports_settled, imports_start

# The collector held off while the commands' modules are imported, then their objects frozen
# out of its reach: part of every command's start saved (ntm/cli/collector.py). The `finally`
# gives the collector back even when a command module fails to import (in a test session).
_collector_was_on = imports_start()
try:
    import typer

    app = typer.Typer(
        name="ntm",
        help="ntm — Chương trình MTQG xây dựng nông thôn mới: bộ tiêu chí, đánh giá, báo cáo.",
        no_args_is_help=True,
        rich_markup_mode="rich",
        pretty_exceptions_enable=False,
        add_completion=False,
    )

    # Each command module imported by name: a missing or broken one fails here, loudly, instead
    # of its commands silently disappearing from `ntm --help`.
    from ntm.cli import (
        backup,
        criteria,
        evaluate,
        forecast,
        monitoring,
        ocop,
        plan_funding,
        read_report,
        report,
        serve,
        units,
    )

    _MODULES = (
        criteria,
        units,
        evaluate,
        monitoring,
        report,
        ocop,
        serve,
        backup,
        read_report,
        forecast,
        plan_funding,
    )
    for _module in _MODULES:
        _module.register(app)
finally:
    imports_settled(_collector_was_on)


def main() -> None:
    """The ``ntm`` command. No traceback ever reaches a person: each command says its own errors
    in Vietnamese; anything unforeseen that escapes one becomes a single line and exit code 2."""
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("Đã dừng theo yêu cầu; không ghi tệp kết quả nào.\n")
        sys.exit(130)
    except Exception:
        sys.stderr.write(
            "Lỗi không mong đợi trong ntm; lệnh không hoàn thành. Hãy gửi lệnh đã chạy và tệp "
            "dữ liệu cho người quản trị.\n"
        )
        sys.exit(2)
