"""The store under ordinary trouble: damage, a busy writer, a read-only home, a full disk; backups; doctor."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import CliResult, run_process
from jobber_tui.core.infra.paths import PACKAGE_DIR

Cli = Callable[..., CliResult]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_store_resume_and_pdfs_are_private(home: Path, cli: Cli, ready_job: int) -> None:
    assert cli("jobs", "list").code == 0
    for path in (
        home / "jobber.db",
        home / "jobber.db-wal",
        home / "jobber.db-shm",
        home / "resume.json",
        home / "pdfs" / f"resume_{ready_job}.pdf",
    ):
        if path.exists():
            assert _mode(path) == 0o600, path.name
    assert _mode(home / "pdfs") == 0o700 and _mode(home / "logs") == 0o700
    assert cli("resume", "import", str(PACKAGE_DIR / "demo" / "resume.json")).code == 0
    assert _mode(home / "resume.json") == 0o600


def test_an_older_world_readable_store_is_closed_on_the_next_write(
    home: Path, cli: Cli, add_job: Callable[..., int]
) -> None:
    add_job()
    os.chmod(home / "jobber.db", 0o644)
    assert cli("jobs", "list").code == 0
    assert _mode(home / "jobber.db") == 0o600


@pytest.mark.parametrize("damage", ["garbage", "truncated", "folder"])
def test_a_damaged_store_is_one_clear_line_and_never_written(
    home: Path, cli: Cli, add_job: Callable[..., int], damage: str
) -> None:
    for n in range(200):
        add_job(title=f"Engineer {n}", jobDescription="x" * 2000)
    db = home / "jobber.db"
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    if damage == "garbage":
        with sqlite3.connect(db) as conn:  # the job table's own pages, wherever the schema put them
            root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'job'").fetchone()[0]
            page = conn.execute("PRAGMA page_size").fetchone()[0]
        data = bytearray(db.read_bytes())
        data[page * (root - 1) : page * (root + 3)] = os.urandom(page * 4)  # pages overwritten, header intact
        db.write_bytes(bytes(data))
    elif damage == "truncated":
        db.write_bytes(db.read_bytes()[: db.stat().st_size // 3])
    else:
        shutil.rmtree(home / "jobber.db-wal", ignore_errors=True)
        db.unlink()
        db.mkdir()
    before = db.read_bytes() if db.is_file() else None
    for args in (("jobs", "list"), ("jobs", "add", "--ids", "--data", '{"title": "T", "employer": "E"}')):
        result = cli(*args)
        assert result.code == 1, result.err
        assert result.err.count("\n") == 1 and "internal error" not in result.err, result.err
        assert "~/home/jobber.db: the job store is damaged" in result.err and "jobber backup" in result.err
    if before is not None:
        assert db.read_bytes() == before
    doctor = cli("doctor")
    assert doctor.code == 1 and "FAIL  store" in doctor.out


@pytest.fixture
def held_lock(home: Path, add_job: Callable[..., int]) -> Iterator[None]:
    """Another process (a long import, a stuck UI) holds the write lock for a minute."""
    add_job()
    ready, release = threading.Event(), threading.Event()

    def hold() -> None:
        conn = sqlite3.connect(home / "jobber.db", isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE job SET title = 'being changed' WHERE id = 1")
        ready.set()
        release.wait(60)
        conn.execute("ROLLBACK")
        conn.close()

    thread = threading.Thread(target=hold, daemon=True)
    thread.start()
    assert ready.wait(10)
    try:
        yield
    finally:
        release.set()
        thread.join(10)


@pytest.mark.parametrize(
    "args", [("jobs", "show", "1"), ("jobs", "list"), ("jobs", "list", "--json"), ("paths",), ("templates", "list")]
)
def test_reads_never_wait_behind_a_writer(home: Path, held_lock: None, args: tuple[str, ...]) -> None:
    started = time.monotonic()
    result = run_process(*args, home=home)
    assert result.returncode == 0, result.stderr
    assert time.monotonic() - started < 10  # before: `jobs show` waited 30 s and failed


def _in_namespace(script: str) -> subprocess.CompletedProcess[str]:
    """Run a shell script as root of a private mount namespace (works unprivileged where user
    namespaces are allowed): a read-only bind mount or a tiny tmpfs, real to the kernel."""
    return subprocess.run(["unshare", "-rm", "sh", "-ec", script], capture_output=True, text=True, timeout=120)


def _namespaces_work() -> bool:
    try:
        return _in_namespace("mount -t tmpfs t /mnt 2>/dev/null || mount -t tmpfs t /tmp; true").returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


needs_namespaces = pytest.mark.skipif(
    not shutil.which("unshare") or not _namespaces_work(),
    reason="this machine allows no mount namespaces (unshare -rm)",
)


def _jobber(home: Path, *args: str) -> str:
    words = " ".join(f"'{a}'" for a in args)
    return f"'{sys.executable}' -m jobber_tui --home '{home}' {words}"


@needs_namespaces
def test_a_read_only_home_reads_and_says_so_on_writes(home: Path, cli: Cli, ready_job: int) -> None:
    cli("jobs", "list")  # a clean close: no -wal left
    script = f"""
