"""Every command module is registered by name in ``ntm.cli``: none can go missing silently."""

from __future__ import annotations

import ast
from pathlib import Path

import ntm.cli

CLI = Path(ntm.cli.__file__).parent


def _command_modules() -> list[str]:
    """Modules of ``ntm.cli`` that define ``register(app)``."""
    found = []
    for path in sorted(CLI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(n, ast.FunctionDef) and n.name == "register" for n in tree.body):
            found.append(path.stem)
    return found


def test_every_module_with_commands_is_imported_by_name() -> None:
    modules = _command_modules()
    assert modules, "no command module found"
    missing = [name for name in modules if not hasattr(ntm.cli, name)]
    assert missing == [], f"add {missing} to the import list of ntm/cli/__init__.py"


def test_the_commands_of_each_module_are_on_the_ntm_command() -> None:
    names = {c.name for c in ntm.cli.app.registered_commands}
    names |= {g.name for g in ntm.cli.app.registered_groups}
    assert {"evaluate", "template", "report", "serve", "criteria", "units"} <= names
