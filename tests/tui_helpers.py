"""Driving the dashboard in tests: the app from the same factory `salescli tui` uses, run
headless at a fixed size, and waits that end when the workers' answers are drawn."""

from __future__ import annotations

import io
from collections.abc import Callable
from typing import Any

SIZE = (120, 36)


async def settle(pilot: Any) -> None:
    """Until no worker runs and every answer they sent back has been handled (an answer
    may start another worker: a write, then the screen's reload)."""
    app = pilot.app
    for _ in range(50):
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(not w.is_finished for w in app.workers):
            await pilot.pause()
            if not any(not w.is_finished for w in app.workers):
                return
    raise AssertionError("the dashboard's workers never settled")


async def until(pilot: Any, condition: Callable[[], bool], what: str = "the condition") -> None:
    for _ in range(100):
        await settle(pilot)
        if condition():
            return
    raise AssertionError(f"{what} never held")


async def loaded(pilot: Any) -> None:
    await until(pilot, lambda: getattr(pilot.app.screen, "loaded", False), f"{pilot.app.screen} loading")


async def type_text(pilot: Any, text: str) -> None:
    """One key press per character, as a rep types (CJK characters included)."""
    for ch in text:
        await pilot.press(ch if ch.isascii() and ch.isalnum() else _key(ch))


def _key(ch: str) -> str:
    return {" ": "space", "-": "minus", "+": "plus", "/": "slash", ".": "full_stop", ":": "colon"}.get(ch, ch)


def screen_text(app: Any) -> str:
    """The screen as plain text, line by line, as a rep sees it (no colours)."""
    from rich.console import Console

    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True, color_system=None,
                      record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True, screen_stack=app._background_screens))
    return "\n".join(line.rstrip() for line in console.export_text().splitlines())


def notifications(app: Any) -> list[str]:
    return [n.message for n in app._notifications]
