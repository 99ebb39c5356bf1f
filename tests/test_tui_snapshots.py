"""Snapshots of the dashboard's home, detail and pool screens on the demo store at the
test clock (Mon Nov 23 2026 09:00), at 80×24 and 160×48, with Chinese and English
names side by side: a change of layout shows as a diff of the screen's text.

The screens are kept as plain text in tests/snapshots/ (what a rep reads, one file per
screen and size). pytest-textual-snapshot was not used: it pins pytest below the test
extras' version. After an intended change of layout, rewrite them with
`SALESCLI_UPDATE_SNAPSHOTS=1 pytest tests/test_tui_snapshots.py` and read the diff.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from pathlib import Path

import pytest

from tui_helpers import loaded, screen_text

SNAPSHOTS = Path(__file__).with_name("snapshots")
SIZES = {"80x24": (80, 24), "160x48": (160, 48)}
DETAIL_CUSTOMER = 45  # alice's 长沙嘉博五金有限责任公司: tasks, deals, contacts, a long history


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo store alice gets from `salescli demo` at the test clock, with a target set."""
    from salescli.services.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SALESCLI_NOW", "2026-11-23T09:00:00+08:00")
        mp.setenv("SALESCLI_USER", "alice")
        mp.setenv("SALESCLI_CONFIG", str(path.with_name("config.toml")))
        build_demo(path, replace=True, handle="alice")
    return path


@pytest.fixture
def demo(demo_store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sqlite_cli) -> None:  # noqa: ANN001
    """A copy of the demo store shown as ~/demo.db, so the status line reads the same on any machine."""
    shutil.copy(demo_store, tmp_path / "demo.db")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("SALESCLI_DB", str(tmp_path / "demo.db"))
    sqlite_cli.ok("target", "set", "--period", "2026-11", "--metric", "won_amount", "--value", "800000")
    sqlite_cli.ok("target", "set", "--period", "2026-W48", "--metric", "follow_ups", "--value", "25")


def compare(name: str, text: str) -> None:
    path = SNAPSHOTS / f"{name}.txt"
    if os.environ.get("SALESCLI_UPDATE_SNAPSHOTS") or not path.exists():
        path.write_text(text + "\n", encoding="utf-8")
        if not os.environ.get("SALESCLI_UPDATE_SNAPSHOTS"):
            pytest.fail(f"no snapshot {path.name} yet: written, check it and commit it")
        return
    expected = path.read_text(encoding="utf-8").rstrip("\n")
    if text != expected:
        import difflib

        diff = "\n".join(difflib.unified_diff(expected.splitlines(), text.splitlines(), "snapshot", "now",
                                              lineterm=""))
        pytest.fail(f"the {name} screen changed (SALESCLI_UPDATE_SNAPSHOTS=1 rewrites it):\n{diff}")


async def _shoot(size: tuple[int, int], screen: str) -> str:
    from salescli.tui.app import create_app

    app = create_app()
    async with app.run_test(size=size) as pilot:
        await loaded(pilot)
        if screen == "detail":
            app.open_customer(DETAIL_CUSTOMER)
            await loaded(pilot)
        elif screen == "pool":
            await pilot.press("c")
            await loaded(pilot)
        return screen_text(app)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", ["home", "detail", "pool"])
def test_screen_snapshot(demo, screen: str, size: str) -> None:  # noqa: ANN001
    text = asyncio.run(_shoot(SIZES[size], screen))
    assert "长沙" in text or screen == "pool"  # CJK names are drawn (the pool's own are checked in its file)
    compare(f"{screen}-{size}", text)


def test_home_snapshot_in_chinese(demo) -> None:  # noqa: ANN001
    """The same home in the Chinese interface: labels are CJK too, two cells per character."""
    from salescli.core import i18n

    i18n.set_language("zh_CN")  # the fixture isolated_env puts English back
    text = asyncio.run(_shoot(SIZES["80x24"], "home"))
    assert "日程" in text and "简体中文" in text
    compare("home-80x24-zh_CN", text)
