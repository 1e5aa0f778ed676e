"""What the UI tests share: reading the screen and the notices, opening a job, using the palette.

Waiting lives in tests/waiting.py (`settle`, `until`); it is re-exported here for the UI tests.
"""

from __future__ import annotations

from typing import Any

from textual.command import CommandList, CommandPalette
from waiting import settle, until

from jobber_tui.ui.screens.job_screen import JobScreen

__all__ = ["notices", "open_job", "run_from_palette", "screen_text", "settle", "until"]


def screen_text(app: Any) -> str:
    """The characters on screen, as the user reads them (the SVG screenshot escapes them)."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def notices(app: Any) -> str:
    """Every notification shown so far, one `title: message` a line."""
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)


async def open_job(app: Any, pilot: Any, job_id: int) -> JobScreen:
    """Push the job's screen and wait until its loads have landed."""
    screen = JobScreen(app.workspace, job_id)
    await app.push_screen(screen)
    await settle(app, pilot)
    assert app.screen is screen
    return screen


def _top_hit(app: Any) -> str:
    if not isinstance(app.screen, CommandPalette):
        return ""
    hits = app.screen.query_one(CommandList)
    if not hits.option_count or hits.highlighted is None:
        return ""
    prompt = hits.get_option_at_index(hits.highlighted).prompt
    return str(getattr(prompt, "plain", prompt))


async def run_from_palette(app: Any, pilot: Any, query: str, expect: str, key: str = "ctrl+p") -> None:
    """Open the palette (or a picker built on it, e.g. `t`), type `query`, wait until the highlighted
    hit shows `expect` (hits arrive in batches), then press enter."""
    await pilot.press(key)
    await until(pilot, lambda: isinstance(app.screen, CommandPalette), "the command palette to open")
    await pilot.press(*query)
    await until(pilot, lambda: expect.lower() in _top_hit(app).lower(), f"{expect!r} at the top of the palette")
    await pilot.press("enter")
