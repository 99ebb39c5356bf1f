"""The dashboard app and the factory that builds it (`create_app`), used by
`salescli tui` and by the tests alike (docs/dashboard.md).

The app holds the session's `Backend` and runs every service call in a thread worker
(`run_service`): the result comes back to the screen on the app's thread, a rule's error
comes back as a notification worded as the CLI words it (present/messages.py), and
nothing is written when a service refuses. Keys that act on "the selected" customer,
task or deal ask the current screen what is selected (`Selection`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.worker import get_current_worker

from salescli.core.errors import SalescliError
from salescli.core.i18n import N_, _
from salescli.tui.backend import Backend
from salescli.tui.keys import APP_KEYS, KEYS, translate_bindings
from salescli.tui.selection import Selection

SELECT_FIRST = {  # N_: what a key says when nothing it acts on is selected
    "customer_id": N_("Select a customer first."), "task_id": N_("Select a task first."),
    "deal_id": N_("Select a deal first."),
}


class SalesApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    TITLE = "salescli"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding(k.key, k.action, k.description, key_display=k.shown) for k in APP_KEYS]

    def __init__(self, backend: Backend) -> None:
        super().__init__()
        translate_bindings(self)
        self.backend = backend

    # ------------------------------------------------------------------ screens

    def on_mount(self) -> None:
        from salescli.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())

    def on_app_focus(self, _event: events.AppFocus) -> None:
        """Back from another window (a CLI command in another terminal): read again."""
        self.reload_screen()

    def reload_screen(self) -> None:
        reload = getattr(self.screen, "reload", None)
        if reload is not None:
            reload()

    # ------------------------------------------------------------------ services

    def run_service(
        self, service: Callable[..., Any], /, *args: Any, done: Callable[[Any], None] | None = None,
        failed: Callable[[str], None] | None = None, group: str = "store", exclusive: bool = False, **kwargs: Any,
    ) -> None:
        """Call `service(ctx, *args, **kwargs)` in a thread worker; `done(result)` runs on
        the app's thread. A refusal's sentence goes to `failed` (a form shows it beside
        its fields) or else to a notification. With `exclusive`, a newer call of the same
        group (the next keystroke of a search) makes an older one's result go unused."""

        def work() -> None:
            worker = get_current_worker()
            try:
                result = self.backend.call(service, *args, **kwargs)
            except SalescliError as err:
                self.call_from_thread(self._refused, err, failed)
                return
            except Exception as err:  # a driver error mid-call: a lock, a lost server
                from salescli.services.errors import as_storage_error

                storage = as_storage_error(err)
                if storage is None:
                    raise
                self.call_from_thread(self._refused, storage, failed)
                return
            if not worker.is_cancelled:
                self.call_from_thread(self._finished, result, done)

        self.run_worker(work, thread=True, group=group, exclusive=exclusive, exit_on_error=True)

    def _finished(self, result: Any, done: Callable[[Any], None] | None) -> None:
        if done is not None:
            done(result)
        self.show_notices()

    def _refused(self, err: SalescliError, failed: Callable[[str], None] | None) -> None:
        from salescli.present.messages import describe

        text, details = describe(err)
        if failed is not None:
            failed("\n".join([text, *details]))
        else:
            self.notify("\n".join([text, *details]), title=_("Not done"), severity="error", timeout=8)
        self.show_notices()

    def show_notices(self) -> None:
        from salescli.present.messages import sentence

        for notice in self.backend.take_notices():
            self.notify(sentence(notice), severity="warning")

    # ------------------------------------------------------------------ actions

    def selection(self) -> Selection:
        picked = getattr(self.screen, "selection", None)
        return picked() if picked is not None else Selection()

    def picked(self, field: str) -> Selection | None:
        """What the current screen has selected, when it has the `field` a key acts on
        (customer_id, task_id, deal_id); else None, and the rep is told to select one."""
        picked = self.selection()
        if getattr(picked, field) is None:
            self.notify(_(SELECT_FIRST[field]), severity="warning")
            return None
        return picked

    def action_search(self) -> None:
        from salescli.tui.screens.search import SearchScreen

        def chosen(customer_id: int | None) -> None:
            if customer_id is not None:
                self.open_customer(customer_id)

        self.push_screen(SearchScreen(), chosen)

    def open_customer(self, customer_id: int) -> None:
        from salescli.tui.screens.detail import DetailScreen

        self.push_screen(DetailScreen(customer_id))

    def action_open(self) -> None:
        picked = self.picked("customer_id")
        if picked is not None:
            self.open_customer(picked.customer_id)

    # A form's screen reads the store again when the form closes (BaseScreen.on_screen_resume).

    def action_log(self) -> None:
        from salescli.tui.screens.log_form import LogForm

        picked = self.picked("customer_id")
        if picked is not None:
            self.push_screen(LogForm(picked.customer_id, picked.customer or ""))

    def action_done(self) -> None:
        from salescli.domain.codes import DEFAULT_KIND
        from salescli.present.follow_ups import done_lines
        from salescli.services.follow_ups import complete_task

        picked = self.picked("task_id")
        if picked is None:
            return

        def finished(task: Any) -> None:
            self.notify("\n".join(done_lines(task, DEFAULT_KIND)))
            self.reload_screen()

        self.run_service(complete_task, picked.task_id, done=finished)

    def action_advance(self) -> None:
        from salescli.tui.screens.advance_form import AdvanceForm

        picked = self.picked("deal_id")
        if picked is not None:
            self.push_screen(AdvanceForm(picked.deal_id))

    def action_pool(self) -> None:
        from salescli.tui.screens.pool import PoolScreen

        if not isinstance(self.screen, PoolScreen):
            self.push_screen(PoolScreen())

    def action_plan(self) -> None:
        from salescli.tui.screens.plan import PlanScreen

        if not isinstance(self.screen, PlanScreen):
            self.push_screen(PlanScreen())

    def action_refresh(self) -> None:
        self.reload_screen()

    def action_help(self) -> None:
        from salescli.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette lists the dashboard's keys first, then Textual's own."""
        for key in KEYS:
            yield SystemCommand(f"{_(key.description)} ({key.shown})", _(key.help),
                                lambda action=key.action: self.run_action(action))
        yield from super().get_system_commands(screen)

    def on_unmount(self) -> None:
        self.backend.close()


def create_app(url: str | None = None) -> SalesApp:
    """The dashboard on the configured store (or `url`), as the acting user."""
    return SalesApp(Backend(url))
