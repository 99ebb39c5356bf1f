"""The dashboard, `salescli tui` (docs/dashboard.md), driven by real key presses through
Textual's pilot: each test asserts what a rep sees and what the store holds afterwards.

The write paths (log, done, advance, claim) run on SQLite and PostgreSQL: the dashboard
calls services from worker threads, which the store's one connection must survive.
"""

from __future__ import annotations

import asyncio
import os

import pytest

from checks import one_line_error
from tui_helpers import SIZE, loaded, notifications, screen_text, settle, type_text, until


def run(coro) -> None:  # noqa: ANN001 - a coroutine
    asyncio.run(coro)


def app():  # noqa: ANN201 - the app from the factory `salescli tui` uses
    from salescli.tui.app import create_app

    return create_app()


@pytest.fixture
def book(cli):  # noqa: ANN001, ANN201
    """alice's book: 宏达 with an overdue task and a deal in `contacted`, Acme due today."""
    cli.ok("customer", "add", "北京宏达科技有限公司", "--city", "北京", "--grade", "A")
    cli.ok("customer", "add", "Acme Trading", "--city", "Shanghai")
    cli.ok("log", "北京宏达科技有限公司", "Sent the quote", "--at", "-5d", "--next", "-2d",
           "--next-action", "Call about the quote")
    cli.ok("log", "Acme Trading", "Intro call", "--at", "-1d", "--next", "today", "--next-action", "Send brochure")
    cli.ok("deal", "add", "北京宏达科技有限公司", "ERP rollout", "--amount", "120000", "--close", "+20d")
    cli.ok("deal", "advance", "1", "--note", "First meeting went well")
    return cli


def tasks(cli) -> list[dict]:  # noqa: ANN001
    return cli.ok("tasks", "--json").json()


# ----------------------------------------------------------------------------- home


def test_home_shows_the_day_at_a_glance(sqlite_cli) -> None:
    cli = sqlite_cli
    cli.ok("customer", "add", "北京宏达科技有限公司", "--city", "北京", "--grade", "A")
    cli.ok("log", "北京宏达科技有限公司", "Sent the quote", "--at", "-40d", "--next", "-2d",
           "--next-action", "Call back")
    cli.ok("customer", "add", "Acme Trading")
    cli.ok("deal", "add", "Acme Trading", "ERP rollout", "--amount", "50000", "--close", "+5d")
    cli.ok("target", "set", "--period", "2026-11", "--metric", "follow_ups", "--value", "40")

    async def drive() -> None:
        async with app().run_test(size=SIZE) as pilot:
            await loaded(pilot)
            text = screen_text(pilot.app)
            assert "alice · Mon Nov 23 09:00 · English" in text  # SALESCLI_NOW, the acting user, the language
            assert "salescli.db" in text  # the store in use
            assert "2 days overdue" in text and "Call back" in text  # the agenda's overdue task
            assert "in 5 days" in text and "#1 ERP rollout" in text  # the deal closing soon
            forgotten = pilot.app.screen.query_one("#forgotten").items
            assert [(f.customer, f.days_overdue) for f in forgotten] == [("北京宏达科技有限公司", 26)]
            assert "follow-ups · 2026-11" in text and "0 / 40 · pace 30 (−30)" in text  # the target and its pace
            assert "┃" in text  # the pace marker
            assert "new" in text and "Weighted" in text  # the funnel
            agenda = pilot.app.screen.query_one("#agenda")
            first = agenda.get_row_at(0)
            assert "red" in str(first[1].style) or any("red" in str(s.style) for s in first[1].spans)

    run(drive())


def test_overdue_lines_are_red_and_the_rest_are_not(sqlite_cli) -> None:
    sqlite_cli.ok("customer", "add", "Acme Trading")
    sqlite_cli.ok("log", "Acme Trading", "Intro", "--at", "-3d", "--next", "-1d")
    sqlite_cli.ok("customer", "add", "Globex")
    sqlite_cli.ok("log", "Globex", "Intro", "--next", "today")

    async def drive() -> None:
        async with app().run_test(size=SIZE) as pilot:
            await loaded(pilot)
            table = pilot.app.screen.query_one("#agenda")
            styles = {row.customer: table.get_row_at(i)[0] for i, row in enumerate(table.items)}
            assert "red" in str(styles["Acme Trading"].style) or styles["Acme Trading"].spans
            assert "red" not in str(styles["Globex"].style) + "".join(str(s.style) for s in styles["Globex"].spans)

    run(drive())


