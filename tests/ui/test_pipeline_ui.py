"""The pipeline screen (`P`) and the boards screen (`B`) as a user drives them, against a real loopback
job board: a run with per-board and per-job progress and a summary, cancelling a run, and boards
added and removed through config.toml."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from discovery.board_server import DEMO_RESUME, FIXTURES, Loopback, Reply
from textual.pilot import Pilot
from textual.widgets import Input, Select, Static
from ui_helpers import screen_text, until

from jobber_tui.core.discovery.store import list_runs, save_scores
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.ui import build_app
from jobber_tui.ui.app import JobberApp
from jobber_tui.ui.screens.add_source_screen import AddSourceScreen
from jobber_tui.ui.screens.confirm_screen import ConfirmScreen
from jobber_tui.ui.screens.pipeline_screen import PipelineScreen
from jobber_tui.ui.screens.sources_screen import SourcesScreen
from jobber_tui.ui.widgets.source_progress_table import SourceProgressTable

pytestmark = pytest.mark.anyio
SIZE = (120, 34)
BOARD = "/v1/boards/acme/jobs"


@pytest.fixture
def loopback() -> Iterator[Loopback]:
    server = Loopback()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def board_home(home: Path, loopback: Loopback) -> Path:
    """The demo resume and one greenhouse board whose `base_url` is the loopback server."""
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEMO_RESUME, home / "resume.json")
    (home / "config.toml").write_text(
        "[discovery]\ntimeout = 0.5\nretries = 0\nbackoff = 0.01\n\n"
        f'[[sources]]\nkind = "greenhouse"\nboard = "acme"\nbase_url = "{loopback.url}"\n'
    )
    return home


def statuses(app: JobberApp) -> list[str]:
    return [job["status"] for job in app.workspace.store.list_dicts()]


def record_states(screen: PipelineScreen) -> list[str]:
    """Every text the state line shows from now on (some last only a moment)."""
    said: list[str] = []
    state = screen.query_one("#pipeline-state", Static)
    update = state.update

    def recording(content: Any = "") -> None:
        said.append(str(content))
        update(content)

    state.update = recording  # type: ignore[method-assign]
    return said


async def open_pipeline(app: JobberApp, pilot: Pilot[Any]) -> PipelineScreen:
    await pilot.press("P")
    await until(pilot, lambda: isinstance(app.screen, PipelineScreen), "the pipeline screen", timeout=20)
    await pilot.pause()
    assert isinstance(app.screen, PipelineScreen)
    return app.screen


async def run_to_the_end(app: JobberApp, pilot: Pilot[Any], screen: PipelineScreen) -> None:
    await until(pilot, lambda: screen.phase == "done", "the run to finish", timeout=20)
    # Only the run's own worker: the queues underneath may replace (cancel) their reload workers meanwhile.
    await until(
        pilot,
        lambda: not any(w.group == "pipeline" and w.is_running for w in app.workers),
        "the pipeline worker to end",
        timeout=20,
    )
    await pilot.pause()


async def test_a_run_shows_boards_jobs_and_a_summary(board_home: Path, loopback: Loopback) -> None:
    loopback.fixture(BOARD, "greenhouse_jobs.json")
    app = build_app(home=board_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pipeline(app, pilot)
        assert "greenhouse/acme" in screen_text(app) and "waiting" in screen_text(app)
        await pilot.press("r")
        await run_to_the_end(app, pilot, screen)

        row = [cell.plain for cell in screen.query_one(SourceProgressTable).get_row("greenhouse/acme")]
        assert row[:4] == ["greenhouse/acme", "fetched", "3", "3"]  # board, state, fetched, new
        ready = statuses(app).count(JobStatus.READY)
        assert ready >= 1 and screen.progress.total == ready
        text = screen_text(app)
        assert f"job {ready} of {ready}" in text
        assert "run 1 completed in" in text and f"{ready} ready, 0 failed" in text
        assert "Run 1 completed" in text and "✓ ready" in text
        assert all(
            (board_home / "pdfs" / f"resume_{job['id']}.pdf").is_file()
            for job in app.workspace.store.list_dicts()
            if job["status"] == JobStatus.READY
        )
        runs = list_runs(app.workspace.store)
        assert [run["status"] for run in runs] == ["completed"]
        # The last runs, newest first: the list reloads in a worker once the run is recorded.
        await until(pilot, lambda: "completed" in screen_text(app).split("Recent runs")[1], "the run in Recent runs")

        await pilot.press("escape")  # back to the queues, which show the new jobs
        await pilot.pause()
        assert not isinstance(app.screen, PipelineScreen)
        assert f"2 Ready ({ready})" in screen_text(app)


async def test_cancel_while_fetching_leaves_every_job_valid(board_home: Path, loopback: Loopback) -> None:
    loopback.route(BOARD, Reply(200, (FIXTURES / "greenhouse_jobs.json").read_bytes(), delay=3.0))
    app = build_app(home=board_home)
    ids = app.workspace.store.add_jobs([{"title": "Platform Engineer", "employer": "Old"}]).created
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pipeline(app, pilot)
        said = record_states(screen)
        await pilot.press("r")
        await until(
            pilot,
            lambda: screen.progress.sources["greenhouse/acme"].state == "fetching",
            "the stalled source to show as fetching",
            timeout=20,
        )
        await pilot.press("c")
        await run_to_the_end(app, pilot, screen)
        assert "Run 1: cancelling… (a job being built is finished first)" in said  # the core stops within ~50 ms
        assert said[-1].startswith("Run 1 cancelled: every job is in a valid state")
        assert "Run 1 cancelled" in screen_text(app)
        assert screen.progress.sources["greenhouse/acme"].state == "not fetched"
    assert list_runs(app.workspace.store)[0]["status"] == "cancelled"
    assert [job["id"] for job in app.workspace.store.list_dicts()] == ids  # nothing imported
    assert statuses(app) == [JobStatus.DISCOVERED]


async def test_cancel_while_processing_finishes_the_job_in_hand(
    board_home: Path, loopback: Loopback, monkeypatch: pytest.MonkeyPatch
) -> None:
    from jobber_tui.core.discovery import pipeline

    gate = threading.Event()
    process_job = pipeline.process_job

    def held(ws: Any, job_id: int) -> None:  # the first job waits for the test to press cancel
        gate.wait(10)
        process_job(ws, job_id)

    monkeypatch.setattr(pipeline, "process_job", held)
    loopback.json(BOARD, {"jobs": []})
    app = build_app(home=board_home)
    store = app.workspace.store
    ids = store.add_jobs([{"title": f"Platform Engineer {i}", "employer": f"E{i}"} for i in range(12)]).created
    save_scores(store, [(job_id, 90, "set by test") for job_id in ids])
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pipeline(app, pilot)
        await pilot.press("r")
        await until(pilot, lambda: screen.progress.jobs, "the first job in the progress", timeout=20)
        assert "job 0 of 10 · building Platform Engineer 0 at E0" in screen_text(app)  # top = 10 (config default)
        assert "⟳ processing" in screen_text(app)
        await pilot.press("escape")  # esc cancels while running
        assert "Run 1: cancelling… (a job being built is finished first)" in screen_text(app)
        gate.set()
        await run_to_the_end(app, pilot, screen)
        assert "Run 1 cancelled: every job is in a valid state" in screen_text(app)
        assert "job 1 of 10" in screen_text(app) and "1 ready, 0 failed" in screen_text(app)
    found = statuses(app)
    assert found.count(JobStatus.READY) == 1 and found.count(JobStatus.DISCOVERED) == 11  # none in processing
    run = list_runs(store)[0]
    assert run["status"] == "cancelled" and run["counts"]["ready"] == 1


async def test_no_boards_is_said_clearly_and_a_bad_option_is_refused(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copy(DEMO_RESUME, home / "resume.json")
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_pipeline(app, pilot)
        assert "No job boards configured: press B to add one" in screen_text(app)
        screen.query_one("#option-min-score", Input).value = "101"
        await pilot.press("r")
        await run_to_the_end(app, pilot, screen)
        assert "min-score must be between 0 and 100" in screen_text(app)
        assert screen.progress.status == "failed"
        screen.query_one("#option-min-score", Input).focus()
        await pilot.press("backspace", "backspace", "backspace", "9", "0", "r", "c")  # letters never fire in a field
        assert screen.phase == "done" and screen.query_one("#option-min-score", Input).value == "90"
        await pilot.press("enter")  # enter in a field runs
        await run_to_the_end(app, pilot, screen)
        assert screen.progress.status == "completed" and "0 sources" in screen_text(app)


def config_text(home: Path) -> str:
    return (home / "config.toml").read_text()


async def add_board(
    app: JobberApp, pilot: Pilot[Any], kind: str | None, board: str, base_url: str = "", *, typed: bool = False
) -> None:
    """In the add dialog: pick the kind (None leaves it blank), give the board (`typed`: key by key), ctrl+s."""
    dialog = app.screen
    assert isinstance(dialog, AddSourceScreen)
    select = dialog.query_one(Select)
    if kind is None:
        select.clear()
    else:
        select.value = kind
    dialog.query_one("#source-base-url", Input).value = base_url
    field = dialog.query_one("#source-board", Input)
    if typed:
        field.value = ""
        field.focus()
        await pilot.press(*board)
    else:
        field.value = board
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_boards_are_added_and_removed_through_config(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('theme = "jobber-dark"  # kept = true\n[pipeline]\ntop = 7\n')
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen)
        assert "No job boards yet: press a to add one" in screen_text(app)
        await pilot.press("a")
        await pilot.pause()
        before = config_text(home)

        await add_board(app, pilot, None, "acme")
        assert "unknown source kind ''; expected one of: greenhouse" in screen_text(app)
        app.screen.query_one(Select).focus()
        await pilot.press("enter", "down", "enter")  # the kind from the keyboard
        assert app.screen.query_one(Select).value == "greenhouse"
        assert "Board: the token in boards.greenhouse.io/stripe" in screen_text(app)
        await add_board(app, pilot, "greenhouse", "bad board")
        assert "board: expected a name such as 'stripe'" in screen_text(app)
        await add_board(app, pilot, "greenhouse", "acme", base_url="ftp://mirror")
        assert "base URL: expected an http(s) URL" in screen_text(app)
        assert config_text(home) == before and isinstance(app.screen, AddSourceScreen)

        await add_board(app, pilot, "greenhouse", "Parts.Co", typed=True)  # typing P never opens a screen
        assert isinstance(app.screen, SourcesScreen)
        assert '"greenhouse"' in config_text(home) and "Parts.Co" in config_text(home)
        assert "# kept = true" in config_text(home) and "ftp://" not in config_text(home)
        assert "greenhouse" in screen_text(app) and "Parts.Co" in screen_text(app)

        await pilot.press("a")
        await pilot.pause()
        await add_board(app, pilot, "greenhouse", "Parts.Co")
        assert "greenhouse/Parts.Co is already configured" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()

        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("c")  # cancel: nothing removed
        await pilot.pause()
        assert "Parts.Co" in config_text(home)
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert "Parts.Co" not in config_text(home) and "# kept = true" in config_text(home)
        assert "No job boards yet" in screen_text(app)

        await pilot.press("P")  # the pipeline, then B goes back down to these boards
        await pilot.pause()
        assert isinstance(app.screen, PipelineScreen)
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, SourcesScreen) and len(app.screen_stack) == 3


def test_start_up_does_not_load_the_pipeline(home: Path) -> None:
    """First paint stays fast: these screens and the pipeline's core load when first opened."""
    script = (
        "import asyncio, json, sys\n"
        "from jobber_tui.ui import build_app\n"
        "async def main():\n"
        f"    app = build_app({str(home)!r})\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "    app.workspace.close()\n"
        "    lazy = [m for m in sys.modules if m.endswith(('pipeline_screen', 'sources_screen', 'core.pipeline'))]\n"
        "    print(json.dumps(sorted(lazy)))\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []
