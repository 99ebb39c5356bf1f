"""The README's 60-second tour is real output, and it reproduces on any machine.

The transcript was made with the clock fixed at a Monday morning in Shanghai
(`SALESCLI_NOW=2026-11-23T09:00:00+08:00`). Replayed here command by command in a fresh
store, on machines whose own zone is UTC or California, every line must come out the same:
the offset in `SALESCLI_NOW` is the rep's zone when none is configured (docs/agenda.md).
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"


def tour() -> tuple[dict[str, str], list[tuple[list[str], str]]]:
    """(the environment the tour names, [(argv after `salescli`, expected output)])."""
    text = README.read_text(encoding="utf-8")
    section = text.split("## A 60-second tour", 1)[1]
    env = dict(re.findall(r"`(SALESCLI_[A-Z]+)=([^`]+)`", section.split("```console", 1)[0]))
    block = section.split("```console\n", 1)[1].split("\n```", 1)[0]
    steps: list[tuple[list[str], str]] = []
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        assert line.startswith("$ salescli "), line
        command = line[2:]
        while command.endswith("\\"):
            i += 1
            command = command[:-1] + " " + lines[i].strip()
        i += 1
        output = []
        while i < len(lines) and not lines[i].startswith("$ "):
            output.append(lines[i])
            i += 1
        steps.append((shlex.split(command)[1:], "\n".join(output)))
    return env, steps


def test_the_tour_names_its_clock_and_acting_user() -> None:
    env, steps = tour()
    assert env["SALESCLI_NOW"].endswith("+08:00")
    assert env["SALESCLI_USER"]
    assert len(steps) >= 8


@pytest.mark.parametrize("zone", ["UTC", "America/Los_Angeles"])
def test_the_tour_reproduces_in_any_machine_zone(zone: str, tmp_path: Path) -> None:
    tour_env, steps = tour()
    env = {k: v for k, v in os.environ.items() if not k.startswith("SALESCLI_")}
    env |= tour_env | {  # a new rep's machine: the store and config at their default places
        "HOME": str(tmp_path),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "TZ": zone,
        "COLUMNS": "120",
    }
    for argv, expected in steps:
        run = subprocess.run([sys.executable, "-m", "salescli", *argv], env=env, capture_output=True,
                             text=True, timeout=60)
        got = (run.stdout + run.stderr).rstrip("\n")
        assert got == expected, f"salescli {shlex.join(argv)} (TZ={zone})"
