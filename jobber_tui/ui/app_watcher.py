"""The PDF watcher as the app runs it: started after the first paint (or by `w`), in a thread of its own,
reporting to the app through messages; its indicator is the app's `watch_state`."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from textual import on, work
from textual.message import Message
from textual.reactive import reactive
from textual.worker import Worker

from jobber_tui.core.infra.errors import JobberError
from jobber_tui.ui.app_navigation import NavigatingApp
from jobber_tui.ui.widgets.watch_indicator import WatchState, short_event


class WatchingApp(NavigatingApp):
    """The app's PDF watcher: `w` turns it on and off, its reports become notifications and refreshes.

    JobberApp sets `_watch_stop` and `_watch_worker` (None: off), stops the watcher when it unmounts, and
    turns it off when its worker ends (`_worker_state_changed`).
    """

    watch_state: reactive[WatchState] = reactive(WatchState)
    """The PDF watcher's indicator: on/off and its last event (status lines follow it)."""

    _watch_stop: threading.Event | None
    """Set to stop the running watcher; None while it is off."""
    _watch_worker: Worker[None] | None

    if TYPE_CHECKING:

        def broadcast_jobs_changed(self, job_ids: frozenset[int] = frozenset()) -> None: ...

    # The messages keep the handler names they had as JobberApp's (`on_jobber_app_watch_...`).
    class WatchReported(Message, namespace="jobber_app"):
        """The watcher (in its own thread) built PDFs or hit an error."""

        def __init__(self, kind: str, message: str, job_ids: tuple[int, ...]) -> None:
            super().__init__()
            self.kind, self.message, self.job_ids = kind, message, job_ids

    class WatchStarted(Message, namespace="jobber_app"):
        """The watcher finished its first pass; from now on it follows changes."""

        def __init__(self, stop_event: threading.Event) -> None:
            super().__init__()
            self.stop_event = stop_event
            """The event that stops this watcher (not `stop`: that is `Message.stop()`, which it would hide)."""

    def action_toggle_watch(self) -> None:
        """Start or stop the watcher, and remember the choice in config.toml."""
        on = self._watch_stop is None
        self._set_watching(on)
        try:
            self.workspace.config.set_value(("ui", "watch"), on)
        except (OSError, JobberError) as exc:
            self.notify(f"cannot save the watch setting: {exc}", severity="error")

    def _set_watching(self, on: bool) -> None:
        if not on:
            if self._watch_stop is not None:
                self._watch_stop.set()
                self._watch_stop = None
            self.watch_state = replace(self.watch_state, on=False, starting=False)
            return
        if self._watch_stop is not None:
            return
        self._watch_stop = threading.Event()
        self._watch_worker = self._run_watcher(self._watch_stop)
        self.watch_state = replace(self.watch_state, on=True, starting=True)

    @work(thread=True, group="watcher", exit_on_error=False)
    def _run_watcher(self, stop: threading.Event) -> None:
        from jobber_tui.core.resume.watcher import PdfWatcher, WatchReport

        def report(found: WatchReport) -> None:  # runs in the watcher's thread
            self._post_safely(self.WatchReported(found.kind, found.message, found.job_ids))

        PdfWatcher(self.workspace, report).run(stop, _Announcing(lambda: self._post_safely(self.WatchStarted(stop))))

    def _post_safely(self, message: Message) -> None:
        # post_message, not call_from_thread: it never blocks, so a watcher that reports while the
        # app shuts down cannot wait forever on a loop that has stopped.
        try:
            self.post_message(message)
        except RuntimeError:  # the event loop is already closed
            pass

    @on(WatchStarted)
    def _watch_started(self, message: WatchStarted) -> None:
        if message.stop_event is self._watch_stop:
            self.watch_state = replace(self.watch_state, starting=False)

    @on(WatchReported)
    def _watch_reported(self, message: WatchReported) -> None:
        at = self.workspace.clock().strftime("%H:%M:%S")
        self.watch_state = replace(
            self.watch_state, last=short_event(message.kind, message.message, at), failed=message.kind == "error"
        )
        if message.kind == "error":  # the watcher reports each error once per change
            self.notify(message.message, title="Watcher", severity="error", timeout=10, markup=False)
        elif message.kind == "info":
            self.notify(message.message, title="Watcher", timeout=5, markup=False)
        if message.job_ids:
            self.broadcast_jobs_changed(frozenset(message.job_ids))

    def action_refresh_preview(self) -> None:
        """Render the open job's preview again (`v`), e.g. after editing a template with the watcher off."""
        from jobber_tui.ui.widgets.pdf_preview import PdfPreview

        for preview in self.screen.query(PdfPreview):
            preview.refresh_preview()


class _Announcing(threading.Event):
    """The `ready` event given to the watcher: setting it also tells the app (the indicator)."""

    def __init__(self, announce: Callable[[], None]) -> None:
        super().__init__()
        self._announce = announce

    def set(self) -> None:
        super().set()
        self._announce()
