"""The traps a user who lives in the UI fell into (issue 17), each driven the way the user met it.

The external editor runs for real (small shell scripts stand in for nvim or `code --wait`); only the
terminal is faked: Pilot's headless driver cannot hand the terminal over, so it is told it can and
records the suspend and the resume.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from textual.drivers.headless_driver import HeadlessDriver
from ui_helpers import notices, open_job, settle

from conftest import add_demo_job
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.workspace import open_workspace
from jobber_tui.ui import build_app
from jobber_tui.ui.external_editor import EditorUnavailable, choose_editor

pytestmark = pytest.mark.anyio
SIZE = (120, 34)


@pytest.fixture
def terminal(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """A driver that can suspend; the list records "suspend"/"resume" in order."""
    calls: list[str] = []
    monkeypatch.setattr(HeadlessDriver, "can_suspend", property(lambda self: True))
    monkeypatch.setattr(HeadlessDriver, "suspend_application_mode", lambda self: calls.append("suspend"), raising=False)
    monkeypatch.setattr(HeadlessDriver, "resume_application_mode", lambda self: calls.append("resume"), raising=False)
    return calls


@pytest.fixture
def bin_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH holding only the editors a test puts there (plus the shell the scripts need)."""
    folder = tmp_path / "bin"
    folder.mkdir()
    monkeypatch.setenv("PATH", str(folder))  # scripts run /bin/sh by its full path
    return folder


def script(folder: Path, name: str, body: str) -> Path:
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n", encoding="utf-8")
    path.chmod(0o755)
    return path


# -- $EDITOR ---------------------------------------------------------------------------------------
def test_editor_choice_falls_back_and_says_which(bin_dir: Path) -> None:
    script(bin_dir, "nano", "exit 0")
    which = {"nano": str(bin_dir / "nano")}.get
    assert choose_editor({"EDITOR": "nvim"}, which).argv == ["nano"]
    assert choose_editor({"EDITOR": "nvim"}, which).note == "$EDITOR nvim is not installed; using nano"
    assert choose_editor({}, which).note == "no $EDITOR set; using nano"
    assert choose_editor({"EDITOR": "nvim", "VISUAL": "nano -w"}, which).argv == ["nano", "-w"]
    assert choose_editor({"EDITOR": "nano --wait"}, which).argv == ["nano", "--wait"]
    assert choose_editor({"EDITOR": "nano"}, which).note == ""
    with pytest.raises(EditorUnavailable, match="nvim is not installed.*none of sensible-editor, nano, vi"):
        choose_editor({"EDITOR": "nvim"}, lambda name: None)
    with pytest.raises(EditorUnavailable, match="cannot be read"):
        choose_editor({"EDITOR": "code 'unclosed"}, lambda name: None)


