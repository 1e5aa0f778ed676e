"""The line under a queue: where you are, how it is sorted and filtered, what is processing, the watcher."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from .watch_indicator import WatchState


class QueueStatus(Widget):
    """Left: "Discovered 3/600 · sort score▼ · filter “rust” 34 of 600".
    Right: "✉ 2 to review", "⟳ 1 processing" and the watcher's indicator ("● watching · rebuilt 2 PDFs 12:01:03")."""

    DEFAULT_CSS = """
    QueueStatus {
        height: 1;
        background: $panel;
        color: $text-muted;
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.where: str = ""
        self.working: str = ""
        """Shown on the right, highlighted: jobs in processing (empty when none)."""
        self.to_review: int = 0
        """Replies waiting in the review inbox (reply tracking); shown when not zero."""

    def on_mount(self) -> None:
        if hasattr(self.app, "watch_state"):
            self.watch(self.app, "watch_state", self._state_changed, init=False)

    def _state_changed(self) -> None:
        self.refresh()

    def show(self, where: str, working: str, to_review: int = 0) -> None:
        if (where, working, to_review) != (self.where, self.working, self.to_review):
            self.where, self.working, self.to_review = where, working, to_review
            self.refresh()

    def render(self) -> Content:
        width = self.size.width
        state = getattr(self.app, "watch_state", None)
        watch = state.content() + Content(" ") if isinstance(state, WatchState) else Content("")
        right = Content.styled(f" {self.working} ", "bold $accent") if self.working else Content("")
        if self.to_review:
            right = Content.styled(f" ✉ {self.to_review} to review ", "bold $warning") + right
        if watch.cell_length + right.cell_length > width - 12:  # a narrow terminal keeps "where" readable
            watch = Content("")
        right += watch
        left = f" {self.where}"
        room = max(width - right.cell_length, 0)
        if len(left) > room:
            left = left[: max(room - 1, 0)] + "…"
        return Content(left.ljust(room)) + right