def test_a_change_from_the_cli_shows_on_refresh_and_on_focus(sqlite_cli) -> None:
    from textual import events

    sqlite_cli.ok("customer", "add", "Acme Trading")

    async def drive() -> None:
        async with app().run_test(size=SIZE) as pilot:
            await loaded(pilot)
            assert "Quote follow-up" not in screen_text(pilot.app)
            sqlite_cli.ok("log", "Acme Trading", "Intro", "--next", "today", "--next-action", "Quote follow-up")
            await pilot.press("r")
            await until(pilot, lambda: "Quote follow-up" in screen_text(pilot.app), "the refresh")
            sqlite_cli.ok("log", "Acme Trading", "Call", "--next", "today", "--next-action", "Second step",
                          "--keep-open")
            pilot.app.post_message(events.AppFocus())  # back from the other terminal
            await until(pilot, lambda: "Second step" in screen_text(pilot.app), "the refresh on focus")

    run(drive())


# ----------------------------------------------------------------------------- search and detail


def test_search_finds_by_pinyin_as_you_type_and_opens_the_detail(sqlite_cli) -> None:
    for name in ("北京宏达科技有限公司", "上海宏大贸易有限公司", "Acme Trading"):
        sqlite_cli.ok("customer", "add", name)
    sqlite_cli.ok("contact", "add", "北京宏达科技有限公司", "王芳", "--phone", "13800138000")
    sqlite_cli.ok("log", "北京宏达科技有限公司", "Met the boss", "--next", "fri")

    async def drive() -> None:
        from salescli.tui.screens.detail import DetailScreen
        from salescli.tui.screens.search import SearchScreen

        async with app().run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("slash")
            assert isinstance(pilot.app.screen, SearchScreen)
            await type_text(pilot, "hongd")
            await until(pilot, lambda: pilot.app.screen.answered == "hongd", "the search's answer")
            names = [r.name for r in pilot.app.screen.query_one("#results").items]
            assert names[:2] == ["上海宏大贸易有限公司", "北京宏达科技有限公司"]  # both sound so; Acme does not
            await pilot.press("down", "down", "enter")  # the second result
            await until(pilot, lambda: isinstance(pilot.app.screen, DetailScreen) and pilot.app.screen.loaded,
                        "the detail")
            text = screen_text(pilot.app)
            assert "#1 北京宏达科技有限公司" in text
            assert "Open tasks (1)" in text and "Timeline (1)" in text and "Contacts (1)" in text
            assert "Ownership (1)" in text and "Deals (0)" in text
            await pilot.press("escape")
            await settle(pilot)
            assert pilot.app.screen.__class__.__name__ == "HomeScreen"

    run(drive())


def test_search_says_when_nothing_matches_and_escape_goes_back(sqlite_cli) -> None:
    sqlite_cli.ok("customer", "add", "Acme Trading")

    async def drive() -> None:
        async with app().run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("slash")
            await type_text(pilot, "zzz")
            await until(pilot, lambda: pilot.app.screen.answered == "zzz")
            assert "No customer matches 'zzz'." in screen_text(pilot.app)
            await pilot.press("escape")
            await settle(pilot)
            assert pilot.app.screen.__class__.__name__ == "HomeScreen"

    run(drive())


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)  # the mouse is the same on both engines
def test_the_mouse_selects_a_line_and_a_second_click_opens_it(book) -> None:
    async def drive() -> None:
        from salescli.tui.screens.detail import DetailScreen

        async with app().run_test(size=SIZE) as pilot:
            await loaded(pilot)
            agenda = pilot.app.screen.query_one("#agenda")
            second = agenda.items[1].customer
            await pilot.click("#agenda", offset=(4, 3))  # the border, the header, then the second line
            await settle(pilot)
            assert agenda.cursor_row == 1 and pilot.app.screen.selection().customer == second
            await pilot.click("#agenda", offset=(4, 3))
            await until(pilot, lambda: isinstance(pilot.app.screen, DetailScreen) and pilot.app.screen.loaded,
                        "the detail")
            assert pilot.app.screen.card.name == second

    run(drive())


# ----------------------------------------------------------------------------- writes


