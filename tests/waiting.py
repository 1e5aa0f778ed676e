"""How tests wait: on a condition the user would see, bounded by a deadline; never a blind sleep.

`wait_for` is for threads and processes (the PDF watcher, webhook deliveries), `until` for a running
Textual app (it yields to the app between looks), `settle` for "let the app's workers finish".
Each fails with a message naming what it waited for instead of hanging.

Sleeps that must stay (grep for `sleep-must-stay`) carry that tag and a comment saying why.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")

TIMEOUT = 15.0
"""Long enough for a Typst compile on a busy two-core CI machine; a passing test never waits it out."""
POLL = 0.02


def wait_for(condition: Callable[[], T], what: str, timeout: float = TIMEOUT) -> T:
    """Poll `condition` until it returns something truthy and return that; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(POLL)


async def until(pilot: Any, condition: Callable[[], object], what: str, timeout: float = TIMEOUT) -> None:
    """Let the app under `pilot` run until `condition()` holds; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g}s waiting for {what}")
        await pilot.pause(POLL)


async def settle(app: Any, pilot: Any, rounds: int = 4, timeout: float = 30) -> None:
    """Let workers (loads, saves, job actions) finish and the messages they post land."""
    for _ in range(rounds):
        await pilot.pause()
        await asyncio.wait_for(app.workers.wait_for_complete(), timeout=timeout)
    await pilot.pause()
