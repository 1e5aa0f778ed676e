"""Progress of long work (discovery, the pipeline), as events a CLI bar or a UI screen can draw.

Events are always delivered on the thread that called `run_pipeline`/`discover` (a UI forwards
them with `call_from_thread`/`post_message`); a callback must be quick and must not raise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ProgressEvent:
    kind: str
    """run.started, source.started, source.finished, source.failed, step.started, step.finished,
    job.started, job.ready, job.failed, job.skipped, run.finished"""
    run_id: int | None = None
    step: str | None = None
    """discover, import, expire, score, select, process"""
    source: str | None = None
    """"greenhouse/stripe" for source events."""
    job_id: int | None = None
    title: str | None = None
    """"Title at Employer" for job events."""
    done: int = 0
    total: int = 0
    """Position within the current step (sources fetched of all, jobs processed of selected)."""
    message: str = ""
    counts: dict[str, int] = field(default_factory=dict)


OnProgress = Callable[[ProgressEvent], None]


def ignore(_event: ProgressEvent) -> None:
    """The default callback."""
