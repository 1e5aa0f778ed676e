"""Reply tracking in the UI, against the real IMAP test server of tests/tracking: the Applied queue's stage
column, `Y` sync (one at a time, summary, read-only), the review inbox (approve, relink, dismiss), the
manual stage change in the job view, and the notice when tracking is not set up."""

from __future__ import annotations

from pathlib import Path

import pytest
from tracking import conftest as mail_fixtures
from tracking.imap_home import PASSWORD_ENV
from tracking.imap_server import ImapTestServer
from tracking.mails import INBOX
from ui_helpers import notices, screen_text, settle

from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.tracking.store import set_stage
from jobber_tui.core.tracking.sync import sync
from jobber_tui.core.workspace import open_workspace
from jobber_tui.ui import build_app
from jobber_tui.ui.screens.job_picker_screen import JobPickerScreen
from jobber_tui.ui.screens.job_screen import JobScreen
from jobber_tui.ui.screens.review_screen import EMPTY, ReviewScreen
from jobber_tui.ui.screens.stage_screen import StageScreen
from jobber_tui.ui.widgets.review_table import ReviewTable

pytestmark = pytest.mark.anyio
SIZE = (120, 34)

# The tracking tests' fixtures: the server on 127.0.0.1, a home pointing at it, the seeded jobs and inbox.
imap = mail_fixtures.imap
tracking_home = mail_fixtures.tracking_home
seeded_jobs = mail_fixtures.seeded_jobs
seeded_inbox = mail_fixtures.seeded_inbox


def unread(server: ImapTestServer) -> bool:
    flags = server.flags()
    return len(flags) == len(INBOX) and all("\\Seen" not in f for f in flags.values())


def synced_home(home: Path) -> None:
    """Run the core's sync once, so the review inbox has its three replies."""
    ws = open_workspace(home)
    try:
        sync(ws)
    finally:
        ws.close()


async def test_applied_queue_shows_each_application_stage(home: Path) -> None:
    app = build_app(home=home)
    store = app.workspace.store
    ids = store.add_jobs(
        [
            {"title": "Rust Engineer", "employer": "Ferrous"},
            {"title": "SRE", "employer": "Globex"},
            {"title": "Data Analyst", "employer": "Acme"},
            {"title": "Intern", "employer": "Initech"},
        ]
    ).created
    for job_id in ids[:3]:
        store.move(job_id, JobStatus.APPLIED)
    set_stage(app.workspace, ids[0], "interview")
    set_stage(app.workspace, ids[1], "closed", "rejected")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Stage" not in screen_text(app)  # Discovered has no stage column
        await pilot.press("3")
        text = screen_text(app)
        lines = {
            title: next(line for line in text.splitlines() if title in line)
            for title in ("Rust Engineer", "SRE", "Data Analyst")
        }
        assert "Stage" in text
        assert "interview" in lines["Rust Engineer"]
        assert "closed · rejected" in lines["SRE"]
        assert "applied" in lines["Data Analyst"]  # no reply yet


