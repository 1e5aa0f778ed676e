"""Hand a field's text to the user's $VISUAL/$EDITOR and read it back.

The editor needs the whole terminal, so the app is suspended while it runs. That blocks the
UI thread on purpose: nothing else may draw until the editor exits. Where suspending is
impossible (tests, headless, the browser) `EditorUnavailable` tells the caller to stay inline.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from pathlib import Path

from textual.app import App, SuspendNotSupported

INLINE_HINT = "$EDITOR not available here; edit inline"


class EditorUnavailable(Exception):
    """The external editor cannot be used here; the message says why, for a notification."""


def editor_command() -> list[str] | None:
    """$VISUAL, then $EDITOR, split like a shell would (`code --wait` works)."""
    for name in ("VISUAL", "EDITOR"):
        value = os.environ.get(name, "").strip()
        if value:
            return shlex.split(value)
    return None


def edit_in_external_editor(app: App[object], text: str, *, suffix: str = ".txt") -> str:
    """Return the text as the user left it in their editor; raises EditorUnavailable."""
    command = editor_command()
    if app.is_headless or app.is_web:
        raise EditorUnavailable(INLINE_HINT)
    if not command:
        raise EditorUnavailable(f"{INLINE_HINT} (set $EDITOR to use your own editor)")
    handle, name = tempfile.mkstemp(prefix="jobber-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            with app.suspend():
                result = subprocess.run([*command, str(path)], check=False)
        except SuspendNotSupported:
            raise EditorUnavailable(INLINE_HINT) from None
        except OSError as exc:
            raise EditorUnavailable(f"cannot run {command[0]!r}: {exc.strerror or exc}; edit inline") from None
        if result.returncode != 0:
            raise EditorUnavailable(f"{command[0]} exited with code {result.returncode}; the field is unchanged")
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)
