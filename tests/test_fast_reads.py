"""The fast path (issue 18): reads through sqlite3 and PDF results written without SQLAlchemy give
exactly what the ORM gives, keep the schema's one source, and keep SQLite's guarantees."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import CliResult, run_process
from jobber_tui.core.infra.errors import BadInput
from jobber_tui.core.infra.store_file import HomeReadOnly
from jobber_tui.core.jobs import columns as job_columns
from jobber_tui.core.jobs import models
from jobber_tui.core.jobs.models import event_to_dict, job_to_dict
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.jobs.updates import update_jobs
from jobber_tui.core.workspace import Workspace, open_workspace

FIXTURES = Path(__file__).parent / "fixtures" / "db"
Cli = Callable[..., CliResult]

VARIED = [  # every kind of column: JSON lists, booleans, NULLs, paths, text in several scripts
    {
        "title": "Platform Engineer",
        "employer": "Harborline",
        "isRemote": True,
        "location": "Zürich, CH",
        "tailoredSkills": [{"name": "Cloud", "keywords": ["AWS", "Kubernetes"]}],
        "selectedProjectIds": ["ledger-sync"],
        "jobUrl": "https://jobs.example.com/1",
        "deadline": "2099-03-01",
        "salary": "CHF 120–140k",
    },
    {"title": "مهندس بيانات", "employer": "شركة النخيل", "jobDescription": "وصف الوظيفة\nسطر ثان"},
    {"title": "データエンジニア", "employer": "株式会社サクラ", "selectedProjectIds": []},
    {"title": "Backend Engineer", "employer": "Acme", "jobDescription": "“quoted” — dashed\u00a0and\ttabbed"},
]


@pytest.fixture
def ws(home: Path) -> Workspace:
    workspace = open_workspace(home)
    workspace.store.add_jobs(VARIED)
    workspace.store.move(1, JobStatus.SKIPPED)
    return workspace


def test_the_column_list_is_checked_against_the_sqlmodel_tables(monkeypatch: pytest.MonkeyPatch) -> None:
    models._check_columns()  # the models as they are agree with jobs/columns.py
    monkeypatch.setattr(models, "JOB_TABLE_COLUMNS", (*job_columns.JOB_TABLE_COLUMNS[:-1], "renamed"))
    with pytest.raises(RuntimeError, match="jobs/columns.py is out of date for table job"):
        models._check_columns()
    monkeypatch.undo()
    monkeypatch.setattr(models, "JSON_COLUMNS", frozenset({"tailored_skills"}))
    with pytest.raises(RuntimeError, match="JSON columns"):
        models._check_columns()
    monkeypatch.undo()
    declared = dict(job_columns.JobRow.__annotations__)
    del declared["revision"]  # a column added to the table (and the model) but not typed on JobRow
    monkeypatch.setattr(job_columns.JobRow, "__annotations__", declared)
    with pytest.raises(RuntimeError, match="attributes declared on JobRow"):
        models._check_columns()


def test_the_reader_gives_what_the_orm_gives(ws: Workspace) -> None:
    assert ws.reader.list_dicts() == ws.store.list_dicts()
    assert ws.reader.list_json() == ws.store.list_json()
    assert ws.reader.list_dicts("skipped") == ws.store.list_dicts(JobStatus.SKIPPED)
    for job in ws.store.list_jobs():
        assert job.id is not None
        row = ws.reader.job(job.id)
        assert {c: getattr(row, c) for c in job_columns.JOB_TABLE_COLUMNS} == job.model_dump()
        assert job_columns.job_row_to_dict(row) == job_to_dict(job)
        assert ws.reader.events(job.id) == [event_to_dict(e) for e in ws.store.events(job.id)]
    assert set(ws.reader.jobs([1, 3, 999])) == {1, 3}
    with pytest.raises(BadInput, match="no job with id 999"):
        ws.reader.job(999)


def test_the_reader_reads_an_upgraded_file_whose_columns_are_in_another_order(home: Path) -> None:
    """ALTER TABLE appends columns: an upgraded 0.1.0 file has processing_lease last, a new one in the middle."""
    home.mkdir(parents=True)
    shutil.copyfile(FIXTURES / "jobber-0.1.0.db", home / "jobber.db")
    ws = open_workspace(home)  # the reader sees an old version and lets the store migrate
    order = [r[1] for r in sqlite3.connect(home / "jobber.db").execute("PRAGMA table_info(job)")]
    assert order != list(job_columns.JOB_TABLE_COLUMNS)
    for job in ws.store.list_jobs():
        assert job.id is not None
        assert {c: getattr(ws.reader.job(job.id), c) for c in job_columns.JOB_TABLE_COLUMNS} == job.model_dump()
    assert ws.reader.list_json() == ws.store.list_json()


def test_a_newer_file_is_refused_by_a_read_and_left_untouched(home: Path, cli: Cli) -> None:
    assert cli("jobs", "list").code == 0
    db = home / "jobber.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA user_version = 999")
    before = db.read_bytes()
    result = cli("jobs", "list")
    assert result.code == 2 and "written by a newer Jobber" in result.err
    assert db.read_bytes() == before


def _rows(db: Path) -> tuple[list[Any], list[Any]]:
    conn = sqlite3.connect(db)
    try:
        return (
            conn.execute(f"SELECT {', '.join(job_columns.JOB_TABLE_COLUMNS)} FROM job ORDER BY id").fetchall(),
            conn.execute(
                "SELECT job_id, at, kind, from_status, to_status, detail FROM job_event ORDER BY id"
            ).fetchall(),
        )
    finally:
        conn.close()


def test_pdf_results_written_without_the_orm_equal_the_orms(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    def fixed() -> datetime:
        return datetime(2026, 1, 20, 7, 0, tzinfo=UTC)

    updates: list[tuple[int, str, str | None, dict[str, Any]]] = [
        (
            1,
            "pdf_ok",
            "pdfs/resume_1.pdf (1 page)",
            {
                "pdf_path": "pdfs/resume_1.pdf",
                "pdf_fingerprint": "ab" * 32,
                "pdf_generated_at": "2026-01-20T07:00:00Z",
                "last_error": None,
                "tailored_skills": [{"name": "Go", "keywords": ["gRPC"]}],
                "selected_project_ids": [],
                "is_remote": False,
            },
        ),
        (3, "pdf_failed", "main.typ:4:2: unknown variable", {"last_error": "main.typ:4:2: unknown variable"}),
    ]
    homes = []
    for name in ("orm", "fast"):
        home = tmp_path / name
        ws = open_workspace(home, clock=fixed)
        ws.store.add_jobs(VARIED)
        if name == "orm":
            ws.store.update_many(updates)
        else:
            update_jobs(ws, updates)
        ws.close()
        homes.append(home / "jobber.db")
    orm, fast = (_rows(db) for db in homes)
    assert fast == orm
    revision = job_columns.JOB_TABLE_COLUMNS.index("revision")
    assert [row[revision] for row in fast[0]] == [1, 0, 1, 0]  # the watcher tells edits by this bump


def test_a_batch_of_results_is_all_or_nothing(ws: Workspace) -> None:
    before = _rows(ws.reader.db_file)
    with pytest.raises(BadInput, match="no job with id 999"):
        update_jobs(ws, [(2, "pdf_ok", "x", {"pdf_path": "pdfs/resume_2.pdf"}), (999, "pdf_ok", "y", {})])
    assert _rows(ws.reader.db_file) == before
    with pytest.raises(ValueError, match="not a settable job column"):
        update_jobs(ws, [(2, "pdf_ok", "x", {"revision": 7})])


def test_pdf_results_wait_for_another_writer_instead_of_failing(ws: Workspace) -> None:
    """BEGIN IMMEDIATE with the busy timeout: a writer holding the lock (the UI, an import) is waited for."""
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(ws.reader.db_file, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE job SET salary = 'held' WHERE id = 4")
        held.set()
        release.wait(10)
        conn.execute("COMMIT")
        conn.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert held.wait(10)
    timer = threading.Timer(0.5, release.set)
    timer.start()
    started = time.monotonic()
    update_jobs(ws, [(4, "pdf_ok", "after the other writer", {"pdf_path": "pdfs/resume_4.pdf"})])
    assert time.monotonic() - started >= 0.4
    thread.join(10)
    row = ws.reader.job(4)
    assert (row.salary, row.pdf_path) == ("held", "pdfs/resume_4.pdf")  # type: ignore[attr-defined]


def test_a_read_only_home_refuses_pdf_results_in_one_line(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ws.reader, "read_only", True)
    with pytest.raises(HomeReadOnly, match="the home is read-only; nothing was changed"):
        update_jobs(ws, [(2, "pdf_ok", "x", {"pdf_path": "p"})])


def test_the_store_opens_at_the_first_write_and_keeps_wal(home: Path, cli: Cli) -> None:
    ws = open_workspace(home)
    assert ws.store_is_open  # a new file: the store (SQLAlchemy) creates the schema
    ws.close()
    ws = open_workspace(home)
    assert ws.reader.list_dicts() == [] and not ws.store_is_open  # a current one is read without it
    ws.store.add_jobs([{"title": "T", "employer": "E"}])
    assert ws.store_is_open
    ws.close()
    assert sqlite3.connect(home / "jobber.db").execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_concurrent_builds_and_edits_from_several_processes_all_land(home: Path, ready_job: int) -> None:
    """generate-pdf (sqlite3) and jobs patch (SQLAlchemy) from separate processes at once: every write
    lands once, nothing is lost or refused, and every build shows on the timeline."""
    before = (
        sqlite3.connect(home / "jobber.db").execute("SELECT revision FROM job WHERE id = ?", (ready_job,)).fetchone()[0]
    )
    jobber = [sys.executable, "-m", "jobber_tui", "--home", str(home)]
    procs = [
        subprocess.Popen(
            [*jobber, "jobs", "generate-pdf", str(ready_job)], stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        for _ in range(4)
    ]
    procs += [
        subprocess.Popen(
            [*jobber, "jobs", "patch", str(ready_job), "--data", f'{{"salary": "{n}k"}}'],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for n in (100, 110, 120)
    ]
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    conn = sqlite3.connect(home / "jobber.db")
    revision = conn.execute("SELECT revision FROM job WHERE id = ?", (ready_job,)).fetchone()[0]
    kinds = [r[0] for r in conn.execute("SELECT kind FROM job_event WHERE job_id = ? ORDER BY id", (ready_job,))]
    assert revision == before + 7
    assert kinds.count("pdf_ok") == 1 + 4 and kinds.count("patched") == 3


def test_reads_and_a_rebuild_work_while_the_ui_holds_the_store(home: Path, ready_job: int) -> None:
    """The UI (here: a process with the store open and a write transaction now and then) and CLI reads."""
    # sleep-must-stay (in the script): paces the writer so the CLI's reads interleave with its transactions.
    script = (
        "import sys, time\nfrom jobber_tui.core.workspace import open_workspace\n"
        f"ws = open_workspace({str(home)!r})\nprint('open', flush=True)\n"
        "for n in range(20):\n"
        f"    ws.store.patch({ready_job}, {{'salary': f'{{n}}k'}})\n    time.sleep(0.05)\n"
    )
    ui = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert ui.stdout is not None and ui.stdout.readline().strip() == "open"
    for args in (
        ("jobs", "list", "--json"),
        ("jobs", "show", str(ready_job)),
        ("jobs", "generate-pdf", str(ready_job)),
    ):
        result = run_process(*args, home=home)
        assert result.returncode == 0, result.stderr
    assert ui.wait(60) == 0
