"""Which job a reply belongs to, with a confidence score.

Signals, strongest first: the thread (In-Reply-To/References name a message already routed to a job),
the sender's domain against the employer ("Acme Corp" ~ acme.com, careers.acme.io) or the job's own
site, the employer's name in the sender's display name, subject or body (tolerant of small differences:
legal suffixes, umlauts, a typo), and the job title as a tie-breaker. ATS senders (greenhouse, lever,
ashby, workable, ...) mail for many employers, so their domain says nothing and the text decides.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from urllib.parse import urlsplit

from ..jobs.states import JobStatus
from .classify import ATS_DOMAINS, JOB_BOARD_DOMAINS, sender_in
from .mail_text import MailMessage

CONFIDENT = 0.75
"""Auto-route at or above this. It is what the employer's exact name in the mail (0.75) or the sender's own
domain (0.9) scores, the evidence a person filing the mail by hand would use; a fuzzy name (0.65) needs the
title too, and a title alone (at most 0.4) never suffices."""
MARGIN = 0.1
"""The best job must beat the next by this much; two applications at one employer go to review instead."""
RELEVANT = 0.3
"""Below this no job is even suggested."""
EMPLOYER_NAMED = 0.6
"""Scores from here up carry an employer signal (domain or name); a title alone tops out at 0.4."""
FUZZY = 0.88
"""difflib ratio for "the same name with a small difference" ("Nordlicht Energie" ~ "Nordlicht Energy")."""
_LEGAL = frozenset(
    {
        "inc",
        "incorporated",
        "corp",
        "corporation",
        "co",
        "company",
        "llc",
        "llp",
        "ltd",
        "limited",
        "gmbh",
        "mbh",
        "ag",
        "se",
        "sa",
        "sas",
        "sarl",
        "bv",
        "nv",
        "plc",
        "oy",
        "ab",
        "as",
        "aps",
        "kg",
        "ug",
        "kgaa",
        "pty",
        "srl",
        "spa",
        "group",
        "holding",
        "holdings",
        "the",
        "and",
        "technologies",
        "technology",
        "labs",
        "hq",
    }
)
_MAIL_LABELS = frozenset(
    {
        "mail",
        "email",
        "e",
        "em",
        "mg",
        "mailer",
        "careers",
        "career",
        "jobs",
        "job",
        "hr",
        "talent",
        "recruiting",
        "recruitment",
        "notifications",
        "notification",
        "info",
        "www",
        "noreply",
        "no-reply",
        "hello",
        "team",
        "people",
        "bounce",
        "smtp",
        "news",
    }
)
_TITLE_NOISE = frozenset(
    {
        "m",
        "w",
        "d",
        "f",
        "x",
        "all",
        "genders",
        "remote",
        "hybrid",
        "senior",
        "junior",
        "sr",
        "jr",
        "mid",
        "level",
        "the",
        "and",
        "of",
        "for",
        "in",
        "at",
        "a",
        "an",
        "to",
        "with",
    }
)
_SCAN_CHARS = 3000
"""Body characters searched for names: the greeting and first paragraphs; signatures and footers add noise."""


@dataclass(frozen=True)
class JobRef:
    """What matching needs to know of a job."""

    id: int
    title: str
    employer: str
    status: str
    job_url: str | None = None
    application_url: str | None = None


@dataclass(frozen=True)
class Match:
    job_id: int | None
    score: float
    reason: str
    confident: bool = False
    status: str | None = None
    """The matched job's status (routing is automatic only for applied jobs)."""


@dataclass
class _Candidate:
    job: JobRef
    key: str
    tokens: tuple[str, ...]
    title_tokens: tuple[str, ...]
    domains: frozenset[str] = field(default_factory=frozenset)


class JobIndex:
    """Jobs prepared once per sync. Applied jobs get every (fuzzy) check; the rest, possibly thousands of
    discovered ones, only exact lookups, so a large store stays fast."""

    def __init__(self, jobs: Iterable[JobRef]) -> None:
        self.applied: list[_Candidate] = []
        self.others: dict[str, list[_Candidate]] = {}
        self.by_id: dict[int, JobRef] = {}
        for job in jobs:
            self.by_id[job.id] = job
            tokens = employer_tokens(job.employer)
            if not tokens:
                continue
            candidate = _Candidate(
                job,
                "".join(tokens),
                tokens,
                _title_tokens(job.title),
                frozenset(d for d in (_site(job.job_url), _site(job.application_url)) if d),
            )
            if job.status == JobStatus.APPLIED.value:
                self.applied.append(candidate)
            else:
                self.others.setdefault(candidate.key, []).append(candidate)

    def match(self, msg: MailMessage, thread_job: int | None = None) -> Match:
        if thread_job is not None and thread_job in self.by_id:
            job = self.by_id[thread_job]
            return Match(job.id, 1.0, "reply in the thread of a message routed to this job", True, job.status)
        view = _MailView(msg)
        scored = sorted(((self._score(c, view, fuzzy=True), c) for c in self.applied), key=lambda x: -x[0][0])
        others = sorted(
            ((self._score(c, view, fuzzy=False), c) for key in view.keys for c in self.others.get(key, [])),
            key=lambda x: -x[0][0],
        )
        best = scored[0] if scored else None
        second = scored[1][0][0] if len(scored) > 1 else 0.0
        other = others[0] if others else None
        if other and other[0][0] > (best[0][0] if best else 0.0) + MARGIN / 2:
            (score, why), candidate = other
            return Match(candidate.job.id, score, why, False, candidate.job.status)
        if best is None or best[0][0] < RELEVANT:
            return Match(None, best[0][0] if best else 0.0, "no job matched")
        (score, why), candidate = best
        confident = score >= CONFIDENT and score - second >= MARGIN
        if score >= CONFIDENT and not confident:
            why += f"; another applied job scores {second:.2f}"
        return Match(candidate.job.id, round(score, 3), why, confident, candidate.job.status)

    @staticmethod
    def _score(candidate: _Candidate, view: _MailView, *, fuzzy: bool) -> tuple[float, str]:
        employer, why = 0.0, ""
        if view.domain_matches(candidate):
            employer, why = 0.9, f"sender domain {view.domain} is {candidate.job.employer}'s"
        elif view.head_has(candidate.tokens):
            employer, why = 0.8, f"{candidate.job.employer} named in the sender or subject"
        elif view.body_has(candidate.tokens):
            employer, why = 0.75, f"{candidate.job.employer} named in the message"
        elif fuzzy and len(candidate.key) >= 4 and view.fuzzy_has(candidate.tokens):
            employer, why = 0.65, f"a name close to {candidate.job.employer} in the message"
        title = view.title_overlap(candidate.title_tokens) if fuzzy or employer else 0.0
        if not employer:
            return 0.4 * title, f"title {candidate.job.title!r} in the message"
        return min(employer + 0.15 * title, 1.0), why + (f"; title {title:.0%} present" if title else "")


