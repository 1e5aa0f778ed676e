"""The PDF watcher inside the UI, with real files and the real watcher: rebuilds, the indicator, `w`."""

from __future__ import annotations

import shutil
import threading
import time
import tomllib
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from ui_helpers import settle, until
from waiting import wait_for

from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES
from jobber_tui.core.resume.processing import process_job
from jobber_tui.core.workspace import open_workspace
from jobber_tui.ui import build_app
from jobber_tui.ui.app import JobberApp
from jobber_tui.ui.screens.help_screen import keys_of
from jobber_tui.ui.widgets.queue_status import QueueStatus

pytestmark = pytest.mark.anyio
SIZE = (120, 34)
TIMEOUT = 10.0


async def watching(app: JobberApp, pilot: Pilot[Any]) -> None:
    """Wait until the watcher has done its first pass and follows changes."""
    await until(pilot, lambda: app.watch_state.on and not app.watch_state.starting, "the watcher to start")


def indicator(app: JobberApp) -> str:
    return app.screen.query_one(QueueStatus).render().plain


def watcher_running(app: JobberApp) -> bool:
    return any(worker.group == "watcher" and worker.is_running for worker in app.workers)


def fingerprint(app: JobberApp, job_id: int) -> str | None:
    return app.workspace.store.get(job_id).pdf_fingerprint


def append(path: Path, text: str) -> None:
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def saved_watch_setting(home: Path) -> Any:
    return tomllib.loads((home / "config.toml").read_text(encoding="utf-8")).get("ui", {}).get("watch")


def error_notices(app: JobberApp) -> list[str]:
    return [str(n.message) for n in app._notifications if n.severity == "error"]


def watch_thread_alive() -> bool:
    return any(t.name == "jobber-watch" for t in threading.enumerate())


def second_ready_job(home: Path, template: str) -> int:
    """Another ready job on its own copy of the classic template: editing that copy is a marker event."""
    shutil.copytree(BUNDLED_TEMPLATES / "classic", home / "templates" / template)
    ws = open_workspace(home)
    try:
        [job_id] = ws.store.add_jobs([{"title": "Marker Job", "employer": "Acme", "template": template}]).created
        process_job(ws, job_id)
        return job_id
    finally:
        ws.close()


async def test_template_edit_rebuilds_and_w_turns_the_watcher_off_and_on(home: Path, ready_job: int) -> None:
    main = home / "templates" / "mine" / "main.typ"
    app = build_app(home, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await watching(app, pilot)
        assert "● watching" in indicator(app)
        before = fingerprint(app, ready_job)
        append(main, "\n#align(center)[Edited while watching]\n")
        await until(
            pilot,
            lambda: fingerprint(app, ready_job) != before and "rebuilt 1 PDF" in indicator(app),
            "the PDF to be rebuilt and the indicator to say so",
        )

        await pilot.press("w")
        assert not app.watch_state.on and "○ watch off" in indicator(app)
        assert saved_watch_setting(home) is False
        stopped = time.monotonic()
        await until(pilot, lambda: not watcher_running(app), "the watcher to stop", timeout=2)
        assert time.monotonic() - stopped < 1.0
        await until(pilot, lambda: not watch_thread_alive(), "the file watcher thread to end", timeout=2)
        off_fingerprint = fingerprint(app, ready_job)
        append(main, "\n#align(center)[Edited while off]\n")
        # Nothing is left that could rebuild: no watcher worker, no OS watcher thread (waited for above).
        await settle(app, pilot)
        assert fingerprint(app, ready_job) == off_fingerprint, "rebuilt although the watcher is off"
        assert "○ watch off" in indicator(app)

        await pilot.press("w")
        assert saved_watch_setting(home) is True
        await until(
            pilot,
            lambda: fingerprint(app, ready_job) != off_fingerprint,
            "the stale PDF to be rebuilt when the watcher comes back",
        )
    assert error_notices(app) == []


async def test_broken_template_is_reported_once_and_the_pdf_is_kept(home: Path, ready_job: int) -> None:
    marker_job = second_ready_job(home, "marker")
    main = home / "templates" / "mine" / "main.typ"
    pdf = home / "pdfs" / f"resume_{ready_job}.pdf"
    good = pdf.read_bytes()
    app = build_app(home, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await watching(app, pilot)
        append(main, "\n#let broken = (\n")
        await until(pilot, lambda: bool(error_notices(app)), "an error notification")
        assert "error in main.typ:" in indicator(app)
        # The failure is recorded in the store; that change must not report it again. A later edit is the
        # marker: once its rebuild is reported, every change made before it (the store write too) was handled.
        marker_before = fingerprint(app, marker_job)
        append(home / "templates" / "marker" / "main.typ", "\n#align(center)[Marker edit]\n")
        await until(
            pilot,
            lambda: fingerprint(app, marker_job) != marker_before and "rebuilt 1 PDF" in indicator(app),
            "the marker job's rebuild to be reported",
        )
        await pilot.pause()  # a report posted in the same batch, right after the rebuild's, lands too
        errors = error_notices(app)
        assert len(errors) == 1, errors
        assert "main.typ:" in errors[0]
        assert pdf.read_bytes() == good
        assert app.workspace.store.get(ready_job).status == "ready"


async def test_quitting_stops_the_watcher_thread(home: Path, ready_job: int) -> None:
    app = build_app(home, watch=True)
    async with app.run_test(size=SIZE) as pilot:
        await watching(app, pilot)
        assert any(t.name == "jobber-watch" for t in threading.enumerate())
        await pilot.press("q")
    wait_for(lambda: not watch_thread_alive(), "the watcher thread to end with the app", timeout=2)


class _OnATerminal(JobberApp):
    """Decides like a real run (headless runs leave the watcher off unless asked)."""

    is_headless = False  # type: ignore[assignment]


@pytest.mark.parametrize(("config", "expected"), [("", True), ("[ui]\nwatch = false\n", False)])
async def test_the_saved_choice_is_restored_at_start(home: Path, config: str, expected: bool) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text(config, encoding="utf-8")
    app = _OnATerminal(open_workspace(home))
    try:
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert app.watch_state.on is expected
            if expected:
                await watching(app, pilot)
            help_text = [k.description for k in keys_of(app.screen)]
            assert any("Watch" in d for d in help_text), help_text  # `w` is listed by `?`
            assert not any("preview" in d for d in help_text), "`v` is listed where there is no preview"
            await pilot.press("q")
    finally:
        app.workspace.close()
