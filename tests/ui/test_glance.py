"""The search at a glance (issue 17): the job header, loading states, the overview, F1, toasts that leave
the status line readable, the palette's Screenshot, the review category, and the light theme in 16 colours."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from rich.color import ColorSystem
from textual.widgets import OptionList
from tracking import conftest as mail_fixtures
from tracking.imap_server import ImapTestServer
from ui_helpers import notices, run_from_palette, screen_text, settle, until

from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.tracking.store import set_stage
from jobber_tui.core.tracking.sync import sync
from jobber_tui.core.workspace import open_workspace
from jobber_tui.ui import build_app
from jobber_tui.ui.screens.help_screen import HelpScreen
from jobber_tui.ui.screens.job_screen import JobScreen
from jobber_tui.ui.screens.overview_screen import OverviewScreen
from jobber_tui.ui.screens.review_screen import ReviewScreen
from jobber_tui.ui.widgets.markdown_lines import MarkdownLines

pytestmark = pytest.mark.anyio
imap = mail_fixtures.imap
tracking_home = mail_fixtures.tracking_home
seeded_jobs = mail_fixtures.seeded_jobs
seeded_inbox = mail_fixtures.seeded_inbox
LONG_TITLE = "Principal Site Reliability Engineer, Payments Infrastructure and Developer Platform"


def seed(home: Path, jobs: list[dict[str, Any]]) -> list[int]:
    ws = open_workspace(home)
    try:
        return ws.store.add_jobs(jobs).created
    finally:
        ws.close()


async def test_the_job_header_shows_what_a_user_decides_on_at_80_columns(job_home: Path) -> None:
    [job_id] = seed(
        job_home,
        [
            {
                "title": LONG_TITLE,
                "employer": "Harborline Logistics",
                "location": "Denver, CO",
                "isRemote": True,
                "salary": "$180k–$210k",
                "deadline": "2099-01-31",
                "suitabilityScore": 91,
                "suitabilityReason": "skills 9/10 (aws, go); title 100%",
            }
        ],
    )
    ws = open_workspace(job_home)
    ws.store.move(job_id, JobStatus.APPLIED)
    set_stage(ws, job_id, "interview")
    ws.close()
    app = build_app(home=job_home, watch=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await app.push_screen(JobScreen(app.workspace, job_id))
        await settle(app, pilot)
        lines = screen_text(app).splitlines()
        head = " ".join(line.strip() for line in lines[:6])
        assert LONG_TITLE in head  # wrapped, never cut for the watcher
        assert "Harborline Logistics · Denver, CO · remote · $180k–$210k · due 2099-01-31 (" in head
        assert "days left)" in head
        assert "score 91: skills 9/10 (aws, go); title 100%" in head
        assert "applied  stage interview · PDF missing" in head and "watch off" in head


async def test_a_job_opens_with_its_description_never_no_description_first(
    job_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import jobber_tui.core.resume.pdf_status as pdf_status_module

    release = threading.Event()
    real = pdf_status_module.pdf_status

    def slow_pdf_status(*args: Any, **kwargs: Any) -> Any:  # the slow part of loading a job, held back
        release.wait(10)
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf_status_module, "pdf_status", slow_pdf_status)
    [job_id] = seed(
        job_home,
        [
            {
                "title": "Platform Engineer",
                "employer": "Harborline",
                "jobDescription": "## Role\n\nRun the Quokka fleet.",
            }
        ],
    )
    app = build_app(home=job_home)
    async with app.run_test(size=(120, 34)) as pilot:
        await app.push_screen(JobScreen(app.workspace, job_id))
        for _ in range(5):
            await pilot.pause()
        text = screen_text(app)
        assert "Run the Quokka fleet." in text and "No description" not in text
        release.set()
        await settle(app, pilot)


async def test_a_50000_character_description_shows_its_start_then_all_of_it(job_home: Path) -> None:
    body = "\n\n".join(f"## Part {n}\n\nParagraph {n} about platforms and pipelines. " * 3 for n in range(400))
    text = "Opening words of the posting.\n\n" + body[:49_000] + "\n\nClosing words of the posting."
    [job_id] = seed(job_home, [{"title": "Platform Engineer", "employer": "Harborline", "jobDescription": text}])
    app = build_app(home=job_home)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = JobScreen(app.workspace, job_id)
        await app.push_screen(screen)
        await pilot.pause()
        assert "Opening words of the posting." in screen_text(app)
        lines = screen.query_one(MarkdownLines)
        await until(pilot, lambda: lines.complete, "the whole description to be laid out")
        await pilot.press("G")
        await pilot.pause()
        assert "Closing words of the posting." in screen_text(app)


async def test_overview_from_its_key_and_the_palette(home: Path) -> None:
    ids = seed(home, [{"title": f"Job {n}", "employer": "Acme", "suitabilityScore": 50 + n} for n in range(3)])
    ws = open_workspace(home)
    ws.store.move(ids[0], JobStatus.APPLIED)
    ws.close()
    app = build_app(home=home)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(app, pilot)
        await pilot.press("O")
        await settle(app, pilot)
        assert isinstance(app.screen, OverviewScreen)
        text = screen_text(app)
        for expected in (
            "Funnel",
            "found",
            "applied",
            "Applications per week",
            "Replies by source",
            "0/1   0% · –",
            "Scores",
            "50-59",
        ):
            assert expected in text, expected
        await pilot.press("escape")
        await run_from_palette(app, pilot, "overview", "overview")
        await settle(app, pilot)
        assert isinstance(app.screen, OverviewScreen)


async def test_f1_opens_help_even_while_typing(job_home: Path) -> None:
    [job_id] = seed(job_home, [{"title": "Platform Engineer", "employer": "Harborline"}])
    app = build_app(home=job_home)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(app, pilot)
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        screen = JobScreen(app.workspace, job_id)
        await app.push_screen(screen)
        await settle(app, pilot)
        await pilot.press("2")
        await settle(app, pilot)
        screen.editor.headline.focus()
        await pilot.press("question_mark")  # typed into the field
        assert screen.editor.headline.value == "?"
        await pilot.press("f1")
        assert isinstance(app.screen, HelpScreen)


async def test_toasts_leave_the_status_line_readable(home: Path) -> None:
    from textual.widgets._toast import Toast

    from jobber_tui.ui.widgets.queue_status import QueueStatus

    seed(home, [{"title": "Platform Engineer", "employer": "Harborline"}])
    app = build_app(home=home)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await settle(app, pilot)
        app.notify("A long notification that would cover the right half of the bottom lines " * 2, timeout=30)
        app.notify("and a second one", timeout=30)
        await until(
            pilot,
            lambda: sum(1 for toast in app.screen.query(Toast) if toast.region.area) == 2,
            "both toasts on screen",
        )
        status = app.screen.query_one(QueueStatus).region
        toasts = [toast.region for toast in app.screen.query(Toast)]
        assert len(toasts) == 2 and all(region.bottom <= status.y for region in toasts)
        lines = screen_text(app).splitlines()
        assert lines[-2].lstrip().startswith("Discovered 1/1") and "watch off" in lines[-2]  # the status line


async def test_the_palette_screenshot_says_where_it_saved_or_why_not(home: Path) -> None:
    app = build_app(home=home)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        app.action_screenshot()
        await pilot.pause()
        saved = list((home / "screenshots").glob("jobber_*.svg"))
        assert len(saved) == 1 and saved[0].read_text().startswith("<svg")
        assert f"Screenshot saved to ~/home/screenshots/{saved[0].name}" in notices(app)
        blocker = home / "blocked"
        blocker.write_text("a file where the folder should be")
        app.action_screenshot(path=str(blocker / "shots"))
        await pilot.pause()
        assert "Screenshot not saved: ~/home/blocked/shots/" in notices(app)
        commands = [c.title for c in app.get_system_commands(app.screen)]
        assert commands.count("Screenshot") == 1


async def test_a_review_items_category_is_corrected_in_place(
    seeded_inbox: ImapTestServer, seeded_jobs: dict[str, int], tracking_home: Path
) -> None:
    ws = open_workspace(tracking_home)
    sync(ws)
    ws.close()
    app = build_app(home=tracking_home)
    async with app.run_test(size=(120, 34)) as pilot:
        await settle(app, pilot)
        await pilot.press("I")
        await settle(app, pilot)
        review = app.screen
        assert isinstance(review, ReviewScreen)
        item = review.table.current_item
        assert item is not None and item.category != "offer"
        await pilot.press("c")
        await settle(app, pilot)
        options = app.screen.query_one(OptionList)
        options.highlighted = [option.id for option in options._options].index("offer")
        await pilot.press("enter")
        await settle(app, pilot)
        assert app.screen is review
        from jobber_tui.core.tracking.store import get_message

        row = get_message(app.workspace, item.id)
        assert (row.status, row.category, row.target_stage) == ("review", "offer", "offer")
        assert "Now offer" in notices(app)


def _low_contrast(text: str, fg: int | None, bg: int | None) -> bool:
    """In 16 colours, text whose colour is the background's own hue (grey on white, blue on bright blue)."""
    return any(ch.isalnum() for ch in text) and fg is not None and bg is not None and fg % 8 == bg % 8


