"""The core must not know Django (or any I/O framework): STYLE.md rule 1."""

from __future__ import annotations

import ast
from pathlib import Path

import ntm.domain

FORBIDDEN = {"django", "ninja", "openpyxl", "docx", "docxtpl", "typer", "rich", "yaml"}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_nothing_under_domain_imports_django_or_io_libraries():
    root = Path(ntm.domain.__file__).parent
    files = sorted(root.rglob("*.py"))
    assert files, "ntm.domain has no modules"
    offenders = {str(p.relative_to(root)): _imports(p) & FORBIDDEN for p in files}
    assert {k: v for k, v in offenders.items() if v} == {}


def test_importing_the_domain_does_not_load_django():
    import subprocess
    import sys

    code = (
        "import sys, ntm.domain.criteria, ntm.domain.evaluation, ntm.domain.rollup, "
        "ntm.domain.units; print(any(m == 'django' or m.startswith('django.') "
        "for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
