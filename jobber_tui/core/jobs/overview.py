"""How the search is going, as numbers the overview screen draws: the funnel, applications per week,
replies by source, and the score distribution. One pass over the jobs and one over the replies.

The funnel counts jobs that ever reached a step: found (every job), ready (a PDF was built: `readyAt`),
applied (`appliedAt`), interview and offer (the stage, or a stage event on the timeline, got there; an
accepted or declined offer counts as an offer).
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from .store import JobStore

WEEKS = 8
"""Applications per week: this week and the seven before it."""
_REACHED = re.compile(r"->\s*(\w+)")
_INTERVIEW_OR_LATER = {"interview", "offer"}
_OFFER_OUTCOMES = {"offer-accepted", "offer-declined"}


@dataclass(frozen=True)
class Bar:
    label: str
    value: int


@dataclass(frozen=True)
class SourceReplies:
    """Applied jobs from one source and how they were answered."""

    source: str
    applied: int
    replied: int
    median_days: float | None
    """Median days from applying to the first reply (None: no reply yet)."""

    @property
    def rate(self) -> float:
        return self.replied / self.applied if self.applied else 0.0


@dataclass(frozen=True)
class Overview:
    funnel: list[Bar] = field(default_factory=list)
    weeks: list[Bar] = field(default_factory=list)
    sources: list[SourceReplies] = field(default_factory=list)
    scores: list[Bar] = field(default_factory=list)
    unscored: int = 0

    @property
    def empty(self) -> bool:
        return not self.funnel or self.funnel[0].value == 0


def build_overview(store: JobStore, today: date | None = None) -> Overview:
    today = today or store.today()
    with store.engine.connect() as conn:
        jobs = conn.exec_driver_sql(
            "SELECT id, COALESCE(source, 'manual'), COALESCE(source_board, ''), suitability_score, ready_at, "
            "applied_at, stage, outcome FROM job"
        ).cursor.fetchall()
        stage_events = conn.exec_driver_sql(
            "SELECT job_id, detail FROM job_event WHERE kind = 'stage'"
        ).cursor.fetchall()
        replies = conn.exec_driver_sql(
            "SELECT job_id, MIN(sent_at) FROM tracked_message WHERE status = 'routed' AND job_id IS NOT NULL "
            "GROUP BY job_id"
        ).cursor.fetchall()
    reached: dict[int, set[str]] = {}
    for job_id, detail in stage_events:
        reached.setdefault(job_id, set()).update(_REACHED.findall(detail or ""))
    first_reply = {job_id: sent for job_id, sent in replies if sent}
    funnel = dict.fromkeys(("found", "ready", "applied", "interview", "offer"), 0)
    week_starts = [_monday(today) - timedelta(weeks=n) for n in range(WEEKS - 1, -1, -1)]
    per_week = dict.fromkeys(week_starts, 0)
    by_source: dict[str, list[float | None]] = {}
    buckets = [0] * 10
    unscored = 0
    for job_id, source, board, score, ready_at, applied_at, stage, outcome in jobs:
        funnel["found"] += 1
        funnel["ready"] += ready_at is not None
        if score is None:
            unscored += 1
        else:
            buckets[min(max(int(score), 0) // 10, 9)] += 1
        if applied_at is None:
            continue
        funnel["applied"] += 1
        stages = reached.get(job_id, set()) | {stage or "applied"}
        offer = "offer" in stages or outcome in _OFFER_OUTCOMES
        funnel["interview"] += bool(stages & _INTERVIEW_OR_LATER) or offer
        funnel["offer"] += offer
        applied_on = _day(applied_at)
        if applied_on is not None and _monday(applied_on) in per_week:
            per_week[_monday(applied_on)] += 1
        label = f"{source}/{board}" if board else source
        days = _days_between(applied_at, first_reply[job_id]) if job_id in first_reply else None
        by_source.setdefault(label, []).append(days if job_id in first_reply else None)
    sources = [
        SourceReplies(
            label, len(found), sum(1 for d in found if d is not None), _median([d for d in found if d is not None])
        )
        for label, found in sorted(by_source.items(), key=lambda item: (-len(item[1]), item[0]))
    ]
    return Overview(
        funnel=[Bar(name, count) for name, count in funnel.items()],
        weeks=[Bar(start.strftime("%b %d"), count) for start, count in per_week.items()],
        sources=sources,
        scores=[
            Bar(f"{low}-{low + 9 if low < 90 else 100}", count)
            for low, count in zip(range(0, 100, 10), buckets, strict=True)
        ],
        unscored=unscored,
    )


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _day(moment: str | None) -> date | None:
    try:
        return datetime.fromisoformat(str(moment).replace("Z", "+00:00")).date()
    except ValueError:
        return None


def _days_between(start: str, end: str) -> float | None:
    try:
        first = datetime.fromisoformat(start.replace("Z", "+00:00"))
        last = datetime.fromisoformat(end.replace("Z", "+00:00"))
    except ValueError:
        return None
    return max((last - first).total_seconds() / 86400, 0.0)


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None
