"""Small helpers the UI tests share: settle, screen text, notices."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.pilot import Pilot


async def settle(app: Any, pilot: Pilot[Any]) -> None:
    """Let workers finish and their messages land (never waits long)."""
    for _ in range(4):
        await pilot.pause()
        await asyncio.wait_for(app.workers.wait_for_complete(), timeout=30)
    await pilot.pause()


def screen_text(app: Any) -> str:
    """The characters on screen, as the user reads them."""
    return "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())


def notices(app: Any) -> str:
    return "\n".join(f"{n.title}: {n.message}" for n in app._notifications)
