"""How a pipeline run looks on the terminal: a progress bar on a TTY, plain lines otherwise, and a summary."""

from __future__ import annotations

import shutil
import sys
import time
from typing import Any, TextIO

from ..core.discovery.run_report import discovery_lines, run_counts, run_seconds, summary_lines
from ..core.infra.progress import ProgressEvent

__all__ = ["ProgressPrinter", "discovery_lines", "eta_text", "print_runs", "summary_lines"]

_STEP_NAMES = {"discover": "sources", "process": "jobs"}


class ProgressPrinter:
    """Draws `ProgressEvent`s on stderr: one redrawn bar on a terminal, one line per event otherwise."""

    def __init__(self, stream: TextIO | None = None, *, tty: bool | None = None) -> None:
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty() if tty is None else tty
        self._drawn = False
        self.started = time.monotonic()
        self._step: tuple[str, int] | None = None
        """The step the bar counts (its name and total), and when it started: the ETA's baseline."""
        self._step_started = self.started
        self._last_draw = 0.0

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
        self.count(
            event.done,
            event.total,
            _STEP_NAMES[event.step or ""],
            event.source or event.title or "",
            step=event.step or "",
        )

    def count(self, done: int, total: int, noun: str, label: str = "", *, step: str = "") -> None:
        """`[#####-----] 4,213/10,000 jobs  ETA 3s  label` redrawn in place; on a terminal only (a pipe or a
        log file gets the command's summary, not thousands of redraws). Redrawn at most ten times a second."""
        if not self.tty or total <= 0:
            return
        now = time.monotonic()
        if self._step != (step or noun, total):
            self._step, self._step_started = (step or noun, total), now
        if done < total and now - self._last_draw < 0.1:
            return
        self._last_draw = now
        width = 24
        filled = int(width * min(done, total) / total)
        text = f"[{'#' * filled}{'-' * (width - filled)}] {done:,}/{total:,} {noun}"
        eta = eta_text(now - self._step_started, done, total)
        if eta:
            text += f"  ETA {eta}"
        columns = shutil.get_terminal_size((100, 20)).columns
        text = f"{text}  {label}".rstrip()[: max(columns - 1, 20)]
        self.stream.write("\r\x1b[2K" + text)
        self.stream.flush()
        self._drawn = True


def eta_text(elapsed: float, done: int, total: int) -> str:
    """Time left at the pace so far: "", "4s", "2m 05s", "1h 03m"."""
    if done <= 0 or done >= total or elapsed <= 0:
        return ""
    left = round(elapsed / done * (total - done))
    if left < 60:
        return f"{left}s"
    if left < 3600:
        return f"{left // 60}m {left % 60:02d}s"
    return f"{left // 3600}h {left % 3600 // 60:02d}m"


def _describe(event: ProgressEvent) -> str:
    kind, counts = event.kind, event.counts
    if kind == "source.started":
        return f"fetching {event.source}"
    if kind == "source.finished":
        return f"fetched {event.source}: {event.message}"
    if kind == "source.failed":
        return f"FAILED {event.message}"
    if kind == "step.finished" and event.step == "import":
        return (
            f"imported: {counts.get('created', 0)} new, {counts.get('updated', 0)} updated, "
            f"{counts.get('unchanged', 0)} unchanged, "
            f"{counts.get('duplicates', 0)} duplicates, {counts.get('invalid', 0)} invalid, "
            f"{counts.get('expired', 0)} left their board"
        )
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


def print_runs(runs: list[dict[str, Any]]) -> None:
    if not runs:
        print("no pipeline runs yet")
        return
    print(f"{'RUN':>4} {'STATUS':<11} {'STARTED':<20} {'SECS':>5}  COUNTS")
    for run in runs:
        status = run["status"] + ("*" if run.get("dryRun") else "")
        print(f"{run['id']:>4} {status:<11} {run['startedAt']:<20} {run_seconds(run):>5}  {run_counts(run) or '-'}")
    if any(r.get("dryRun") for r in runs):
        print("* dry run")
