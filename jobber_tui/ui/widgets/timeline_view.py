"""A job's timeline: every event, oldest first, as the store recorded it."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from ...core.models import JobEvent


def local_time(stamp: str | None) -> str:
    """Stored UTC ISO time shown in local time to the minute; unreadable stamps shown as they are."""
    if not stamp:
        return ""
    try:
        return datetime.fromisoformat(stamp.replace("Z", "+00:00")).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return stamp


class TimelineView(DataTable[Text]):
    """Cells are Text, never markup: event details quote user data (errors, field names)."""

    BINDINGS = [
        Binding("j", "cursor_down", show=False),
        Binding("k", "cursor_up", show=False),
        Binding("g", "scroll_top", show=False),
        Binding("G", "scroll_bottom", show=False),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._events: list[JobEvent] = []

    def on_mount(self) -> None:
        self.add_columns("When", "Event", "Move", "Detail")
        self._fill()

    def show(self, events: list[JobEvent]) -> None:
        """Show these events (safe to call before the view is mounted)."""
        self._events = events
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        self.clear()
        for event in self._events:
            move = f"{event.from_status or '·'} → {event.to_status}" if event.to_status else ""
            self.add_row(Text(local_time(event.at)), Text(event.kind, style="bold"), Text(move),
                         Text(event.detail or "", overflow="fold"))
        if self._events:
            self.move_cursor(row=len(self._events) - 1)
