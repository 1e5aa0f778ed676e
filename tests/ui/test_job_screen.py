"""The job screen as a user drives it: edit, save, finalize, leave with and without saving."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from textual.widgets import Markdown
from ui_helpers import notices, open_job, screen_text, settle

from conftest import add_demo_job as add_job
from jobber_tui.ui import build_app
from jobber_tui.ui.screens.confirm_screen import ConfirmScreen

pytestmark = pytest.mark.anyio
SIZE = (120, 34)
HOSTILE_JD = (
    "## Role\n\n<script>alert('x')</script>\n\nWe use [bold red]Rich[/] and #set page(width: 1cm) and $x^2$.\n\n"
    '<div onclick="evil()">Ship <b>fast</b></div>\n'
)


def stored(app: Any, job_id: int) -> Any:
    return app.workspace.store.get(job_id)


async def test_edit_save_and_finalize_builds_the_edited_pdf(job_home: Path) -> None:
    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("2")
        await settle(app, pilot)
        editor = screen.editor
        editor.description.text = "## Role\n\nOperate Kubernetes clusters on AWS with Terraform."
        editor.headline.focus()
        await pilot.press(*"Quokka Platform Lead")
        editor.summary.text = "Eleven years keeping zebra fleets online."
        editor.skills.text = "Cloud: AWS, Kubernetes\nLanguages: Go,, Python"
        await pilot.pause()
        assert editor.dirty
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        job = stored(app, job_id)
        assert job.job_description.startswith("## Role\n\nOperate Kubernetes")
        assert job.tailored_headline == "Quokka Platform Lead"
        assert job.tailored_summary == "Eleven years keeping zebra fleets online."
        assert job.tailored_skills == [
            {"name": "Cloud", "keywords": ["AWS", "Kubernetes"]},
            {"name": "Languages", "keywords": ["Go", "Python"]},
        ]
        assert not editor.dirty

        editor.headline.value = "Quokka Platform Principal"  # unsaved: Finalize must save it first
        await pilot.press("escape")  # leave the field; letters are verbs again
        await pilot.press("f")
        await settle(app, pilot)
        job = stored(app, job_id)
        assert job.status == "ready", notices(app)
        assert job.tailored_headline == "Quokka Platform Principal"
        pdf = job_home / "pdfs" / f"resume_{job_id}.pdf"
        text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
        assert "Quokka Platform Principal" in text
        assert "zebra fleets" in text
        await pilot.press("3")
        await pilot.pause()
        assert "current" in str(screen.query_one("#pdf-facts").render())


async def test_projects_are_ticked_and_reordered(job_home: Path) -> None:
    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("2")
        await settle(app, pilot)
        picker = screen.editor.projects
        assert picker.chosen_ids is None  # left to Finalize until the user ticks one
        picker.focus()
        picker.highlighted = 0
        await pilot.press("space", "down", "space")  # tick the first two, in that order
        first, second = picker.chosen_ids or []
        await pilot.press("K")  # move the second above the first
        assert picker.chosen_ids == [second, first]
        assert "1. [x]" in str(picker.get_option_at_index(0).prompt)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert stored(app, job_id).selected_project_ids == [second, first]


async def test_invalid_skills_are_refused_and_nothing_is_saved(job_home: Path) -> None:
    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("2")
        await settle(app, pilot)
        screen.editor.headline.value = "Should not be saved"
        screen.editor.skills.text = "Cloud: AWS\nno colon here"
        await pilot.pause()
        assert "line 2: expected 'Group: keyword, keyword'" in str(screen.query_one(".skills-error").render())
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "line 2: expected 'Group: keyword, keyword'" in notices(app)
        job = stored(app, job_id)
        assert job.tailored_headline is None and job.tailored_skills is None


async def test_leaving_with_unsaved_edits_asks_first(job_home: Path) -> None:
    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("2")
        await settle(app, pilot)
        screen.editor.summary.focus()
        await pilot.press(*"draft")
        await pilot.press("escape")  # leaves the text field only
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.click("#choice-cancel")
        await pilot.pause()
        assert app.screen is screen and screen.editor.dirty
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("d")  # Discard
        await settle(app, pilot)
        assert screen not in app.screen_stack
        assert stored(app, job_id).tailored_summary is None


async def test_save_from_the_leave_dialog(job_home: Path) -> None:
    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        screen.editor.headline.value = "Saved on the way out"
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await settle(app, pilot)
        assert screen not in app.screen_stack
        assert stored(app, job_id).tailored_headline == "Saved on the way out"


async def test_broken_template_keeps_the_job_discovered_and_shows_why(job_home: Path) -> None:
    broken = job_home / "templates" / "broken"
    broken.mkdir(parents=True)
    (broken / "main.typ").write_text('#let data = json("data.json")\n#let oops = (\n', encoding="utf-8")
    job_id = add_job(job_home, template="broken")
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("f")
        await settle(app, pilot)
        job = stored(app, job_id)
        assert job.status == "discovered"
        assert job.last_error
        await pilot.press("3")
        await pilot.pause()
        facts = str(screen.query_one("#pdf-facts").render())
        assert "Last error" in facts
        assert job.last_error.splitlines()[0][:40] in facts.replace("\n", " ") or job.last_error[:20] in notices(app)


async def test_skip_then_reopen(job_home: Path) -> None:
    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        assert screen.check_action("job", ("reopen",)) is False  # hidden, as in the queues: already discovered
        await pilot.press("x")
        await settle(app, pilot)
        assert stored(app, job_id).status == "skipped"
        assert screen.check_action("job", ("process",)) is False
        await pilot.press("u")
        await settle(app, pilot)
        assert stored(app, job_id).status == "discovered"
        await pilot.press("4")
        await settle(app, pilot)
        kinds = [str(row[1]) for row in (screen.timeline.get_row_at(i) for i in range(screen.timeline.row_count))]
        assert kinds == ["created", "moved", "moved"]


async def test_outside_change_keeps_edited_fields_and_takes_the_rest(job_home: Path) -> None:
    from jobber_tui.ui.messages import JobsChanged

    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        screen.editor.headline.value = "Mine"
        await pilot.pause()
        app.workspace.store.patch(
            job_id, {"tailoredHeadline": "Theirs", "tailoredSummary": "From the CLI", "title": "Staff Engineer"}
        )
        screen.post_message(JobsChanged(frozenset({job_id})))
        await settle(app, pilot)
        assert screen.editor.headline.value == "Mine"  # edited here: kept
        assert screen.editor.summary.text == "From the CLI"  # not edited here: follows the store
        assert notices(app).count("your edits are kept") == 1
        assert "Staff Engineer" in str(screen.query_one("#job-title").render())
        screen.post_message(JobsChanged())  # nothing new for this job: no second warning
        await settle(app, pilot)
        assert notices(app).count("your edits are kept") == 1
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        job = stored(app, job_id)
        assert (job.tailored_headline, job.tailored_summary) == ("Mine", "From the CLI")
        assert not screen.editor.dirty


async def test_hostile_description_shows_as_text(job_home: Path) -> None:
    job_id = add_job(job_home, jobDescription=HOSTILE_JD, title="[b]Bold[/b] <i>title</i>")
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        shown = screen_text(app)
        assert "<script>alert('x')</script>" in shown
        assert "[bold red]Rich[/]" in shown
        assert "#set page(width: 1cm)" in shown
        assert "Ship <b>fast</b></div>" in shown
        assert "[b]Bold[/b]" in str(screen.query_one("#job-title").render())
        assert screen.query_one(Markdown).source == HOSTILE_JD


async def test_external_editor_falls_back_inline_when_headless(job_home: Path) -> None:
    job_id = add_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("e")  # on the Description tab, focus not in a field
        await pilot.pause()
        assert "$EDITOR not available here; edit inline" in notices(app)
        assert screen.query_one("#job-tabs").active == "tailor"
        assert app.focused is screen.editor.description
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert not screen.editor.dirty


def test_external_editor_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The temp-file round trip with a real editor program (a script), outside any event loop."""
    from contextlib import nullcontext

    from jobber_tui.ui.external_editor import edit_in_external_editor

    script = tmp_path / "fake-editor"
    script.write_text("#!/bin/sh\nprintf 'edited by editor\\n' >> \"$1\"\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setenv("VISUAL", "")
    monkeypatch.setenv("EDITOR", str(script))

    class Driver:
        can_suspend = True

    class TerminalApp:
        is_headless = False
        is_web = False
        _driver = Driver()

        def suspend(self) -> Any:
            return nullcontext()

    edited = edit_in_external_editor(TerminalApp(), "before\n", suffix=".md")  # type: ignore[arg-type]
    assert edited.text == "before\nedited by editor\n" and edited.note == ""
    assert not list(Path(json.dumps(str(tmp_path))[1:-1]).glob("jobber-*"))
