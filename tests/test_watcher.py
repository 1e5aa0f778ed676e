"""The live watcher with real files and the real watchfiles watcher (nothing mocked)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import pytest
from pdf_text import pdf_text
from waiting import wait_for

from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES
from jobber_tui.core.resume.processing import process_job
from jobber_tui.core.resume.watcher import PdfWatcher, Trigger, WatchReport
from jobber_tui.core.workspace import Workspace, open_workspace

DEMO_RESUME = Path(__file__).resolve().parent.parent / "jobber_tui" / "demo" / "resume.json"
TIMEOUT = 15.0


class Running:
    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.reports: list[WatchReport] = []
        self.watcher = PdfWatcher(ws, self.reports.append)
        self.stop = threading.Event()
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self.watcher.run, args=(self.stop, self.ready), daemon=True)
        self.marker_dir = ws.home.templates_dir / "zz-settle-markers"
        self.marker_dir.mkdir(parents=True, exist_ok=True)
        self.markers = 0
        self.marker_batches: dict[str, int] = {}
        """Marker file name -> the watcher's batch count when the batch holding it was classified."""
        self._classify = self.watcher.classify
        self.watcher.classify = self._record  # type: ignore[method-assign]  # observes, changes nothing

    def _record(self, paths: Iterable[str]) -> Trigger:
        """The watcher's own classify, noting the batch in which a settle marker arrived."""
        paths = list(paths)
        for path in paths:
            if Path(path).parent == self.marker_dir:
                self.marker_batches[Path(path).name] = self.watcher.batches
        return self._classify(paths)

    def settle(self, action: Callable[[], None]) -> None:
        """Do something to the files and wait until the watcher has handled every event it causes.

        First the batch with the change itself; then a marker file is written. The OS reports events in
        order, so once the marker's batch is handled, so is everything before it: the watcher's own DB
        writes after a build, and any follow-up they caused. (The marker sits in a folder that looks
        like a template without main.typ, so it triggers nothing.)
        """
        before = self.watcher.batches
        action()
        wait_for(lambda: self.watcher.batches > before, "the watcher to see the change")
        self.markers += 1
        name = f"marker-{self.markers}"
        (self.marker_dir / name).write_text(name)
        wait_for(
            lambda: name in self.marker_batches and self.watcher.batches > self.marker_batches[name],
            "the watcher to handle every change up to the marker",
        )

    def errors(self) -> list[str]:
        return [r.message for r in self.reports if r.kind == "error"]


@pytest.fixture
def setup(home: Path) -> Iterator[tuple[Running, dict[str, int]]]:
    home.mkdir(parents=True)
    shutil.copyfile(DEMO_RESUME, home / "resume.json")
    for name in ("alpha", "beta"):
        shutil.copytree(BUNDLED_TEMPLATES / "classic", home / "templates" / name)
    ws = open_workspace(home)
    ids = {}
    for name in ("alpha", "beta"):
        [job_id] = ws.store.add_jobs([{"title": f"{name} job", "employer": "Acme", "template": name}]).created
        process_job(ws, job_id)
        ids[name] = job_id
    running = Running(ws)
    running.thread.start()
    assert running.ready.wait(TIMEOUT), "watcher did not start"
    try:
        yield running, ids
    finally:
        running.stop.set()
        running.thread.join(TIMEOUT)
        assert not running.thread.is_alive(), "watcher did not stop"
        ws.close()


def _pdf(ws: Workspace, job_id: int) -> Path:
    return ws.home.pdf_dir / f"resume_{job_id}.pdf"


def _append(path: Path, text: str) -> None:
    path.write_text(path.read_text() + text)


def test_nothing_is_rebuilt_at_start_when_everything_is_current(setup: tuple[Running, dict[str, int]]) -> None:
    running, _ = setup
    assert running.watcher.builds == 0 and running.errors() == []


def test_template_edit_rebuilds_only_jobs_using_it(setup: tuple[Running, dict[str, int]]) -> None:
    running, ids = setup
    ws = running.ws
    beta_before = _pdf(ws, ids["beta"]).read_bytes()
    alpha_fp = ws.store.get(ids["alpha"]).pdf_fingerprint
    main = ws.home.templates_dir / "alpha" / "main.typ"
    running.settle(lambda: _append(main, "\n#align(center)[Edited template marker]\n"))
    wait_for(lambda: ws.store.get(ids["alpha"]).pdf_fingerprint != alpha_fp, "alpha's PDF to be rebuilt")
    assert "Edited template marker" in pdf_text(_pdf(ws, ids["alpha"]))
    assert _pdf(ws, ids["beta"]).read_bytes() == beta_before
    assert running.watcher.rebuilt_jobs == 1
    assert [r.job_ids for r in running.reports if r.kind == "rebuilt"] == [(ids["alpha"],)]


