"""What an import of board listings does, decided before anything is written.

A posting is the same job as a stored one when it has the same (source, sourceJobId), the same URL,
or a near-identical title and employer (case, punctuation and company suffixes ignored). Within one
board, two different ids are always two jobs (boards list one role per city, or post it twice on
purpose); a board's entry listed once per location under one id is one job (`Listing` merges those).
Postings without an id (links) match within their board only when the location matches too. A known job still in
`discovered` takes the board's changed fields (the user's tailoring is never touched; an empty
value from the board never clears a stored one). A job that is missing from a complete listing of
its board while `discovered` or `ready` expires. Pure functions: the store applies the plan in one
transaction, so re-running an import is idempotent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..jobs.columns import snake_to_camel
from ..jobs.states import EXPIRABLE
from .sources.posting import Listing, Posting

UPDATABLE = (
    "title",
    "employer",
    "location",
    "is_remote",
    "job_url",
    "application_url",
    "job_description",
    "salary",
    "salary_min",
    "salary_max",
    "salary_currency",
    "salary_period",
    "date_posted",
    "deadline",
)
"""Board fields a re-import refreshes on a discovered job."""
RESCORE = frozenset({"title", "employer", "location", "is_remote", "job_description"})
"""A change to one of these clears the score, so the next run scores the job again."""
_EXPIRABLE = frozenset(s.value for s in EXPIRABLE)
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_SUFFIX = re.compile(r"\b(inc|incorporated|llc|ltd|limited|gmbh|corp|corporation|co|company|plc|ag|sa|bv|srl)\b")


def text_key(value: str | None) -> str:
    return " ".join(_NON_ALNUM.sub(" ", (value or "").casefold()).split())


def employer_key(value: str | None) -> str:
    return " ".join(_SUFFIX.sub(" ", text_key(value)).split())


@dataclass(slots=True)
class Known:
    """A stored job as dedup sees it."""

    id: int
    source: str | None
    board: str | None
    source_job_id: str | None
    job_url: str | None
    title: str
    employer: str
    location: str | None
    status: str
    fields: dict[str, Any] | None = None
    """Current values of UPDATABLE, loaded only for discovered jobs of the boards being imported."""


@dataclass
class SourceCounts:
    """What one source contributed to a run."""

    source: str
    fetched: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    invalid: int = 0
    expired: int = 0
    filtered: int = 0
    """Dropped by the source's filters (keywords, location, remote only)."""
    capped: int = 0
    """New postings left out by the source's cap on new jobs per run (`max_new`)."""
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in self.__dict__.items() if v is not None}


@dataclass
class Outcome:
    """What happened to one posting: created, updated, unchanged or duplicate (of job_id)."""

    posting: Posting
    kind: str
    job_id: int | None = None
    detail: str = ""


@dataclass
class Update:
    job_id: int
    changes: dict[str, Any]
    label: str

    @property
    def rescore(self) -> bool:
        return bool(RESCORE & set(self.changes))

    def detail(self) -> str:
        return f"from {self.label}: {', '.join(snake_to_camel(k) for k in self.changes)}"


@dataclass
class ImportPlan:
    creates: list[Outcome] = field(default_factory=list)
    updates: list[Update] = field(default_factory=list)
    expires: list[tuple[int, str, str]] = field(default_factory=list)
    """(job id, its status now, why)"""
    outcomes: list[Outcome] = field(default_factory=list)
    counts: dict[str, SourceCounts] = field(default_factory=dict)


_COUNTER = {
    "created": "created",
    "updated": "updated",
    "unchanged": "unchanged",
    "duplicate": "duplicates",
    "capped": "capped",
}


@dataclass(slots=True)
class _Entry:
    id: int | None
    """None for a posting planned in this same import."""
    source: str | None
    board: str | None
    location: str
    ref: str | None = None
    """The board's id for the job, if it has one."""

    def other_job_of(self, item: Posting) -> bool:
        """True when this entry is a different job of the same board: both have ids, and they differ."""
        return (
            (self.source, self.board) == (item.source, item.board)
            and bool(item.source_job_id)
            and bool(self.ref)
            and self.ref != item.source_job_id
        )


@dataclass
class _Index:
    """Stored jobs and the postings planned so far, by each identity dedup knows."""

    by_ref: dict[tuple[str | None, str], Known] = field(default_factory=dict)
    by_url: dict[str, tuple[_Entry, Known | None]] = field(default_factory=dict)
    by_name: dict[tuple[str, str], list[_Entry]] = field(default_factory=dict)
    planned_refs: set[tuple[str | None, str]] = field(default_factory=set)

    def add(self, entry: _Entry, known: Known | None, ref: str | None, url: str | None, name: tuple[str, str]) -> None:
        if ref:
            if known is not None:
                self.by_ref.setdefault((entry.source, ref), known)
            else:
                self.planned_refs.add((entry.source, ref))
        if url:
            self.by_url.setdefault(url, (entry, known))
        self.by_name.setdefault(name, []).append(entry)