mount --bind '{home}' '{home}' && mount -o remount,ro,bind '{home}'
{_jobber(home, "jobs", "list")} > '{home}.list' 2>&1 || true
{_jobber(home, "jobs", "show", str(ready_job))} > '{home}.show' 2>&1 || true
{_jobber(home, "resume", "show")} > '{home}.resume' 2>&1 || true
{_jobber(home, "jobs", "skip", str(ready_job))} > '{home}.skip' 2>&1 || echo "exit $?" >> '{home}.skip'
{_jobber(home, "sources", "add", "lever", "acme")} > '{home}.source' 2>&1 || echo "exit $?" >> '{home}.source'
"""
    result = _in_namespace(script)
    assert result.returncode == 0, result.stderr
    listed, shown = Path(f"{home}.list").read_text(), Path(f"{home}.show").read_text()
    assert "Platform Engineer" in listed and "Harborline" in shown and "ready" in shown
    assert "Alex Rivera" in Path(f"{home}.resume").read_text()
    skipped = Path(f"{home}.skip").read_text()
    assert "the home is read-only; nothing was changed" in skipped and "exit 1" in skipped
    assert "unable to open database file" not in skipped
    assert "read-only" in Path(f"{home}.source").read_text()
    assert cli("jobs", "show", str(ready_job), "--json").json()["status"] == "ready"


@needs_namespaces
def test_a_full_disk_for_the_pdf_records_the_error_on_the_job(
    home: Path, cli: Cli, add_job: Callable[..., int], tmp_path: Path
) -> None:
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PACKAGE_DIR / "demo" / "resume.json", home / "resume.json")
    job_id = add_job()
    script = f"""
mount -t tmpfs -o size=64k t '{home}/pdfs'
dd if=/dev/zero of='{home}/pdfs/filler' bs=4k 2>/dev/null || true
{_jobber(home, "jobs", "process", str(job_id))} > '{tmp_path}/out' 2> '{tmp_path}/err' \\
    || echo "exit $?" >> '{tmp_path}/err'
"""
    result = _in_namespace(script)
    assert result.returncode == 0, result.stderr
    err = (tmp_path / "err").read_text()
    assert err == (
        f"jobber: error: job {job_id} stays discovered: cannot write the PDF pdfs/resume_{job_id}.pdf: "
        "the disk is full\nexit 1\n"
    ), err
    job = cli("jobs", "show", str(job_id), "--json").json()
    assert job["status"] == "discovered" and "the disk is full" in job["lastError"]
    assert not list((home / "pdfs").iterdir())  # no half-written PDF left behind (outside the namespace)


@needs_namespaces
def test_a_full_disk_for_the_store_changes_nothing(
    home: Path, cli: Cli, add_job: Callable[..., int], tmp_path: Path
) -> None:
    job_id = add_job()
    cli("jobs", "list")
    mnt = tmp_path / "small"
    mnt.mkdir()
    script = f"""
mount -t tmpfs -o size=400k t '{mnt}'
cp -a '{home}/.' '{mnt}/'
dd if=/dev/zero of='{mnt}/filler' bs=4k 2>/dev/null || true
{_jobber(mnt, "jobs", "skip", str(job_id))} 2> '{tmp_path}/err' || echo "exit $?" >> '{tmp_path}/err'
rm '{mnt}/filler'
{_jobber(mnt, "jobs", "show", str(job_id), "--json")} > '{tmp_path}/show'
"""
    result = _in_namespace(script)
    assert result.returncode == 0, result.stderr
    err = (tmp_path / "err").read_text()
    assert err == "jobber: error: ~/small/jobber.db: the disk is full; nothing was changed\nexit 1\n", err
    assert '"status": "discovered"' in (tmp_path / "show").read_text()


def test_backup_while_other_processes_write(home: Path, cli: Cli, add_job: Callable[..., int], tmp_path: Path) -> None:
    add_job()
    writer = subprocess.Popen(
        [
            sys.executable,
            "-c",
            f"""
import json, sys
from jobber_tui.cli import main
for i in range(40):
    main(["--home", {str(home)!r}, "jobs", "add", "--data", json.dumps({{"title": f"Job {{i}}", "employer": "E"}})])
""",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        copies = [tmp_path / f"copy-{n}.db" for n in range(3)]
        for copy in copies:
            result = cli("backup", str(copy))
            assert result.code == 0 and "backed up" in result.out, result.err
    finally:
        assert writer.wait(120) == 0
    for copy in copies:
        conn = sqlite3.connect(copy)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM job").fetchone()[0] >= 1
        conn.close()
        assert _mode(copy) == 0o600
    assert cli("backup").code == 0 and any((home / "backups").iterdir())
    refused = cli("backup", str(home / "jobber.db"))
    assert refused.code == 2 and "the job store itself" in refused.err


def test_doctor_names_what_is_wrong(home: Path, cli: Cli, add_job: Callable[..., int]) -> None:
    healthy = cli("doctor")
    assert "ok    store" in healthy.out and "warn  resume" in healthy.out  # no resume imported yet
    job_id = add_job()
    with sqlite3.connect(home / "jobber.db") as conn:  # a build killed long ago, on another boot
        conn.execute(
            "UPDATE job SET status = 'processing', processing_pid = 1, processing_lease = 'x:1:1' WHERE id = ?",
            (job_id,),
        )
    (home / "config.toml").write_text("[ui]\nwatch = 'no'\n")
    report = cli("doctor")
    assert report.code == 1
    assert "FAIL  config" in report.out and "[ui] watch must be true or false" in report.out
    assert "stuck in processing" in report.out and f"fix: jobber jobs reset {job_id}" in report.out
    assert "ok    templates    classic (bundled) compiles" in report.out
