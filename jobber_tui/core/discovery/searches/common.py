"""What the search providers share: an empty listing for a search, and the query and place matched
locally for providers whose API cannot filter by them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..sources import posting as read
from ..sources.posting import Listing, Posting

if TYPE_CHECKING:
    from . import SearchSpec

_ANYWHERE = re.compile(r"\b(worldwide|anywhere|global|everywhere)\b", re.I)


def listing_for(spec: SearchSpec) -> Listing:
    return Listing(spec.provider, spec.board, complete=False)


def query_words(query: str) -> list[re.Pattern[str]]:
    return [re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.I) for word in query.split()]


def matches_query(posting: Posting, words: list[re.Pattern[str]]) -> bool:
    """Every word of the query is in the title, employer, location or description."""
    text = " ".join(x for x in (posting.title, posting.employer, posting.location or "", posting.job_description))
    return all(word.search(text) for word in words)


def open_to(posting: Posting, place: str) -> bool:
    """The job is in `place`, or is remote from anywhere (no place named, or "Worldwide")."""
    where = posting.location or ""
    if place.casefold() in where.casefold():
        return True
    return posting.is_remote and (read.generic_place(where) or bool(_ANYWHERE.search(where)))


def add_matching(
    listing: Listing,
    spec: SearchSpec,
    found: Posting | None,
    job_id: str | None,
    where: str,
    *,
    by_query: bool,
    by_place: bool,
) -> None:
    """Add one result, unless the query or place the provider could not apply rules it out (counted as
    filtered). `by_query`/`by_place`: match them here, because the provider did not."""
    if found is not None and (
        (by_query and not matches_query(found, query_words(spec.query)))
        or (by_place and spec.location and not open_to(found, spec.location))
    ):
        if job_id:
            listing.present_ids.add(job_id)
        listing.filtered += 1
        return
    listing.add(job_id, found, where)


def full(listing: Listing, spec: SearchSpec) -> bool:
    """True once the search has as many results as it may read (`max_results`)."""
    return len(listing.postings) >= spec.max_results
