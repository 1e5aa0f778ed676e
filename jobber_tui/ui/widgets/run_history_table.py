"""The last pipeline runs, newest first: id, status, start, seconds, counts."""

from __future__ import annotations

from typing import Any

from rich.text import Text

from ...core.discovery.run_report import run_counts, run_seconds, run_started_local
from .live_table import LiveTable

_STATUS_STYLE = {
    "completed": "green",
    "failed": "bold red",
    "cancelled": "yellow",
    "running": "bold yellow",
    "interrupted": "yellow",
}
COLUMNS = (("id", "Run"), ("status", "Status"), ("started", "Started"), ("seconds", "Secs"), ("counts", "Counts"))


class RunHistoryTable(LiveTable):
    """Stored runs as `jobber pipeline runs` lists them (a dry run is marked `*`)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(COLUMNS, id=id)

    def show(self, runs: list[dict[str, Any]]) -> None:
        self.show_rows((str(run["id"]), _cells(run)) for run in runs)


def _cells(run: dict[str, Any]) -> list[str | Text]:
    status = Text(run["status"] + ("*" if run.get("dryRun") else ""), _STATUS_STYLE.get(run["status"], ""))
    return [str(run["id"]), status, run_started_local(run), run_seconds(run), run_counts(run) or "-"]
