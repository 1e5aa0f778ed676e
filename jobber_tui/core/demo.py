"""`jobber --demo`: a throwaway home with a sample resume and a dozen jobs in various states.

Jobs reach their states along real moves (ready ones are really processed to a PDF), so the
demo shows exactly what a user's own data would look like. Fully offline.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from .infra.paths import PACKAGE_DIR
from .jobs.states import JobStatus
from .workspace import Workspace, open_workspace

DEMO_DIR = PACKAGE_DIR / "demo"


def create_demo_home(root: Path | None = None) -> Path:
    """Make a fresh home folder with the sample data; returns its path."""
    home = Path(root) if root else Path(tempfile.mkdtemp(prefix="jobber-demo-"))
    home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(DEMO_DIR / "resume.json", home / "resume.json")
    ws = open_workspace(home, startup=False)
    try:
        seed_demo_jobs(ws)
    finally:
        ws.close()
    return home


def seed_demo_jobs(ws: Workspace) -> list[int]:
    samples = json.loads((DEMO_DIR / "jobs.json").read_text(encoding="utf-8"))
    wanted = [JobStatus(sample.pop("status", "discovered")) for sample in samples]
    created = ws.store.add_jobs(samples, source="demo").created
    for job_id, status in zip(created, wanted, strict=True):
        if status is JobStatus.READY:
            _process(ws, job_id)
        elif status is not JobStatus.DISCOVERED:
            ws.store.move(job_id, status, detail="demo")
    ws.store.expire_due()
    return created


def _process(ws: Workspace, job_id: int) -> None:
    try:
        from .resume.processing import process_job
    except ImportError:  # PDF generation not part of this build yet: leave it discovered
        return
    process_job(ws, job_id)
