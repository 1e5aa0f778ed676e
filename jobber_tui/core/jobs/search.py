"""Search across every queue: words over title, employer, location, description and tailored skills
(SQLite FTS5, prefix matching, accents ignored), narrowed by filters.

    rust berlin              jobs whose text has words starting with "rust" and "berlin"
    "site reliability"       the exact phrase
    status:ready             status (several: status:discovered,ready)
    score:>70  score:<=40  score:60-80  score:none
    remote:yes / remote:no   the remote flag, or "remote" in the location

Only the words go to SQLite (ids back, nothing else: 50,000 matches cost ~40 ms); the filters are
checked on the light queue rows the caller already holds, so a keystroke never re-reads job rows.
Words of one letter wait for the next one (a one-letter prefix matches nearly everything, slowly).
A filter that cannot be read is reported (`problems`) and left out, never guessed at.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .queue_rows import QueueRow, Readable, fetch_rows
from .states import JobStatus

_SCORE = re.compile(r"^(?:(?P<op><=|>=|<|>|=)?(?P<value>\d{1,3})|(?P<low>\d{1,3})-(?P<high>\d{1,3})|(?P<none>none))$")
_YES = {"yes", "true", "1", "y", "on"}
_NO = {"no", "false", "0", "n", "off"}
FILTERS = ("status", "score", "remote")
MIN_WORD = 2
"""Letters a word needs before it is searched for."""


@dataclass(frozen=True)
class SearchQuery:
    """A query as typed, taken apart."""

    terms: tuple[str, ...] = ()
    """Words (matched as prefixes) and quoted phrases (matched exactly), all required."""
    statuses: tuple[str, ...] = ()
    scores: tuple[tuple[str, Any], ...] = ()
    """Each ("op", (operator, number)), ("range", (low, high)) or ("none", None); all must hold."""
    remote: bool | None = None
    problems: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.terms or self.statuses or self.scores or self.remote is not None)

    def keeps(self, row: QueueRow) -> bool:
        """Whether a row passes the filters (the words are checked by `matching_ids`)."""
        if self.statuses and row.status not in self.statuses:
            return False
        if not all(_score_ok(wanted, row.score) for wanted in self.scores):
            return False
        if self.remote is not None and bool(row.is_remote) != self.remote:
            return False
        return True


def parse_query(text: str) -> SearchQuery:
    """Split a query into terms and filters; unreadable filters become `problems`."""
    try:
        parts = shlex.split(text)
        phrases = set(re.findall(r'"([^"]+)"', text))
    except ValueError:  # an unclosed quote while typing: read it as plain words
        parts, phrases = text.replace('"', " ").split(), set()
    terms: list[str] = []
    statuses: list[str] = []
    scores: list[tuple[str, Any]] = []
    remote: bool | None = None
    problems: list[str] = []
    for part in parts:
        key, sep, value = part.partition(":")
        key = key.lower()
        if not sep or key not in FILTERS or part in phrases:
            if len(re.findall(r"\w", part)) >= MIN_WORD:
                terms.append(part)
            continue
        value = value.strip().lower()
        if not value:
            continue  # still typing "status:"
        if key == "status":
            for name in value.split(","):
                if name in {s.value for s in JobStatus}:
                    statuses.append(name)
                elif name:
                    problems.append(f"status:{name}: expected {', '.join(s.value for s in JobStatus)}")
        elif key == "score":
            match = _SCORE.match(value)
            if match is None:
                problems.append(f"score:{value}: expected e.g. score:>70, score:<=40, score:60-80 or score:none")
            elif match["none"]:
                scores.append(("none", None))
            elif match["low"]:
                scores.append(("range", tuple(sorted((int(match["low"]), int(match["high"]))))))
            else:
                scores.append(("op", (match["op"] or "=", int(match["value"]))))
        elif value in _YES or value in _NO:
            remote = value in _YES
        else:
            problems.append(f"remote:{value}: expected remote:yes or remote:no")
    return SearchQuery(tuple(terms), tuple(dict.fromkeys(statuses)), tuple(scores), remote, tuple(problems))


def fts_expression(terms: Iterable[str]) -> str:
    """An FTS5 MATCH string where every term is quoted (nothing the user types is FTS syntax): words
    as prefixes, phrases with spaces exactly."""
    parts = []
    for term in terms:
        quoted = '"' + term.replace('"', '""') + '"'
        parts.append(quoted if " " in term.strip() else quoted + "*")
    return " ".join(parts)


def matching_ids(store: Readable, query: SearchQuery) -> frozenset[int] | None:
    """Ids of the jobs whose text has every term; None when the query has no terms (all match)."""
    if not query.terms:
        return None
    rows = store.query("SELECT rowid FROM job_fts WHERE job_fts MATCH ?", (fts_expression(query.terms),))
    return frozenset(row[0] for row in rows)


def filter_rows(rows: Iterable[QueueRow], query: SearchQuery, ids: frozenset[int] | None) -> list[QueueRow]:
    """The rows a query keeps, in their order: one plain pass per filter (50,000 rows: a few ms each)."""
    kept = list(rows)
    if ids is not None:
        kept = [row for row in kept if row.id in ids]
    if query.statuses:
        wanted = frozenset(query.statuses)
        kept = [row for row in kept if row.status in wanted]
    for condition in query.scores:
        kept = [row for row in kept if _score_ok(condition, row.score)]
    if query.remote is not None:
        kept = [row for row in kept if bool(row.is_remote) == query.remote]
    return kept


def search_jobs(store: Readable, text: str) -> tuple[list[QueueRow], tuple[str, ...]]:
    """Every job a query matches, in any status (for scripts and the CLI), and the problems found."""
    query = parse_query(text)
    rows = fetch_rows(store, tuple(JobStatus))
    return filter_rows(rows, query, matching_ids(store, query)), query.problems


def _score_ok(wanted: tuple[str, Any], score: int | None) -> bool:
    kind, value = wanted
    if kind == "none":
        return score is None
    if score is None:
        return False
    if kind == "range":
        return bool(value[0] <= score <= value[1])
    op, number = value
    return bool(
        {"<": score < number, "<=": score <= number, ">": score > number, ">=": score >= number, "=": score == number}[
            op
        ]
    )


class Searcher:
    """Text -> (query, ids its words match) on one store, for a list that searches as you type.

    Each word's ids are kept (the last `TERMS` words), so typing a second word asks the store only for
    that word, and a query's words are intersected here (the same as FTS5's implicit AND). Call
    `forget()` when jobs change; the last text's answer is kept until then too.
    """

    TERMS = 64

    def __init__(self, store: Readable) -> None:
        self.store = store
        self._terms: dict[str, frozenset[int]] = {}
        self._last: tuple[str, SearchQuery, frozenset[int] | None] | None = None

    def __call__(self, text: str) -> tuple[SearchQuery, frozenset[int] | None]:
        if self._last is None or self._last[0] != text:
            query = parse_query(text)
            self._last = (text, query, self._ids(query.terms))
        return self._last[1], self._last[2]

    def forget(self) -> None:
        self._terms.clear()
        self._last = None

    def _ids(self, terms: tuple[str, ...]) -> frozenset[int] | None:
        if not terms:
            return None
        found: frozenset[int] | None = None
        for term in sorted(set(terms), key=lambda t: t not in self._terms):  # known words first: cheap
            ids = self._terms.get(term)
            if ids is None:
                ids = matching_ids(self.store, SearchQuery(terms=(term,))) or frozenset()
                self._terms[term] = ids
                if len(self._terms) > self.TERMS:
                    del self._terms[next(iter(self._terms))]
            found = ids if found is None else found & ids
            if not found:
                return frozenset()
        return found


def searcher(store: Readable) -> Searcher:
    """A `Searcher` on this store (the workspace's reader: searching never waits for SQLAlchemy)."""
    return Searcher(store)
