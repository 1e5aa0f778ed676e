"""`B`: the job boards discovery reads (`[[sources]]` in config.toml); `a` adds one, `d` removes one.

Writes go through core.source_config, as `jobber sources add/remove` do: it validates and keeps every
other key of config.toml. The file is read again before each change, so a board added meanwhile from
the CLI is kept. A small file write, so it happens on the UI thread, like saving the theme.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import ComposeResult
from textual.widgets import Footer, Static

from jobber_tui.ui.screens.jobber_screen import JobberScreen

from ...core.discovery.source_config import remove_source
from ...core.discovery.sources import SourceSpec, env_var, specs_from_config
from ...core.infra.errors import BadInput
from ...core.workspace import Workspace
from .. import keymap
from ..widgets.vim_data_table import VimDataTable
from .add_source_screen import AddSourceScreen
from .confirm_screen import Choice, ConfirmScreen

REMOVE_CHOICES = (Choice("remove", "Remove", "r", "error"), Choice("cancel", "Cancel", "c"))
HEADER = (
    "Job boards in config.toml: a adds, d removes, r discovers now (this board), P runs the pipeline. "
    "Their jobs stay when removed."
)


class SourcesScreen(JobberScreen[None]):
    """One row per configured board: kind, board, the API it is read from, employer override."""

    CSS_PATH = Path(__file__).parent / "sources_screen.tcss"
    BINDINGS = [*keymap.SOURCES_SCREEN]
    HELP_TITLE = "Boards"
    AUTO_FOCUS = "#sources-table"

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace
        self.specs: list[SourceSpec] = []
        """The boards on show, in config order (the table's rows)."""
        self.discovering: set[str] = set()
        """Boards being read now ("r"): their key waits until it ends."""

    def compose(self) -> ComposeResult:
        yield Static(HEADER, id="sources-header", markup=False)
        yield VimDataTable(id="sources-table")
        yield Static("No job boards yet: press a to add one.", id="sources-empty", markup=False)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(VimDataTable).add_columns("Kind", "Board", "Read from", "Employer")
        self._show()

    @property
    def selected(self) -> SourceSpec | None:
        table = self.query_one(VimDataTable)
        return self.specs[table.cursor_row] if self.specs and 0 <= table.cursor_row < len(self.specs) else None

    def _show(self, select: str | None = None) -> None:
        table = self.query_one(VimDataTable)
        self.specs = specs_from_config(self.workspace.settings.sources)
        table.clear()
        for spec in self.specs:
            overridden = f"  (from {env_var(spec.kind)})" if os.environ.get(env_var(spec.kind)) else ""
            table.add_row(spec.kind, spec.board, spec.api_base() + overridden, spec.employer or "", key=spec.label)
        labels = [spec.label for spec in self.specs]
        if select in labels:
            table.move_cursor(row=labels.index(select))
        table.display = bool(self.specs)
        self.query_one("#sources-empty").display = not self.specs
        self.refresh_bindings()

    def action_add(self) -> None:
        def added(label: str | None) -> None:
            if label:
                self._show(select=label)
                self.notify(f"Added {label}: the next pipeline run reads it", timeout=4)

        self.app.push_screen(AddSourceScreen(self.workspace.config), added)

    def action_remove(self) -> None:
        spec = self.selected
        if spec is None:
            return

        def answered(choice: str | None) -> None:
            if choice != "remove":
                return
            config = self.workspace.config
            try:
                config.reload()
                remove_source(config, spec.kind, spec.board)
            except (BadInput, OSError) as exc:
                self.notify(str(exc), severity="error", timeout=10)
            else:
                self.notify(f"Removed {spec.label} (its jobs stay)", timeout=4)
            self._show()

        question = f"Remove {spec.label} from the boards discovery reads? Its jobs stay."
        self.app.push_screen(ConfirmScreen(question, REMOVE_CHOICES, title="Remove board"), answered)

    def action_discover_now(self) -> None:
        """Read this one board now and import what it lists (dedup, refresh, expiry: as the pipeline does)."""
        spec = self.selected
        if spec is None or spec.label in self.discovering:
            return
        self.discovering.add(spec.label)
        self.refresh_bindings()
        self.notify(f"Reading {spec.label}…", timeout=3)
        ws = self.workspace

        def run() -> None:
            from ...core.discovery.discover import discover

            try:
                result = discover(ws, [spec])
            finally:
                self.app.call_from_thread(self._discovered_done, spec.label)
            counts = result.sources[0] if result.sources else None
            self.app.call_from_thread(self._discovered, spec.label, counts)

        self.app.run_worker(run, thread=True, group=f"discover-{spec.label}", exit_on_error=False)

    def _discovered_done(self, label: str) -> None:
        self.discovering.discard(label)
        self.refresh_bindings()

    def _discovered(self, label: str, counts: object) -> None:
        error = getattr(counts, "error", None)
        if counts is None or error:
            self.notify(
                f"{label}: {error or 'nothing read'}", title="Discover", severity="error", timeout=10, markup=False
            )
            return
        parts = [
            f"{getattr(counts, name)} {word}"
            for name, word in (
                ("fetched", "listed"),
                ("created", "new"),
                ("updated", "updated"),
                ("duplicates", "duplicates"),
                ("expired", "expired"),
                ("invalid", "unreadable"),
            )
            if getattr(counts, name) or name == "created"
        ]
        self.notify(f"{label}: {', '.join(parts)}", title="Discover", timeout=8, markup=False)
        self.app.broadcast_jobs_changed()

    def action_back(self) -> None:
        self.dismiss(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "remove":
            return self.selected is not None
        if action == "discover_now":
            spec = self.selected
            return None if spec is not None and spec.label in self.discovering else spec is not None
        return True
