"""Reply sync from the UI: on demand (`Y`, the palette) or every `[tracking] interval_minutes`, one at a
time, in a thread worker. Failures reach the user through the app's one worker-error handler; this
module says what a finished sync found and tells every screen that jobs may have changed."""

from __future__ import annotations

import threading
from functools import partial
from typing import TYPE_CHECKING

from textual.worker import Worker, WorkerState, get_current_worker

from jobber_tui.core.infra.errors import JobberError

if TYPE_CHECKING:
    from jobber_tui.core.tracking.settings import TrackingSettings
    from jobber_tui.core.tracking.sync import SyncProgress, SyncReport
    from jobber_tui.ui.app import JobberApp

DOCS_PAGE = "Tracking replies (docs/tracking.md)"
NOT_SET_UP = (
    "Reply tracking is not set up: add a [tracking] section (host, username, password_env) to "
    f"config.toml. See the docs, “{DOCS_PAGE}”."
)


class MailSync:
    """The app's reply sync. `start` never runs a second sync while one is going (the timer may fire
    during a slow manual sync), so two never race over the same folder."""

    def __init__(self, app: JobberApp) -> None:
        self.app = app
        self.worker: Worker[SyncReport] | None = None
        """The running (or last) sync."""
        self._background = False
        """The running sync was started by the timer: it reports only when it found mail."""
        self._cancel = threading.Event()

    @property
    def running(self) -> bool:
        return self.worker is not None and self.worker.state in (WorkerState.PENDING, WorkerState.RUNNING)

    def schedule(self) -> None:
        """Start the timer when `[tracking] interval_minutes` is set (a broken section is reported on `Y`)."""
        try:
            settings = self._settings()
        except JobberError:
            return
        if settings is not None and settings.interval_minutes:
            self.app.set_interval(
                settings.interval_minutes * 60, partial(self.start, background=True), name="mail-sync-interval"
            )

    def start(self, *, background: bool = False) -> None:
        """Sync now, unless a sync is already running or tracking is not set up (both said unless `background`)."""
        if self.running:
            if not background:
                self.app.notify("A mail sync is already running", title="Mail", severity="warning", timeout=4)
            return
        try:
            settings = self._settings()
        except JobberError as exc:
            self.app.notify(str(exc), title="Mail", severity="error", timeout=10, markup=False)
            return
        if settings is None:
            if not background:
                self.app.notify(NOT_SET_UP, title="Mail", severity="warning", timeout=12, markup=False)
            return
        self._background = background
        self._cancel = threading.Event()
        if not background:
            self.app.notify(f"Reading new mail from {settings.host}…", title="Mail", timeout=3, markup=False)
        self.worker = self.app.run_worker(
            partial(self._sync, settings, self._cancel),
            name="mail-sync",
            group="mail-sync",
            thread=True,
            exclusive=True,
            exit_on_error=False,
        )

    def stop(self) -> None:
        """Ask a running sync to stop after the message it is on (what it finished stays recorded)."""
        self._cancel.set()

    def _settings(self) -> TrackingSettings | None:
        from jobber_tui.core.tracking.settings import tracking_settings

        return tracking_settings(self.app.workspace.config)

    def _sync(self, settings: TrackingSettings, cancel: threading.Event) -> SyncReport:
        from jobber_tui.core.tracking.sync import sync

        worker = get_current_worker()

        def progress(_step: SyncProgress) -> None:  # runs in this thread, between messages
            if worker.is_cancelled:  # the app is closing
                cancel.set()

        return sync(self.app.workspace, progress=progress, cancel=cancel, settings=settings)

    def finished(self, worker: Worker[object]) -> None:
        """Called by the app when a worker ends: report this module's sync and refresh the screens."""
        ours = self.worker
        if ours is None or worker is not ours or ours.state is not WorkerState.SUCCESS or ours.result is None:
            return
        report = ours.result
        if not self._background or report.fetched:
            self.app.notify(summary(report), title="Mail", timeout=8, markup=False)
        self.app.broadcast_jobs_changed()


def summary(report: SyncReport) -> str:
    """One line for a notification: "3 routed, 1 to review, 5 ignored · 2 stage changes"."""
    if not report.fetched and not report.cancelled:
        return "No new mail"
    line = f"{sum(report.routed.values())} routed, {report.review} to review, {report.ignored} ignored"
    if report.stage_changes:
        count = len(report.stage_changes)
        line += f" · {count} stage change{'s' if count != 1 else ''}"
    if report.model_error:
        line += " · the model failed, rules only"
    if report.cancelled:
        line += " · stopped early"
    return line
