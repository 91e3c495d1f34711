"""The acceptance of issue #9: the dimension bomb and the zip bomb, through a real `ntm evaluate`
process, are refused in Vietnamese (exit 2) within 5 s and under 300 MB of memory.

The process's peak memory is read by a fresh parent (``RUSAGE_CHILDREN`` of a parent with no
other child), so the figure is the command's own.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.corpus import Hostile, dimension_bombs, template_bytes, zip_bombs

MEASURE = """
import json, resource, subprocess, sys, time
started = time.monotonic()
done = subprocess.run(sys.argv[1:], capture_output=True, text=True)
print(json.dumps({"code": done.returncode, "stderr": done.stderr, "stdout": done.stdout,
                  "seconds": time.monotonic() - started,
                  "peak_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def ntm_evaluate(path: Path, out: Path) -> dict[str, object]:
    command = [sys.executable, "-c", "from ntm.cli import main; main()", "evaluate", str(path),
               "--format", "json", "--out", str(out)]  # fmt: skip
    result = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                            text=True, check=True, timeout=120)  # fmt: skip
    return json.loads(result.stdout)


def the_bombs() -> list[Hostile]:
    base = template_bytes()
    dimension = next(f for f in dimension_bombs(base) if f.name.endswith("-o-XFD1048576.xlsx"))
    zipped = next(f for f in zip_bombs(base) if "300MB" in f.name)
    return [dimension, zipped]


@pytest.mark.slow
def test_the_dimension_and_zip_bombs_are_refused_by_the_cli_fast_and_small(tmp_path: Path) -> None:
    for bomb in the_bombs():
        path = tmp_path / bomb.name
        path.write_bytes(bomb.content)
        out = tmp_path / "ket-qua.json"
        run = ntm_evaluate(path, out)
        stderr = str(run["stderr"])
        assert run["code"] == 2, stderr
        assert "từ chối" in stderr and bomb.name in stderr, stderr
        assert "Traceback" not in stderr
        assert not out.exists()
        assert float(run["seconds"]) < 5, f"{bomb.name}: {run['seconds']} s"  # type: ignore[arg-type]
        assert int(run["peak_kb"]) < 300 * 1024, f"{bomb.name}: {run['peak_kb']} KB"  # type: ignore[call-overload]
