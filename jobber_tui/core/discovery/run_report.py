"""A pipeline run as people read it: its progress folded from events, its summary, a stored run in a line.

Pure Python (no textual): the UI's pipeline screen draws a `RunProgress`; the CLI prints `summary_lines`
and `print_runs` uses `run_counts`/`run_seconds`, so both faces say the same thing the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..infra.progress import ProgressEvent

_STEP_STARTED = {
    "discover": "fetching boards and searches",
    "import": "importing what they list",
    "expire": "expiring jobs past their deadline",
    "score": "scoring jobs",
    "process": "processing jobs",
}


@dataclass
class SourceProgress:
    """One board's row: state is waiting, fetching, fetched, failed or "not fetched" (a cancelled run)."""

    label: str
    state: str = "waiting"
    fetched: int | None = None
    created: int | None = None
    """Import counts are known once the run has returned (`RunProgress.take_sources`)."""
    updated: int | None = None
    expired: int | None = None
    error: str = ""
    filtered: int | None = None
    """Postings the source's filters dropped (known once it is fetched)."""
    note: str = ""
    """What the fetch said besides the counts ("12 left for the next run")."""


@dataclass
class JobProgress:
    """One selected job: state is processing, ready, failed or skipped (moved meanwhile)."""

    job_id: int
    title: str
    state: str = "processing"
    message: str = ""


@dataclass
class RunProgress:
    """Everything a progress view shows, updated one `ProgressEvent` at a time (`apply`)."""

    sources: dict[str, SourceProgress] = field(default_factory=dict)
    """By label ("greenhouse/stripe"), in config order when built with `for_sources`."""
    jobs: dict[int, JobProgress] = field(default_factory=dict)
    run_id: int | None = None
    step: str = ""
    """What the run is doing or last did, in words: "fetching boards", "scored 12 jobs"."""
    done: int = 0
    total: int = 0
    """Jobs processed of those selected."""
    selected: int | None = None
    """How many jobs the run picked; None until it has scored and selected."""
    dry_run: bool = False
    status: str = ""
    """completed, failed or cancelled once `run.finished` arrived; empty before."""
    counts: dict[str, int] = field(default_factory=dict)

    @classmethod
    def for_sources(cls, labels: Iterable[str]) -> RunProgress:
        """Boards known before the run starts show as waiting, so the table does not jump about."""
        return cls(sources={label: SourceProgress(label) for label in labels})

    def apply(self, event: ProgressEvent) -> None:
        kind = event.kind
        if kind == "run.started":
            self.run_id, self.dry_run = event.run_id, event.message == "dry run"
            self.step = "starting" + (f" ({event.message})" if event.message else "")
        elif kind.startswith("source."):
            self._source(event)
        elif kind == "step.started":
            self.step = _STEP_STARTED.get(event.step or "", event.step or "")
        elif kind == "step.finished":
            self.step = _step_finished(event) or self.step
            if event.step == "select":
                self.selected = self.total = event.total
        elif kind.startswith("job."):
            self._job(event)
        elif kind == "run.finished":
            self.status, self.counts = event.message, dict(event.counts)
            self.step = event.message
            for source in self.sources.values():
                if source.state in ("waiting", "fetching"):
                    source.state = "not fetched"

    def _source(self, event: ProgressEvent) -> None:
        label = event.source or "?"
        source = self.sources.setdefault(label, SourceProgress(label))
        if event.kind == "source.started":
            source.state = "fetching"
        elif event.kind == "source.finished":
            source.state, source.fetched = "fetched", event.counts.get("fetched", 0)
            source.filtered = event.counts.get("filtered", 0)
            source.note = event.message
        elif event.kind == "source.failed":
            source.state, source.error = "failed", event.message
        self.step = f"fetching boards and searches: {event.done} of {event.total} done"

    def _job(self, event: ProgressEvent) -> None:
        job_id = event.job_id or 0
        job = self.jobs.setdefault(job_id, JobProgress(job_id, event.title or f"job {job_id}"))
        self.done, self.total = event.done, event.total
        if event.kind == "job.started":
            job.state = "processing"
            self.step = f"processing job {event.done + 1} of {event.total}"
        else:
            job.state, job.message = event.kind.removeprefix("job."), event.message

    def take_sources(self, sources: list[dict[str, Any]]) -> None:
        """Per-board import counts and errors from the finished run (`PipelineResult.sources`)."""
        for found in sources:
            label = str(found.get("source", "?"))
            source = self.sources.setdefault(label, SourceProgress(label))
            source.fetched = found.get("fetched", source.fetched)
            source.filtered = found.get("filtered", source.filtered)
            if not found.get("error"):
                source.created, source.updated, source.expired = (
                    found.get("created"),
                    found.get("updated"),
                    found.get("expired"),
                )
            elif not source.error:
                source.error = str(found["error"])


