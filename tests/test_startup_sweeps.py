"""Start-up chores: orphaned `processing` jobs are recovered; deadlines expire at local midnight."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from jobber_tui.core.jobs import lease
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.core.jobs.store import JobStore
from jobber_tui.core.workspace import open_workspace


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _hold(home: Path, pid: int, lease: str | None) -> int:
    """A job left in processing by `pid` with `lease` (as a build would leave it when killed)."""
    ws = open_workspace(home)
    job_id = ws.store.add_jobs([{"title": "T", "employer": "E"}]).created[0]
    ws.store.move(job_id, JobStatus.PROCESSING, by_user=False)
    ws.store.update(job_id, "test", processing_pid=pid, processing_lease=lease)
    ws.close()
    return job_id


def test_orphaned_processing_is_recovered_at_start(home: Path) -> None:
    pid = _dead_pid()
    job_id = _hold(home, pid, f"{lease._boot_id()}:{pid}:123")
    ws = open_workspace(home)
    job = ws.store.get(job_id)
    assert job.status == "discovered"
    assert "interrupted while processing" in (job.last_error or "")
    last = ws.store.events(job_id)[-1]
    assert (last.kind, last.from_status, last.to_status) == ("recovered", "processing", "discovered")
    assert ws.recovered == [job_id]


def test_processing_of_a_live_process_is_left_alone(home: Path) -> None:
    """A CLI command started while the UI is processing must not steal the UI's job."""
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])  # sleep-must-stay: holds a lease
    try:
        job_id = _hold(home, sleeper.pid, f"{lease._boot_id()}:{sleeper.pid}:{lease._start_time(sleeper.pid)}")
        ws = open_workspace(home)
        assert ws.store.get(job_id).status == "processing"
        ws.close()
    finally:
        sleeper.kill()
        sleeper.wait()
    ws = open_workspace(home)
    assert ws.store.get(job_id).status == "discovered"


@pytest.mark.parametrize("pid", [1, "self"])
def test_a_reused_pid_is_not_mistaken_for_the_owner(home: Path, pid: object) -> None:
    """In a container Jobber is PID 1 again after a kill; on a host init is PID 1 and always alive."""
    number = os.getpid() if pid == "self" else 1
    job_id = _hold(home, number, f"{lease._boot_id()}:{number}:1")  # started at tick 1: another process
    ws = open_workspace(home)
    assert ws.store.get(job_id).status == "discovered" and ws.recovered == [job_id]


def test_a_lease_from_before_a_reboot_is_dead(home: Path) -> None:
    job_id = _hold(home, os.getpid(), f"another-boot:{os.getpid()}:{lease._start_time(os.getpid())}")
    assert open_workspace(home).store.get(job_id).status == "discovered"


def test_jobs_reset_frees_a_job_held_by_a_live_process(home: Path, cli: Any) -> None:
    sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])  # sleep-must-stay: holds a lease
    try:
        job_id = _hold(home, sleeper.pid, f"{lease._boot_id()}:{sleeper.pid}:{lease._start_time(sleeper.pid)}")
        for verb in ("reopen", "skip"):
            assert cli("jobs", verb, str(job_id)).code == 2
        refused = cli("jobs", "reset", str(job_id))  # not a terminal: asks for --yes
        assert refused.code == 2 and "--yes" in refused.err and "still running" in refused.err
        done = cli("jobs", "reset", str(job_id), "--yes")
        assert done.code == 0 and "discovered" in done.out
        job = cli("jobs", "show", str(job_id), "--json").json()
        assert job["status"] == "discovered" and job["events"][-1]["kind"] == "reset"
        again = cli("jobs", "reset", str(job_id), "--yes")
        assert again.code == 2 and "not processing" in again.err
    finally:
        sleeper.kill()
        sleeper.wait()


def _clock(at: datetime):  # noqa: ANN202 - a tiny fixed clock for the sweep
    return lambda: at.astimezone()


def test_expiry_around_midnight(tmp_path: Path) -> None:
    store = JobStore(tmp_path / "jobs.db")
    ids = store.add_jobs(
        [
            {"title": "Due today", "employer": "A", "deadline": "2026-03-10"},
            {"title": "Due tomorrow", "employer": "B", "deadline": "2026-03-11"},
            {"title": "No deadline", "employer": "C"},
            {"title": "Applied", "employer": "D", "deadline": "2026-03-01"},
            {"title": "Skipped", "employer": "E", "deadline": "2026-03-01"},
            {"title": "Ready", "employer": "F", "deadline": "2026-03-09"},
        ]
    ).created
    store.move(ids[3], JobStatus.APPLIED)
    store.move(ids[4], JobStatus.SKIPPED)
    store.move(ids[5], JobStatus.PROCESSING, by_user=False)
    store.move(ids[5], JobStatus.READY, by_user=False)

    late_evening = datetime(2026, 3, 10, 23, 59, 59)
    store.clock = _clock(late_evening)
    assert store.expire_due() == [ids[5]]  # the deadline day of "Due today" is not over yet
    just_after = late_evening + timedelta(seconds=2)
    store.clock = _clock(just_after)
    assert store.expire_due() == [ids[0]]
    statuses = [store.get(i).status for i in ids]
    assert statuses == ["expired", "discovered", "discovered", "applied", "skipped", "expired"]
    event = store.events(ids[0])[-1]
    assert (event.kind, event.to_status, event.detail) == ("expired", "expired", "deadline 2026-03-10 passed")
    assert store.expire_due() == []


def test_expire_command_prints_what_expired(cli) -> None:  # noqa: ANN001
    cli(
        "jobs",
        "add",
        "--ids",
        "--data",
        '[{"title": "Old", "employer": "Acme", "deadline": "2001-01-01"},'
        '{"title": "New", "employer": "Acme", "deadline": "2999-01-01"}]',
    )
    result = cli("jobs", "expire")
    assert result.code == 0
    assert "expired 1: Old at Acme (deadline 2001-01-01)" in result.out
    assert "New" not in result.out
