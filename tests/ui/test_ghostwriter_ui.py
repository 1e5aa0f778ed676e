"""The Ghostwriter tab as a user drives it, against a real loopback chat-completions server (SSE)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from llm.chat_server import ChatServer, Reply, running_chat_server, sse_chunks
from test_job_screen import add_job, notices, open_job, screen_text, settle
from textual.pilot import Pilot
from textual.widgets import TextArea
from ui_helpers import until

from jobber_tui.core.infra.paths import PACKAGE_DIR
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.resume.ghostwriter import history, quick_prompt
from jobber_tui.ui import build_app
from jobber_tui.ui.screens.ask_text_screen import AskTextScreen
from jobber_tui.ui.screens.job_screen import JobScreen
from jobber_tui.ui.widgets.ghostwriter_pane import GhostwriterPane

pytestmark = pytest.mark.anyio
SIZE = (120, 34)


def _home(home: Path, url: str | None) -> Path:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE_DIR / "demo" / "resume.json", home / "resume.json")
    if url:
        (home / "config.toml").write_text(
            f'[llm]\nbase_url = "{url}"\nmodel = "m"\napi_key_env = "GW_KEY"\nretries = 0\n'
        )
    return home


@pytest.fixture
def served(home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[ChatServer]:
    monkeypatch.setenv("GW_KEY", "sk-test")
    with running_chat_server() as (server, url):
        _home(home, url)
        yield server


async def ghostwriter_tab(app: Any, pilot: Pilot[Any], job_id: int) -> GhostwriterPane:
    screen = await open_job(app, pilot, job_id)
    await pilot.press("5")
    await settle(app, pilot)
    assert screen.query_one("#job-tabs").active == "ghostwriter"
    return screen.ghostwriter


def turns(app: Any, job_id: int) -> list[tuple[str, str, str]]:
    return [(m.role, m.content, m.status) for m in history(app.workspace, job_id)]


async def test_prompt_streams_into_the_pane_and_is_kept(served: ChatServer, home: Path) -> None:
    job_id = add_job(home)
    served.script = [Reply(sse=sse_chunks("I keep ", "platforms ", "calm."))]
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        pane = await ghostwriter_tab(app, pilot, job_id)
        assert "Model m" in str(pane.query_one("#ghostwriter-note").render())
        await pilot.press("enter", *"Why this job?", "enter")
        await settle(app, pilot)
        assert "I keep platforms calm." in screen_text(app)
        assert turns(app, job_id) == [
            ("user", "Why this job?", "complete"),
            ("assistant", "I keep platforms calm.", "complete"),
        ]
        assert app.focused is pane.prompt  # ready for a follow-up
        await pilot.press("escape", "y")  # esc leaves the prompt; y copies
        assert app.clipboard == "I keep platforms calm."
        assert isinstance(app.screen, JobScreen)


async def test_quick_actions_send_their_prompts(served: ChatServer, home: Path) -> None:
    job_id = add_job(home)
    served.script = [Reply(sse=sse_chunks("- Kubernetes: ran 40 clusters")), Reply(sse=sse_chunks("Because Go."))]
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await ghostwriter_tab(app, pilot, job_id)
        await pilot.press("i")
        await settle(app, pilot)
        assert served.requests[-1]["messages"][-1]["content"] == quick_prompt("talking-points")
        assert "Interview talking points" in screen_text(app) and "ran 40 clusters" in screen_text(app)

        await pilot.press("n")  # answer a question: pasted in a dialog
        await pilot.pause()
        assert isinstance(app.screen, AskTextScreen)
        app.screen.query_one(TextArea).text = "Why do you want\nto work with Go?"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert served.requests[-1]["messages"][-1]["content"] == quick_prompt(
            "answer", "Why do you want\nto work with Go?"
        )
        assert turns(app, job_id)[-1] == ("assistant", "Because Go.", "complete")


async def test_cancel_keeps_the_partial_answer_across_restarts(served: ChatServer, home: Path) -> None:
    job_id = add_job(home)
    words = [f"word{i} " for i in range(300)]
    served.script = [Reply(sse=sse_chunks(*words), delay=0.01)]
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        pane = await ghostwriter_tab(app, pilot, job_id)
        await pilot.press("c")
        await until(pilot, lambda: "word3 " in pane.chat.turns[-1].content, "the streamed words", timeout=10)
        assert pane.streaming and pane.prompt.disabled
        await pilot.press("escape")  # stops the answer; does not leave the job
        await until(pilot, lambda: not pane.streaming, "the stream to end", timeout=10)
        await settle(app, pilot)
        assert isinstance(app.screen, JobScreen)
        role, partial, status = turns(app, job_id)[-1]
        assert (role, status) == ("assistant", "cancelled")
        assert partial.startswith("word0 word1 word2 word3 ") and partial != "".join(words)
        assert pane.chat.turns[-1].content == partial
        assert "cancelled (partial)" in screen_text(app)
        await pilot.press("escape")  # nothing streams now: esc goes back to the queues
        await pilot.pause()
        assert not isinstance(app.screen, JobScreen)

    again = build_app(home=home)
    async with again.run_test(size=SIZE) as pilot:
        await ghostwriter_tab(again, pilot, job_id)
        shown = screen_text(again)
        assert "Write a cover letter" in shown and "word3" in shown and "cancelled (partial)" in shown


async def test_model_error_mid_stream_is_one_notice_and_kept_as_failed(served: ChatServer, home: Path) -> None:
    job_id = add_job(home)
    served.script = [Reply(sse=sse_chunks("Half ", done=False) + ["event: error", 'data: {"error": "quota"}', ""])]
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        pane = await ghostwriter_tab(app, pilot, job_id)
        await pilot.press("m")
        await settle(app, pilot)
        assert notices(app).count("quota") == 1
        assert turns(app, job_id)[-1] == ("assistant", "Half ", "failed")
        assert "failed (partial)" in screen_text(app)
        assert not pane.streaming and pane.check_action("quick", ("recruiter",)) is True


async def test_answer_saved_as_cover_letter_pdf(served: ChatServer, home: Path) -> None:
    job_id = add_job(home)
    letter = "I keep platforms calm.\n\nI would like to do that at Harborline."
    served.script = [Reply(sse=sse_chunks(letter))]
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await ghostwriter_tab(app, pilot, job_id)
        await pilot.press("c")
        await settle(app, pilot)
        await pilot.press("L")
        await settle(app, pilot)
        pdf = home / "pdfs" / f"cover_letter_{job_id}.pdf"
        assert pdf.exists(), notices(app)
        assert app.workspace.store.get(job_id).cover_letter == letter
        assert "Cover letter saved: ~/home/pdfs/cover_letter_1.pdf" in notices(app)


async def test_without_a_model_the_pane_explains_and_drafts_from_the_resume(home: Path) -> None:
    _home(home, None)
    job_id = add_job(home)
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        pane = await ghostwriter_tab(app, pilot, job_id)
        note = " ".join(str(pane.query_one("#ghostwriter-note").render()).split())
        assert "No model configured: run `jobber llm use PRESET --model NAME`" in note and "Language models" in note
        assert "jobber llm use ollama --model llama3.1" in note
        assert pane.prompt.disabled
        await pilot.press("c")  # the key answers: what is missing and how to set it
        await pilot.pause()
        said = [n for n in app._notifications if n.title == "No model"]
        assert len(said) == 1 and "jobber llm use PRESET --model NAME" in str(said[0].message)
        await pilot.press("D")
        await settle(app, pilot)
        assert (home / "pdfs" / f"cover_letter_{job_id}.pdf").exists(), notices(app)
        letter = app.workspace.store.get(job_id).cover_letter or ""
        assert "role at Harborline" in letter
        shown = " ".join(screen_text(app).split())
        assert "Cover letter (saved" in shown and " ".join(letter.split()[:8]) in shown  # the draft is readable here
        assert history(app.workspace, job_id) == []


async def test_cancel_before_the_first_token(served: ChatServer, home: Path) -> None:
    job_id = add_job(home)
    served.script = [Reply(sse=sse_chunks("late"), first_delay=30)]
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        pane = await ghostwriter_tab(app, pilot, job_id)
        await pilot.press("c")
        await until(pilot, lambda: pane.streaming and len(served.requests) == 1, "the stream to start", timeout=10)
        await pilot.press("escape")
        await until(pilot, lambda: not pane.streaming, "the stream to stop", timeout=3)
        await settle(app, pilot)
        assert turns(app, job_id)[-1] == ("assistant", "", "cancelled")
        assert turns(app, job_id)[-2][0] == "user"


async def test_clear_the_chat_from_the_pane(served: ChatServer, home: Path) -> None:
    job_id = add_job(home)
    served.script = [Reply(sse=sse_chunks("Kept for now."))]
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        pane = await ghostwriter_tab(app, pilot, job_id)
        await pilot.press("m")
        await settle(app, pilot)
        assert len(turns(app, job_id)) == 2
        await pilot.press("X")
        await pilot.pause()
        await pilot.press("c")  # "Clear" in the confirmation
        await settle(app, pilot)
        assert turns(app, job_id) == [] and pane.chat.turns == []
        assert "Chat cleared (2 messages)" in notices(app)
        assert any(e.kind == "ghostwriter_cleared" for e in app.workspace.store.events(job_id))


async def test_jobs_past_applying_show_history_read_only(served: ChatServer, home: Path) -> None:
    job_id = add_job(home)
    served.script = [Reply(sse=sse_chunks("Kept."))]
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        pane = await ghostwriter_tab(app, pilot, job_id)
        await pilot.press("m")
        await settle(app, pilot)
        app.workspace.store.move(job_id, JobStatus.SKIPPED)
        app.broadcast_jobs_changed(frozenset({job_id}))
        await settle(app, pilot)
        assert "skipped" in str(pane.query_one("#ghostwriter-note").render())
        assert pane.prompt.disabled and pane.check_action("save_letter", ()) is None
        assert "Kept." in screen_text(app)
        await pilot.press("y")
        assert app.clipboard == "Kept."


async def test_a_model_failing_during_finalize_is_a_warning_on_screen(served: ChatServer, home: Path) -> None:
    job_id = add_job(home)
    served.default = lambda body: Reply(status=500, body={"error": {"message": "model overloaded"}})
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await open_job(app, pilot, job_id)
        await pilot.press("f")
        await settle(app, pilot)
        assert app.workspace.store.get(job_id).status == "ready", notices(app)
        warnings = [n for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1 and "model tailoring failed" in str(warnings[0].message)
        assert "model overloaded" in str(warnings[0].message) and "deterministic" in str(warnings[0].message)
