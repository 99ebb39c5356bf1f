"""The layers import only downwards: domain <- store <- services <- commands (and tui).

Services build no SQL (every statement lives in store/queries), commands never reach the
store but through a service, and the domain is pure. Read from the source with `ast`,
so a lazy import inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "salescli"

FORBIDDEN = {
    "domain": ("salescli.store", "salescli.services", "salescli.commands", "salescli.tui", "sqlalchemy", "sqlmodel",
               "alembic", "typer", "rich", "textual"),
    "store": ("salescli.services", "salescli.commands", "salescli.tui", "typer", "rich", "textual"),
    "services": ("salescli.commands", "salescli.tui", "sqlalchemy", "sqlmodel", "alembic", "typer", "rich",
                 "textual"),
    "commands": ("salescli.store", "sqlalchemy", "sqlmodel", "alembic", "textual"),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_imports_only_downwards(layer: str) -> None:
    offences = []
    for path in sorted((PACKAGE / layer).rglob("*.py")):
        for name in sorted(_imports(path)):
            if any(name == bad or name.startswith(bad + ".") for bad in FORBIDDEN[layer]):
                offences.append(f"{path.relative_to(PACKAGE)} imports {name}")
    assert not offences, "\n".join(offences)
