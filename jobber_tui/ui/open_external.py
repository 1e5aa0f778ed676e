"""Opening a posting or a PDF outside the terminal, wherever Jobber runs.

In a browser (textual-serve) files are delivered to the browser. In a terminal a PDF goes to
the system viewer; over SSH (no display) nothing is launched, since a console browser would take
over the terminal: the user gets the link or path instead (and the link on the clipboard).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from textual.app import App


def has_display() -> bool:
    """Whether a graphical viewer can open here (always on macOS/Windows; X11/Wayland on Linux)."""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_posting(app: App[object], url: str) -> None:
    if app.is_web or has_display():
        app.open_url(url)
        app.notify(url, title="Opening posting", timeout=4)
        return
    app.copy_to_clipboard(url)
    app.notify(url, title="No browser here: link copied to the clipboard", timeout=10)


def open_pdf(app: App[object], path: Path) -> None:
    if not path.is_file():
        app.notify(f"PDF not found: {path}", severity="error")
        return
    if app.is_web:
        app.deliver_binary(path, open_method="browser", mime_type="application/pdf")
        return
    if not has_display():
        app.notify(str(path), title="No PDF viewer here (SSH?); the PDF is at", timeout=10)
        return
    if sys.platform == "win32":
        os.startfile(path)  # noqa: S606
        return
    opener = "open" if sys.platform == "darwin" else "xdg-open"
    try:
        subprocess.Popen(
            [opener, str(path)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError as exc:
        app.notify(f"cannot run {opener}: {exc}; the PDF is at {path}", severity="error")
        return
    app.notify(path.name, title="Opening PDF", timeout=3)
