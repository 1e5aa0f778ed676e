"""The boards and searches of a pipeline run: state, fetched, filtered out, created, updated, expired, error."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text

from ...core.discovery.run_report import SourceProgress
from .live_table import LiveTable, clip

_STATE_STYLE = {"fetching": "bold yellow", "fetched": "green", "failed": "bold red", "not fetched": "dim"}
COLUMNS = (
    ("board", "Board or search"),
    ("state", "State"),
    ("fetched", "Fetched"),
    ("created", "New"),
    ("updated", "Updated"),
    ("expired", "Left"),
    ("filtered", "Filtered"),
    ("error", "Error"),
)


class SourceProgressTable(LiveTable):
    """New/updated/left-board counts appear when the run has returned (the import is one transaction)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(COLUMNS, id=id)
        self._shown: list[SourceProgress] = []
        self._width = 0

    def show(self, sources: Iterable[SourceProgress]) -> None:
        self._shown = list(sources)
        error_width = max(self.size.width - 80, 12)  # the summary below has the whole message
        self.show_rows((source.label, _cells(source, error_width)) for source in self._shown)

    def on_resize(self) -> None:
        if self.size.width != self._width:  # (its height changes with every row)
            self._width = self.size.width
            self.reset()
            self.show(self._shown)


def _cells(source: SourceProgress, error_width: int) -> list[str | Text]:
    def number(value: int | None) -> str:
        return "" if value is None else str(value)

    error = clip(_short_error(source.label, source.error), error_width)
    return [
        source.label,
        Text(source.state, _STATE_STYLE.get(source.state, "")),
        number(source.fetched),
        number(source.created),
        number(source.updated),
        number(source.expired),
        number(source.filtered),
        Text(error, "red"),
    ]


def _short_error(label: str, error: str) -> str:
    """ "greenhouse/acme: https://…/jobs: network error: …" without what the row already says (the
    board, its URL)."""
    error = error.removeprefix(f"{label}: ")
    head, _, rest = error.partition(": ")
    return rest if head.startswith(("http://", "https://")) and rest else error
