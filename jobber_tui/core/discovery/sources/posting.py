"""A posting as a board lists it, normalised into Jobber's job fields, and the defensive readers
that get it there: boards send HTML in titles, numbers as strings, lists where text belongs.

Every reader takes `Any` and returns a clean value or None; nothing here raises on bad data.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ...infra.html_text import MAX_CHARS, html_to_text, inline_text
from .pay import NO_PAY, Pay

MAX_TITLE = 200
MAX_URL = 2000
_URL = re.compile(r"^https?://[^\s/?#\x00-\x1f\x7f-\x9f]+[^\s\x00-\x1f\x7f-\x9f]*$", re.I)
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_REMOTE = re.compile(r"\b(remote|anywhere|distributed|work from home|wfh|telecommute)\b", re.I)
_PLACE_WORDS = re.compile(r"[\s,/;:()|\-–—]+")
GENERIC_PLACE_WORDS = frozenset(
    "remote job jobs hybrid onsite on site office in multiple various several locations location flexible home "
    "based work from wfh tbd tba n a na fully first position role".split()
)
"""Words of a location that name no place ("Remote job", "Hybrid", "Multiple locations"); "Remote -
Worldwide" or "Anywhere" do say where, so those words are not here."""
_DEADLINE_KEYS = (
    "validThrough",
    "application_deadline",
    "applicationDeadline",
    "deadline",
    "close_at",
    "closing_date",
    "closingDate",
    "expires_at",
    "expiresAt",
    "expiry_date",
    "expiryDate",
    "closes_at",
    "end_date",
)


@dataclass
class Posting:
    """One job from a board, in job-field terms (snake_case), ready for dedup and the store."""

    source: str
    """The board kind ("greenhouse", ...) or "url" for a page imported by URL."""
    board: str | None
    source_job_id: str | None
    title: str
    employer: str
    job_url: str | None = None
    application_url: str | None = None
    location: str | None = None
    is_remote: bool = False
    job_description: str = ""
    pay: Pay | None = None
    date_posted: str | None = None
    deadline: str | None = None

    @property
    def label(self) -> str:
        return f"{self.source}/{self.board}" if self.board else self.source

    @property
    def salary(self) -> str | None:
        return self.pay.display if self.pay else None

    def job_fields(self) -> dict[str, Any]:
        """The columns a new job gets from this posting."""
        return {
            "source": self.source,
            "source_board": self.board,
            "source_job_id": self.source_job_id,
            "title": self.title,
            "employer": self.employer,
            "job_url": self.job_url,
            "application_url": self.application_url,
            "location": self.location,
            "is_remote": self.is_remote,
            "job_description": self.job_description,
            "date_posted": self.date_posted,
            "deadline": self.deadline,
            **(self.pay.fields() if self.pay else NO_PAY),
        }

    def absorb(self, other: Posting) -> None:
        """The same job listed again under its id (Workable lists a job once per location): one job
        with every location, remote if any listing is, and what the first listing lacked."""
        places = [p for text in (self.location, other.location) if text for p in text.split("; ")]
        self.location = "; ".join(dict.fromkeys(places)) or None
        self.is_remote = self.is_remote or other.is_remote
        for name in ("job_url", "application_url", "pay", "date_posted", "deadline"):
            if getattr(self, name) is None:
                setattr(self, name, getattr(other, name))
        if not self.job_description:
            self.job_description = other.job_description


@dataclass
class Listing:
    """What one board returned: its usable postings, and whether that was the whole board."""

    source: str
    board: str
    postings: list[Posting] = field(default_factory=list)
    present_ids: set[str] = field(default_factory=set)
    """Every job id the board listed, usable or not: a job whose new version is malformed has not left."""
    problems: list[str] = field(default_factory=list)
    """Entries skipped, each with why (counted as invalid; never fatal)."""
    complete: bool = True
    """False when part of the board could not be read, and always for a search: then nothing is
    expired from it."""
    filtered: int = 0
    """Postings the source's filters dropped (see filters.py)."""
    max_new: int | None = None
    """At most this many of the postings may become new jobs in this run (the source's cap)."""
    notes: list[str] = field(default_factory=list)
    """What the run should say about this listing that is not a problem ("12 left for the next run")."""
    _by_id: dict[str, Posting] = field(default_factory=dict, repr=False)

    @property
    def label(self) -> str:
        return f"{self.source}/{self.board}"

    def add(self, job_id: str | None, found: Posting | None, where: str) -> None:
        """Record one entry of the board: a usable posting, or a problem. An unusable entry without
        an id makes the listing incomplete: we cannot tell which job it was, so none may expire."""
        if job_id:
            self.present_ids.add(job_id)
        if found is None:
            self.problems.append(f"{where} ({job_id or 'no id'}): no usable id or title")
            self.complete = self.complete and bool(job_id)
        elif job_id and job_id in self._by_id:
            self._by_id[job_id].absorb(found)  # one job listed once per location: one job, every place
        else:
            self.postings.append(found)
            if job_id:
                self._by_id[job_id] = found

    def add_entries(
        self,
        entries: list[Any],
        parse: Callable[[Any], Posting | None],
        *,
        id_key: str = "id",
        entry: str = "job",
        offset: int = 0,
    ) -> None:
        """`add` every entry of a board's list, by its id under `id_key` and its parsed posting."""
        for index, raw in enumerate(entries):
            job_id = ident(raw.get(id_key)) if isinstance(raw, dict) else None
            self.add(job_id, parse(raw), f"{entry} #{offset + index + 1}")


