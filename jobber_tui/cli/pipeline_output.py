"""How a pipeline run looks on the terminal: a progress bar on a TTY, plain lines otherwise, and a summary."""

from __future__ import annotations

import shutil
import sys
import time
from typing import Any, TextIO

from ..core.progress import ProgressEvent

_STEP_NAMES = {"discover": "sources", "process": "jobs"}


class ProgressPrinter:
    """Draws `ProgressEvent`s on stderr: one redrawn bar on a terminal, one line per event otherwise."""

    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self._drawn = False
        self.started = time.monotonic()

    def __call__(self, event: ProgressEvent) -> None:
        line = _describe(event)
        if self.tty:
            if event.step in _STEP_NAMES and event.total and event.kind != "step.finished":
                self._bar(event)
            if line and event.kind not in ("source.started", "job.started", "source.finished"):
                self.line(line)
        elif line:
            self.line(line)

    def close(self) -> None:
        if self._drawn:
            self.stream.write("\r\x1b[2K")
            self.stream.flush()
            self._drawn = False

    def line(self, line: str) -> None:
        self.close()
        print(line, file=self.stream, flush=True)

    def _bar(self, event: ProgressEvent) -> None:
        width = 24
        filled = int(width * event.done / max(event.total, 1))
        label = event.source or event.title or ""
        text = f"[{'#' * filled}{'-' * (width - filled)}] {event.done}/{event.total} {_STEP_NAMES[event.step or '']}"
        columns = shutil.get_terminal_size((100, 20)).columns
        text = f"{text}  {label}"[: max(columns - 1, 20)]
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self._drawn = True


def _describe(event: ProgressEvent) -> str:
    kind, counts = event.kind, event.counts
    if kind == "source.started":
        return f"fetching {event.source}"
    if kind == "source.finished":
        return f"fetched {event.source}: {event.message}"
    if kind == "source.failed":
        return f"FAILED {event.message}"
    if kind == "step.finished" and event.step == "import":
        return (f"imported: {counts.get('created', 0)} new, {counts.get('updated', 0)} updated, "
                f"{counts.get('unchanged', 0)} unchanged, "
                f"{counts.get('duplicates', 0)} duplicates, {counts.get('invalid', 0)} invalid, "
                f"{counts.get('expired', 0)} left their board")
    if kind == "step.finished" and event.step == "expire" and counts.get("expired"):
        return f"expired {counts['expired']} past their deadline"
    if kind == "step.finished" and event.step == "score":
        return f"scored {counts.get('scored', 0)} jobs"
    if kind == "step.finished" and event.step == "select":
        return f"selected {counts.get('selected', 0)} jobs"
    if kind == "job.started":
        return f"processing {event.job_id}: {event.title}"
    if kind == "job.ready":
        return f"ready {event.job_id}: {event.title}"
    if kind == "job.failed":
        return f"FAILED {event.job_id}: {event.message}"
    if kind == "job.skipped":
        return f"skipped {event.job_id}: {event.message}"
    return ""


def summary_lines(result: Any, seconds: float) -> list[str]:
    """The final report (stdout)."""
    c = result.counts
    head = f"run {result.run_id} {result.status}{' (dry run)' if result.dry_run else ''} in {seconds:.1f} s"
    failed_sources = f" ({c['sourcesFailed']} failed)" if c.get("sourcesFailed") else ""
    parts = [f"{c.get('sources', 0)} sources{failed_sources}", f"{c.get('fetched', 0)} fetched",
             f"{c.get('created', 0)} new", f"{c.get('updated', 0)} updated", f"{c.get('duplicates', 0)} duplicates",
             f"{c.get('leftBoard', 0)} left their board", f"{c.get('expired', 0)} past deadline",
             f"{c.get('scored', 0)} scored", f"{c.get('selected', 0)} selected"]
    if not result.dry_run:
        parts += [f"{c.get('ready', 0)} ready", f"{c.get('failed', 0)} failed"]
    lines = [f"{head}: " + ", ".join(parts)]
    if result.dry_run and result.selected:
        lines.append("would process:")
        for pick in result.selected:
            which = f"job {pick.job_id}" if pick.job_id is not None else "new"
            lines.append(f"  {pick.score:>3}  {pick.title} at {pick.employer} ({which})")
    if result.errors:
        lines.append("errors:")
        for error in result.errors:
            where = error.get("source") or (f"job {error['jobId']}" if error.get("jobId") else error.get("step"))
            message = str(error.get("message", ""))
            lines.append(f"  {message}" if message.startswith(str(where)) else f"  {where}: {message}")
    return lines


def print_runs(runs: list[dict[str, Any]]) -> None:
    if not runs:
        print("no pipeline runs yet")
        return
    print(f"{'RUN':>4} {'STATUS':<11} {'STARTED':<20} {'SECS':>5}  COUNTS")
    for run in runs:
        counts = run.get("counts") or {}
        shown = ", ".join(f"{counts[k]} {k}" for k in ("fetched", "created", "scored", "selected", "ready", "failed")
                          if counts.get(k))
        errors = len(run.get("errors") or [])
        if errors:
            shown += f"{', ' if shown else ''}{errors} error{'s' if errors != 1 else ''}"
        status = run["status"] + ("*" if run.get("dryRun") else "")
        print(f"{run['id']:>4} {status:<11} {run['startedAt']:<20} {_seconds(run):>5}  {shown or '-'}")
    if any(r.get("dryRun") for r in runs):
        print("* dry run")


def _seconds(run: dict[str, Any]) -> str:
    from datetime import datetime

    if not run.get("finishedAt"):
        return "-"
    start = datetime.fromisoformat(run["startedAt"].replace("Z", "+00:00"))
    end = datetime.fromisoformat(run["finishedAt"].replace("Z", "+00:00"))
    return f"{(end - start).total_seconds():.0f}"
