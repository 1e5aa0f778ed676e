"""The palette's Screenshot: an SVG of the screen saved under the data folder, and a note saying where it
went or why it could not be written (Textual's own saves to the working directory and says nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from jobber_tui.core.infra.paths import atomic_write, display_path

if TYPE_CHECKING:
    from jobber_tui.ui.app_navigation import NavigatingApp


def save_screenshot(app: NavigatingApp, folder: Path, filename: str | None = None) -> Path | None:
    """Write the screen as SVG into `folder`; tell the user either way. Returns the file or None."""
    stamp = app.workspace.clock().strftime("%Y-%m-%d_%H-%M-%S")
    name = filename or f"jobber_{stamp}.svg"
    path = folder / name
    try:
        svg = app.export_screenshot()
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write(path, svg.encode("utf-8"), durable=False)
    except OSError as exc:
        app.notify(
            f"Screenshot not saved: {display_path(path)}: {exc.strerror or exc}",
            title="Screenshot",
            severity="error",
            timeout=10,
            markup=False,
        )
        return None
    app.notify(f"Screenshot saved to {display_path(path)}", title="Screenshot", timeout=8, markup=False)
    return path
