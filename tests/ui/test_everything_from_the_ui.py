"""Everything the CLI does, from the UI (issue 17): add jobs three ways, edit every field, reopen with a
passed deadline, the base resume, re-tailor and rescore, discover now, marks and bulk verbs, search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import test_traps
from discovery import conftest as board_fixtures
from discovery.board_server import Loopback
from textual.widgets import Input, Select, TabbedContent, TextArea
from ui_helpers import notices, screen_text, settle

from jobber_tui.core.infra.paths import PACKAGE_DIR
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.workspace import open_workspace
from jobber_tui.ui import build_app
from jobber_tui.ui.screens.add_job_screen import AddJobScreen
from jobber_tui.ui.screens.bulk_screen import BulkScreen
from jobber_tui.ui.screens.confirm_screen import ConfirmScreen
from jobber_tui.ui.screens.job_fields_screen import JobFieldsScreen
from jobber_tui.ui.screens.queues_screen import QueuesScreen
from jobber_tui.ui.screens.resume_screen import ResumeScreen
from jobber_tui.ui.widgets.queue_table import QueueTable

pytestmark = pytest.mark.anyio
SIZE = (120, 34)
loopback = board_fixtures.loopback
board_home = board_fixtures.board_home
terminal = test_traps.terminal  # a driver that records suspend/resume
bin_dir = test_traps.bin_dir  # a PATH holding only the test's editors


def table(app: Any) -> QueueTable:
    return app.screen.query_one(QueueTable)


def seed(home: Path, jobs: list[dict[str, Any]]) -> list[int]:
    ws = open_workspace(home)
    try:
        return ws.store.add_jobs(jobs).created
    finally:
        ws.close()


# -- adding jobs -----------------------------------------------------------------------------------
async def test_add_a_pasted_description_and_hear_about_the_duplicate(job_home: Path) -> None:
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n")
        await settle(app, pilot)
        assert isinstance(app.screen, AddJobScreen)
        app.screen.query_one(TabbedContent).active = "paste"
        await settle(app, pilot)
        await pilot.press(*"Platform Engineer", "tab", *"Harborline", "tab", *"https://jobs.example.com/9", "tab")
        await pilot.press(*"Run Kubernetes")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        job = app.workspace.store.get(1)
        assert (job.title, job.employer, job.job_url, job.job_description) == (
            "Platform Engineer",
            "Harborline",
            "https://jobs.example.com/9",
            "Run Kubernetes",
        )
        assert "added 1 job (1)" in screen_text(app)
        focused = app.focused
        await pilot.press("ctrl+s")  # the same again: reported as the CLI does, nothing stored twice
        await settle(app, pilot)
        text = screen_text(app)
        assert "added no job; 1 skipped as duplicate" in text
        assert "skipped item 1: duplicate jobUrl https://jobs.example.com/9" in text
        assert app.focused is focused and len(app.workspace.store.list_jobs()) == 1
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, QueuesScreen) and [r.title for r in table(app).rows] == ["Platform Engineer"]


async def test_add_jobs_from_a_file_reports_each_bad_row(job_home: Path, tmp_path: Path) -> None:
    seed(job_home, [{"title": "Old", "employer": "Acme", "jobUrl": "https://jobs.example.com/old"}])
    csv = tmp_path / "jobs.csv"
    csv.write_text(
        "title,employer,jobUrl\nData Engineer,Globex,https://jobs.example.com/2\n"
        "Old again,Acme,https://jobs.example.com/old\n,Nameless Co,\n",
        encoding="utf-8",
    )
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        app.action_add_job()
        await settle(app, pilot)
        app.screen.query_one(TabbedContent).active = "file"
        await settle(app, pilot)
        await pilot.press(*str(csv), "enter")
        await settle(app, pilot)
        text = screen_text(app)
        assert "added 1 job (2); 1 skipped as duplicate; 1 with errors" in text
        assert "skipped row 2: duplicate jobUrl https://jobs.example.com/old" in text
        assert "error in row 3: title: required" in text
        app.screen.query_one("#add-file", Input).value = str(tmp_path / "missing.csv")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "missing.csv: no such file" in screen_text(app)


async def test_add_a_job_by_link_uses_the_same_import_as_the_cli(board_home: Path, loopback: Loopback) -> None:
    greenhouse = json.loads(
        (board_fixtures.DEMO_RESUME.parents[2] / "tests/fixtures/sources/greenhouse_jobs.json").read_text()
    )
    loopback.json("/v1/boards/acme/jobs/4001001", greenhouse["jobs"][0])
    app = build_app(home=board_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("n", *"https://boards.greenhouse.io/acme/jobs/4001001", "enter")
        await settle(app, pilot)
        assert "imported job 1: Senior Platform Engineer at Acme Robotics from greenhouse/acme" in screen_text(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "job 1: unchanged" in screen_text(app)
        app.screen.query_one("#add-url", Input).value = "ftp://nowhere"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "not an http(s) URL" in screen_text(app)


# -- editing a job's own fields --------------------------------------------------------------------
async def test_edit_every_field_with_a_template_picker(job_home: Path) -> None:
    seed(job_home, [{"title": "Platform Engineer", "employer": "Harborline"}])
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("E")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, JobFieldsScreen)
        labels = [str(option[0]) for option in dialog.query_one(Select)._options]
        assert any("modern" in label and "A4" in label for label in labels), labels  # with its description
        dialog.query_one("#field-deadline", Input).value = "next friday"
        dialog.query_one("#field-deadline", Input).focus()
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert "Not saved: deadline: expected a date like 2026-12-31" in screen_text(app)
        assert app.focused is dialog.query_one("#field-deadline", Input)  # focus kept after the refusal
        for key, value in (
            ("deadline", "2031-05-01"),
            ("employer", "Harborline Logistics"),
            ("location", "Denver"),
            ("salary", "$150k–$180k"),
            ("jobUrl", "https://jobs.example.com/7"),
            ("applicationUrl", "https://apply.example.com/7"),
        ):
            dialog.query_one(f"#field-{key}", Input).value = value
        dialog.query_one("#field-isRemote").value = True  # type: ignore[attr-defined]
        dialog.query_one(Select).value = "modern"
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, QueuesScreen)
        job = app.workspace.store.get(1)
        assert (
            job.deadline,
            job.employer,
            job.location,
            job.salary,
            job.job_url,
            job.application_url,
            job.is_remote,
            job.template,
        ) == (
            "2031-05-01",
            "Harborline Logistics",
            "Denver",
            "$150k–$180k",
            "https://jobs.example.com/7",
            "https://apply.example.com/7",
            True,
            "modern",
        )


async def test_reopening_an_expired_job_offers_to_extend_the_deadline(job_home: Path) -> None:
    [job_id] = seed(job_home, [{"title": "Platform Engineer", "employer": "Harborline", "deadline": "2020-01-31"}])
    app = build_app(home=job_home)  # the start-up sweep expires it
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert app.workspace.store.get(job_id).status == "expired"
        await pilot.press("5", "u")
        await settle(app, pilot)
        assert isinstance(app.screen, ConfirmScreen) and "2020-01-31 has passed" in screen_text(app)
        await pilot.press("e")
        await settle(app, pilot)
        job = app.workspace.store.get(job_id)
        today = app.workspace.store.today()
        assert job.status == "discovered" and job.deadline is not None and job.deadline > today.isoformat()


# -- the base resume -------------------------------------------------------------------------------
async def test_base_resume_view_import_and_report(home: Path, tmp_path: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("M")
        await settle(app, pilot)
        assert isinstance(app.screen, ResumeScreen) and "no base resume" in screen_text(app)
        for path, expected in ((broken, "not imported"), (PACKAGE_DIR / "demo" / "resume.json", "imported")):
            await pilot.press("i")
            await settle(app, pilot)
            app.screen.query_one(TextArea).text = str(path)
            await pilot.press("ctrl+s")
            await settle(app, pilot)
            assert expected in screen_text(app)
        text = screen_text(app)
        assert "imported jsonresume: 3 work entries" in text
        assert "Project [" in text  # the resume itself, with the project ids tailoring picks
        assert (home / "resume.json").is_file()


# -- re-tailor, rescore, discover now --------------------------------------------------------------
async def test_retailor_and_rescore_from_the_keys(job_home: Path) -> None:
    [job_id] = seed(
        job_home,
        [
            {
                "title": "Platform Engineer",
                "employer": "Harborline",
                "tailoredHeadline": "Old",
                "jobDescription": "Kubernetes, Terraform and Go on AWS.",
            }
        ],
    )
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("number_sign")
        await settle(app, pilot)
        job = app.workspace.store.get(job_id)
        assert job.suitability_score is not None and f"score {job.suitability_score}" in notices(app)
        await pilot.press("T")
        await settle(app, pilot)
        assert app.workspace.store.get(job_id).tailored_headline == "Platform Engineer"
        assert "re-tailored" in notices(app)


async def test_discover_now_reads_one_board(board_home: Path, loopback: Loopback) -> None:
    loopback.fixture("/v1/boards/acme/jobs", "greenhouse_jobs.json")
    with (board_home / "config.toml").open("a") as config:
        config.write(
            '\n[[sources]]\nkind = "greenhouse"\nboard = "acme"\n\n[[sources]]\nkind = "lever"\nboard = "globex"\n'
        )
    app = build_app(home=board_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("B", "r")
        await settle(app, pilot)
        assert "greenhouse/acme: 3 listed, 3 new" in notices(app)
        assert len(app.workspace.store.list_jobs()) == 3
        assert not loopback.hits("/v0/postings/globex")  # only the board asked for


# -- marks and bulk verbs --------------------------------------------------------------------------
async def test_mark_jobs_and_skip_them_together_with_progress_and_undo(home: Path) -> None:
    ids = seed(home, [{"title": f"Engineer {n}", "employer": "Acme", "suitabilityScore": 90 - n} for n in range(5)])
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("space", "shift+down", "shift+down")  # the first three
        assert table(app).marked == set(ids[:3])
        assert "3 marked" in screen_text(app)
        await pilot.press("x")
        await settle(app, pilot)
        bulk = app.screen
        assert isinstance(bulk, BulkScreen) and bulk.finished
        text = screen_text(app)
        assert "Skip: 3 of 3 done" in text and "Skip: 3 marked jobs" in text
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, QueuesScreen) and not table(app).marked
        assert [app.workspace.store.get(i).status for i in ids] == ["skipped"] * 3 + ["discovered"] * 2
        assert "3 job(s) skipped · ctrl+z undoes" in notices(app)
        await pilot.press("ctrl+z")
        await settle(app, pilot)
        assert {app.workspace.store.get(i).status for i in ids} == {"discovered"}


async def test_select_all_in_a_search_then_rescore_them_together(job_home: Path) -> None:
    ids = seed(
        job_home,
        [
            {"title": "Rust Engineer", "employer": "Ferrous", "jobDescription": "Rust and Go"},
            {"title": "Go Engineer", "employer": "Gopher Co", "jobDescription": "Go services"},
            {"title": "Data Analyst", "employer": "Acme", "jobDescription": "SQL"},
        ],
    )
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"engineer", "enter", "ctrl+a")
        assert table(app).marked == set(ids[:2])
        await pilot.press("number_sign")
        await settle(app, pilot)
        assert "Rescore: 2 of 2 done" in screen_text(app)
        scores = [app.workspace.store.get(i).suitability_score for i in ids]
        assert scores[0] is not None and scores[1] is not None and scores[2] is None


async def test_esc_clears_marks_before_the_search(home: Path) -> None:
    seed(home, [{"title": "Rust Engineer", "employer": "Ferrous"}, {"title": "Go Engineer", "employer": "Gopher"}])
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"engineer", "enter", "space")
        assert table(app).marked
        await pilot.press("escape")
        assert not table(app).marked and table(app).filter_text == "engineer"
        await pilot.press("escape")
        await pilot.pause()
        assert table(app).filter_text == ""


# -- search across all queues ----------------------------------------------------------------------
async def test_search_reads_descriptions_and_filters_and_counts_every_queue(home: Path) -> None:
    ids = seed(
        home,
        [
            {
                "title": "Platform Engineer",
                "employer": "Harborline",
                "jobDescription": "We run Kubernetes on AWS",
                "suitabilityScore": 91,
                "isRemote": True,
            },
            {
                "title": "Backend Engineer",
                "employer": "Tidewater",
                "jobDescription": "Go and Kubernetes",
                "suitabilityScore": 60,
            },
            {"title": "Data Analyst", "employer": "Acme", "jobDescription": "SQL", "suitabilityScore": 80},
        ],
    )
    ws = open_workspace(home)
    ws.store.move(ids[1], JobStatus.SKIPPED)
    ws.close()
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("slash", *"kubernetes")
        await settle(app, pilot)
        text = screen_text(app)
        assert [r.title for r in table(app).shown] == ["Platform Engineer"]  # found in the description
        assert "1 Discovered (1)" in text and "4 Skipped (1)" in text and "6 All (2)" in text
        await pilot.press(*" score:>70 remote:yes")
        assert [r.title for r in table(app).shown] == ["Platform Engineer"]
        app.screen.query_one("#filter", Input).value = "score:>70 score:bad"
        await pilot.pause()
        assert "score:bad: expected e.g. score:>70" in screen_text(app)
        assert [r.title for r in table(app).shown] == ["Platform Engineer", "Data Analyst"]


async def test_base_resume_in_editor_saves_a_valid_edit_and_keeps_a_broken_one(
    job_home: Path, terminal: list[str], bin_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The editor is a real program (a script) rewriting the name; the second run breaks the JSON.
    sed = shutil.which("sed", path="/usr/bin:/bin")  # the test's PATH holds only its own editors
    test_traps.script(bin_dir, "nano", f'{sed} -i "s/Alex Rivera/Alexandra Rivera/" "$1"')
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("M")
        await settle(app, pilot)
        await pilot.press("e")
        await settle(app, pilot)
        assert terminal == ["suspend", "resume"]
        assert json.loads((job_home / "resume.json").read_text())["basics"]["name"] == "Alexandra Rivera"
        assert "saved ~/home/resume.json" in screen_text(app) and "Alexandra Rivera" in screen_text(app)
        test_traps.script(bin_dir, "nano", 'printf "{oops" > "$1"')
        await pilot.press("e")
        await settle(app, pilot)
        assert json.loads((job_home / "resume.json").read_text())["basics"]["name"] == "Alexandra Rivera"
        assert (job_home / "resume.rejected.json").read_text() == "{oops"
        assert "not saved" in screen_text(app) and "resume.rejected.json" in screen_text(app)
