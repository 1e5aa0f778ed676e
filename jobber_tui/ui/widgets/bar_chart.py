"""A titled horizontal bar chart drawn with block characters: readable in 16 colours, in tmux, over SSH,
and the same on every run (snapshot tests). No plotting dependency: bars are all the overview needs."""

from __future__ import annotations

from dataclasses import dataclass

from rich.cells import cell_len
from textual.content import Content
from textual.widget import Widget

_EIGHTHS = " ▏▎▍▌▋▊▉"


@dataclass(frozen=True)
class BarRow:
    label: str
    value: float
    text: str
    """The figure printed after the bar ("12", "40% · 3.5 d")."""


def bar(value: float, most: float, width: int) -> str:
    """A bar `width` cells long for `most`, in eighths of a cell."""
    if most <= 0 or value <= 0 or width <= 0:
        return ""
    eighths = max(1, round(value / most * width * 8))
    full, rest = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[rest] if rest else "")


class BarChart(Widget):
    """`show(rows)`; the widest label sets the label column, the bars take the room left."""

    DEFAULT_CSS = """
    BarChart {
        height: auto;
        padding: 0 1;
        border: round $panel-lighten-2;
        border-title-color: $text;
        border-title-style: bold;
        & > .bar-chart--bar { color: $primary; }
        & > .bar-chart--empty { color: $text-muted; text-style: italic; }
    }
    """
    COMPONENT_CLASSES = {"bar-chart--bar", "bar-chart--empty"}

    def __init__(
        self, title: str, *, empty: str = "nothing yet", zero_is_empty: bool = True, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.border_title = title
        self.rows: list[BarRow] = []
        self.empty = empty
        self.zero_is_empty = zero_is_empty
        """Show `empty` when every value is 0 (applications per week), not only when there are no rows."""

    def show(self, rows: list[BarRow]) -> None:
        self.rows = rows
        self.refresh(layout=True)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return max(len(self.rows), 1)

    def render(self) -> Content:
        if not self.rows or (self.zero_is_empty and not any(row.value for row in self.rows)):
            return Content.styled(self.empty, "italic $text-muted")
        width = self.content_region.width or self.size.width
        label_width = max(cell_len(row.label) for row in self.rows)
        text_width = max(cell_len(row.text) for row in self.rows)
        room = max(width - label_width - text_width - 3, 1)
        most = max(row.value for row in self.rows)
        lines = []
        for row in self.rows:
            drawn = bar(row.value, most, room)
            lines.append(
                Content(row.label.ljust(label_width) + " ")
                + Content.styled(drawn, "$primary")
                + Content(" " * (room - cell_len(drawn) + 1) + row.text.rjust(text_width))
            )
        return Content("\n").join(lines)