def test_log_from_the_agenda_writes_the_follow_up_and_the_next_task(book) -> None:
    async def drive() -> None:
        from salescli.tui.screens.log_form import LogForm

        async with app().run_test(size=SIZE) as pilot:
            await loaded(pilot)
            assert pilot.app.screen.selection().customer == "北京宏达科技有限公司"  # the overdue line is first
            await pilot.press("l")
            assert isinstance(pilot.app.screen, LogForm)
            await type_text(pilot, "Agreed on a visit")
            await pilot.press("tab")
            await type_text(pilot, "明天 14:30")
            await settle(pilot)
            assert "→ Tue Nov 24 14:30 (due tomorrow)" in screen_text(pilot.app)
            await pilot.press("tab")
            await type_text(pilot, "Visit with the samples")
            await pilot.press("ctrl+s")
            await until(pilot, lambda: not isinstance(pilot.app.screen, LogForm), "the form closing")
            assert any("Logged call with 北京宏达科技有限公司" in n for n in notifications(pilot.app))

    run(drive())
    card = book.ok("customer", "show", "北京宏达科技有限公司", "--json").json()
    assert card["timeline"][0]["summary"] == "Agreed on a visit"
    assert [(t["due_on"], t["next_action"]) for t in card["open_tasks"]] == [("2026-11-24", "Visit with the samples")]


def test_log_refusal_shows_the_sentence_in_the_form_and_writes_nothing(book) -> None:
    before = book.ok("customer", "show", "Acme Trading", "--json").json()["timeline"]

    async def drive() -> None:
        from salescli.tui.screens.log_form import LogForm

        async with app().run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("down", "l")  # Acme's task, due today
            await pilot.press("tab")
            await type_text(pilot, "someday")
            await settle(pilot)
            assert "Not a date: 'someday'" in screen_text(pilot.app)  # read back while typed
            await pilot.press("ctrl+s")  # no summary
            await settle(pilot)
            assert isinstance(pilot.app.screen, LogForm)
            assert "The summary cannot be empty: say what happened." in screen_text(pilot.app)
            await pilot.press("escape")
            await settle(pilot)

    run(drive())
    assert book.ok("customer", "show", "Acme Trading", "--json").json()["timeline"] == before


def test_done_closes_the_selected_task(book) -> None:
    assert len(tasks(book)) == 2

    async def drive() -> None:
        async with app().run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("d")  # the first line: 宏达's overdue task
            await until(pilot, lambda: any(n.startswith("Done: task") for n in notifications(pilot.app)))
            await until(pilot, lambda: "Call about the quote" not in screen_text(pilot.app), "the agenda's reload")

    run(drive())
    assert [t["customer"] for t in tasks(book)] == ["Acme Trading"]


def test_advance_asks_for_the_gate_and_refuses_without_it(book) -> None:
    async def drive() -> None:
        from salescli.tui.screens.advance_form import AdvanceForm

        async with app().run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("enter")  # 宏达's detail
            await loaded(pilot)
            await pilot.press("a")
            assert isinstance(pilot.app.screen, AdvanceForm)
            await settle(pilot)
            text = screen_text(pilot.app)
            assert "contacted → qualified" in text and "✎ a feedback note" in text
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert "Deal #1 cannot enter qualified yet: it needs a feedback note." in screen_text(pilot.app)
            assert isinstance(pilot.app.screen, AdvanceForm)
            await type_text(pilot, "Budget confirmed")
            await pilot.press("enter")
            await until(pilot, lambda: not isinstance(pilot.app.screen, AdvanceForm), "the form closing")
            assert "Deal #1 ERP rollout advanced to qualified." in notifications(pilot.app)

    run(drive())
    deal = book.ok("deal", "show", "1", "--json").json()
    assert deal["stage"] == "qualified"
    assert deal["changes"][-1]["feedback"] == "Budget confirmed"