def _step_finished(event: ProgressEvent) -> str:
    counts = event.counts
    if event.step == "import":
        return (
            f"imported: {counts.get('created', 0)} new, {counts.get('updated', 0)} updated, "
            f"{counts.get('duplicates', 0)} duplicates, {counts.get('expired', 0)} left their board"
        )
    if event.step == "expire":
        return f"expired {counts.get('expired', 0)} past their deadline"
    if event.step == "score":
        return f"scored {counts.get('scored', 0)} jobs"
    if event.step == "select":
        return f"selected {counts.get('selected', 0)} jobs"
    return ""


def summary_lines(result: Any, seconds: float) -> list[str]:
    """The final report of a `PipelineResult` (the CLI prints it on stdout; the UI shows it)."""
    c = result.counts
    head = f"run {result.run_id} {result.status}{' (dry run)' if result.dry_run else ''} in {seconds:.1f} s"
    failed_sources = f" ({c['sourcesFailed']} failed)" if c.get("sourcesFailed") else ""
    parts = [
        f"{c.get('sources', 0)} sources{failed_sources}",
        f"{c.get('fetched', 0)} fetched",
        f"{c.get('created', 0)} new",
        f"{c.get('updated', 0)} updated",
        f"{c.get('duplicates', 0)} duplicates",
        *([f"{c['filtered']} filtered out"] if c.get("filtered") else []),
        *([f"{c['capped']} over the cap"] if c.get("capped") else []),
        f"{c.get('leftBoard', 0)} left their board",
        f"{c.get('expired', 0)} past deadline",
        f"{c.get('scored', 0)} scored",
        f"{c.get('selected', 0)} selected",
    ]
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


def source_line(counts: dict[str, Any]) -> str:
    """One board's or search's counts: "12 fetched, 3 new, 1 updated, 2 filtered out, 1 over the cap"."""
    parts = [
        f"{counts.get('fetched', 0)} fetched",
        f"{counts.get('created', 0)} new",
        f"{counts.get('updated', 0)} updated",
    ]
    for key, words in (
        ("duplicates", "duplicates"),
        ("filtered", "filtered out"),
        ("capped", "over the cap"),
        ("invalid", "invalid"),
        ("expired", "left their board"),
    ):
        if counts.get(key):
            parts.append(f"{counts[key]} {words}")
    return ", ".join(parts)


def discovery_lines(result: Any, seconds: float, *, dry_run: bool = False) -> list[str]:
    """`jobber discover`'s report of a `DiscoveryResult`: the totals, then one line per board and search."""
    totals = result.totals
    failed = len(result.errors)
    head = (
        f"discovered in {seconds:.1f} s{' (dry run: nothing stored)' if dry_run else ''}: "
        f"{len(result.sources)} sources{f' ({failed} failed)' if failed else ''}, " + source_line(totals)
    )
    lines = [head]
    for source in result.sources:
        counts = source.as_dict()
        lines.append(
            f"  {source.source}: "
            + (f"FAILED {_short(source.source, source.error)}" if source.error else source_line(counts))
        )
    return lines


def _short(label: str, error: str) -> str:
    return error.removeprefix(f"{label}: ")


def run_counts(run: dict[str, Any]) -> str:
    """A stored run's counts in a few words: "6 fetched, 3 created, 2 ready, 1 error"."""
    counts = run.get("counts") or {}
    shown = ", ".join(
        f"{counts[k]} {k}" for k in ("fetched", "created", "scored", "selected", "ready", "failed") if counts.get(k)
    )
    errors = len(run.get("errors") or [])
    if errors:
        shown += f"{', ' if shown else ''}{errors} error{'s' if errors != 1 else ''}"
    return shown


def run_seconds(run: dict[str, Any]) -> str:
    """How long a stored run took, in whole seconds; "-" while it has not finished."""
    if not run.get("finishedAt"):
        return "-"
    return f"{(_instant(run['finishedAt']) - _instant(run['startedAt'])).total_seconds():.0f}"


def run_started_local(run: dict[str, Any]) -> str:
    """When a stored run started, in local time ("2025-03-14 07:00")."""
    return _instant(run["startedAt"]).astimezone().strftime("%Y-%m-%d %H:%M")


def _instant(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))
