"""A virtual table of one queue's jobs: only the lines on screen are ever rendered.

A DataTable builds a Rich row per job (half a second for 10,000); this draws the ~30 visible
lines from plain row tuples, so a queue of any size opens, sorts and filters in milliseconds.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from jobber_tui.core.jobs.queue_rows import QueueRow
from jobber_tui.core.jobs.search import SearchQuery, filter_rows, parse_query
from jobber_tui.ui import keymap
from jobber_tui.ui.widgets.queue_columns import SORT_BY_KEY, SORTABLE, Column, cell_text, due_soon, fit, layout

Search = Callable[[str], tuple[SearchQuery, frozenset[int] | None]]


class QueueTable(ScrollView, can_focus=True, inherit_bindings=False):
    """The jobs of one queue, sortable and filterable; header row pinned on top."""

    BINDINGS = [*keymap.QUEUE_TABLE]
    COMPONENT_CLASSES = {
        "queue-table--header",
        "queue-table--sorted",
        "queue-table--cursor",
        "queue-table--busy",
        "queue-table--error",
        "queue-table--due",
        "queue-table--empty",
        "queue-table--marked",
    }
    DEFAULT_CSS = """
    QueueTable {
        background: $surface;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        & > .queue-table--header { background: $panel; color: $text-muted; text-style: bold; }
        & > .queue-table--sorted { background: $panel; color: $text; text-style: bold; }
        & > .queue-table--cursor { background: $primary 30%; color: $text; }
        &:focus > .queue-table--cursor { background: $primary 70%; color: $text; text-style: bold; }
        & > .queue-table--busy { color: $accent; text-style: bold; }
        & > .queue-table--error { color: $error; text-style: bold; }
        & > .queue-table--due { color: $warning; }
        & > .queue-table--empty { color: $text-muted; text-style: italic; }
        & > .queue-table--marked { color: $text-accent; text-style: bold; }
    }
    """

    class JobSelected(Message):
        """Enter (or a double click) on a job."""

        def __init__(self, job_id: int) -> None:
            super().__init__()
            self.job_id = job_id

    class CursorMoved(Message):
        """The selected job or what the table shows (sort, filter, rows) changed."""

        def __init__(self, job_id: int | None) -> None:
            super().__init__()
            self.job_id = job_id

    cursor: reactive[int] = reactive(0, always_update=True, repaint=False)
    """Index into `shown` of the selected row."""

    def __init__(
        self,
        *,
        clock: Callable[[], datetime] = datetime.now,
        busy: set[int] | None = None,
        search: Search | None = None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.clock = clock
        self.search: Search = search or (lambda text: (parse_query(text), None))
        """Turns the search text into a query and the ids its words match (the screen asks the store)."""
        self.marked: set[int] = set()
        """Jobs marked for a bulk verb (space, shift+arrows, ctrl+a)."""
        self._query: SearchQuery = SearchQuery()
        self._ids: frozenset[int] | None = None
        """Time source for "updated 3h ago" and deadline warnings (fixed in tests)."""
        self.busy: set[int] = busy if busy is not None else set()
        """Jobs with an action running: marked ⟳ (shared with the app, read only here)."""
        self.rows: list[QueueRow] = []
        """Every row of the queue, in sort order."""
        self.shown: list[QueueRow] = []
        """The rows passing the filter, in sort order: what the user sees."""
        self.sort_column: Column = SORTABLE[0]
        self.sort_reverse: bool = SORTABLE[0].descending_first
        self.filter_text: str = ""
        self.with_status: bool = False
        """Show a status column (the All queue)."""
        self.with_stage: bool = False
        """Show the application's stage (the Applied queue)."""
        self.empty_message: str = "No jobs here."

    # -- data -------------------------------------------------------------------------------
    @property
    def current_row(self) -> QueueRow | None:
        return self.shown[self.cursor] if 0 <= self.cursor < len(self.shown) else None

    def set_rows(self, rows: list[QueueRow], *, keep_job: int | None = None) -> None:
        """Show these rows (sorted in place), keeping `keep_job` selected if it is still there,
        else the same position. Marks on jobs no longer in the queue are dropped."""
        self.rows = rows
        if self.marked:
            self.marked &= {row.id for row in rows}
        self._sort()
        self._apply_filter(keep_job)

    def set_filter(self, text: str) -> None:
        """Show only the rows the search matches (core/jobs/search.py: words and filters)."""
        self.filter_text = text
        self._query, self._ids = self.search(text)
        current = self.current_row
        self._apply_filter(current.id if current else None)

    # -- marks ------------------------------------------------------------------------------
    def toggle_mark(self, job_id: int) -> None:
        self.marked ^= {job_id}
        self.refresh()

    def mark(self, job_ids: list[int]) -> None:
        self.marked.update(job_ids)
        self.refresh()

    def clear_marks(self) -> None:
        self.marked.clear()
        self.refresh()

    def sort_by(self, key: str, reverse: bool | None = None) -> None:
        column = SORT_BY_KEY[key]
        self.sort_column = column
        self.sort_reverse = column.descending_first if reverse is None else reverse
        current = self.current_row
        self._sort()
        self._apply_filter(current.id if current else None)

    def select_job(self, job_id: int) -> bool:
        for index, row in enumerate(self.shown):
            if row.id == job_id:
                self.cursor = index
                return True
        return False

    def _sort(self) -> None:
        key = self.sort_column.sort_key
        if key is not None:
            self.rows.sort(key=key, reverse=self.sort_reverse)

    def _apply_filter(self, keep_job: int | None) -> None:
        shown = filter_rows(self.rows, self._query, self._ids)  # a copy: `rows` may change in place
        position = self.cursor
        self.shown = shown
        self.virtual_size = Size(self.size.width, len(shown) + 1)
        if keep_job is None or not self.select_job(keep_job):
            self.cursor = min(position, max(len(shown) - 1, 0))
        self.refresh()

    # -- cursor -----------------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.shown) - 1))

    def watch_cursor(self, value: int) -> None:
        self._scroll_to_cursor()
        self.refresh()
        row = self.current_row
        self.post_message(self.CursorMoved(row.id if row else None))

    def _scroll_to_cursor(self) -> None:
        visible = max(self.size.height - 1, 1)
        top = int(self.scroll_y)
        if self.cursor < top:
            self.scroll_to(y=self.cursor, animate=False, immediate=True)
        elif self.cursor >= top + visible:
            self.scroll_to(y=self.cursor - visible + 1, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        self.virtual_size = Size(event.size.width, len(self.shown) + 1)
        self._scroll_to_cursor()

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_cursor_top(self) -> None:
        self.cursor = 0

    def action_cursor_bottom(self) -> None:
        self.cursor = len(self.shown) - 1

    def action_page_down(self) -> None:
        self.cursor += max(self.size.height - 2, 1)

    def action_page_up(self) -> None:
        self.cursor -= max(self.size.height - 2, 1)

    def action_open_job(self) -> None:
        row = self.current_row
        if row is not None:
            self.post_message(self.JobSelected(row.id))

    def action_cycle_sort(self) -> None:
        index = SORTABLE.index(self.sort_column) if self.sort_column in SORTABLE else -1
        self.sort_by(SORTABLE[(index + 1) % len(SORTABLE)].key)

    def action_reverse_sort(self) -> None:
        self.sort_by(self.sort_column.key, not self.sort_reverse)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_job":
            return self.current_row is not None or None
        return True

    # -- mouse ------------------------------------------------------------------------------
    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        if offset.y == 0:
            column = self._column_at(offset.x)
            if column is not None and column.sort_key is not None:
                same = column is self.sort_column
                self.sort_by(column.key, not self.sort_reverse if same else None)
            return
        index = int(self.scroll_y) + offset.y - 1
        if index < len(self.shown):
            self.cursor = index
            if event.chain >= 2:
                self.action_open_job()

    def _column_at(self, x: int) -> Column | None:
        start = 0
        for column, width in layout(self.size.width, with_status=self.with_status, with_stage=self.with_stage):
            if start <= x < start + width + 1:
                return column
            start += width + 1
        return None

    # -- drawing ----------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        columns = layout(width, with_status=self.with_status, with_stage=self.with_stage)
        if y == 0:
            return self._header(columns, width, base)
        index = int(self.scroll_y) + y - 1
        if index >= len(self.shown):
            if index == 0:
                text = fit(f" {self._empty_text()}", width)
                return Strip([Segment(text, base + self.get_component_rich_style("queue-table--empty"))], width)
            return Strip.blank(width, base)
        return self._row(self.shown[index], index == self.cursor, columns, width, base)

    def _empty_text(self) -> str:
        if self.rows and self.filter_text:
            return f"No job matches “{self.filter_text}” here (esc clears the search; the tabs count matches)."
        return self.empty_message

    def _header(self, columns: list[tuple[Column, int]], width: int, base: Style) -> Strip:
        plain = base + self.get_component_rich_style("queue-table--header")
        sorted_style = base + self.get_component_rich_style("queue-table--sorted")
        segments: list[Segment] = []
        for column, size in columns:
            title = column.header
            style = plain
            if column is self.sort_column:
                title = f"{title}{'▼' if self.sort_reverse else '▲'}"
                style = sorted_style
            segments.append(Segment(fit(title, size, right=column.align_right) + " ", style))
        return Strip(segments).crop_extend(0, width, plain)

    def _row(self, row: QueueRow, selected: bool, columns: list[tuple[Column, int]], width: int, base: Style) -> Strip:
        style = base + self.get_component_rich_style("queue-table--cursor") if selected else base
        now = self.clock()
        segments: list[Segment] = []
        for column, size in columns:
            extra: Style | None = None
            if column.key == "mark":
                text, extra = self._mark(row)
            else:
                text = cell_text(column, row, now)
                if column.key == "deadline" and due_soon(row, now.date()):
                    extra = self.get_component_rich_style("queue-table--due", partial=True)
            segments.append(Segment(fit(text, size, right=column.align_right) + " ", style + extra if extra else style))
        return Strip(segments).crop_extend(0, width, style)

    def _mark(self, row: QueueRow) -> tuple[str, Style | None]:
        if row.id in self.marked:
            return "●", self.get_component_rich_style("queue-table--marked", partial=True)
        if row.id in self.busy or row.status == "processing":
            return "⟳", self.get_component_rich_style("queue-table--busy", partial=True)
        if row.last_error:
            return "!", self.get_component_rich_style("queue-table--error", partial=True)
        return " ", None