class _MailView:
    """A message's sender domain and text, tokenized once for all candidates."""

    def __init__(self, msg: MailMessage) -> None:
        self.domain = msg.sender_domain
        self.ats = sender_in(self.domain, ATS_DOMAINS) or sender_in(self.domain, JOB_BOARD_DOMAINS)
        self.labels = [] if self.ats else _domain_labels(self.domain)
        self.head = _tokens(f"{msg.sender_name} {msg.subject}")
        self.body = _tokens(msg.text[:_SCAN_CHARS])
        self.all = self.head + self.body
        self.vocabulary = set(self.all)
        self.keys = {*self.labels, *_ngrams(self.all, 4)}
        """Exact employer keys this message could name (for the non-applied lookup)."""

    def domain_matches(self, candidate: _Candidate) -> bool:
        if self.ats or not self.domain:
            return False
        if any(self.domain == d or self.domain.endswith("." + d) for d in candidate.domains):
            return True
        key = candidate.key
        for label in self.labels:
            if (
                label == key
                or (len(key) >= 4 and label.startswith(key))
                or (len(key) >= 5 and SequenceMatcher(None, label, key).ratio() >= FUZZY)
            ):
                return True
        return False

    def head_has(self, tokens: tuple[str, ...]) -> bool:
        return _contains(self.head, tokens)

    def body_has(self, tokens: tuple[str, ...]) -> bool:
        return _contains(self.body, tokens)

    def fuzzy_has(self, tokens: tuple[str, ...]) -> bool:
        key, size = "".join(tokens), len(tokens)
        for width in {size, size + 1, max(size - 1, 1)}:
            for start in range(len(self.all) - width + 1):
                window = "".join(self.all[start : start + width])
                if abs(len(window) - len(key)) <= 3 and SequenceMatcher(None, window, key).ratio() >= FUZZY:
                    return True
        return False

    def title_overlap(self, title: tuple[str, ...]) -> float:
        if not title:
            return 0.0
        hits = sum(
            1
            for word in title
            if word in self.vocabulary
            or (
                len(word) >= 5
                and any(
                    abs(len(v) - len(word)) <= 2 and SequenceMatcher(None, v, word).ratio() >= FUZZY
                    for v in self.vocabulary
                )
            )
        )
        return hits / len(title)


def employer_tokens(name: str) -> tuple[str, ...]:
    """ "Müller & Söhne GmbH" -> ("mueller", "soehne"); legal suffixes dropped unless nothing else is left."""
    tokens = _tokens(name)
    core = tuple(t for t in tokens if t not in _LEGAL)
    return core or tuple(tokens)


def _tokens(text: str) -> list[str]:
    text = text.lower()
    for umlaut, plain in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.replace(umlaut, plain)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.findall(r"[a-z0-9]+", text)


def _title_tokens(title: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t for t in _tokens(title) if t not in _TITLE_NOISE and len(t) > 1))


def _contains(haystack: list[str], needle: tuple[str, ...]) -> bool:
    size = len(needle)
    if not size:
        return False
    if size == 1:
        return needle[0] in haystack
    return any(tuple(haystack[i : i + size]) == needle for i in range(len(haystack) - size + 1))


def _ngrams(tokens: list[str], most: int) -> set[str]:
    return {"".join(tokens[i : i + n]) for n in range(1, most + 1) for i in range(len(tokens) - n + 1)}


def _domain_labels(domain: str) -> list[str]:
    """The labels that can name an employer: "careers.acme-corp.co.uk" -> ["acmecorp"]."""
    labels = domain.lower().split(".")
    if len(labels) < 2:
        return []
    labels = labels[:-1]  # the TLD
    if len(labels) > 1 and len(labels[-1]) <= 3 and labels[-1] in {"co", "com", "org", "net", "ac", "gov"}:
        labels = labels[:-1]  # second-level suffixes such as .co.uk
    return [label.replace("-", "") for label in labels if label and label not in _MAIL_LABELS]


def _site(url: str | None) -> str | None:
    """A job's own site domain ("jobs.acme.com" from its URL), unless it is an ATS or job board."""
    if not url:
        return None
    host = (urlsplit(url).hostname or "").lower()
    if not host or sender_in(host, ATS_DOMAINS) or sender_in(host, JOB_BOARD_DOMAINS):
        return None
    parts = host.split(".")
    keep = 3 if len(parts) >= 3 and parts[-2] in {"co", "com", "org", "net", "ac", "gov"} else 2
    return ".".join(parts[-keep:]) if len(parts) >= 2 else None
