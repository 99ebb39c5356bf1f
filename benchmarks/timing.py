"""Timing a command as a user waits for it: a whole process, wall clock, exit code checked.
Shared by the benchmark scripts in this folder."""

from __future__ import annotations

import subprocess
import time


def wall(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from starting `argv` to its exit; a failing command stops the benchmark."""
    started = time.perf_counter()
    proc = subprocess.run(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {proc.returncode}: {proc.stderr.strip()}")
    return elapsed
