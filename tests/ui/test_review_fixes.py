"""One verb, one key, one label in the queues, the job view and the palette; keys that do nothing are
hidden; every binding has a remappable id the help shows; worker failures reach the user."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Button
from ui_helpers import open_job, run_from_palette, screen_text, settle

import jobber_tui.ui
from conftest import add_demo_job as add_job
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.workspace import open_workspace
from jobber_tui.ui import build_app, keymap
from jobber_tui.ui.screens.help_screen import HelpScreen

pytestmark = pytest.mark.anyio


def test_every_ui_binding_has_an_id_from_the_keymap() -> None:
    for info in pkgutil.walk_packages(jobber_tui.ui.__path__, "jobber_tui.ui."):
        module = importlib.import_module(info.name)
        for value in vars(module).values():
            if not isinstance(value, type) or value.__module__ != module.__name__:
                continue
            for binding in vars(value).get("BINDINGS", ()):
                assert binding.id in keymap.BINDING_IDS, f"{value.__name__}: {binding.key} has no keymap id"


async def test_palette_finalize_in_the_job_view_saves_the_edits_first(job_home: Path) -> None:
    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("2")
        await settle(app, pilot)
        screen.editor.headline.value = "Quokka Platform Principal"
        await pilot.pause()
        assert screen.editor.dirty
        await run_from_palette(app, pilot, "finalize", "finalize")
        await settle(app, pilot)
        job = app.workspace.store.get(job_id)
        assert job.status == "ready"
        assert job.tailored_headline == "Quokka Platform Principal"  # the PDF was built from what was on screen
        assert not screen.editor.dirty


async def test_job_view_hides_verbs_that_do_not_apply_and_fits_80_columns(job_home: Path) -> None:
    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_job(app, pilot, job_id)
        for verb in ("generate-pdf", "reopen", "open-pdf"):
            assert screen.check_action("job", (verb,)) is False, verb
        assert screen.check_action("set_stage", ()) is False and screen.check_action("save", ()) is False
        footer = screen_text(app).splitlines()[-1]
        assert "f Finalize" in footer and "x Skip" in footer and "? Help" in footer, footer
        assert "Reopen" not in footer and "Regenerate" not in footer and "Save" not in footer
        await pilot.press("u", "r")  # hidden keys do nothing
        await settle(app, pilot)
        assert app.workspace.store.get(job_id).status == "discovered"
        await pilot.press("3")
        await pilot.pause()
        assert "f (Finalize) builds it" in str(screen.query_one("#pdf-facts").render())
        assert screen.query_one("#pdf-regenerate", Button).disabled and screen.query_one("#pdf-open", Button).disabled
        app.busy_jobs.add(job_id)  # an action running: the same verbs greyed, not hidden
        assert screen.check_action("job", ("skip",)) is None
        app.busy_jobs.discard(job_id)
        await pilot.press("x")
        await settle(app, pilot)
        assert app.workspace.store.get(job_id).status == "skipped"
        assert screen.check_action("job", ("reopen",)) is True and screen.check_action("job", ("skip",)) is False


async def test_help_shows_the_id_that_remaps_each_key(job_home: Path) -> None:
    add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        skip_line = next(line for line in screen_text(app).splitlines() if " Skip " in line)
        assert "skip" in skip_line.split("Skip", 1)[1], skip_line


async def test_w_toggles_the_watcher_on_the_ghostwriter_tab_too(job_home: Path) -> None:
    job_id = add_job(job_home)
    # A model configured, so the Ghostwriter's keys are live (nothing is sent in this test).
    (job_home / "config.toml").write_text('[llm]\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "m"\n')
    app = build_app(home=job_home, watch=False)
    toggled: list[bool] = []
    app._set_watching = toggled.append  # type: ignore[method-assign]  # no watcher thread in this test
    async with app.run_test(size=(120, 34)) as pilot:
        await open_job(app, pilot, job_id)
        await pilot.press("5")
        await settle(app, pilot)
        assert app.screen.ghostwriter.can_chat()
        toggled.clear()
        await pilot.press("w")
        await pilot.pause()
        assert toggled == [True]


async def test_screen_keys_are_hidden_where_they_would_do_nothing(job_home: Path) -> None:
    app = build_app(home=job_home)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        assert app.check_action("open_review", ()) is True
        await pilot.press("I")
        await settle(app, pilot)
        assert app.check_action("open_review", ()) is False and app.check_action("open_pipeline", ()) is True
        await pilot.press("question_mark")
        assert app.check_action("open_pipeline", ()) is False  # not over a dialog


async def test_a_failing_save_is_reported_not_swallowed(job_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("2")
        await settle(app, pilot)

        def broken(*_args: Any, **_kwargs: Any) -> Any:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(app.workspace.store, "patch", broken)
        screen.editor.headline.value = "Edited"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert any("disk on fire" in str(n.message) for n in errors)
        assert screen.editor.dirty  # nothing was lost


async def test_a_stale_queue_shows_at_once_and_catches_up_in_a_worker(job_home: Path) -> None:
    add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        await pilot.press("4")  # Skipped, read once (empty)
        await pilot.press("1")
        ws = open_workspace(job_home)  # another process skips a new job
        try:
            new = ws.store.add_jobs(
                [{"title": "Outside", "employer": "Elsewhere", "jobUrl": "https://jobs.example.com/2"}]
            ).created[0]
            ws.store.move(new, JobStatus.SKIPPED)
        finally:
            ws.close()
        app.broadcast_jobs_changed()
        await settle(app, pilot)
        await pilot.press("4")
        await settle(app, pilot)
        assert [row.title for row in app.screen.table.shown] == ["Outside"]


async def test_quit_with_unsaved_edits_asks_first(job_home: Path) -> None:
    from jobber_tui.ui.screens.confirm_screen import ConfirmScreen

    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_job(app, pilot, job_id)
        screen.editor.headline.value = "Kept on quit"
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen) and app.is_running  # not gone with the edits
        await pilot.press("q")  # over the question: answer it first
        await pilot.pause()
        assert len([s for s in app.screen_stack if isinstance(s, ConfirmScreen)]) == 1
        await pilot.press("c")  # Cancel
        await pilot.pause()
        assert app.screen is screen and screen.editor.dirty
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("s")  # Save, then quit
        await settle(app, pilot)
    assert app.workspace.store.get(job_id).tailored_headline == "Kept on quit"
    assert app.return_code == 0


async def test_quit_without_edits_just_quits(job_home: Path) -> None:
    add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
