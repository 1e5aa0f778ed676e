"""The queues screen as a user drives it: tabs and counts, switching, filtering, sorting, verbs,
keys that do not apply, remapped keys, help, the palette, and changes made by another process."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from ui_helpers import notices, run_from_palette, screen_text, settle, until

from jobber_tui.core.jobs.queue_rows import QUEUES, count_by_status, fetch_rows, fetch_rows_by_id
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.workspace import open_workspace
from jobber_tui.ui import build_app
from jobber_tui.ui.app import JobberApp
from jobber_tui.ui.job_actions import Done
from jobber_tui.ui.screens.help_screen import HelpScreen
from jobber_tui.ui.screens.queues_screen import QueuesScreen
from jobber_tui.ui.widgets.filter_input import FilterInput
from jobber_tui.ui.widgets.queue_table import QueueTable

pytestmark = pytest.mark.anyio
SIZE = (120, 34)
JOBS = [
    {
        "title": "Rust Engineer",
        "employer": "Ferrous Labs",
        "location": "Berlin",
        "suitabilityScore": 80,
        "jobUrl": "https://jobs.example.com/rust",
    },
    {"title": "Platform Engineer", "employer": "Harborline", "location": "Denver, CO", "suitabilityScore": 91},
    {"title": "Data Analyst", "employer": "Acme", "location": "Remote", "suitabilityScore": 40},
    {"title": "Backend Developer", "employer": "Rustic Foods", "location": "Lisbon", "suitabilityScore": 65},
]


def make_app(home: Path, jobs: list[dict[str, Any]] = JOBS) -> JobberApp:
    app = build_app(home=home)
    app.workspace.store.add_jobs([dict(job) for job in jobs])
    return app


def table(app: JobberApp) -> QueueTable:
    return app.screen.query_one(QueueTable)


def titles(app: JobberApp) -> list[str]:
    return [row.title for row in table(app).shown]


def test_queue_rows_are_light_and_counts_come_from_one_query(home: Path) -> None:
    ws = open_workspace(home)
    ids = ws.store.add_jobs([dict(job) for job in JOBS]).created
    ws.store.move(ids[0], JobStatus.SKIPPED)
    rows = fetch_rows(ws.store, QUEUES[0].statuses)
    assert sorted(row.id for row in rows) == ids[1:]
    assert rows[0].haystack == f"{rows[0].title}\n{rows[0].employer}\n{rows[0].location}".lower()
    assert not hasattr(rows[0], "job_description")
    assert [row.status for row in fetch_rows_by_id(ws.store, [ids[0], 999])] == ["skipped"]
    assert len(fetch_rows(ws.store, tuple(JobStatus))) == 4
    counts = count_by_status(ws.store)
    assert counts[JobStatus.DISCOVERED] == 3 and counts[JobStatus.SKIPPED] == 1 and counts[JobStatus.READY] == 0
    ws.close()


async def test_tabs_show_live_counts_and_the_best_job_first(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "1 Discovered (4)" in text and "2 Ready (0)" in text and "6 All (4)" in text
        assert titles(app) == ["Platform Engineer", "Rust Engineer", "Backend Developer", "Data Analyst"]
        assert "Discovered 1/4" in text
        await pilot.press("x")
        await settle(app, pilot)
        text = screen_text(app)
        assert "1 Discovered (3)" in text and "4 Skipped (1)" in text


async def test_number_keys_and_brackets_switch_queues(home: Path) -> None:
    app = make_app(home)
    ws = app.workspace
    ws.store.move(1, JobStatus.APPLIED)
    ws.store.move(3, JobStatus.SKIPPED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert titles(app) == ["Platform Engineer", "Backend Developer"]
        await pilot.press("3")
        assert titles(app) == ["Rust Engineer"]
        await pilot.press("right_square_bracket")
        assert titles(app) == ["Data Analyst"]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert titles(app) == []
        assert "No job is ready yet" in screen_text(app)
        await pilot.press("6")
        assert len(titles(app)) == 4 and "Status" in screen_text(app)
        await pilot.press("1")
        assert titles(app) == ["Platform Engineer", "Backend Developer"]


async def test_filter_narrows_as_you_type_and_esc_restores(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", "r", "u", "s")
        field = app.screen.query_one(FilterInput)
        assert app.focused is field and field.value == "rus"  # letters typed, not run as keys
        # Employer and title both match; any case.
        assert titles(app) == ["Rust Engineer", "Backend Developer"]
        await pilot.press("t", "space", "b", "e", "r")
        assert titles(app) == ["Rust Engineer"]
        await pilot.press("enter")
        assert isinstance(app.focused, QueueTable) and field.display
        assert "search “rust ber” 1 of 4" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(titles(app)) == 4 and not field.display and field.value == ""


async def test_filter_keeps_letter_keys_from_firing(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("slash", "x", "a", "q", "1", "slash")
        await settle(app, pilot)
        assert app.screen.query_one(FilterInput).value == "xaq1/"
        assert app.is_running and count_by_status(app.workspace.store)[JobStatus.DISCOVERED] == 4


async def test_sort_cycles_columns_and_reverses(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Score▼" in screen_text(app)
        await pilot.press("s")
        assert titles(app) == ["Backend Developer", "Data Analyst", "Platform Engineer", "Rust Engineer"]
        assert "Title▲" in screen_text(app)
        await pilot.press("S")
        assert titles(app) == ["Rust Engineer", "Platform Engineer", "Data Analyst", "Backend Developer"]
        await pilot.press("s")
        assert [row.employer for row in table(app).shown] == ["Acme", "Ferrous Labs", "Harborline", "Rustic Foods"]


async def test_cursor_moves_with_vim_keys(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "j")
        assert table(app).current_row.title == "Backend Developer"
        await pilot.press("k")
        assert table(app).current_row.title == "Rust Engineer"
        await pilot.press("G")
        assert table(app).current_row.title == "Data Analyst"
        await pilot.press("g")
        assert table(app).current_row.title == "Platform Engineer"


async def test_skip_moves_the_job_to_skipped_and_reopen_brings_it_back(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "x")  # Rust Engineer, second by score
        await settle(app, pilot)
        assert app.workspace.store.get(1).status == "skipped"
        assert titles(app) == ["Platform Engineer", "Backend Developer", "Data Analyst"]
        assert table(app).current_row.title == "Backend Developer"  # the next job, not the top
        assert "Job 1: skipped" in notices(app)
        await pilot.press("4")
        assert titles(app) == ["Rust Engineer"]
        await pilot.press("u")
        await settle(app, pilot)
        assert app.workspace.store.get(1).status == "discovered"
        assert titles(app) == []
        await pilot.press("1")
        assert "Rust Engineer" in titles(app)


async def test_keys_that_do_not_fit_the_job_are_hidden_and_do_nothing(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, QueuesScreen)
        assert screen.check_action("job", ("generate-pdf",)) is False  # discovered: no PDF to rebuild
        assert screen.check_action("job", ("reopen",)) is False
        assert screen.check_action("job", ("skip",)) is True
        footer = screen_text(app).splitlines()[-1]
        assert "Skip" in footer and "Regenerate" not in footer and "Reopen" not in footer
        await pilot.press("r", "u")
        await settle(app, pilot)
        assert app.workspace.store.get(2).status == "discovered" and not app.workers
        # While an action runs on the job, its verbs are greyed out (shown, but disabled).
        app.busy_jobs.add(2)
        assert screen.check_action("job", ("skip",)) is None
        await pilot.press("x")
        await settle(app, pilot)
        assert app.workspace.store.get(2).status == "discovered"


async def test_remapped_key_from_config(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[keys]\nskip = "d"\nno-such-binding = "z"\n')
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await settle(app, pilot)
        assert app.workspace.store.get(2).status == "discovered"
        await pilot.press("d")
        await settle(app, pilot)
        assert app.workspace.store.get(2).status == "skipped"
        assert "no-such-binding" in notices(app)
        await pilot.press("question_mark")
        skip_line = next(line for line in screen_text(app).splitlines() if " Skip " in line)
        assert re.search(r"│ d +Skip", skip_line), skip_line


async def test_help_lists_the_keys_of_where_you_are(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        for expected in ("Keys: Queues", "Finalize", "Skip", "Search", "Next queue", "Quit"):
            assert expected in text, expected
        await pilot.press(*"j" * 30)  # the app's keys come last: at 34 rows the list scrolls to them
        assert "ctrl+p" in screen_text(app) and "Sort" in screen_text(app)
        assert "Regenerate" not in text  # not for a discovered job
        await pilot.press("escape")
        assert isinstance(app.screen, QueuesScreen)
        app.workspace.store.move(2, JobStatus.SKIPPED)
        await pilot.press("R")
        await settle(app, pilot)
        await pilot.press("4", "question_mark")
        text = screen_text(app)
        assert "Reopen" in text and "Finalize" not in text


async def test_a_job_written_by_another_process_shows_up(home: Path) -> None:
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        other = open_workspace(home)  # another connection, as a CLI in the next pane would be
        other.store.add_jobs([{"title": "Site Reliability Engineer", "employer": "Elsewhere", "suitabilityScore": 99}])
        other.store.move(3, JobStatus.APPLIED)
        other.close()
        await until(pilot, lambda: titles(app)[0] == "Site Reliability Engineer", "the other process's job on screen")
        await settle(app, pilot)
        assert "Data Analyst" not in titles(app)
        assert "1 Discovered (4)" in screen_text(app) and "3 Applied (1)" in screen_text(app)


async def test_enter_opens_the_job(home: Path) -> None:
    from jobber_tui.ui.screens.job_screen import JobScreen

    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, JobScreen) and app.screen.job_id == 1


async def test_palette_jumps_to_a_job_and_runs_verbs(home: Path) -> None:
    app = make_app(home)
    app.workspace.store.move(3, JobStatus.SKIPPED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await run_from_palette(app, pilot, "analyst", "Data Analyst")
        await pilot.pause()
        assert isinstance(app.screen, QueuesScreen)
        assert app.screen.queue == "skipped" and table(app).current_row.title == "Data Analyst"
        await run_from_palette(app, pilot, "reopen", "reopen")
        await settle(app, pilot)
        assert app.workspace.store.get(3).status == "discovered"


async def test_a_failed_finalize_is_shown_once_and_the_job_stays_discovered(home: Path) -> None:
    app = make_app(home)  # no resume.json in this home: tailoring cannot start
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("f")
        await settle(app, pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "resume" in str(errors[0].message).lower()
        assert app.workspace.store.get(2).status == "discovered" and not app.busy_jobs
        assert titles(app)[0] == "Platform Engineer"
        assert app.screen.check_action("job", ("process",)) is True  # keys are back once it ended


async def test_a_running_action_shows_progress_and_greys_the_jobs_keys(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import jobber_tui.ui.app as app_module

    release = threading.Event()

    def slow_carry_out(ws: Any, action: str, job_id: int) -> Done:
        release.wait(10)
        ws.store.move(job_id, JobStatus.SKIPPED)
        return Done(f"Job {job_id}: skipped")

    monkeypatch.setattr(app_module, "carry_out", slow_carry_out)
    app = make_app(home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        assert app.busy_jobs == {2}
        text = screen_text(app)
        assert "⟳ 1 working" in text and "⟳" in text.splitlines()[2]  # status line and the job's row
        assert app.screen.check_action("job", ("skip",)) is None
        release.set()
        await settle(app, pilot)
        assert not app.busy_jobs and "⟳" not in screen_text(app)
        assert "Platform Engineer" not in titles(app)


async def test_mouse_clicks_on_a_tab_a_header_and_a_row(home: Path) -> None:
    from jobber_tui.ui.widgets.queue_tabs import QueueTabs

    app = make_app(home)
    app.workspace.store.move(3, JobStatus.SKIPPED)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click(QueueTable, offset=(12, 0))  # the Title header
        assert titles(app) == ["Backend Developer", "Platform Engineer", "Rust Engineer"]
        await pilot.click(QueueTable, offset=(12, 0))
        assert titles(app) == ["Rust Engineer", "Platform Engineer", "Backend Developer"]
        await pilot.click(QueueTable, offset=(12, 3))
        assert table(app).current_row.title == "Backend Developer"
        skipped_at = screen_text(app).splitlines()[0].index("4 Skipped")
        await pilot.click(QueueTabs, offset=(skipped_at + 2, 0))
        assert titles(app) == ["Data Analyst"]
