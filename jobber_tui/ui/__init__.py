"""The terminal UI (Textual). `build_app` is the one factory: the CLI, the tests and the benches use it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jobber_tui.core.infra.clock import Clock
    from jobber_tui.core.workspace import Workspace
    from jobber_tui.ui.app import JobberApp


def build_app(
    home: str | Path | None = None,
    *,
    clock: Clock | None = None,
    workspace: Workspace | None = None,
    watch: bool | None = None,
) -> JobberApp:
    """The app on `home` (or JOBBER_HOME, or the platform folders), or on an open `workspace`.

    `watch`: run the PDF watcher from the start; None means as config.toml says (`ui.watch`, on by
    default), though never in headless runs such as tests.
    """
    from jobber_tui.core.infra.clock import local_now
    from jobber_tui.core.workspace import open_workspace
    from jobber_tui.ui.app import JobberApp

    if workspace is None:
        workspace = open_workspace(home, clock=clock or local_now)
    return JobberApp(workspace, watch=watch)


def launch(home: str | None = None) -> int:
    """Build the app, run it until the user quits, and return the exit code."""
    import gc

    # No cycle collection until the first screen is painted (the app turns it back on then, see
    # JobberApp.first_screen_painted): importing Textual and building the screen make ~300,000 objects,
    # and each collection pass on the way would walk all of them again. Nothing is freed later than it
    # would be by a few hundred milliseconds.
    gc.disable()
    app = build_app(home)
    from jobber_tui.ui.terminal_images import prepare

    prepare(app.workspace.settings.ui.images)  # must happen before Textual owns the terminal
    try:
        app.run()
    finally:
        gc.enable()
        app.workspace.close()
    return app.return_code or 0
