"""`O`, "Overview" in the palette: how the search is going. The funnel found → ready → applied →
interview → offer, applications per week, replies by source (rate and days to the first reply) and
the score distribution (core/jobs/overview.py computes them in a worker)."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Footer, Static

from jobber_tui.core.jobs.overview import Overview, build_overview
from jobber_tui.core.workspace import Workspace
from jobber_tui.ui import keymap
from jobber_tui.ui.messages import JobsChanged
from jobber_tui.ui.screens.jobber_screen import JobberScreen
from jobber_tui.ui.widgets.bar_chart import BarChart, BarRow


def _days(days: float | None) -> str:
    return "–" if days is None else f"{days:.1f} d"


class OverviewScreen(JobberScreen[None]):
    CSS_PATH = Path(__file__).parent / "overview_screen.tcss"
    BINDINGS = [*keymap.OVERVIEW_SCREEN]
    HELP_TITLE = "Overview"
    AUTO_FOCUS = "#overview-scroll"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    class Built(Message):
        def __init__(self, overview: Overview) -> None:
            super().__init__()
            self.overview = overview

    def __init__(self, workspace: Workspace) -> None:
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        yield Static(Content.styled("Overview", "bold") + Content("  how the search is going"), id="overview-title")
        with VerticalScroll(id="overview-scroll", can_focus=True):
            yield Static("Counting…", id="overview-note")
            with Grid(id="overview-grid"):
                yield BarChart("Funnel: jobs that got this far", id="chart-funnel")
                yield BarChart("Applications per week", empty="no applications in the last 8 weeks", id="chart-weeks")
                yield BarChart(
                    "Replies by source · days to 1st reply",
                    empty="no applications yet",
                    zero_is_empty=False,
                    id="chart-sources",
                )
                yield BarChart("Scores", empty="no job scored yet", id="chart-scores")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.action_reload()

    def action_reload(self) -> None:
        store = self.workspace.store
        self.app.run_worker(
            lambda: self.post_message(self.Built(build_overview(store))),
            thread=True,
            group="overview",
            exclusive=True,
            exit_on_error=False,
        )

    @on(JobsChanged)
    def _jobs_changed(self) -> None:
        self.action_reload()

    @on(Built)
    def _built(self, message: Built) -> None:
        view = message.overview
        note = self.query_one("#overview-note", Static)
        note.display = view.empty
        note.update("No jobs yet: add some (n on the queues) or run the pipeline (P).")
        self.query_one("#chart-funnel", BarChart).show([BarRow(b.label, b.value, str(b.value)) for b in view.funnel])
        self.query_one("#chart-weeks", BarChart).show([BarRow(b.label, b.value, str(b.value)) for b in view.weeks])
        self.query_one("#chart-sources", BarChart).show(
            [
                BarRow(s.source, s.rate * 100, f"{s.replied}/{s.applied} {s.rate:4.0%} · {_days(s.median_days)}")
                for s in view.sources[:8]
            ]
        )
        scores = [BarRow(b.label, b.value, str(b.value)) for b in reversed(view.scores)]
        if view.unscored:
            scores.append(BarRow("none", view.unscored, str(view.unscored)))
        self.query_one("#chart-scores", BarChart).show(scores)

    def action_back(self) -> None:
        self.dismiss(None)

    def action_scroll_down(self) -> None:
        self.query_one("#overview-scroll").scroll_down()

    def action_scroll_up(self) -> None:
        self.query_one("#overview-scroll").scroll_up()

    def action_scroll_home(self) -> None:
        self.query_one("#overview-scroll").scroll_home()

    def action_scroll_end(self) -> None:
        self.query_one("#overview-scroll").scroll_end()
