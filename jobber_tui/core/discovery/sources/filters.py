"""Per-source and per-search filters: keywords the job must or must not have, where it is, remote
only, and a cap on the new jobs one run may add.

Filters drop postings after the fetch and before the import; a dropped posting still counts as
listed by its board (`Listing.present_ids`), so filtering never expires a stored job. The cap is
applied by the import plan (dedup.py), which is the one place that knows which postings are new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .posting import Listing, Posting


def _words(values: Any) -> tuple[str, ...]:
    return tuple(v.strip() for v in values or () if isinstance(v, str) and v.strip())


def _pattern(words: tuple[str, ...]) -> re.Pattern[str] | None:
    """One case-insensitive pattern matching any of the words as a whole word ("go" is not "google";
    "C++" and ".NET" work too)."""
    if not words:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" for w in words), re.I)


@dataclass(frozen=True)
class Filters:
    """What a source or search keeps. The empty Filters keeps everything."""

    include: tuple[str, ...] = ()
    """Keep a job only when its title or description has one of these words."""
    exclude: tuple[str, ...] = ()
    """Drop a job whose title has one of these words (the title only: "senior" in "you will work with
    senior engineers" must not lose the job)."""
    locations: tuple[str, ...] = ()
    """Keep a job only when its location contains one of these; "remote" keeps remote jobs anywhere."""
    remote_only: bool = False
    max_new: int | None = None
    """At most this many new jobs per run (updates of known jobs are not counted)."""

    @classmethod
    def of(cls, entry: Any) -> Filters:
        """From a `[[sources]]` or `[[searches]]` entry of the config model."""
        return cls(
            include=_words(entry.include_keywords),
            exclude=_words(entry.exclude_keywords),
            locations=_words(entry.locations),
            remote_only=bool(entry.remote_only),
            max_new=entry.max_new,
        )

    @property
    def active(self) -> bool:
        return bool(self.include or self.exclude or self.locations or self.remote_only)

    def describe(self) -> str:
        """ "keeps: python, go; drops titles with: senior; in: Berlin, remote; remote only; at most 20 new a run"."""
        parts = [f"keeps: {', '.join(self.include)}"] if self.include else []
        parts += [f"drops titles with: {', '.join(self.exclude)}"] if self.exclude else []
        parts += [f"in: {', '.join(self.locations)}"] if self.locations else []
        parts += ["remote only"] if self.remote_only else []
        parts += [f"at most {self.max_new} new a run"] if self.max_new is not None else []
        return "; ".join(parts)

    @cached_property
    def _include(self) -> re.Pattern[str] | None:
        return _pattern(self.include)

    @cached_property
    def _exclude(self) -> re.Pattern[str] | None:
        return _pattern(self.exclude)

    def reason_to_drop(self, posting: Posting) -> str | None:
        """Why this filter drops the posting, or None when it keeps it."""
        if self.remote_only and not posting.is_remote:
            return "not remote"
        if self._exclude is not None and (found := self._exclude.search(posting.title)):
            return f"title has {found.group(0)!r}"
        if self._include is not None and not (
            self._include.search(posting.title) or self._include.search(posting.job_description)
        ):
            return "none of the keywords"
        if self.locations and not self._in_place(posting):
            return "elsewhere"
        return None

    def _in_place(self, posting: Posting) -> bool:
        where = (posting.location or "").casefold()
        for wanted in self.locations:
            if wanted.casefold() == "remote" and posting.is_remote:
                return True
            if wanted.casefold() in where:
                return True
        return False

    def apply(self, listing: Listing) -> int:
        """Drop the postings this filter does not keep; returns how many were dropped."""
        listing.max_new = self.max_new
        if not self.active:
            return 0
        kept = [p for p in listing.postings if self.reason_to_drop(p) is None]
        dropped = len(listing.postings) - len(kept)
        listing.postings = kept
        listing.filtered += dropped
        return dropped
