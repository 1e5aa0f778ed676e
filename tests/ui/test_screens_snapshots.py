"""A screenshot of every screen, dark and light, at 80x24 and 120x34, on fixed data and a fixed clock:
queues (and a search), the job view's Description / Tailor / PDF / Timeline tabs, the overview, add job,
the job's fields, the base resume, bulk progress (finished), help and the review inbox.

The Ghostwriter tab is left to its own tests (its pane is being reworked). Regenerate after an intended
change: `python -m pytest tests/ui/test_screens_snapshots.py --snapshot-update`, then look at the SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from test_snapshots import SEEDED_AT, seeded_app
from ui_helpers import settle

from jobber_tui.core.jobs.models import TrackedMessage
from jobber_tui.ui.app import JobberApp

SIZES = {"80x24": (80, 24), "120x34": (120, 34)}
THEMES = ("jobber-dark", "jobber-light")


def add_replies(app: JobberApp) -> None:
    """Two replies waiting in the review inbox (as a sync leaves them), written straight to the store."""
    sent = (SEEDED_AT - timedelta(days=1)).isoformat()
    with app.workspace.store.writing() as session:
        session.add(
            TrackedMessage(
                message_key="a" * 32,
                account="me@example.com@imap.example.com",
                folder="INBOX",
                uid=11,
                uidvalidity=1,
                status="review",
                category="interview",
                job_id=6,
                confidence=0.62,
                sender="Dana Whitfield <dana@crestview.example>",
                subject="Next steps for DevOps Engineer",
                sent_at=sent,
                target_stage="interview",
                snippet="Could we book a 30 minute call on Thursday?",
                reason="unsure match (0.62): employer named in the body",
                seen_at=sent,
            )
        )
        session.add(
            TrackedMessage(
                message_key="b" * 32,
                account="me@example.com@imap.example.com",
                folder="INBOX",
                uid=12,
                uidvalidity=1,
                status="review",
                category="acknowledgement",
                job_id=None,
                sender="no-reply@greenhouse-mail.example",
                subject="Thanks for applying",
                sent_at=sent,
                snippet="We received your application.",
                reason="no job matches this sender",
                seen_at=sent,
            )
        )


async def steady(pilot: Any) -> None:
    """Let workers finish, then stop every text cursor blinking (a blink mid-screenshot is noise)."""
    app = pilot.app
    await settle(app, pilot, rounds=3)
    for field in app.screen.query("Input, TextArea"):
        field.cursor_blink = False
    await pilot.pause()


def scenario(steps: list[str], prepare: Callable[[JobberApp], None] | None = None) -> Any:
    """Keys pressed one by one, waiting for workers after each (so the screen is the same every run)."""

    def make(app: JobberApp) -> Callable[[Any], Any]:
        if prepare is not None:
            prepare(app)

        async def run(pilot: Any) -> None:
            await steady(pilot)
            for key in steps:
                await pilot.press(key)
                await steady(pilot)

        return run

    return make


def mark_two(app: JobberApp) -> None:
    app.workspace.store.patch(2, {"deadline": None})  # keeps the summary the same on any day


SCREENS: dict[str, Any] = {
    "queues": scenario(["j"]),
    "queues-search": scenario(["slash", *"engineer score:>60", "enter"]),
    "job-description": scenario(["enter"]),
    "job-tailor": scenario(["enter", "2"]),
    "job-pdf": scenario(["enter", "3"]),
    "job-timeline": scenario(["enter", "4"]),
    "overview": scenario(["O"]),
    "add-job": scenario(["n"]),
    "job-fields": scenario(["E"]),
    "base-resume": scenario(["M"]),
    "bulk-progress": scenario(["space", "shift+down", "x"], mark_two),
    "help": scenario(["question_mark"]),
    "review": scenario(["I", "enter"], add_replies),
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("screen", SCREENS)
def test_screen(snap_compare: Callable[..., bool], home: Path, screen: str, theme: str, size: str) -> None:
    app = seeded_app(home, theme)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=SCREENS[screen](app))
