"""Numbered migrations: a store written by release 0.1.0 upgrades to exactly today's schema, losing nothing."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from jobber_tui.core.discovery.store import list_runs
from jobber_tui.core.infra.errors import BadInput
from jobber_tui.core.jobs.migrations import LATEST
from jobber_tui.core.jobs.store import JobStore

FIXTURES = Path(__file__).parent / "fixtures" / "db"


def schema(db: Path) -> dict[str, Any]:
    """Tables with their columns (name, type, not null, primary key) and indexes with their columns."""
    conn = sqlite3.connect(db)
    try:
        out: dict[str, Any] = {}
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
        for table in tables:
            columns = sorted((r[1], r[2].upper(), r[3], r[5]) for r in conn.execute(f"PRAGMA table_info('{table}')"))
            indexes = sorted(
                (bool(r[2]), tuple(c[2] for c in conn.execute(f"PRAGMA index_info('{r[1]}')")))
                for r in conn.execute(f"PRAGMA index_list('{table}')")
            )
            out[table] = {"columns": columns, "indexes": indexes}
        out["user_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
        return out
    finally:
        conn.close()


@pytest.fixture
def old_home(home: Path) -> Path:
    """A home copied from elsewhere, holding a 0.1.0 store and its PDF."""
    (home / "pdfs").mkdir(parents=True)
    shutil.copyfile(FIXTURES / "jobber-0.1.0.db", home / "jobber.db")
    shutil.copyfile(FIXTURES / "resume_1.pdf", home / "pdfs" / "resume_1.pdf")
    return home


def test_a_0_1_0_store_upgrades_to_the_schema_of_a_new_one(old_home: Path, tmp_path: Path) -> None:
    JobStore(old_home / "jobber.db").close()
    JobStore(tmp_path / "fresh.db").close()
    upgraded, fresh = schema(old_home / "jobber.db"), schema(tmp_path / "fresh.db")
    assert upgraded == fresh
    assert upgraded["user_version"] == LATEST
    assert "webhook_delivery" in upgraded


def test_the_upgrade_keeps_every_job_and_event(old_home: Path) -> None:
    before = sqlite3.connect(old_home / "jobber.db")
    jobs = before.execute("SELECT id, title, status FROM job ORDER BY id").fetchall()
    events = before.execute("SELECT count(*) FROM job_event").fetchone()[0]
    before.close()
    store = JobStore(old_home / "jobber.db")
    assert [(j.id, j.title, j.status) for j in store.list_jobs()] == jobs
    assert sum(len(store.events(j.id)) for j in store.list_jobs() if j.id) == events
    assert list_runs(store)[0]["status"] == "completed"


def test_pdf_paths_become_relative_and_the_copied_home_keeps_its_pdf(old_home: Path, cli: Any) -> None:
    job = cli("jobs", "show", "1", "--json").json()
    assert job["pdfPath"] == str(old_home / "pdfs" / "resume_1.pdf")
    stored = sqlite3.connect(old_home / "jobber.db").execute("SELECT pdf_path FROM job WHERE id=1").fetchone()[0]
    assert stored == "pdfs/resume_1.pdf"
    assert job["pdf"]["exists"] is True


def test_a_moved_home_keeps_its_pdfs_current(home: Path, tmp_path: Path, cli: Any, ready_job: int) -> None:
    assert cli("jobs", "show", str(ready_job), "--json").json()["pdf"]["state"] == "current"
    moved = tmp_path / "elsewhere" / "jobber-home"
    shutil.copytree(home, moved)
    shutil.rmtree(home)
    job = cli("--home", str(moved), "jobs", "show", str(ready_job), "--json").json()
    assert job["pdf"]["state"] == "current" and job["pdfPath"].startswith(str(moved))


def test_an_upgrade_is_all_or_nothing(old_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from jobber_tui.core.jobs import migrations

    def broken(conn: Any, _data_dir: Path) -> None:
        conn.exec_driver_sql("ALTER TABLE job ADD COLUMN half_done VARCHAR")
        raise RuntimeError("disk trouble in the middle of a migration")

    monkeypatch.setitem(migrations.MIGRATIONS, LATEST, broken)
    before = schema(old_home / "jobber.db")
    with pytest.raises(RuntimeError):
        JobStore(old_home / "jobber.db")
    assert schema(old_home / "jobber.db") == before


def test_a_newer_store_is_refused_untouched(tmp_path: Path) -> None:
    db = tmp_path / "jobber.db"
    JobStore(db).close()
    with sqlite3.connect(db) as conn:
        conn.execute(f"PRAGMA user_version = {LATEST + 1}")
    before = db.read_bytes()
    with pytest.raises(BadInput, match="written by a newer Jobber"):
        JobStore(db)
    assert db.read_bytes() == before
