"""The base classes of Jobber's screens: `self.app` typed as the `JobberApp`, so the type checker sees every
call a screen makes into the app (`broadcast_jobs_changed`, `run_job_verb`, ...) and a rename there fails
`mypy` instead of failing at run time.

Textual types `app` as a plain `App` and offers `getters.app(MyApp)` to narrow it. That descriptor needs the
app class when the screen class is created, and `jobber_tui.ui.app` imports the screens: so the narrowing is
declared for the type checker only, and at run time `app` stays Textual's own property (no import cycle, no
cost on a property Textual reads all the time). Every Jobber screen runs inside a `JobberApp` (`build_app`
is the one factory, for the tests too), which is what makes the declaration true. Widgets that call the app
declare the same line themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from textual import getters

    from jobber_tui.ui.app import JobberApp

ResultType = TypeVar("ResultType")


class JobberScreen(Screen[ResultType]):
    """A full screen of Jobber."""

    if TYPE_CHECKING:
        app = getters.app(JobberApp)

    def has_unsaved_edits(self) -> bool:
        """Whether leaving now would lose edits: the app then asks (`ask_before_leaving`) before it quits."""
        return False

    def ask_before_leaving(self, then: str) -> None:
        """Ask about the unsaved edits, then go `then` ("quit": the app quits). Screens with edits override it."""
        if then == "quit":
            self.app.exit()


class JobberModalScreen(ModalScreen[ResultType]):
    """A dialog of Jobber."""

    if TYPE_CHECKING:
        app = getters.app(JobberApp)
