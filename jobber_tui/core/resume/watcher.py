"""Live regeneration: watch templates, resume.json, config and the job store; rebuild stale PDFs.

Only PDFs whose fingerprint no longer matches their inputs are rebuilt, so touching a file or
rewriting identical content rebuilds nothing. One builder thread does all builds (one at a time,
so a Compiler is never used in parallel); changes that arrive during a build are merged into one
follow-up. A broken template or resume is reported once per change; the last good PDFs stay.
"""

from __future__ import annotations

import queue
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..infra.config import load_config
from ..infra.errors import JobberError
from ..infra.logs import get_logger, log_event
from ..infra.paths import BUNDLED_TEMPLATES
from ..jobs.models import Job
from ..jobs.states import JobStatus
from ..workspace import Workspace
from .base import load_resume
from .processing import expected_fingerprint, regenerate_pdfs, templates_by_name

log = get_logger("watcher")


@dataclass(frozen=True)
class WatchReport:
    """One line for the user: a rebuild, an error, or a note."""

    kind: str
    """"rebuilt", "error" or "info"."""
    message: str
    job_ids: tuple[int, ...] = ()


@dataclass
class Trigger:
    """What changed, in the watcher's terms."""

    templates: set[str] = field(default_factory=set)
    resume: bool = False
    store: bool = False
    config: bool = False
    everything: bool = False

    def __bool__(self) -> bool:
        return bool(self.templates or self.resume or self.store or self.config or self.everything)


Report = Callable[[WatchReport], None]


