"""The fixed data and clock every screenshot test uses (tests/ui/test_screens_snapshots.py has the
screens), and a check that screenshots do not depend on the temp folder's name.

Regenerate after an intended change: `python -m pytest tests/ui/test_screens_snapshots.py --snapshot-update`,
then look at the SVGs before committing them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from ui_helpers import settle

from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.ui import build_app
from jobber_tui.ui.app import JobberApp

SIZE = (100, 30)
SEEDED_AT = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
JOBS = [
    ("Senior Platform Engineer", "Harborline Logistics", "Denver, CO", 91, "2026-03-20"),
    ("Backend Engineer (Go)", "Tidewater Energy", "Austin, TX", 72, "2026-03-04"),
    ("Principal Infrastructure Engineer", "Meridian Analytics", "Seattle, WA", 68, "2026-04-01"),
    ("Platform Engineer – Internal Tools", "Gridlock Games", "Remote (Canada)", 63, None),
    ("Senior Backend Engineer, Search", "Lumen Marketplace", "Chicago, IL", 58, "2026-03-15"),
    ("DevOps Engineer", "Crestview Insurance", "Columbus, OH", None, "2026-03-10"),
    ("Data Platform Lead", "Orbitly", "San Francisco, CA", 77, "2026-03-30"),
]


class Clock:
    """A clock the test moves by hand, so "updated 3h ago" reads the same on every run."""

    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


def seeded_app(home: Path, theme: str) -> JobberApp:
    """Seven jobs in four queues on a fixed clock; job 1 has what the job view's header shows."""
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(f'theme = "{theme}"\n')
    clock = Clock(SEEDED_AT)
    app = build_app(home=home, clock=clock)
    store = app.workspace.store
    for index, (title, employer, location, score, deadline) in enumerate(JOBS):
        clock.moment = SEEDED_AT + timedelta(minutes=17 * index)
        job: dict[str, object] = {"title": title, "employer": employer, "location": location, "deadline": deadline}
        if score is not None:
            job["suitabilityScore"] = score
        store.add_jobs([job])
    store.move(7, JobStatus.SKIPPED)
    store.move(6, JobStatus.APPLIED)
    store.update(5, "pdf_failed", last_error="template 'fancy' not found")
    store.patch(
        1,
        {
            "salary": "$165k–$190k",
            "isRemote": True,
            "jobDescription": "## About Harborline\n\nWe move freight across the Rockies and run it on "
            "Kubernetes, Go and Terraform.\n\n## You will\n\n- Own the deploy pipeline\n"
            "- Keep 40 services on call-free nights\n- Mentor two engineers",
        },
    )
    store.update(
        1,
        "scored",
        suitability_reason="skills 8/9 (aws, go, kubernetes, terraform…; missing rust); "
        "title 100% 'platform engineer'; remote",
    )
    clock.moment = SEEDED_AT + timedelta(hours=3)
    app.cursor_blink = False
    return app


async def tailor_tab_screenshot(home: Path) -> tuple[str, str]:
    """The Tailor tab's screenshot (SVG) and its plain text, for a home at `home`."""
    app = seeded_app(home, "jobber-dark")
    app.workspace.store.patch(
        1, {"jobDescription": "## About\n\nWe run Kubernetes.", "tailoredHeadline": "Senior Platform Engineer"}
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        from jobber_tui.ui.widgets.tailor_editor import TailorEditor

        app.screen.query_one(TailorEditor).scroll_end(animate=False)
        await pilot.pause()
        text = "\n".join("".join(seg.text for seg in strip) for strip in app.screen._compositor.render_strips())
        return app.export_screenshot(), text


@pytest.mark.anyio
async def test_snapshot_is_the_same_under_any_temp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fresh machine's `pytest-3` and an old one's `pytest-1234` must draw the same screen."""
    short_root = tmp_path / "p3"
    long_root = tmp_path / ("pytest-of-someone-with-a-long-name" + "-x" * 20) / "pytest-123456"
    shots = []
    for root in (short_root, long_root):
        monkeypatch.setenv("HOME", str(root))
        shots.append(await tailor_tab_screenshot(root / "home"))
    (svg_short, text_short), (svg_long, text_long) = shots
    assert "no base resume at ~/home/resume.json" in text_short
    assert text_short == text_long
    assert svg_short == svg_long