def test_touch_and_identical_rewrite_rebuild_nothing(setup: tuple[Running, dict[str, int]]) -> None:
    running, ids = setup
    main = running.ws.home.templates_dir / "alpha" / "main.typ"
    running.settle(lambda: os.utime(main))
    running.settle(lambda: main.write_bytes(main.read_bytes()))
    running.settle(lambda: (running.ws.home.resume_file).write_bytes((running.ws.home.resume_file).read_bytes()))
    assert running.watcher.batches >= 3
    assert running.watcher.builds == 0


def test_rename_style_save_is_seen(setup: tuple[Running, dict[str, int]]) -> None:
    running, ids = setup
    main = running.ws.home.templates_dir / "beta" / "main.typ"
    tmp = main.with_name("main.typ.new")  # how many editors save: write beside, then rename over

    def save() -> None:
        tmp.write_text(main.read_text() + "\n#align(center)[Saved by rename]\n")
        os.replace(tmp, main)

    running.settle(save)
    wait_for(lambda: "Saved by rename" in pdf_text(_pdf(running.ws, ids["beta"])), "beta's PDF to be rebuilt")


def test_broken_template_keeps_pdf_reports_once_and_recovers(setup: tuple[Running, dict[str, int]]) -> None:
    running, ids = setup
    ws = running.ws
    main = ws.home.templates_dir / "alpha" / "main.typ"
    good_source = main.read_text()
    good_pdf = _pdf(ws, ids["alpha"]).read_bytes()
    running.settle(lambda: _append(main, "\n#let broken = (\n"))
    wait_for(lambda: running.errors(), "the error report")
    # Our own writes (lastError, the event) must not cause the same error to be reported again.
    running.settle(lambda: ws.store.patch(ids["beta"], {"salary": "more"}))
    assert len(running.errors()) == 1
    error = running.errors()[0]
    assert f"{main}:" in error and "unclosed delimiter" in error and "kept the last good PDF" in error
    assert _pdf(ws, ids["alpha"]).read_bytes() == good_pdf
    job = ws.store.get(ids["alpha"])
    assert job.status == "ready" and str(main) in (job.last_error or "")
    running.settle(lambda: main.write_text(good_source + "\n#align(center)[Fixed again]\n"))
    wait_for(lambda: "Fixed again" in pdf_text(_pdf(ws, ids["alpha"])), "the rebuild after the fix")
    assert ws.store.get(ids["alpha"]).last_error is None


def test_job_patched_from_another_process_is_rebuilt(setup: tuple[Running, dict[str, int]]) -> None:
    running, ids = setup
    ws = running.ws
    env = {**os.environ, "JOBBER_HOME": str(ws.home.data_dir)}

    def patch() -> None:
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "jobber_tui",
                "jobs",
                "patch",
                str(ids["beta"]),
                "--data",
                '{"tailoredHeadline": "Patched From A Script"}',
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert proc.returncode == 0, proc.stderr

    running.settle(patch)
    wait_for(lambda: "Patched From A Script" in pdf_text(_pdf(ws, ids["beta"])), "the patched job's rebuild")
    assert "Patched From A Script" not in pdf_text(_pdf(ws, ids["alpha"]))


def test_resume_change_rebuilds_every_ready_job(setup: tuple[Running, dict[str, int]]) -> None:
    running, ids = setup
    resume = running.ws.home.resume_file
    running.settle(lambda: resume.write_text(resume.read_text().replace("Alex Rivera", "Alexandra Rivera")))
    for job_id in ids.values():
        wait_for(lambda job_id=job_id: "Alexandra Rivera" in pdf_text(_pdf(running.ws, job_id)), "rebuild")
    running.settle(lambda: resume.write_text("{ broken"))
    wait_for(lambda: any("resume.json" in e for e in running.errors()), "the resume error")
    assert running.ws.store.get(ids["alpha"]).status == "ready"
    assert "Alexandra Rivera" in pdf_text(_pdf(running.ws, ids["alpha"]))


def test_cover_letter_follows_its_template(setup: tuple[Running, dict[str, int]]) -> None:
    from jobber_tui.core.resume.cover_letter import save_cover_letter

    running, ids = setup
    ws = running.ws
    running.settle(lambda: save_cover_letter(ws, ids["alpha"], "First paragraph.\n\nSecond paragraph."))
    letter = ws.home.pdf_dir / f"cover_letter_{ids['alpha']}.pdf"
    assert "First paragraph." in pdf_text(letter)
    user = ws.home.templates_dir / "cover-letter"
    shutil.copytree(BUNDLED_TEMPLATES / "cover-letter", user)
    running.settle(lambda: _append(user / "main.typ", "\n#align(center)[Letter template edited]\n"))
    wait_for(lambda: "Letter template edited" in pdf_text(letter), "the cover letter rebuild")
    assert "Edited" not in pdf_text(_pdf(ws, ids["alpha"]))
