"""A dialog to add a job board: kind, board name, and optionally an API base URL and employer name.
A kind whose robots.txt disallows crawling (SmartRecruiters) shows a checkbox: it is added only when
the user ticks it, knowingly (`ignore_robots`)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from jobber_tui.ui.screens.jobber_screen import JobberModalScreen

from ...core.discovery.source_config import add_source
from ...core.discovery.sources import BOARD_EXAMPLES, DEFAULT_BASE_URLS, KINDS, ROBOTS_DISALLOWED, board_name
from ...core.infra.config import Config
from ...core.infra.errors import BadInput
from .. import keymap

EMPLOYER_HINTS = {
    "greenhouse": "the board's API names the employer",
    "lever": "Lever's API never names the company: give its name, else the board name is used",
    "ashby": "Ashby's API never names the company: give its name, else the board name is used",
    "workable": "the account's name from the API",
    "recruitee": "the board's API names the employer",
    "personio": "the feed's subcompany when it names one, else give the company's name",
    "workday": "the site's hiring organisation",
    "bamboohr": "BambooHR's careers page never names the company: give its name, else the board name is used",
    "teamtailor": "the career site's title",
    "smartrecruiters": "the posting's company name",
}
"""Where a board's employer name comes from: the API's name, else the Employer field, else the board name."""
BOARD_HINTS = BOARD_EXAMPLES


class AddSourceScreen(JobberModalScreen[str | None]):
    """Dismissed with the label of the board added ("greenhouse/stripe"), or None. The core checks the
    input (`add_source`): a refusal is shown here, with the fields kept, and config.toml is untouched."""

    CSS_PATH = Path(__file__).parent / "add_source_screen.tcss"
    BINDINGS = [*keymap.ADD_SOURCE]
    AUTO_FOCUS = "#source-kind"

    def __init__(self, config: Config) -> None:
        super().__init__()
        self.config = config

    def compose(self) -> ComposeResult:
        with Vertical(id="add-source-dialog") as dialog:
            dialog.border_title = "Add a job board"
            with Horizontal():
                yield Label("Kind")
                yield Select([(kind, kind) for kind in KINDS], prompt="choose a kind", compact=True, id="source-kind")
            with Horizontal():
                yield Label("Board")
                yield Input(placeholder="e.g. stripe", compact=True, id="source-board")
            with Horizontal():
                yield Label("API base URL")
                yield Input(placeholder="optional: a mirror of the public API", compact=True, id="source-base-url")
            with Horizontal():
                yield Label("Employer")
                yield Input(
                    placeholder="optional: the employer's name when the board's API gives none",
                    compact=True,
                    id="source-employer",
                )
            yield Checkbox(
                "I have read this board's robots.txt and terms, and add it anyway",
                compact=True,
                id="source-ignore-robots",
            )
            yield Static("Choose the kind of board first.", id="add-source-hint", markup=False)
            with Horizontal(id="add-source-buttons"):
                yield Button("Add (ctrl+s)", variant="primary", compact=True, id="add-source-save")
                yield Button("Cancel (esc)", compact=True, id="add-source-cancel")

    @on(Select.Changed, "#source-kind")
    def _kind_chosen(self, event: Select.Changed) -> None:
        kind = event.value
        if isinstance(kind, str):
            robots = (
                " Its robots.txt disallows crawling: Jobber reads it only if you tick the box."
                if kind in ROBOTS_DISALLOWED
                else ""
            )
            self._hint(
                f"Board: {BOARD_HINTS[kind]}. API: {DEFAULT_BASE_URLS[kind]}. Employer: {EMPLOYER_HINTS[kind]}.{robots}"
            )
            self.query_one("#source-ignore-robots").display = kind in ROBOTS_DISALLOWED
            self.query_one("#source-board", Input).focus()

    def on_mount(self) -> None:
        self.query_one("#source-ignore-robots").display = False

    def action_add(self) -> None:
        kind = self.query_one("#source-kind", Select).value
        board = self.query_one("#source-board", Input).value.strip()
        base_url = self.query_one("#source-base-url", Input).value.strip() or None
        employer = self.query_one("#source-employer", Input).value.strip() or None
        robots = self.query_one("#source-ignore-robots", Checkbox)
        try:
            self.config.reload()
            added = add_source(
                self.config,
                kind if isinstance(kind, str) else "",
                board,
                base_url=base_url,
                employer=employer,
                ignore_robots=robots.display and robots.value,
            )
        except (BadInput, OSError) as exc:
            self._hint(str(exc), error=True)
            return
        if not added:
            self._hint(f"{kind}/{board} is already configured.", error=True)
            return
        self.dismiss(f"{kind}/{board_name(str(kind), board)}")

    def action_cancel(self) -> None:
        self.dismiss(None)

    def _hint(self, text: str, *, error: bool = False) -> None:
        hint = self.query_one("#add-source-hint", Static)
        hint.update(text)
        hint.set_class(error, "-error")

    @on(Input.Submitted)
    @on(Button.Pressed, "#add-source-save")
    def _add_pressed(self) -> None:
        self.action_add()

    @on(Button.Pressed, "#add-source-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()