def test_claim_from_the_pool_and_a_refused_claim(cli) -> None:
    cli.ok("user", "add", "bob")  # two reps: the pool rules are in force
    cli.ok("config", "set", "pool.max_owned", "1")
    cli.ok("customer", "add", "Mine Co")
    for name in ("Pool One", "Pool Two"):  # bob lets them go; alice may claim them (no cool-down for her)
        cli.ok("customer", "add", name, env={"SALESCLI_USER": "bob"})
        cli.ok("pool", "release", name, "--reason", "No budget", env={"SALESCLI_USER": "bob"})

    refused = cli("pool", "claim", "Pool One")  # what the CLI says about the same claim
    assert refused.exit_code == 1
    sentence = refused.stderr.strip().removeprefix("Error: ")

    async def drive() -> None:
        from salescli.tui.screens.pool import PoolScreen

        async with app().run_test(size=SIZE) as pilot:
            await loaded(pilot)
            await pilot.press("c")
            assert isinstance(pilot.app.screen, PoolScreen)
            await loaded(pilot)
            assert [r.name for r in pilot.app.screen.query_one("#pool").items] == ["Pool One", "Pool Two"]
            await pilot.press("c")  # at the cap: refused, in the CLI's words
            await until(pilot, lambda: notifications(pilot.app), "the refusal")
            assert notifications(pilot.app)[-1] == sentence  # "You already own 1 customer, the most allowed ..."
            assert len(pilot.app.screen.query_one("#pool").items) == 2
            cli.ok("config", "set", "pool.max_owned", "5")
            await pilot.press("c")
            await until(pilot, lambda: any(n.startswith("Claimed #2 Pool One.") for n in notifications(pilot.app)))
            await until(pilot, lambda: [r.name for r in pilot.app.screen.query_one("#pool").items] == ["Pool Two"])

    run(drive())
    assert cli.ok("customer", "show", "Pool One", "--json").json()["owner"] == "alice"
    assert cli.ok("customer", "show", "Pool Two", "--json").json()["owner"] is None


# ----------------------------------------------------------------------------- keys, help, language


def test_keys_are_in_the_footer_the_help_and_the_palette(sqlite_cli) -> None:
    async def drive() -> None:
        from salescli.tui.keys import KEYS

        async with app().run_test(size=(160, 40)) as pilot:
            await loaded(pilot)
            footer = screen_text(pilot.app).splitlines()[-1]
            for word in ("Search", "Log", "Done", "Advance", "Pool", "Plan", "Refresh", "Help", "Quit"):
                assert word in footer
            titles = [c.title for c in pilot.app.get_system_commands(pilot.app.screen)]
            for key in KEYS:
                assert f"{key.description} ({key.shown})" in titles
            await pilot.press("question_mark")
            text = screen_text(pilot.app)
            assert "Find a customer as you type" in text and "ctrl+p" in text
            await pilot.press("escape")
            await pilot.press("p")
            await loaded(pilot)
            assert "Week 2026-W48" in screen_text(pilot.app)
            await pilot.press("q")
            await settle(pilot)

    run(drive())


def test_the_dashboard_speaks_the_cli_language(sqlite_cli) -> None:
    from salescli.core import i18n

    sqlite_cli.ok("customer", "add", "Acme Trading")
    i18n.set_language("zh_CN")
    try:
        async def drive() -> None:
            async with app().run_test(size=SIZE) as pilot:
                await loaded(pilot)
                text = screen_text(pilot.app)
                assert "简体中文" in text and "11月23日 周一" in text
                assert "搜索" in text.splitlines()[-1]  # the footer
                assert "被遗忘的客户" in text

        run(drive())
    finally:
        i18n.set_language("en")


def test_tui_refuses_without_a_terminal(sqlite_cli) -> None:
    one_line_error(sqlite_cli("tui"), 2, "The dashboard needs a terminal")


@pytest.mark.skipif(os.name != "posix", reason="needs a pty")
def test_tui_starts_and_quits_in_a_terminal(sqlite_cli, tmp_path) -> None:
    """The real command in a pseudo-terminal: it draws the home screen and `q` leaves."""
    import pty
    import select
    import subprocess
    import sys
    import time

    sqlite_cli.ok("customer", "add", "Acme Trading")
    main, child = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100", LINES="30")
    proc = subprocess.Popen([sys.executable, "-m", "salescli", "tui"], stdin=child, stdout=child, stderr=child,
                            env=env, close_fds=True)
    os.close(child)
    poller = select.poll()  # not select(): a long test run's descriptors can pass 1024
    poller.register(main, select.POLLIN)

    def read(timeout_ms: int) -> bytes:
        if not poller.poll(timeout_ms):
            return b""
        try:
            return os.read(main, 65536)
        except OSError:  # the child closed its side
            return b""

    seen = b""
    deadline = time.monotonic() + 30
    try:
        while b"Forgotten" not in seen and time.monotonic() < deadline:
            seen += read(500)
        assert b"Forgotten" in seen, seen[-2000:]
        os.write(main, b"q")
        while proc.poll() is None and time.monotonic() < deadline:  # read on: the app's last writes must not block
            read(200)
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(main)
