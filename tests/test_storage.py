"""The database file: concurrent writers, schema versions, and where files live."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import CliResult
from jobber_tui.core.infra.errors import BadInput
from jobber_tui.core.infra.paths import resolve_home
from jobber_tui.core.jobs.store import JobStore

WRITER = textwrap.dedent("""
    import sys
    from jobber_tui.core.jobs.store import JobStore
    store = JobStore(__import__("pathlib").Path(sys.argv[1]))
    tag = sys.argv[2]
    for i in range(60):
        [job_id] = store.add_jobs([{"title": f"{tag}-{i}", "employer": tag}]).created
        store.patch(job_id, {"salary": f"{i}k", "tailoredHeadline": tag})
        store.patch(1, {"location": f"{tag}-{i}"})
""")


def test_two_processes_write_at_once_without_locking_errors(tmp_path: Path) -> None:
    db = tmp_path / "jobs.db"
    store = JobStore(db)
    store.add_jobs([{"title": "shared", "employer": "S"}])
    procs = [
        subprocess.Popen([sys.executable, "-c", WRITER, str(db), tag], stderr=subprocess.PIPE, text=True)
        for tag in ("alpha", "beta")
    ]
    errors = [p.communicate(timeout=120)[1] for p in procs]
    assert [p.returncode for p in procs] == [0, 0], errors
    jobs = store.list_dicts()
    assert len(jobs) == 121
    for tag in ("alpha", "beta"):
        mine = [j for j in jobs if j["employer"] == tag]
        assert len(mine) == 60 and all(j["tailoredHeadline"] == tag for j in mine)
    assert len([e for e in store.events(1) if e.kind == "patched"]) == 120
    assert sqlite3.connect(db).execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_newer_schema_is_refused_without_damage(tmp_path: Path) -> None:
    db = tmp_path / "jobs.db"
    JobStore(db).add_jobs([{"title": "keep me", "employer": "E"}])
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE meta SET value='99' WHERE key='schema_version'")
    before = db.read_bytes()
    with pytest.raises(BadInput, match="newer Jobber"):
        JobStore(db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT title FROM job").fetchall() == [("keep me",)]
        assert conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone() == ("99",)
    assert len(db.read_bytes()) == len(before)


def test_a_file_that_is_not_a_database_is_one_clear_line(home: Path, cli: Callable[..., CliResult]) -> None:
    home.mkdir(parents=True)
    (home / "jobber.db").write_bytes(b"my notes, saved under the wrong name\n" * 50)
    result = cli("jobs", "list")
    assert result.code == 1 and result.err.count("\n") == 1, result.err
    assert result.err.startswith("jobber: error: ~/home/jobber.db: the job store is damaged (not an SQLite database)")
    assert "jobber backup" in result.err and "jobber doctor" in result.err
    assert (home / "jobber.db").read_bytes().startswith(b"my notes")


def test_home_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    explicit = resolve_home(tmp_path / "a")
    assert explicit.config_file == tmp_path / "a" / "config.toml"
    assert explicit.db_file == tmp_path / "a" / "jobber.db"
    assert explicit.pdf_dir == tmp_path / "a" / "pdfs"
    monkeypatch.setenv("JOBBER_HOME", str(tmp_path / "b"))
    assert resolve_home().data_dir == tmp_path / "b"
    monkeypatch.delenv("JOBBER_HOME")
    platform = resolve_home()
    assert platform.config_dir == tmp_path / "xdg-config" / "jobber"
    assert platform.data_dir == tmp_path / "xdg-data" / "jobber"
    assert platform.log_dir == tmp_path / ".local" / "state" / "jobber" / "logs"  # XDG_STATE_HOME's default


def test_cli_works_against_platform_dirs(tmp_path: Path) -> None:
    env = {"XDG_CONFIG_HOME": str(tmp_path / "cfg"), "XDG_DATA_HOME": str(tmp_path / "data"), "PATH": "/usr/bin"}
    proc = subprocess.run(
        [sys.executable, "-m", "jobber_tui", "jobs", "add", "--data", '{"title":"a","employer":"b"}'],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "data" / "jobber" / "jobber.db").exists()


def test_atomic_write_from_several_threads_never_mixes_files(tmp_path: Path) -> None:
    """The UI's watcher and a PDF worker may write one job's PDF at the same moment."""
    import threading

    from jobber_tui.core.infra.paths import atomic_write

    target = tmp_path / "resume_1.pdf"
    payloads = [bytes([65 + n]) * 400_000 for n in range(6)]
    errors: list[BaseException] = []

    def write(data: bytes) -> None:
        try:
            for _ in range(15):
                atomic_write(target, data, durable=False)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(data,)) for data in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert target.read_bytes() in payloads
    assert [p.name for p in tmp_path.iterdir()] == ["resume_1.pdf"]


def test_atomic_write_keeps_a_symlinked_file_linked_and_its_mode(tmp_path: Path) -> None:
    """A config.toml kept in a dotfiles repo is a symlink: saving writes through it, keeping 0600."""
    from jobber_tui.core.infra.paths import atomic_write

    real = tmp_path / "dotfiles" / "jobber.toml"
    real.parent.mkdir()
    real.write_text("theme = 'a'\n")
    real.chmod(0o600)
    link = tmp_path / "config.toml"
    link.symlink_to(real)
    atomic_write(link, b"theme = 'b'\n")
    assert link.is_symlink() and real.read_text() == "theme = 'b'\n"
    assert real.stat().st_mode & 0o777 == 0o600
