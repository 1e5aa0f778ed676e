"""Teamtailor career sites: GET {company}.teamtailor.com/jobs.rss?per_page=200, an RSS feed with the
whole text of each job.

Each `<item>` has the title, the description (HTML, escaped once), `pubDate`, the job's `link`
(`/jobs/{id}-{slug}`: its number is the job's id), `remoteStatus` (none, hybrid, temporary, fully)
and `tt:locations` with each office's name, city and country. The channel's title names the
employer ("Acme", "Acme - Career site", "Jobs at Acme"); the feed lists at most `per_page` jobs, so a feed that full
is treated as incomplete and nothing expires from it.
"""

from __future__ import annotations

import re
from typing import Any

from ...infra.http import PoliteClient
from . import SourceSpec
from . import posting as read
from .posting import Listing, Posting
from .xml_feed import child, children, parse_feed, text_of

KIND = "teamtailor"
PER_PAGE = 200
URL_PATTERNS = (
    re.compile(r"^https?://(?P<board>[\w-]+)\.teamtailor\.com/(?:[a-z]{2}(?:-[A-Za-z]{2})?/)?jobs/(?P<job>\d+)", re.I),
)
_JOB_NUMBER = re.compile(r"/jobs/(\d+)")
_REMOTE = {"fully": True, "remote": True, "none": False, "hybrid": False, "temporary": False, "onsite": False}
"""remoteStatus; "temporary" (remote for now) is not a remote job."""
_CHANNEL_SUFFIX = re.compile(r"\s*[-–|:]\s*(career site|careers|jobs)\s*$|^\s*(jobs|careers)\s+(at|bei)\s+", re.I)


def fetch_listing(client: PoliteClient, spec: SourceSpec) -> Listing:
    reply = client.request("GET", f"{spec.api_base()}/jobs.rss", params={"per_page": PER_PAGE})
    return parse_listing(reply.body, spec)


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    listing = fetch_listing(client, spec)
    return next((p for p in listing.postings if p.source_job_id == job_id), None)


def parse_listing(body: bytes, spec: SourceSpec) -> Listing:
    channel = child(parse_feed(body, spec.label), "channel")
    listing = Listing(KIND, spec.board)
    if channel is None:
        listing.complete = False
        listing.problems.append("the feed has no <channel>")
        return listing
    employer = spec.employer_name(_employer(text_of(channel, "title")))
    items = list(children(channel, "item"))
    for index, item in enumerate(items):
        job_id = _job_id(item)
        listing.add(job_id, parse_item(item, spec, employer), f"item #{index + 1}")
    if len(items) >= PER_PAGE:
        listing.complete = False
        listing.notes.append(f"the feed is full ({PER_PAGE} jobs); nothing is expired from it")
    return listing


def _employer(channel_title: str | None) -> str | None:
    name = read.text(channel_title)
    return read.text(_CHANNEL_SUFFIX.sub("", name)) if name else None


def _job_id(item: Any) -> str | None:
    found = _JOB_NUMBER.search(text_of(item, "link") or "")
    return found.group(1) if found else read.ident(text_of(item, "guid"))


def parse_item(item: Any, spec: SourceSpec, employer: str) -> Posting | None:
    job_id, title = _job_id(item), read.title(text_of(item, "title"))
    if not job_id or not title:
        return None
    places = []
    for where in children(child(item, "locations"), "location") if child(item, "locations") is not None else []:
        named = read.place(text_of(where, "city"), text_of(where, "country"))
        places.append(read.best_place(read.text(text_of(where, "name")), named))
    location = "; ".join(dict.fromkeys(p for p in places if p)) or None
    status = (read.text(text_of(item, "remoteStatus")) or "").lower()
    return Posting(
        source=KIND,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=employer,
        job_url=read.url(text_of(item, "link")),
        location=location,
        is_remote=read.remote(_REMOTE.get(status), location, title),
        job_description=read.description(text_of(item, "description") or ""),
        date_posted=_rss_day(text_of(item, "pubDate")),
    )


def _rss_day(value: str | None) -> str | None:
    """RSS dates are RFC 822 ("Fri, 27 Feb 2026 19:59:48 +0100")."""
    from email.utils import parsedate_to_datetime

    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return read.day(value)
