"""Whether the PDF watcher runs, and what it did last: "● watching · rebuilt 3 PDFs 12:01:03"."""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual.content import Content
from textual.widget import Widget

_TEMPLATE_SPOT = re.compile(r"([^\s/\\]+\.typ:\d+:\d+)")


@dataclass(frozen=True)
class WatchState:
    """What the indicator shows; the app holds the current one (`JobberApp.watch_state`)."""

    on: bool = False
    starting: bool = False
    """On, but the first pass (rebuilding what went stale while off) has not finished yet."""
    last: str = ""
    """The last event with its time: "rebuilt 3 PDFs 12:01:03", "error in main.typ:4:2 12:01:09"."""
    failed: bool = False
    """Whether `last` is an error."""

    def content(self) -> Content:
        """One line, for any status line that wants to show it (unstyled parts take the line's colour)."""
        if self.on:
            label = Content.styled("◐ watch starting" if self.starting else "● watching", "bold $text-success")
        else:
            label = Content("○ watch off")
        if not self.last:
            return label
        last = Content.styled(self.last, "$text-error") if self.failed else Content(self.last)
        return label + Content(" · ") + last


def short_event(kind: str, message: str, at: str) -> str:
    """A watcher report in a few words: "rebuilt 3 PDFs 12:01:03", "error in main.typ:4:2 12:01:09"."""
    if kind == "error":
        spot = _TEMPLATE_SPOT.search(message)
        what = f"error in {spot.group(1)}" if spot else "error: " + message[:40].rstrip() + ("…" * (len(message) > 40))
    else:  # "rebuilt 3 PDFs (#1, #2, #3) in 420 ms" loses its details
        what = message.split(" (")[0]
    return f"{what} {at}"


class WatchIndicator(Widget):
    """Follows `app.watch_state`; shows nothing in an app without one."""

    DEFAULT_CSS = """
    WatchIndicator {
        width: auto;
        height: 1;
        padding-left: 2;
        color: $text-muted;
    }
    """

    def on_mount(self) -> None:
        if hasattr(self.app, "watch_state"):
            self.watch(self.app, "watch_state", self._state_changed)

    def _state_changed(self) -> None:
        self.refresh(layout=True)

    def render(self) -> Content:
        state = getattr(self.app, "watch_state", None)
        return state.content() if isinstance(state, WatchState) else Content("")
