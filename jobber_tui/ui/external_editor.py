"""Hand a field's text to the user's editor and read it back.

The editor needs the whole terminal, so the app is suspended while it runs. That blocks the
UI thread on purpose: nothing else may draw until the editor exits. Two traps are avoided:

- the command is looked up *before* suspending: `EDITOR=nvim` without nvim installed never leaves
  a blank screen, it says so and uses the next editor that exists;
- whatever happens while suspended (the editor cannot start, fails, is interrupted), the app is
  resumed: Textual's `App.suspend()` does not resume when its block raises, so nothing may raise in it.

Which editor: `$EDITOR`, then `$VISUAL`, then `sensible-editor`, `nano`, `vi` (the first one installed).
$EDITOR comes first because that is the name the UI shows on its keys. Where suspending is impossible
(tests, the browser) `EditorUnavailable` tells the caller to stay inline.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from textual.app import App, SuspendNotSupported

INLINE_HINT = "$EDITOR not available here; edit inline"
FALLBACKS = ("sensible-editor", "nano", "vi")
"""Tried in order when neither $EDITOR nor $VISUAL names an installed editor."""


class EditorUnavailable(Exception):
    """The external editor cannot be used here; the message says why, for a notification."""


@dataclass(frozen=True)
class EditorChoice:
    argv: list[str]
    """The command to run, the file name is added last (`code --wait` stays two words)."""
    note: str = ""
    """What the user should know about the choice ("$EDITOR 'nvim' is not installed; using nano"), else ""."""


@dataclass(frozen=True)
class Edited:
    text: str
    note: str = ""


def choose_editor(
    env: Mapping[str, str] | None = None, which: Callable[[str], str | None] = shutil.which
) -> EditorChoice:
    """The first installed editor of $EDITOR, $VISUAL, sensible-editor, nano, vi; raises EditorUnavailable."""
    env = os.environ if env is None else env
    problems: list[str] = []
    for name in ("EDITOR", "VISUAL"):
        value = env.get(name, "").strip()
        if not value:
            continue
        try:
            argv = shlex.split(value)
        except ValueError as exc:
            problems.append(f"${name} {value!r} cannot be read ({exc})")
            continue
        if argv and which(argv[0]):
            return EditorChoice(argv, "; ".join(problems) + (f"; using ${name}" if problems else ""))
        problems.append(f"${name} {argv[0] if argv else repr(value)} is not installed")
    for command in FALLBACKS:
        if which(command):
            why = "; ".join(problems) if problems else "no $EDITOR set"
            return EditorChoice([command], f"{why}; using {command}")
    why = "; ".join(problems) if problems else "no $EDITOR set"
    raise EditorUnavailable(f"{why}, and none of {', '.join(FALLBACKS)} is installed: edit inline")


def can_suspend(app: App[object]) -> bool:
    """Whether the app can hand the terminal to another program now (not headless, not in a browser)."""
    driver = getattr(app, "_driver", None)
    return not app.is_web and driver is not None and bool(driver.can_suspend)


def edit_in_external_editor(app: App[object], text: str, *, suffix: str = ".txt") -> Edited:
    """The text as the user left it in their editor, and a note on which editor ran; raises EditorUnavailable
    (nothing changed, the app is drawn again) when no editor can be used or it failed."""
    if not can_suspend(app):
        raise EditorUnavailable(INLINE_HINT)
    choice = choose_editor()
    handle, name = tempfile.mkstemp(prefix="jobber-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        failure = _run_suspended(app, [*choice.argv, str(path)])
        if failure:
            prefix = f"{choice.note}. " if choice.note else ""
            raise EditorUnavailable(f"{prefix}{failure}; the field is unchanged")
        return Edited(path.read_text(encoding="utf-8"), choice.note)
    finally:
        path.unlink(missing_ok=True)


def _run_suspended(app: App[object], argv: list[str]) -> str | None:
    """Run the editor with the terminal handed over; the reason it failed, or None. Never raises inside
    the suspension, so the app always comes back."""
    failure: str | None = None
    try:
        with app.suspend():
            try:
                result = subprocess.run(argv, check=False)
                if result.returncode != 0:
                    failure = f"{argv[0]} exited with code {result.returncode}"
            except OSError as exc:
                failure = f"cannot run {argv[0]!r}: {exc.strerror or exc}"
            except KeyboardInterrupt:
                failure = f"{argv[0]} was interrupted"
            except Exception as exc:  # noqa: BLE001 - anything at all: the app must resume
                failure = f"{argv[0]} failed: {type(exc).__name__}: {exc}"
    except SuspendNotSupported:
        return INLINE_HINT
    return failure
