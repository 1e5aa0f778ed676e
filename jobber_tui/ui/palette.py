"""Command palette entries: every verb on the selected job, and "Jump to job …" for every job."""

from __future__ import annotations

import asyncio
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider

from jobber_tui.core.jobs.queue_rows import QueueRow, fetch_rows, fetch_rows_by_id
from jobber_tui.core.jobs.states import JobStatus
from jobber_tui.ui.job_actions import VERBS, JobVerb, verb_allowed

if TYPE_CHECKING:
    from jobber_tui.ui.app import JobberApp

MAX_JUMP_HITS = 200
"""Jump entries scored per keystroke: a cheap substring pass narrows 50,000 jobs first."""


class JobCommands(Provider):
    """Job verbs act on the screen's `selected_job_id` (the queue's cursor, or the open job)."""

    @property
    def app(self) -> JobberApp:
        """The JobberApp, typed as such (the palette only opens inside it)."""
        return cast("JobberApp", super().app)

    async def startup(self) -> None:
        store = self.app.workspace.reader
        self._rows: list[QueueRow] = await asyncio.to_thread(fetch_rows, store, tuple(JobStatus))
        self._jump_haystacks = [f"jump to job {row.id} {row.haystack}" for row in self._rows]
        selected = getattr(self.screen, "selected_job_id", None) or getattr(self.screen, "job_id", None)
        found = fetch_rows_by_id(store, [selected]) if isinstance(selected, int) else []
        self._selected: QueueRow | None = found[0] if found else None

    def _verbs(self) -> list[tuple[str, JobVerb]]:
        row = self._selected
        if row is None:
            return []
        busy = row.id in self.app.busy_jobs
        return [
            (f"{verb.label}: {row.title} ({row.employer})", verb)
            for verb in VERBS
            if verb_allowed(verb.action, row.status, busy=busy, has_url=bool(row.job_url), has_pdf=bool(row.pdf_path))
        ]

    def _run(self, verb: str, row: QueueRow) -> None:
        # Through the screen's own verb when it has one, exactly as its key: the job view saves unsaved
        # edits before it finalizes, so the PDF has them.
        screen_verb = getattr(self.screen, "action_job", None)
        if screen_verb is not None and row.id in (
            getattr(self.screen, "selected_job_id", None),
            getattr(self.screen, "job_id", None),
        ):
            screen_verb(verb)
        else:
            self.app.run_job_verb(verb, row.id)

    def _jump(self, row: QueueRow) -> None:
        self.app.jump_to_job(row.id, row.status)

    async def discover(self) -> Hits:
        row = self._selected
        for text, verb in self._verbs():
            assert row is not None
            yield DiscoveryHit(text, partial(self._run, verb.action, row), help=verb.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        row = self._selected
        for text, verb in self._verbs():
            assert row is not None
            score = matcher.match(text)
            if score > 0:
                yield Hit(score, matcher.highlight(text), partial(self._run, verb.action, row), help=verb.help)
        words = query.lower().split()
        if not words:
            return
        scored = 0
        for job, haystack in zip(self._rows, self._jump_haystacks, strict=True):
            if not all(word in haystack for word in words):
                continue
            text = f"Jump to job {job.id}: {job.title} at {job.employer}"
            # A substring hit is a real match even when the fuzzy scorer disagrees (words out of order).
            score = max(matcher.match(text), 0.05) * 0.9
            yield Hit(
                score,
                matcher.highlight(text),
                partial(self._jump, job),
                text=text,
                help=f"{job.status}{' · ' + job.location if job.location else ''}",
            )
            scored += 1
            if scored >= MAX_JUMP_HITS:
                return
            if scored % 50 == 0:
                await asyncio.sleep(0)
