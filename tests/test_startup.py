"""Startup is a feature: `--help` and Tab completion must not pay for the ORM or the TUI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

HEAVY = ("sqlalchemy", "sqlmodel", "textual", "alembic", "psycopg", "babel", "rapidfuzz", "pydantic")
ROOT = Path(__file__).resolve().parents[1]

# Runs the real entry point; its last step (terminal/ending.finish) reports what was loaded.
PROBE = """
import json, sys
import salescli.terminal.ending as ending
real_finish = ending.finish
def finish(code):
    loaded = sorted(sys.modules)  # packages and their submodules (a package is there when any of its modules is)
    sys.__stderr__.write("MODULES:" + json.dumps(loaded) + "\\n")
    real_finish(code)
ending.finish = finish
sys.argv = ["salescli", *json.loads(sys.argv[1])]
from salescli.__main__ import main
main()
"""


def _loaded(args: list[str], extra_env: dict[str, str] | None = None) -> tuple[set[str], str]:
    env = dict(os.environ) | (extra_env or {})
    proc = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(args)], capture_output=True, text=True, env=env, timeout=60
    )
    line = next(x for x in proc.stderr.splitlines() if x.startswith("MODULES:"))
    return set(json.loads(line[len("MODULES:"):])), proc.stdout


@pytest.mark.parametrize(
    "args", [["--help"], ["customer", "--help"], ["customer", "add", "--help"], ["log", "--help"], ["--version"]]
)
def test_help_imports_no_orm_or_tui(args: list[str]) -> None:
    loaded, out = _loaded(args)
    assert "salescli" in out or "Usage" in out or "用法" in out
    assert not loaded & set(HEAVY), f"--help imported {sorted(loaded & set(HEAVY))}"


def test_help_in_chinese_imports_no_orm_either() -> None:
    loaded, _ = _loaded(["--help"], {"LANG": "zh_CN.UTF-8"})
    assert not loaded & set(HEAVY)


def test_completion_imports_no_orm_and_completes_commands() -> None:
    env = {"_SALESCLI_COMPLETE": "complete_bash", "COMP_WORDS": "salescli cust", "COMP_CWORD": "1"}
    loaded, out = _loaded([], env)
    assert out.split() == ["customer"]
    assert not loaded & set(HEAVY)


def test_completion_offers_option_values() -> None:
    env = {"_SALESCLI_COMPLETE": "complete_bash", "COMP_WORDS": "salescli log x y --kind v", "COMP_CWORD": "5"}
    _, out = _loaded([], env)
    assert out.split() == ["visit"]


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_scripts_are_current(shell: str) -> None:
    """completions/ is generated from the app; regenerate with `salescli completion SHELL`."""
    from salescli.commands.completion import script

    committed = (ROOT / "completions" / f"salescli.{shell}").read_text()
    assert committed == script(shell), f"completions/salescli.{shell} is stale: run salescli completion {shell}"


def test_python_dash_m_works() -> None:
    proc = subprocess.run([sys.executable, "-m", "salescli", "--version"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert proc.stdout.startswith("salescli ")


def test_no_args_shows_help() -> None:
    proc = subprocess.run([sys.executable, "-m", "salescli"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0
    assert "customer" in proc.stdout and "agenda" in proc.stdout


def test_completion_offers_customer_names_without_the_orm(sqlite_cli) -> None:  # noqa: ANN001
    sqlite_cli.ok("customer", "add", "Northwind Trading Co., Ltd.")
    sqlite_cli.ok("customer", "add", "上海宏达机械有限公司")
    sqlite_cli.ok("customer", "add", "Old Friend Ltd.")
    sqlite_cli.ok("customer", "archive", "Old Friend")

    env = {"_SALESCLI_COMPLETE": "complete_bash", "COMP_WORDS": "salescli log No", "COMP_CWORD": "2"}
    loaded, out = _loaded([], env)
    assert out.split("\n")[0] == "Northwind\\ Trading\\ Co.,\\ Ltd."  # bash gets one escaped word
    assert not loaded & set(HEAVY)

    env = {"_SALESCLI_COMPLETE": "complete_bash", "COMP_WORDS": "salescli customer show 上海", "COMP_CWORD": "3"}
    assert _loaded([], env)[1].split() == ["上海宏达机械有限公司"]

    env = {"_SALESCLI_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "salescli customer restore O"}
    out = _loaded([], env)[1]
    assert "Old Friend Ltd." in out and "Northwind" not in out  # only archived ones can be restored
