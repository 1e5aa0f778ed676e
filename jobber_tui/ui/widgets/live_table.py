"""A read-only table whose rows are updated in place by key while a run goes on."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.widgets import DataTable

Cell = str | Text


class LiveTable(DataTable[Cell]):
    """Rows change cell by cell, so a redraw per burst of progress keeps the scroll position and never
    flickers. Plain strings are shown as they are (a job title with "[" is not markup)."""

    DEFAULT_CSS = """
    LiveTable {
        width: 100%;
        height: auto;
        max-height: 100%;
    }
    """

    def __init__(self, columns: Sequence[tuple[str, str]], *, id: str | None = None) -> None:
        super().__init__(id=id, cursor_type="none", zebra_stripes=True, show_cursor=False)
        self._column_spec = columns
        """(key, label) of each column, left to right."""

    def on_mount(self) -> None:
        self.reset()

    def reset(self) -> None:
        """Empty, columns included: DataTable columns only ever grow, so cells cut to a new width
        (after a resize) need fresh ones."""
        self.clear(columns=True)
        for key, label in self._column_spec:
            self.add_column(label, key=key)

    def show_rows(self, rows: Iterable[tuple[str, Sequence[Cell]]]) -> None:
        """Make the table hold exactly these (key, cells) rows in this order: changed cells are updated
        and new rows appended; if the order of the rows already shown changed, it is rebuilt."""
        wanted = [(key, [_text(cell) for cell in cells]) for key, cells in rows]
        shown_keys = [row_key.value for row_key in self.rows]
        if [key for key, _ in wanted[: len(shown_keys)]] != shown_keys:
            self.clear()
        changed = False
        for key, cells in wanted:
            if key not in self.rows:
                self.add_row(*cells, key=key)
                continue
            for (column, _), old, new in zip(self._column_spec, self.get_row(key), cells, strict=True):
                if old != new:
                    self.update_cell(key, column, new, update_width=True)
                    changed = True
        if changed:  # update_cell repaints only its cell: a column that widened would show cut ("fetchin")
            self.refresh()


def _text(cell: Cell) -> Text:
    return cell if isinstance(cell, Text) else Text(cell)


def clip(text: str, width: int) -> str:
    """`text` in at most `width` cells, with "…" when cut (tables fit their widest column to the screen)."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"
