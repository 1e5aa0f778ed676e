"""The headless pieces behind the UI's bulk verbs, overview, job header and add/import reports."""

from __future__ import annotations

import shutil
import threading
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from jobber_tui.core.bulk import run_bulk, verb_applies
from jobber_tui.core.jobs.add_report import add_problems, add_summary
from jobber_tui.core.jobs.facts import deadline_fact, pdf_fact, place_facts, score_fact, stage_fact
from jobber_tui.core.jobs.models import Job, TrackedMessage
from jobber_tui.core.jobs.overview import build_overview
from jobber_tui.core.jobs.reopen import reopen_blocked, reopen_patch
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.jobs.undo import undo_moves
from jobber_tui.core.workspace import Workspace, open_workspace

NOW = datetime(2026, 3, 12, 9, 0, tzinfo=UTC)  # a Thursday


class Clock:
    def __init__(self, moment: datetime) -> None:
        self.moment = moment

    def __call__(self) -> datetime:
        return self.moment


@pytest.fixture
def ws(job_home: Path) -> Workspace:
    return open_workspace(job_home, clock=Clock(NOW))


def test_bulk_skip_reports_each_job_and_is_undone_as_one(ws: Workspace) -> None:
    ids = ws.store.add_jobs([{"title": f"Job {n}", "employer": "Acme"} for n in range(4)]).created
    ws.store.move(ids[3], JobStatus.APPLIED)
    progress: list[int] = []
    summary = run_bulk(ws, "skip", [*ids, 999], on_progress=lambda s, _line: progress.append(s.handled))
    assert summary.done == ids[:3]
    assert summary.failed == [(999, "no such job")]
    assert summary.not_applicable == [(ids[3], "skip does not apply to a applied job")]
    assert progress[-1] == 5 and progress == sorted(progress)
    assert summary.lines()[0] == "Skip: 3 of 5 done"
    assert undo_moves(ws.store, summary.moves) == (ids[:3], [])
    assert {ws.store.get(i).status for i in ids[:3]} == {"discovered"}


def test_bulk_finalize_builds_pdfs_and_a_failure_keeps_the_rest(ws: Workspace) -> None:
    gone = ws.home.templates_dir / "missing"  # a template that existed when picked and was deleted since
    gone.mkdir(parents=True)
    (gone / "main.typ").write_text("= Gone\n")
    good, bad = ws.store.add_jobs(
        [
            {"title": "Platform Engineer", "employer": "Harborline"},
            {"title": "Data Engineer", "employer": "Acme", "template": "missing"},
        ]
    ).created
    shutil.rmtree(gone)
    summary = run_bulk(ws, "process", [bad, good])
    assert summary.done == [good] and ws.store.get(good).status == "ready"
    assert summary.failed[0][0] == bad and "missing" in summary.failed[0][1]
    assert ws.store.get(bad).status == "discovered" and ws.store.get(bad).last_error


def test_bulk_rescore_and_cancel(ws: Workspace) -> None:
    ids = ws.store.add_jobs(
        [{"title": "Platform Engineer", "employer": "Harborline", "jobDescription": "Kubernetes, Terraform and Go"}]
    ).created
    summary = run_bulk(ws, "rescore", ids)
    assert summary.done == ids and ws.store.get(ids[0]).suitability_score is not None
    stop = threading.Event()
    stop.set()
    assert run_bulk(ws, "skip", ids, cancel=stop).cancelled


def test_which_verbs_apply_comes_from_the_state_table() -> None:
    assert verb_applies("skip", "ready") and not verb_applies("skip", "skipped")
    assert verb_applies("process", "discovered") and not verb_applies("process", "ready")
    assert not verb_applies("rescore", "processing") and verb_applies("rescore", "expired")
    assert not verb_applies("skip", "from-a-newer-jobber")


