"""The review inbox: replies reply tracking was not sure about, each waiting for a decision.

`a` approves (routes it to the suggested job), `l` relinks it to another job, `d` dismisses it (not
about any job: forgotten), `enter` shows everything stored about it. Reads and decisions run in
workers; after each decision every screen is told that jobs changed, and this list reloads.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Footer, Static

from jobber_tui.core.workspace import Workspace
from jobber_tui.ui import keymap
from jobber_tui.ui.messages import JobsChanged
from jobber_tui.ui.screens.jobber_screen import JobberScreen
from jobber_tui.ui.widgets.review_detail import ReviewDetail
from jobber_tui.ui.widgets.review_table import ReviewTable

if TYPE_CHECKING:
    from jobber_tui.core.tracking.review import ReviewItem

EMPTY = "Nothing to review. Replies Jobber is unsure about land here after a mail sync (Y)."


class ReviewScreen(JobberScreen[None]):
    """Pending replies, oldest first; a decision applies to the highlighted one."""

    CSS_PATH = Path(__file__).parent / "review_screen.tcss"
    BINDINGS = [*keymap.REVIEW_SCREEN]
    HELP_TITLE = "Review inbox"
    AUTO_FOCUS = "#review-table"

    class Loaded(Message):
        def __init__(self, items: list[ReviewItem]) -> None:
            super().__init__()
            self.items = items

    class Decided(Message):
        """A decision ended; `note` is what to tell the user (None when it failed: the app showed why)."""

        def __init__(self, message_id: int, note: str | None, job_id: int | None) -> None:
            super().__init__()
            self.message_id, self.note, self.job_id = message_id, note, job_id

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.deciding: set[int] = set()
        """Messages with a decision being written: their keys do nothing until it ends."""

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Review inbox", "bold"), id="review-title")
        yield ReviewTable(id="review-table")
        yield Static(EMPTY, id="review-empty")
        yield ReviewDetail(id="review-detail")
        yield Footer(compact=True)

    @property
    def table(self) -> ReviewTable:
        return self.query_one(ReviewTable)

    def on_mount(self) -> None:
        self.load()

    # -- loading ----------------------------------------------------------------------------
    def load(self) -> None:
        """Read the pending replies in a worker (an app worker: a failure reaches its one error handler)."""
        ws = self.workspace

        def read() -> None:
            from jobber_tui.core.tracking.review import pending_reviews

            self.post_message(self.Loaded(pending_reviews(ws)))

        self.app.run_worker(read, thread=True, group="review-load", exclusive=True, exit_on_error=False)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.table.show(message.items)
        count = len(message.items)
        title = Content.styled("Review inbox", "bold") + Content(f"  {count} waiting for a decision" if count else "")
        self.query_one("#review-title", Static).update(title)
        self.query_one("#review-empty").display = not count
        self.table.display = bool(count)  # the note then sits right under the title
        self._show_detail()
        self.refresh_bindings()

    @on(JobsChanged)
    def _jobs_changed(self) -> None:
        self.load()  # a decision here, a sync, another process: the inbox may have changed

    @on(DataTable.RowHighlighted)
    def _highlighted(self) -> None:
        self._show_detail()
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_details()

    def _show_detail(self) -> None:
        detail = self.query_one(ReviewDetail)
        if detail.has_class("-shown"):
            detail.show_item(self.table.current_item)

    # -- decisions --------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action not in ("approve", "relink", "dismiss_reply", "details", "change_category"):
            return True
        item = self.table.current_item if self.is_mounted else None
        if item is None:
            return False
        if item.id in self.deciding:
            return None
        return True if action != "approve" or item.job_id is not None else None

    def action_approve(self) -> None:
        item = self._item()
        if item is None:
            return
        if item.job_id is None:
            self.notify("No job matched this reply: relink it (l) to the right one", severity="warning")
            return
        self._decide(item, lambda ws: _approve(ws, item.id, None))

    def action_relink(self) -> None:
        item = self._item()
        if item is None:
            return
        from jobber_tui.ui.screens.job_picker_screen import JobPickerScreen

        def picked(job_id: int | None) -> None:
            if job_id is not None:
                self._decide(item, lambda ws: _approve(ws, item.id, job_id))

        subject = " ".join((item.subject or "(no subject)").split())[:50]
        self.app.push_screen(JobPickerScreen(self.workspace, f"Relink “{subject}” to", suggested=item.job_id), picked)

    def action_change_category(self) -> None:
        """Correct what the reply is (the rules or the model misread it); it stays here for the decision."""
        item = self._item()
        if item is None:
            return
        from jobber_tui.core.tracking.classify import Category
        from jobber_tui.ui.screens.option_picker_screen import OptionPickerScreen

        def picked(category: str | None) -> None:
            if category and category != item.category:
                self._decide(item, lambda ws: _recategorize(ws, item.id, category))

        options = [(c.value, c.value) for c in Category]
        self.app.push_screen(OptionPickerScreen("What is this reply?", options, current=item.category), picked)

    def action_dismiss_reply(self) -> None:
        item = self._item()
        if item is not None:
            self._decide(item, lambda ws: _dismiss(ws, item.id))

    def action_details(self) -> None:
        detail = self.query_one(ReviewDetail)
        detail.toggle_class("-shown")
        self._show_detail()

    def action_back(self) -> None:
        self.dismiss(None)

    def _item(self) -> ReviewItem | None:
        item = self.table.current_item
        return None if item is None or item.id in self.deciding else item

    def _decide(self, item: ReviewItem, decision: Callable[[Workspace], tuple[str, int | None]]) -> None:
        """Run `decision` in a worker; it returns what to tell the user and the job it changed."""
        self.deciding.add(item.id)
        self.refresh_bindings()
        ws = self.workspace

        def run() -> None:
            note, job_id = None, None
            try:
                note, job_id = decision(ws)
            finally:  # also after a failure (which the app's error handler shows), so the keys come back
                self.post_message(self.Decided(item.id, note, job_id))

        self.app.run_worker(run, thread=True, group="review-decide", exit_on_error=False)

    @on(Decided)
    def _decided(self, message: Decided) -> None:
        self.deciding.discard(message.message_id)
        if message.note:
            self.notify(message.note, title="Review", timeout=5, markup=False)
        changed = frozenset({message.job_id}) if message.job_id is not None else frozenset()
        self.app.broadcast_jobs_changed(changed)


def _approve(ws: Workspace, message_id: int, job_id: int | None) -> tuple[str, int | None]:
    from jobber_tui.core.tracking.review import approve

    done = approve(ws, message_id, job_id=job_id)
    note = f"Routed to job {done.job_id}"
    if done.marked_applied:
        note += " · marked applied"
    if done.stage_change:
        note += f" · {done.stage_change}"
    return note, done.job_id


def _dismiss(ws: Workspace, message_id: int) -> tuple[str, int | None]:
    from jobber_tui.core.tracking.review import dismiss

    dismiss(ws, message_id)
    return "Dismissed: it will not come back", None


def _recategorize(ws: Workspace, message_id: int, category: str) -> tuple[str, int | None]:
    from jobber_tui.core.tracking.review import recategorize

    row = recategorize(ws, message_id, category)
    return f"Now {row.category}: approve (a) to route it as that", None