def board_entries(payload: Any, key: str, label: str) -> list[Any]:
    """The list a board's answer keeps its jobs under (`{"jobs": [...]}`); any other shape fails the board."""
    entries = payload.get(key) if isinstance(payload, dict) else None
    if not isinstance(entries, list):
        from ...infra.http import SourceError  # lazy: this module stays free of httpx

        raise SourceError(f'{label}: unexpected response (no "{key}" list)')
    return entries


def text(value: Any, max_chars: int = 300) -> str | None:
    """A one-line text value (tags stripped), or None for missing, empty or non-text values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        value = str(value)
    if not isinstance(value, str):
        return None
    cleaned = inline_text(value, max_chars=max_chars)
    return cleaned or None


def title(value: Any) -> str | None:
    return text(value, MAX_TITLE)


def description(value: Any) -> str:
    """HTML (or plain text) to readable text, capped; anything that is not text gives ""."""
    if not isinstance(value, str):
        return ""
    return html_to_text(value, max_chars=MAX_CHARS)


def url(value: Any) -> str | None:
    """An http(s) URL or None: `javascript:` and other schemes never reach the store."""
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value if len(value) <= MAX_URL and _URL.match(value) else None


def ident(value: Any) -> str | None:
    """A job id as text (boards send numbers or strings)."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, str)) and str(value).strip():
        return str(value).strip()[:200]
    return None


def flag(value: Any) -> bool:
    return value is True or (isinstance(value, str) and value.strip().lower() in {"true", "yes", "1"})


def day(value: Any) -> str | None:
    """A date as YYYY-MM-DD from ISO text, "2024-01-02 10:00:00 UTC", or epoch seconds/milliseconds."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        seconds = value / 1000 if value > 100_000_000_000 else value
        try:
            return datetime.fromtimestamp(seconds, tz=UTC).date().isoformat()
        except (OverflowError, OSError, ValueError):
            return None
    if isinstance(value, str):
        match = _DATE.match(value.strip())
        if match:
            try:
                return date(int(match[1]), int(match[2]), int(match[3])).isoformat()
            except ValueError:
                return None
    return None


def deadline_of(data: Any) -> str | None:
    """The first deadline-like field a board gives (validThrough, application_deadline, close_at, ...)."""
    if not isinstance(data, dict):
        return None
    for key in _DEADLINE_KEYS:
        found = day(data.get(key))
        if found:
            return found
    return None


def looks_remote(*texts: Any) -> bool:
    return any(isinstance(t, str) and _REMOTE.search(t) for t in texts)


def remote(structured: bool | None, *texts: Any) -> bool:
    """The board's own remote flag when it has one (an explicit on-site stays on-site whatever the
    location says); the words of the location or title otherwise."""
    return structured if structured is not None else looks_remote(*texts)


def generic_place(value: str | None) -> bool:
    """True for a location that names no place ("Remote job", "Hybrid", "Multiple locations", "")."""
    words = [w for w in _PLACE_WORDS.split((value or "").casefold()) if w]
    return all(w in GENERIC_PLACE_WORDS for w in words)


def place(*parts: Any) -> str | None:
    """ "Berlin, Germany" from city/region/country values, without repeating a city that is also its region."""
    found = (text(p) for p in parts)
    return ", ".join(dict.fromkeys(p for p in found if p)) or None


def best_place(stated: str | None, *structured: str | None) -> str | None:
    """The board's location text, unless it names no place and the board's structured places do."""
    if stated and not generic_place(stated):
        return stated
    named = "; ".join(dict.fromkeys(p for p in structured if p and not generic_place(p)))
    return named or stated