def test_overview_counts_the_funnel_weeks_replies_and_scores(ws: Workspace) -> None:
    from jobber_tui.core.tracking.store import set_stage

    store = ws.store
    ids = store.add_jobs(
        [
            {"title": f"Job {n}", "employer": "Acme", "suitabilityScore": score}
            for n, score in enumerate((95, 91, 40, 72, None))
        ]
    ).created
    with store.writing() as session:  # two came from a board
        for job_id in ids[:2]:
            job = session.get(Job, job_id)
            job.source, job.source_board = "greenhouse", "acme"
            session.add(job)
    for offset, job_id in ((9, ids[0]), (2, ids[1]), (0, ids[2])):
        store.clock.moment = NOW - timedelta(days=offset)  # type: ignore[attr-defined]
        store.move(job_id, JobStatus.APPLIED)
    store.clock.moment = NOW  # type: ignore[attr-defined]
    set_stage(ws, ids[0], "interview")
    set_stage(ws, ids[0], "closed", "rejected")  # reached interview, then closed: still counted as interviewed
    set_stage(ws, ids[1], "offer")
    with store.writing() as session:
        session.add(
            TrackedMessage(
                message_key="k1",
                account="a",
                folder="INBOX",
                uid=1,
                uidvalidity=1,
                status="routed",
                job_id=ids[0],
                sent_at=(NOW - timedelta(days=6)).isoformat(),
            )
        )
    view = build_overview(store, date(2026, 3, 12))
    assert [(b.label, b.value) for b in view.funnel] == [
        ("found", 5),
        ("ready", 0),
        ("applied", 3),
        ("interview", 2),
        ("offer", 1),
    ]
    assert [b.value for b in view.weeks][-2:] == [1, 2] and view.weeks[-1].label == "Mar 09"
    board = next(s for s in view.sources if s.source == "greenhouse/acme")
    assert (board.applied, board.replied, board.median_days) == (2, 1, 3.0)
    assert next(s for s in view.sources if s.source == "manual").replied == 0
    assert [b.value for b in view.scores] == [0, 0, 0, 0, 1, 0, 0, 1, 0, 2] and view.unscored == 1


def test_header_facts_say_what_a_user_decides_on() -> None:
    today = date(2026, 3, 12)
    assert deadline_fact("2026-03-30", today, "discovered").text == "due 2026-03-30 (18 days left)"
    assert deadline_fact("2026-03-13", today, "ready").tone == "warning"
    assert deadline_fact("2026-03-12", today, "ready").text == "due today 2026-03-12"
    assert deadline_fact("2026-03-01", today, "discovered").tone == "error"
    assert deadline_fact("2026-03-01", today, "applied").tone == "muted"
    job = Job(
        title="SRE",
        employer="Harborline",
        location="Remote (EU)",
        is_remote=True,
        salary="€90k",
        suitability_score=91,
        suitability_reason="skills 9/10; remote",
        status="applied",
        stage="interview",
    )
    assert [f.text for f in place_facts(job)] == ["Harborline", "Remote (EU)", "€90k"]  # remote said once
    assert score_fact(job).text == "score 91: skills 9/10; remote"
    assert stage_fact(job).text == "stage interview"  # type: ignore[union-attr]
    assert pdf_fact("stale", None).text == "PDF stale" and pdf_fact("current", "boom").tone == "error"  # type: ignore[union-attr]
    assert score_fact(Job(title="x", employer="y")).tone == "muted"


def test_reopen_needs_the_deadline_changed_only_when_it_passed() -> None:
    today = date(2026, 3, 12)
    assert reopen_blocked("expired", "2026-03-01", today)
    assert not reopen_blocked("expired", "2026-03-12", today) and not reopen_blocked("skipped", "2026-03-01", today)
    assert reopen_patch("extend", today) == {"status": "discovered", "deadline": "2026-03-26"}
    assert reopen_patch("clear", today) == {"status": "discovered", "deadline": None}


def test_add_reports_read_as_the_cli_prints_them(ws: Workspace) -> None:
    result = ws.store.add_jobs(
        [
            {"title": "A", "employer": "B", "jobUrl": "https://jobs.example.com/1"},
            {"title": "A", "employer": "B", "jobUrl": "https://jobs.example.com/1"},
            {"employer": "B"},
        ]
    )
    assert add_summary(result) == "added 1 job (1); 1 skipped as duplicate; 1 with errors"
    assert add_problems(result, "row") == [
        "skipped row 2: duplicate jobUrl https://jobs.example.com/1",
        "error in row 3: title: required",
    ]
