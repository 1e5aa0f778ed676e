"""Everything stored about one reply in review: who, what, when, the suggested job, why, and the snippet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text
from textual.widgets import Static

from .review_table import suggested_job
from .timeline_view import local_time

if TYPE_CHECKING:
    from jobber_tui.core.tracking.review import ReviewItem


class ReviewDetail(Static):
    """Hidden until `enter` on the review table shows it; then it follows the cursor."""

    DEFAULT_CSS = """
    ReviewDetail {
        display: none;
        height: auto;
        max-height: 12;
        padding: 0 1;
        border-top: solid $primary;
        background: $surface;
        &.-shown { display: block; }
    }
    """

    def show_item(self, item: ReviewItem | None) -> None:
        """Show this reply (nothing when None)."""
        if item is None:
            self.update("")
            return
        grid = Table.grid(padding=(0, 2))
        grid.add_column(style="bold", no_wrap=True)
        grid.add_column()
        confidence = f" (match {item.confidence:.2f})" if item.confidence is not None else ""
        for label, value in (
            ("From", item.sender),
            ("Subject", item.subject or "(no subject)"),
            ("Date", local_time(item.sent_at)),
            ("Category", item.category + confidence),
            ("Suggested job", suggested_job(item)),
            ("Why", item.reason),
            ("Snippet", item.snippet or "(none)"),
        ):
            grid.add_row(label, Text(value))  # Text: mail is data, never markup
        self.update(grid)
