"""The architecture holds (docs/architecture.md).

The import rules live in pyproject.toml as import-linter contracts (layers, only the
store knows SQL, interfaces reach the store through services, no drawing below the
interfaces, a pure domain); this runs them. Plus what the contracts cannot see: every
error and notice a service raises has a sentence, and every agenda section a service
provides has a title and columns for the interfaces.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "src" / "salescli"


def test_import_contracts_are_kept() -> None:
    lint = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    proc = subprocess.run([lint, "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "0 broken" in proc.stdout


def test_every_top_level_module_is_in_a_layer() -> None:
    """`exhaustive = true` makes import-linter refuse a module no layer names; this says
    which one, in words, before the linter's own report."""
    import tomllib

    layers = next(
        c for c in tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
        if c["id"] == "layers"
    )["layers"]
    named = {name.strip() for layer in layers for name in layer.split("|")}
    present = {p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__"}
    present |= {p.parent.name for p in PACKAGE.glob("*/__init__.py")}
    assert present <= named, f"not in any layer: {sorted(present - named)}"


def _raised_codes() -> dict[str, set[str]]:
    """Error and notice codes in the source: `SomeError("code", ...)` and `Notice("code", ...)`."""
    found: dict[str, set[str]] = {}
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            first = node.args[0]
            if (name.endswith("Error") or name == "Notice") and isinstance(first, ast.Constant) \
                    and isinstance(first.value, str) and re.fullmatch(r"[a-z_]+\.[a-z_.]+", first.value):
                found.setdefault(first.value, set()).add(str(path.relative_to(PACKAGE)))
    return found


def test_every_error_and_notice_has_a_sentence() -> None:
    from salescli.present.messages import MESSAGES
    from salescli.terminal.messages import CLI_WORDING

    codes = _raised_codes()
    assert len(codes) > 60
    missing = {code: where for code, where in codes.items() if code not in MESSAGES and code not in CLI_WORDING}
    assert not missing, missing
    # The CLI only rewords what exists for every interface (CLI-only codes aside).
    cli_only = {"options.exclusive_scope", "internal.unexpected", "output.write_failed"}
    assert set(CLI_WORDING) - set(MESSAGES) == cli_only


def test_services_say_nothing_in_words() -> None:
    """Sentences belong to the interfaces: no service, store or domain module translates."""
    offenders = []
    for layer in ("services", "store", "domain"):
        for path in (PACKAGE / layer).rglob("*.py"):
            if re.search(r"\b_\(|ngettext\(", path.read_text(encoding="utf-8")):
                offenders.append(str(path.relative_to(PACKAGE)))
    assert not offenders, offenders


@pytest.mark.parametrize("module", ["salescli.services.agenda"])
def test_every_agenda_section_has_a_title_and_columns(module: str) -> None:
    from salescli.present.agenda import COLUMNS, TITLES
    from salescli.services.agenda import registered_sections

    for key in registered_sections():
        assert key in TITLES and key in COLUMNS, key


def test_command_modules_keep_their_annotations_as_objects() -> None:
    """Typer reads the annotations of every command on each start; as strings (PEP 563)
    each would be compiled again, every run (commands/__init__.py)."""
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in [*(PACKAGE / "commands").glob("*.py"), PACKAGE / "cli.py"]
        if re.search(r"^from __future__ import annotations", path.read_text(encoding="utf-8"), re.MULTILINE)
    ]
    assert not offenders, offenders
