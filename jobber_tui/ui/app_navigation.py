"""Opening screens and moving between them. The screens are imported when first opened, so start-up
never pays for them; none opens over a dialog or twice."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import App
from textual.screen import ModalScreen, Screen

from jobber_tui.core.workspace import Workspace
from jobber_tui.ui.screens.queues_screen import QueuesScreen


class NavigatingApp(App[object]):
    """The app's screen openers (`I`, `O`, `M`, `n`, `P`, `B`, `?`) and its jumps to a job.

    `App[object]` as Textual types every widget's `app`, so the JobberApp passes wherever an app is expected
    (App is invariant in its result type); the result itself is unused, the exit code is `return_code`.
    """

    workspace: Workspace
    """Home, config and store of this run (set by JobberApp)."""

    def action_open_review(self) -> None:
        """The review inbox (`I`): replies waiting for a decision. Not over a dialog, not twice."""
        from jobber_tui.ui.screens.review_screen import ReviewScreen

        if not isinstance(self.screen, ModalScreen | ReviewScreen):
            self.push_screen(ReviewScreen(self.workspace))

    def action_open_overview(self) -> None:
        """`O`, the palette's "Overview": the funnel, applications per week, replies, scores."""
        from jobber_tui.ui.screens.overview_screen import OverviewScreen

        if not isinstance(self.screen, ModalScreen | OverviewScreen):
            self.push_screen(OverviewScreen(self.workspace))

    def action_open_resume(self) -> None:
        """`M`, the palette's "Base resume…": view, import, edit in $EDITOR."""
        from jobber_tui.ui.screens.resume_screen import ResumeScreen

        if not isinstance(self.screen, ModalScreen | ResumeScreen):
            self.push_screen(ResumeScreen(self.workspace))

    def action_add_job(self) -> None:
        """The palette's "Add job…" (`n` on the queues): a link, a pasted description or a file."""
        from jobber_tui.ui.screens.add_job_screen import AddJobScreen

        if not isinstance(self.screen, ModalScreen):
            self.push_screen(AddJobScreen(self.workspace))

    def action_open_pipeline(self) -> None:
        """`P`, the palette's "Run pipeline…": run it and watch its progress."""
        from jobber_tui.ui.screens.pipeline_screen import PipelineScreen

        self._open_once(PipelineScreen, lambda: PipelineScreen(self.workspace))

    def action_open_sources(self) -> None:
        """`B`, the palette's "Boards…": the job boards discovery reads; add and remove them."""
        from jobber_tui.ui.screens.sources_screen import SourcesScreen

        self._open_once(SourcesScreen, lambda: SourcesScreen(self.workspace))

    def _open_once(self, kind: type[Screen[None]], make: Callable[[], Screen[None]]) -> None:
        """Not over a dialog, and never twice, so a run in progress keeps its one screen: `P` on Boards
        opened from Pipeline goes back down to it. Any other screen above it is never closed unasked."""
        from jobber_tui.ui.screens.pipeline_screen import PipelineScreen
        from jobber_tui.ui.screens.sources_screen import SourcesScreen

        if isinstance(self.screen, ModalScreen | kind):
            return
        below = next((screen for screen in self.screen_stack if isinstance(screen, kind)), None)
        if below is None:
            self.push_screen(make())
            return
        above = self.screen_stack[self.screen_stack.index(below) + 1 :]
        if all(isinstance(screen, PipelineScreen | SourcesScreen) for screen in above):
            for _ in above:
                self.pop_screen()
        else:
            title = getattr(below, "HELP_TITLE", "That screen")
            self.notify(f"{title} is open underneath: leave this view to get back to it", timeout=5)

    def jump_to_job(self, job_id: int, status: str) -> None:
        """Select this job in its queue (the palette's "Jump to job …").

        From another screen (a job being edited) nothing is closed behind the user's back: the
        job is selected in the queues underneath, ready when they leave this view.
        """
        queues = next((s for s in reversed(self.screen_stack) if isinstance(s, QueuesScreen)), None)
        if queues is None:
            return
        queues.select_job(job_id, status)
        if self.screen is not queues:
            self.notify(f"Job {job_id} is selected in the queues: leave this view to see it", timeout=5)

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Save an SVG of the screen (the palette's Screenshot) and say where, or why not."""
        from jobber_tui.ui.screenshot import save_screenshot

        save_screenshot(self, Path(path) if path else self.workspace.home.data_dir / "screenshots", filename)

    def action_help(self) -> None:
        from jobber_tui.ui.screens.help_screen import HelpScreen, keys_of

        screen = self.screen
        if isinstance(screen, HelpScreen):
            return
        title = getattr(screen, "HELP_TITLE", type(screen).__name__)
        self.push_screen(HelpScreen(title, keys_of(screen)))