def plan_import(known: list[Known], listings: list[Listing]) -> ImportPlan:
    """Decide creates, updates, duplicates and expiries for these listings against the stored jobs."""
    plan = ImportPlan()
    index = _Index()
    for job in known:
        index.add(
            _Entry(job.id, job.source, job.board, text_key(job.location), job.source_job_id),
            job,
            job.source_job_id,
            job.job_url,
            (text_key(job.title), employer_key(job.employer)),
        )
    for listing in listings:
        counts = plan.counts.setdefault(listing.label, SourceCounts(listing.label))
        counts.fetched += len(listing.postings) + len(listing.problems) + listing.filtered
        counts.invalid += len(listing.problems)
        counts.filtered += listing.filtered
        for item in listing.postings:
            room = listing.max_new is None or counts.created < listing.max_new
            outcome = _place(item, index, plan, room=room)
            plan.outcomes.append(outcome)
            counter = _COUNTER[outcome.kind]
            setattr(counts, counter, getattr(counts, counter) + 1)
        if listing.complete:
            for job in known:
                if (
                    job.source == listing.source
                    and job.board == listing.board
                    and job.status in _EXPIRABLE
                    and job.source_job_id
                    and job.source_job_id not in listing.present_ids
                ):
                    why = f"left the {listing.source} board {listing.board} (not in its complete listing)"
                    plan.expires.append((job.id, job.status, why))
                    counts.expired += 1
    return plan


def _place(item: Posting, index: _Index, plan: ImportPlan, *, room: bool = True) -> Outcome:
    """What becomes of one posting. `room`: False when its source's cap on new jobs is reached, so a
    posting that would be created is left for a later run instead."""
    ref = (item.source, item.source_job_id) if item.source_job_id else None
    if ref and ref in index.planned_refs:
        return Outcome(item, "duplicate", None, "listed twice in this import")
    same = index.by_ref.get(ref) if ref else None
    if same is None and item.job_url and item.job_url in index.by_url:
        entry, stored = index.by_url[item.job_url]
        if entry.other_job_of(item):
            item.job_url = None  # a board that gives two of its jobs one URL: the URL stays the first's
        elif stored is None:
            return Outcome(item, "duplicate", None, f"same jobUrl as another posting in this import ({item.job_url})")
        elif (stored.source, stored.board) != (item.source, item.board):
            return Outcome(item, "duplicate", stored.id, f"same jobUrl as job {stored.id}")
        else:
            same = stored
    if same is not None:
        return _refresh(item, same, index, plan)
    name = (text_key(item.title), employer_key(item.employer))
    place = text_key(item.location)
    for entry in index.by_name.get(name, []):
        if entry.other_job_of(item):
            continue
        if (entry.source, entry.board) != (item.source, item.board) or entry.location == place:
            where = f"job {entry.id}" if entry.id is not None else "another posting in this import"
            return Outcome(item, "duplicate", entry.id, f"same title and employer as {where}")
    if not room:
        return Outcome(item, "capped", None, "over the source's cap of new jobs per run")
    outcome = Outcome(item, "created")
    plan.creates.append(outcome)
    index.add(
        _Entry(None, item.source, item.board, place, item.source_job_id), None, item.source_job_id, item.job_url, name
    )
    return outcome


def _refresh(item: Posting, same: Known, index: _Index, plan: ImportPlan) -> Outcome:
    if same.fields is None or same.status != "discovered" or (same.source, same.board) != (item.source, item.board):
        return Outcome(item, "unchanged", same.id, f"already stored as job {same.id} ({same.status})")
    new = item.job_fields()
    changes: dict[str, Any] = {}
    for name in UPDATABLE:
        value = new[name]
        if value in (None, "") or value == same.fields.get(name):
            continue
        if name == "job_url" and value in index.by_url and index.by_url[value][0].id != same.id:
            continue  # another job owns that URL; keep ours
        changes[name] = value
    if not changes:
        return Outcome(item, "unchanged", same.id, f"already stored as job {same.id}")
    update = Update(same.id, changes, item.label)
    plan.updates.append(update)
    if "job_url" in changes:  # taken now: a posting later in this import must not be created with it too
        index.by_url[changes["job_url"]] = (
            _Entry(same.id, item.source, item.board, text_key(item.location), item.source_job_id),
            None,
        )
    same.fields.update(changes)
    return Outcome(item, "updated", same.id, update.detail())
