"""The top of the job view: the title (never cut: it wraps), then employer, place, pay and deadline with
days left, then the score with its reason (at most two lines). Built from core/jobs/facts.py; readable at
80 columns."""

from __future__ import annotations

from datetime import date

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static

from jobber_tui.core.jobs.facts import Fact, deadline_fact, place_facts, score_fact
from jobber_tui.core.jobs.models import Job

TONES = {"": "", "muted": "$text-muted", "warning": "$text-warning", "error": "$text-error", "success": "$text-success"}


def facts_line(facts: list[Fact]) -> Content:
    """Facts joined by " · ", each in its tone."""
    return Content(" · ").join(Content.styled(fact.text, TONES.get(fact.tone, "")) for fact in facts)


class JobHeader(Vertical):
    """Shows "Job 7" until the job is read, then its facts."""

    DEFAULT_CSS = """
    JobHeader {
        height: auto;
        padding: 0 1;
        & > #job-facts { color: $text; }
        & > #job-score { color: $text-secondary; max-height: 2; text-overflow: ellipsis; }
    }
    """

    def __init__(self, job_id: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.job_id = job_id
        self.job: Job | None = None

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(f"Job {self.job_id}", "dim"), id="job-title")
        yield Static("", id="job-facts")
        yield Static("", id="job-score")

    def show(self, job: Job, today: date) -> None:
        self.job = job
        self.query_one("#job-title", Static).update(Content.styled(job.title, "bold"))
        due = deadline_fact(job.deadline, today, job.status)
        self.query_one("#job-facts", Static).update(facts_line([*place_facts(job), *([due] if due else [])]))
        score = score_fact(job)
        self.query_one("#job-score", Static).update(Content.styled(score.text, TONES[score.tone]))