class PdfWatcher:
    """Keeps ready jobs' PDFs current. `run()` blocks; `rebuild()` is the synchronous core."""

    def __init__(self, ws: Workspace, on_report: Report, *, step_ms: int = 20) -> None:
        self.ws = ws
        self.on_report = on_report
        self.step_ms = step_ms
        self._failed: dict[int, str] = {}
        """Job id -> the fingerprint whose build failed; retried only when inputs change again."""
        self._resume_error: str | None = None
        self._snapshot: dict[int, int] = {}
        self._letter_snapshot: dict[int, int] = {}
        self._failed_letters: dict[int, str] = {}
        self.builds = 0
        """How many rebuild batches ran (tests and the bench read it)."""
        self.rebuilt_jobs = 0
        self.batches = 0
        """How many change batches the loop has handled (lets tests wait without sleeping blindly)."""

    # -- what to watch --------------------------------------------------------------------------
    def watched_paths(self) -> list[Path]:
        home = self.ws.home
        home.templates_dir.mkdir(parents=True, exist_ok=True)
        roots = {BUNDLED_TEMPLATES.resolve(), home.data_dir.resolve(), home.config_dir.resolve()}
        # A root inside another is already watched (recursively) by the outer one.
        return sorted(p for p in roots if not any(p != q and q in p.parents for q in roots))

    def accepts(self, _change: object, path: str) -> bool:
        """watchfiles filter: inputs only. PDFs, logs and editor temp files never trigger builds."""
        p = Path(path)
        home = self.ws.home
        if p.name.startswith(".#") or p.name.endswith(("~", ".swp", ".swx", ".tmp")):
            return False
        for ignored in (home.pdf_dir, home.log_dir):
            if p == ignored or ignored in p.parents:
                return False
        if p.name in ("jobber.db", "jobber.db-wal") or p == home.resume_file or p == home.config_file:
            return True
        return self._template_of(p) is not None

    def _template_of(self, path: Path) -> str | None:
        for root in (BUNDLED_TEMPLATES, self.ws.home.templates_dir):
            try:
                parts = path.resolve().relative_to(root.resolve()).parts
            except ValueError:
                continue
            if parts and not parts[0].startswith("."):
                return parts[0]
        return None

    def classify(self, paths: Iterable[str]) -> Trigger:
        trigger = Trigger()
        home = self.ws.home
        for raw in paths:
            path = Path(raw)
            if path.name in ("jobber.db", "jobber.db-wal"):
                trigger.store = True
            elif path == home.resume_file:
                trigger.resume = True
            elif path == home.config_file:
                trigger.config = True
            elif (name := self._template_of(path)) is not None:
                trigger.templates.add(name)
        return trigger

    # -- rebuilding -----------------------------------------------------------------------------
    def _ready_jobs(self) -> list[Job]:
        return self.ws.store.list_jobs(JobStatus.READY)

    def candidates(self, trigger: Trigger, jobs: list[Job]) -> list[Job]:
        """The ready jobs whose inputs may have changed."""
        if trigger.everything or trigger.resume or trigger.config:
            return jobs
        default = self.ws.settings.default_template
        chosen = [j for j in jobs if (j.template or default) in trigger.templates]
        if trigger.store:
            changed = {j.id for j in jobs if self._snapshot.get(j.id or 0) != j.revision}
            chosen += [j for j in jobs if j.id in changed and j not in chosen]
        return chosen

    def rebuild(self, trigger: Trigger) -> list[WatchReport]:
        """Rebuild exactly the stale PDFs among the candidates; report once per distinct error."""
        reports: list[WatchReport] = []
        if trigger.config:
            try:
                self.ws.config = load_config(self.ws.home.config_file)
            except JobberError as exc:
                reports.append(WatchReport("error", str(exc)))
        if trigger.resume or trigger.everything:
            self._failed.clear()
        jobs = self._ready_jobs()
        candidates = self.candidates(trigger, jobs)
        self._snapshot = {j.id: j.revision for j in jobs if j.id is not None}
        if not candidates and not any(j.cover_letter_path for j in jobs):
            return self._emit(reports)
        try:
            resume = load_resume(self.ws.home)
        except JobberError as exc:
            if str(exc) != self._resume_error and (trigger.resume or trigger.everything):
                reports.append(WatchReport("error", f"{exc}; the last good PDFs are kept"))
            self._resume_error = str(exc)
            return self._emit(reports)
        if self._resume_error:
            reports.append(WatchReport("info", f"{self.ws.home.resume_file.name} is readable again"))
            self._resume_error = None
        stale: list[int] = []
        expected: dict[int, str] = {}
        errors: dict[str, list[int]] = {}
        templates = templates_by_name(self.ws)
        for job in candidates:
            assert job.id is not None
            try:
                fingerprint = expected_fingerprint(self.ws, job, resume, templates)
            except JobberError as exc:  # e.g. the job names a template that does not exist
                errors.setdefault(str(exc), []).append(job.id)
                continue
            expected[job.id] = fingerprint
            stored = self.ws.home.resolve_stored(job.pdf_path)
            pdf_there = stored is not None and stored.is_file()
            if (fingerprint != job.pdf_fingerprint or not pdf_there) and self._failed.get(job.id) != fingerprint:
                stale.append(job.id)
        if stale:
            started = time.perf_counter()
            outcomes = regenerate_pdfs(self.ws, stale)
            self.builds += 1
            took = (time.perf_counter() - started) * 1000
            done = [o.job_id for o in outcomes if not o.error]
            self.rebuilt_jobs += len(done)
            for outcome in outcomes:
                if outcome.error:
                    self._failed[outcome.job_id] = expected.get(outcome.job_id, "")
                    errors.setdefault(outcome.error, []).append(outcome.job_id)
                else:
                    self._failed.pop(outcome.job_id, None)
            if done:
                names = ", ".join(f"#{i}" for i in done[:8]) + (" …" if len(done) > 8 else "")
                reports.append(
                    WatchReport(
                        "rebuilt",
                        f"rebuilt {len(done)} PDF{'s' * (len(done) != 1)} ({names}) in {took:.0f} ms",
                        tuple(done),
                    )
                )
            # Our own writes bumped revisions; remember them so they don't look like edits.
            self._snapshot = {j.id: j.revision for j in self._ready_jobs() if j.id is not None}
        self._rebuild_letters(trigger, jobs, resume, reports)
        for message, ids in errors.items():
            kept = f"{len(ids)} job{'s' * (len(ids) != 1)} kept the last good PDF"
            reports.append(WatchReport("error", f"{message} ({kept})", tuple(ids)))
        return self._emit(reports)

    def _rebuild_letters(
        self, trigger: Trigger, jobs: list[Job], resume: dict[str, Any], reports: list[WatchReport]
    ) -> None:
        """Saved cover letters of ready jobs follow their template, the resume and the job too."""
        from .cover_letter import build_cover_letter, expected_letter_fingerprint, letter_template

        with_letters = [j for j in jobs if (j.cover_letter or "").strip() and j.cover_letter_path]
        if not with_letters:
            return
        try:
            template_name = letter_template(self.ws).name
        except JobberError as exc:
            reports.append(WatchReport("error", str(exc)))
            return
        if not (trigger.everything or trigger.resume or trigger.config or template_name in trigger.templates):
            with_letters = [
                j for j in with_letters if trigger.store and self._letter_snapshot.get(j.id or 0) != j.revision
            ]
        errors: dict[str, list[int]] = {}
        done: list[int] = []
        for job in with_letters:
            assert job.id is not None
            try:
                expected = expected_letter_fingerprint(self.ws, job, resume)
            except JobberError as exc:
                errors.setdefault(str(exc), []).append(job.id)
                continue
            if expected == job.cover_letter_fingerprint or self._failed_letters.get(job.id) == expected:
                continue
            try:
                build_cover_letter(self.ws, job.id, resume)
                done.append(job.id)
                self._failed_letters.pop(job.id, None)
            except JobberError as exc:
                self._failed_letters[job.id] = expected
                errors.setdefault(str(exc.__cause__ or exc), []).append(job.id)
        if done:
            reports.append(
                WatchReport(
                    "rebuilt",
                    f"rebuilt {len(done)} cover letter{'s' * (len(done) != 1)} ({', '.join(f'#{i}' for i in done)})",
                    tuple(done),
                )
            )
        for message, ids in errors.items():
            reports.append(
                WatchReport("error", f"cover letter: {message} ({len(ids)} kept the last good PDF)", tuple(ids))
            )
        self._letter_snapshot = {j.id: j.revision for j in self._ready_jobs() if j.id is not None}

    def _emit(self, reports: list[WatchReport]) -> list[WatchReport]:
        for report in reports:
            log_event(log, 40 if report.kind == "error" else 20, report.message, jobIds=list(report.job_ids))
            self.on_report(report)
        return reports

    # -- the loop -------------------------------------------------------------------------------
    def run(self, stop: threading.Event, ready: threading.Event | None = None) -> None:
        """Watch until `stop` is set. A first pass rebuilds whatever went stale while we were off."""
        import watchfiles

        changes: queue.Queue[set[str]] = queue.Queue()
        watching = threading.Event()

        def watch() -> None:
            for batch in watchfiles.watch(
                *self.watched_paths(),
                watch_filter=self.accepts,
                stop_event=stop,
                step=self.step_ms,
                debounce=1600,
                raise_interrupt=False,
                yield_on_timeout=True,
                rust_timeout=200,
            ):
                watching.set()
                if batch:
                    changes.put({path for _, path in batch})

        thread = threading.Thread(target=watch, name="jobber-watch", daemon=True)
        thread.start()
        deadline = time.monotonic() + 5
        while not watching.wait(0.05) and not stop.is_set() and time.monotonic() < deadline:
            pass  # wait for the OS watcher to be up, but never past a stop request
        if stop.is_set():
            thread.join(timeout=2)
            return
        self.rebuild(Trigger(everything=True))
        if ready is not None:
            ready.set()
        while not stop.is_set():
            try:
                paths = changes.get(timeout=0.1)
            except queue.Empty:
                continue
            while True:  # fold whatever else arrived into this one build
                try:
                    paths |= changes.get_nowait()
                except queue.Empty:
                    break
            trigger = self.classify(paths)
            if trigger:
                try:
                    self.rebuild(trigger)
                except Exception as exc:  # noqa: BLE001 - the watcher must outlive one bad build
                    self._emit([WatchReport("error", f"watcher: {type(exc).__name__}: {exc}")])
            self.batches += 1
        thread.join(timeout=2)