async def _sixteen_colour_problems(app: Any, within: str | None = None) -> list[str]:
    """Low-contrast text on screen (or inside the widget `within`: a dialog over a dimmed backdrop)."""
    region = app.screen.query_one(within).region if within else None
    problems = []
    for y, strip in enumerate(app.screen._compositor.render_strips()):
        x = 0
        for segment in strip:
            style = segment.style
            start, x = x, x + segment.cell_length
            if region is not None and not region.contains(start, y):
                continue
            if style is None or style.color is None or style.bgcolor is None:
                continue
            fg = style.color.downgrade(ColorSystem.STANDARD).number
            bg = style.bgcolor.downgrade(ColorSystem.STANDARD).number
            if _low_contrast(segment.text, fg, bg):
                problems.append(f"line {y}: {segment.text.strip()[:30]!r} colour {fg} on {bg}")
    return problems


@pytest.mark.parametrize("theme", ["jobber-light", "jobber-dark"])
async def test_every_screen_is_readable_in_16_colours(job_home: Path, theme: str) -> None:
    """TERM=screen has 16 colours: every colour is rounded to one of them, as Rich does for such a terminal."""
    (job_home / "config.toml").write_text(f'theme = "{theme}"\n')
    seed(
        job_home,
        [
            {
                "title": "Rust Engineer",
                "employer": "Ferrous",
                "suitabilityScore": 80,
                "jobDescription": "## Role\n\nRust [docs](https://docs.example.com) and `cargo`.",
            },
            {"title": "Data Analyst", "employer": "Acme"},
        ],
    )
    app = build_app(home=job_home)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        seen = {"queues": await _sixteen_colour_problems(app)}
        rows = screen_text(app).splitlines()
        header_y = next(y for y, line in enumerate(rows) if "Title" in line and "Employer" in line)
        strips = app.screen._compositor.render_strips()

        def row_bg(y: int) -> int | None:
            colour = next(seg.style.bgcolor for seg in strips[y] if seg.text.strip() and seg.style)
            return colour.downgrade(ColorSystem.STANDARD).number

        assert row_bg(header_y + 1) != row_bg(header_y), "the cursor row looks like the header"
        await pilot.press("slash")
        seen["search (placeholder)"] = await _sixteen_colour_problems(app)
        await pilot.press("escape", "enter")
        await settle(app, pilot)
        seen["job: description"] = await _sixteen_colour_problems(app)
        await pilot.press("2")
        await settle(app, pilot)
        seen["job: tailor"] = await _sixteen_colour_problems(app)
        await pilot.press("f1")
        seen["help"] = await _sixteen_colour_problems(app, "HelpScreen VerticalScroll")
        await pilot.press("escape", "escape", "n")
        await settle(app, pilot)
        seen["add job"] = await _sixteen_colour_problems(app, "#add-dialog")
        assert {name: found for name, found in seen.items() if found} == {}
