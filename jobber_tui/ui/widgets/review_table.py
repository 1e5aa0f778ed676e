"""The review inbox as a table: one reply waiting for a decision per row, oldest first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.widgets import DataTable

from jobber_tui.ui import keymap

if TYPE_CHECKING:
    from jobber_tui.core.tracking.review import ReviewItem

COLUMNS = (
    ("Date", 10, 0),
    ("Category", 15, 0),
    ("From", 0, 2),
    ("Subject", 0, 4),
    ("Suggested job", 0, 3),
    ("Why", 0, 3),
)
"""Header, fixed width, and share of the room left (flex) of each column; text is cut with an ellipsis to fit
(the details pane has it all). Widths follow the table's width, so every column stays on screen."""


def suggested_job(item: ReviewItem) -> str:
    """ "#4 Data Engineer · Globex (applied)", or "none" when no job matched."""
    if item.job_id is None:
        return "none"
    return f"#{item.job_id} {item.job_title or ''} · {item.job_employer or ''} ({item.job_status or '?'})"


def sender_name(sender: str) -> str:
    """ "Jana Berg" of "Jana Berg <jana@…>" (the address when there is no name)."""
    name, _, address = sender.partition("<")
    return name.strip().strip('"') or address.rstrip(">").strip()


class ReviewTable(DataTable[Text]):
    """Cells are Text, never markup: senders and subjects are whatever the mail said. Row keys are message ids."""

    BINDINGS = [*keymap.DATA_TABLE]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="row", zebra_stripes=True)
        self.items: list[ReviewItem] = []

    def on_resize(self) -> None:
        if self._widths() != [column.width for column in self.columns.values()]:
            self.show(self.items)

    def _widths(self) -> list[int]:
        # Each cell has one space of padding either side; the scrollbar takes one more.
        room = max(self.size.width - 2 * len(COLUMNS) - 1 - sum(fixed for _, fixed, _ in COLUMNS), 30)
        flex_total = sum(flex for _, _, flex in COLUMNS)
        return [fixed or max(room * flex // flex_total, 6) for _, fixed, flex in COLUMNS]

    @property
    def current_item(self) -> ReviewItem | None:
        """The highlighted reply, if any."""
        return self.items[self.cursor_row] if 0 <= self.cursor_row < len(self.items) else None

    def show(self, items: list[ReviewItem]) -> None:
        """Show these replies, keeping the cursor on the same one (or the one after it, once it is decided)."""
        current = self.current_item
        position = self.cursor_row
        self.items = items
        self.clear(columns=True)
        widths = self._widths()
        for (header, _, _), width in zip(COLUMNS, widths, strict=True):
            self.add_column(header, width=width)
        for item in items:
            cells = (
                (item.sent_at or "")[:10],
                item.category,
                sender_name(item.sender),
                item.subject or "(no subject)",
                suggested_job(item),
                item.reason,
            )
            self.add_row(*(_cut(text, width) for text, width in zip(cells, widths, strict=True)), key=str(item.id))
        if not items:
            return
        ids = [item.id for item in items]
        row = ids.index(current.id) if current is not None and current.id in ids else min(position, len(items) - 1)
        self.move_cursor(row=max(row, 0))


def _cut(text: str, width: int) -> Text:
    cell = Text(" ".join(text.split()), no_wrap=True, overflow="ellipsis")
    cell.truncate(width, overflow="ellipsis")
    return cell