async def test_sync_from_the_ui_routes_replies_once_and_leaves_them_unread(
    seeded_inbox: ImapTestServer, seeded_jobs: dict[str, int], tracking_home: Path
) -> None:
    app = build_app(home=tracking_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.action_mail_sync()
        app.action_mail_sync()  # while the first runs (the timer may fire then): refused, never two at once
        assert len([w for w in app.workers if w.group == "mail-sync"]) == 1
        await pilot.pause()
        assert "already running" in notices(app)
        await settle(app, pilot)
        stages = {
            name: (app.workspace.store.get(i).stage, app.workspace.store.get(i).outcome)
            for name, i in seeded_jobs.items()
        }
        assert stages["nordlicht"] == ("interview", None) and stages["globex"] == ("closed", "rejected")
        assert stages["hooli"] == ("offer", None) and stages["initech"] == ("assessment", None)
        assert "7 routed, 3 to review, 3 ignored · 5 stage changes" in notices(app)
        text = screen_text(app)
        assert "✉ 3 to review" in text
        await pilot.press("3")
        assert "closed · rejected" in screen_text(app)  # the queue took in the change
        await pilot.press("Y")  # the key, and a second sync: nothing is processed twice
        await settle(app, pilot)
        assert notices(app).endswith("No new mail")
    assert unread(seeded_inbox)


async def test_review_inbox_approve_relink_and_dismiss(
    seeded_inbox: ImapTestServer, seeded_jobs: dict[str, int], tracking_home: Path
) -> None:
    synced_home(tracking_home)
    app = build_app(home=tracking_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("I")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        table = app.screen.query_one(ReviewTable)

        def select(subject: str) -> None:
            table.move_cursor(row=[item.subject for item in table.items].index(subject))

        text = screen_text(app)
        for expected in (
            "3 waiting",
            "Your interview with",
            "Update on your application",
            "rejection",
            "Acme Corp",
            "#8 DevOps Engineer",
            "no job matched",
        ):
            assert expected in text, expected

        # Details: the snippet of the highlighted reply.
        select("Your interview with Umbrella")
        await pilot.press("enter")
        await pilot.pause()
        assert "book a 30 minute call" in screen_text(app)

        # Approve: the forgotten Umbrella job is marked applied, gets the mail on its timeline and a stage.
        await pilot.press("a")
        await settle(app, pilot)
        umbrella = app.workspace.store.get(seeded_jobs["umbrella"])
        assert (umbrella.status, umbrella.stage) == ("applied", "interview")
        mail = [e.detail or "" for e in app.workspace.store.events(umbrella.id or 0) if e.kind == "mail"]
        assert len(mail) == 1 and "Your interview with Umbrella" in mail[0]
        assert "Routed to job" in notices(app) and "2 waiting" in screen_text(app)

        # Relink: the ambiguous Acme rejection was about the data role, picked from a filtered list.
        select("Update on your application")
        await pilot.press("l")
        await settle(app, pilot)
        assert isinstance(app.screen, JobPickerScreen)
        await pilot.press(*"analyst")
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, ReviewScreen)
        assert app.workspace.store.get(seeded_jobs["acme_data"]).outcome == "rejected"
        assert app.workspace.store.get(seeded_jobs["acme"]).stage is None

        # Dismiss: the unknown company's reply is gone; the inbox is empty.
        select("Application received – Import/Export Analyst")
        await pilot.press("d")
        await settle(app, pilot)
        assert table.items == [] and EMPTY in screen_text(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert "to review" not in screen_text(app)  # the queues' status line no longer counts any
    assert unread(seeded_inbox)


async def test_job_view_sets_the_stage_by_hand(home: Path) -> None:
    app = build_app(home=home)
    job_id = app.workspace.store.add_jobs([{"title": "Platform Engineer", "employer": "Harborline"}]).created[0]
    app.workspace.store.move(job_id, JobStatus.APPLIED)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(JobScreen(app.workspace, job_id))
        await settle(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        await pilot.press("down", "down", "down", "enter")  # applied -> interview
        await settle(app, pilot)
        assert isinstance(app.screen, JobScreen)
        assert app.workspace.store.get(job_id).stage == "interview"
        stage_events = [e.detail for e in app.workspace.store.events(job_id) if e.kind == "stage"]
        assert stage_events == ["applied -> interview: set by you"] and "Stage set" in notices(app)


async def test_without_tracking_config_sync_points_to_the_docs(home: Path) -> None:
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("Y")
        await settle(app, pilot)
        assert "not set up" in notices(app) and "Tracking replies (docs/tracking.md)" in notices(app)
        assert all(w.group != "mail-sync" for w in app.workers)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Sync mail replies" in titles and "Review inbox" in titles


async def test_a_failed_sync_says_why_in_one_line_without_the_password(
    seeded_inbox: ImapTestServer, tracking_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "Wrong-Pass-7731")
    app = build_app(home=tracking_home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("Y")
        await settle(app, pilot)
        text = notices(app)
        assert "login failed" in text and "Wrong-Pass-7731" not in text, text
        assert "\n" not in [n.message for n in app._notifications][-1]


async def test_job_view_undoes_the_stage_change_of_a_reply(
    seeded_inbox: ImapTestServer, tracking_home: Path, seeded_jobs: dict[str, int]
) -> None:
    synced_home(tracking_home)
    job_id = seeded_jobs["globex"]  # closed (rejected) by the Globex reply
    app = build_app(home=tracking_home)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(JobScreen(app.workspace, job_id))
        await settle(app, pilot)
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, StageScreen)
        shown = " ".join(screen_text(app).replace("█", " ").split())
        assert "Last reply: rejection · Your application to Globex · applied -> closed (rejected)" in shown, shown
        await pilot.press("u")
        await settle(app, pilot)
        assert isinstance(app.screen, JobScreen)
        job = app.workspace.store.get(job_id)
        assert (job.stage, job.outcome) == (None, None)
        assert "back to applied" in notices(app)
        stage_events = [e.detail or "" for e in app.workspace.store.events(job_id) if e.kind == "stage"]
        assert stage_events[-1].startswith("closed -> applied: undone by you")
        await pilot.press("S")
        await pilot.pause()
        assert "Last reply" not in screen_text(app) and app.screen.check_action("undo_reply", ()) is False
