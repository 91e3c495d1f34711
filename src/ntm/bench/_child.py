"""Run a command as a child process and measure it: wall time and peak memory.

Peak memory is the child's own ``ru_maxrss`` read with ``os.wait4`` (Linux: KiB), not
``getrusage(RUSAGE_CHILDREN)``, which keeps the largest child so far and would let a big run
hide a later small one.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ChildRun:
    seconds: float  # wall
    cpu_seconds: float  # user + system: what a busy machine inflates least
    peak_mib: float
    returncode: int
    stderr: str


def ntm_command() -> str:
    """The ``ntm`` script of the running interpreter's environment."""
    return str(Path(sys.executable).with_name("ntm"))


def child_run(command: list[str], *, cwd: Path | None = None) -> ChildRun:
    """Run ``command`` to its end; its wall time, peak resident memory and exit code."""
    with open(os.devnull, "wb") as devnull:
        t0 = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=devnull, stderr=subprocess.PIPE)
        stderr = proc.stderr.read() if proc.stderr else b""
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = usage.ru_utime + usage.ru_stime
    text = stderr.decode(errors="replace")
    return ChildRun(seconds, cpu, usage.ru_maxrss / 1024, proc.returncode, text)