async def test_missing_editor_never_suspends_and_falls_back_to_nano(
    job_home: Path, terminal: list[str], bin_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    script(bin_dir, "nano", "printf 'from nano\\n' >> \"$1\"")
    monkeypatch.setenv("EDITOR", "nvim")  # not installed
    job_id = add_demo_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("e")
        await settle(app, pilot)
        assert terminal == ["suspend", "resume"]
        assert screen.editor.description.text.endswith("from nano\n")
        assert "$EDITOR nvim is not installed; using nano" in notices(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert app.workspace.store.get(job_id).job_description.endswith("from nano\n")


async def test_no_editor_at_all_stays_inline_without_suspending(
    job_home: Path, terminal: list[str], bin_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", "nvim")
    job_id = add_demo_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("e")
        await settle(app, pilot)
        assert terminal == []  # never suspended: no blank screen
        assert "nvim is not installed" in notices(app) and "edit inline" in notices(app)
        assert app.focused is screen.editor.description  # and the user can type on
        await pilot.press("end", "X")
        assert screen.editor.description.text.endswith("X") or "X" in screen.editor.description.text


@pytest.mark.parametrize("editor", ["fails", "not-a-program"])
async def test_an_editor_that_fails_always_resumes_the_app(
    job_home: Path, terminal: list[str], bin_dir: Path, monkeypatch: pytest.MonkeyPatch, editor: str
) -> None:
    if editor == "fails":  # `code --wait` over SSH: starts, cannot reach a window, exits non-zero
        script(bin_dir, "code", "echo 'Unable to connect to VS Code server' >&2; exit 1")
        monkeypatch.setenv("EDITOR", "code --wait")
    else:  # on PATH and executable, yet the kernel cannot run it: subprocess raises inside the suspension
        path = bin_dir / "broken-editor"
        path.write_bytes(b"\x7fELF\x00garbage")
        path.chmod(0o755)
        monkeypatch.setenv("EDITOR", "broken-editor")
    job_id = add_demo_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        before = screen.editor.description.text
        await pilot.press("e")
        await settle(app, pilot)
        assert terminal == ["suspend", "resume"]
        assert screen.editor.description.text == before
        expected = "code exited with code 1" if editor == "fails" else "cannot run 'broken-editor'"
        assert expected in notices(app) and "the field is unchanged" in notices(app)
        await pilot.press("x")  # the app answers keys again (focus is in the field: typed, not a verb)
        await settle(app, pilot)
        assert app.workspace.store.get(job_id).status == JobStatus.DISCOVERED.value


# -- focus after a refused save --------------------------------------------------------------------
async def test_a_refused_save_keeps_the_focus_in_the_field(job_home: Path) -> None:
    job_id = add_demo_job(job_home)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("2")
        await settle(app, pilot)
        skills = screen.editor.skills.text_area
        skills.focus()
        await pilot.pause()
        await pilot.press(*"Languages Go", "ctrl+s")  # no colon: refused
        await settle(app, pilot)
        assert "Not saved: skills line 1" in notices(app)
        assert app.focused is skills
        await pilot.press("x")  # typed into the field, not "skip"
        await settle(app, pilot)
        assert app.workspace.store.get(job_id).status == JobStatus.DISCOVERED.value
        assert skills.text.endswith("x")


# -- the headline is not selected on focus ---------------------------------------------------------
async def test_tabbing_into_the_headline_does_not_select_it(job_home: Path) -> None:
    job_id = add_demo_job(job_home, tailoredHeadline="Platform Engineer")
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        await pilot.press("2")
        await settle(app, pilot)
        screen.editor.description.focus()
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is screen.editor.headline
        await pilot.press("end", *" II")
        assert screen.editor.headline.value == "Platform Engineer II"
        screen.editor.description.focus()
        await pilot.press("tab", "Z")
        assert screen.editor.headline.value != "Z" and "Platform Engineer" in screen.editor.headline.value


# -- undo ------------------------------------------------------------------------------------------
async def test_skip_and_applied_offer_an_undo_and_ctrl_z_takes_them_back(home: Path) -> None:
    ws = open_workspace(home)
    first, second = ws.store.add_jobs(
        [
            {"title": "Rust Engineer", "employer": "Ferrous Labs", "suitabilityScore": 90},
            {"title": "Data Analyst", "employer": "Acme", "suitabilityScore": 40},
        ]
    ).created
    ws.close()
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("x")  # skip the first
        await settle(app, pilot)
        assert app.workspace.store.get(first).status == "skipped"
        assert f"Job {first}: skipped · ctrl+z undoes" in notices(app)
        await pilot.press("a")  # mark the next one applied
        await settle(app, pilot)
        assert app.workspace.store.get(second).status == "applied"
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        job = app.workspace.store.get(second)
        assert job.status == "discovered" and job.applied_at is None
        assert app.workspace.store.get(first).status == "skipped"
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert app.workspace.store.get(first).status == "discovered"
        kinds = [e.kind for e in app.workspace.store.events(first)]
        assert kinds[-1] == "undone"
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert "Nothing to undo" in notices(app)


async def test_undo_is_refused_when_the_job_changed_since(home: Path) -> None:
    ws = open_workspace(home)
    [job_id] = ws.store.add_jobs([{"title": "Rust Engineer", "employer": "Ferrous Labs"}]).created
    ws.close()
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("x")
        await settle(app, pilot)
        app.workspace.store.move(job_id, JobStatus.DISCOVERED)  # another pane reopened it
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert "changed since" in notices(app)
        assert app.workspace.store.get(job_id).status == "discovered"


def test_the_state_table_decides_what_undo_may_take_back(home: Path) -> None:
    from jobber_tui.core.jobs.undo import move_job, undo_moves

    ws = open_workspace(home)
    [job_id] = ws.store.add_jobs([{"title": "Rust Engineer", "employer": "Ferrous Labs"}]).created
    ws.store.move(job_id, JobStatus.PROCESSING, by_user=False)
    ws.store.move(job_id, JobStatus.READY, by_user=False)
    move = move_job(ws.store, job_id, JobStatus.SKIPPED)
    assert move is not None and (move.before, move.after) == ("ready", "skipped")
    assert undo_moves(ws.store, [move]) == ([job_id], [])
    assert ws.store.get(job_id).status == "ready"  # back to ready, though no user may move skipped -> ready
    with pytest.raises(Exception, match="cannot be undone"):
        job = ws.store.get(job_id)
        ws.store.undo_move(job_id, moved_to="ready", revision=job.revision, back_to="processing", restore={})
    ws.close()


# -- clashing remaps -------------------------------------------------------------------------------
async def test_clashing_key_remaps_are_warned_naming_both_ids(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('[keys]\nskip = "a"\n', encoding="utf-8")
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        text = notices(app)
        assert "mark-applied and skip are both on 'a'" in text and "the queues" in text
    (home / "config.toml").write_text('[keys]\nskip = "Z"\n', encoding="utf-8")
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert "both on" not in notices(app)


def test_default_keys_clash_nowhere() -> None:
    from jobber_tui.ui import keymap

    assert keymap.clashes({}) == []
    assert os.environ.get("EDITOR") is None  # the suite clears it: no test sees the developer's editor
