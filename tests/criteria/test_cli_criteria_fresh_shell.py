"""A set the office imported is found by the next shell with no environment variable.

``ntm criteria import`` writes into ``./criteria/`` by default, and every command looks there: the
two commands run as separate processes with a clean environment, the working directory a temporary
directory, as an office user would type them.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

NTM = str(Path(sys.executable).with_name("ntm"))


def _fresh_shell(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(cwd), "LANG": "C.UTF-8", "COLUMNS": "250"}
    return subprocess.run(
        [NTM, *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_import_then_show_works_in_a_fresh_shell_without_any_environment_variable(
    tmp_path: Path,
) -> None:
    exported = _fresh_shell(
        "criteria", "export", "xa-ntm-2026-2030", "--out", "bo.xlsx", cwd=tmp_path
    )
    assert exported.returncode == 0, exported.stderr
    imported = _fresh_shell(
        "criteria", "import", "bo.xlsx", "--as", "xa-ntm-2026-2030-tuyenquang", cwd=tmp_path
    )
    assert imported.returncode == 0, imported.stderr + imported.stdout
    assert (tmp_path / "criteria" / "xa-ntm-2026-2030-tuyenquang.yaml").is_file()
    shown = _fresh_shell("criteria", "show", "xa-ntm-2026-2030-tuyenquang", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr + shown.stdout
    assert "xa-ntm-2026-2030-tuyenquang" in shown.stdout
    listed = _fresh_shell("criteria", "list", cwd=tmp_path)
    assert "xa-ntm-2026-2030-tuyenquang" in listed.stdout


def test_a_code_that_exists_nowhere_still_lists_the_known_sets(tmp_path: Path) -> None:
    shown = _fresh_shell("criteria", "show", "khong-co", cwd=tmp_path)
    assert shown.returncode == 1
    assert "không có bộ tiêu chí mã này" in shown.stdout + shown.stderr
    assert "xa-ntm-2026-2030" in shown.stdout + shown.stderr
