"""One run of the dashboard for bench_tui.py, headless at 160×48, in a process of its own.

    python benchmarks/tui_probe.py paint        # exits once the home screen's data is drawn
    python benchmarks/tui_probe.py keys TEXT... # types each TEXT into `/`, one key at a time,
                                                # and prints ms per keystroke (JSON)

`paint`: the parent times the whole process, from its start to this exit, so Python's own
start, the imports, opening the store, the workers and the first complete paint all count.
`keys`: a keystroke's time runs from the key press to its answer drawn in the results,
measured twice: by the app (the input's change event to the results drawn) and around
the pilot's key press (which adds the pilot's own waits for the app to be idle).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time

SIZE = (160, 48)


async def _settle(pilot) -> None:  # noqa: ANN001
    app = pilot.app
    while True:
        await app.workers.wait_for_complete()
        await pilot.pause()
        if all(w.is_finished for w in app.workers):
            return


async def _paint() -> None:
    from salescli.tui.app import create_app

    app = create_app()
    async with app.run_test(size=SIZE) as pilot:
        while not getattr(app.screen, "loaded", False):
            await _settle(pilot)
        await pilot.pause()  # the refresh that draws it
        sys.stdout.write("painted\n")
        sys.stdout.flush()
        os._exit(0)


async def _keys(texts: list[str]) -> None:
    from salescli.tui.app import create_app

    app = create_app()
    times: list[float] = []
    inside: list[float] = []
    async with app.run_test(size=SIZE) as pilot:
        while not getattr(app.screen, "loaded", False):
            await _settle(pilot)
        for text in texts:
            await pilot.press("slash")
            await _settle(pilot)
            for n, ch in enumerate(text, 1):
                started = time.perf_counter()
                await pilot.press(ch)
                while app.screen.answered != text[:n]:
                    await _settle(pilot)
                times.append((time.perf_counter() - started) * 1000)
            inside += [t * 1000 for t in app.screen.latencies]
            await pilot.press("escape")
            await _settle(pilot)
        sys.stdout.write(json.dumps({"pilot": times, "app": inside}) + "\n")
        sys.stdout.flush()
        os._exit(0)


if __name__ == "__main__":
    if sys.argv[1] == "paint":
        asyncio.run(_paint())
    else:
        asyncio.run(_keys(sys.argv[2:]))
