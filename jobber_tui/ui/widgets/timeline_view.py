"""A job's timeline: every event, oldest first, as the store recorded it."""

from __future__ import annotations

import re
from datetime import datetime

from rich.text import Text
from textual.widgets import DataTable

from ...core.jobs.models import JobEvent
from .. import keymap

_ISO_STAMP = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


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

    BINDINGS = keymap.DATA_TABLE

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self._events: list[JobEvent] = []

    def on_mount(self) -> None:
        self.add_columns("When", "Event", "Move")
        self.add_column("Detail", width=self._detail_width(), key="detail")
        self._fill()

    def on_resize(self) -> None:
        column = self.columns.get("detail")  # type: ignore[call-overload]
        if column is not None and column.width != self._detail_width():
            column.width = self._detail_width()
            self._fill()

    def _detail_width(self) -> int:
        # What the other columns leave, so long details (a reply's sender, subject, date and snippet)
        # wrap onto more lines instead of running off the screen.
        return max(self.size.width - 56, 24)

    def show(self, events: list[JobEvent]) -> None:
        """Show these events (safe to call before the view is mounted)."""
        self._events = events
        if self.is_mounted:
            self._fill()

    def _fill(self) -> None:
        self.clear()
        for event in self._events:
            move = f"{event.from_status or '·'} → {event.to_status}" if event.to_status else ""
            detail = Text(event.detail or "", overflow="fold")
            if event.kind == "mail":  # "category · sender · subject · date · snippet": category bold, date local
                category, *rest = detail.plain.split(" · ")
                rest = [local_time(part) if _ISO_STAMP.match(part) else part for part in rest]
                detail = Text.assemble((category, "bold"), *(f" · {part}" for part in rest), overflow="fold")
            self.add_row(Text(local_time(event.at)), Text(event.kind, style="bold"), Text(move), detail, height=None)
        if self._events:
            self.move_cursor(row=len(self._events) - 1)
