"""Workable accounts: GET /api/v1/widget/accounts/{subdomain}?details=true (the account name is the employer)."""

from __future__ import annotations

import re
from typing import Any

from . import SourceSpec
from . import posting as read
from .http import PoliteClient
from .posting import Listing, Posting

KIND = "workable"
URL_PATTERNS = (
    re.compile(r"^https?://apply\.workable\.com/(?P<board>[\w.-]+)/j/(?P<job>[0-9A-Za-z]+)", re.I),
    re.compile(r"^https?://(?P<board>[\w-]+)\.workable\.com/j(?:obs)?/(?P<job>[0-9A-Za-z]+)", re.I),
)


def fetch_listing(client: PoliteClient, spec: SourceSpec) -> Listing:
    payload = client.get_json(f"{spec.api_base()}/api/v1/widget/accounts/{spec.board}", params={"details": "true"})
    return parse_listing(payload, spec)


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    listing = fetch_listing(client, spec)
    return next((p for p in listing.postings if p.source_job_id == job_id), None)


def parse_listing(payload: Any, spec: SourceSpec) -> Listing:
    entries = read.board_entries(payload, "jobs", spec.label)
    employer = spec.employer or read.text(payload.get("name")) or spec.employer_name()
    listing = Listing(KIND, spec.board)
    listing.add_entries(entries, lambda raw: parse_job(raw, spec, employer), id_key="shortcode")
    return listing


def parse_job(raw: Any, spec: SourceSpec, employer: str) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    job_id, title = read.ident(raw.get("shortcode")), read.title(raw.get("title"))
    if not job_id or not title:
        return None
    place = _place(raw, ("city", "state", "country"))
    if place is None and isinstance(raw.get("locations"), list):
        first = next((loc for loc in raw["locations"] if isinstance(loc, dict) and not loc.get("hidden")), {})
        place = _place(first, ("city", "region", "country"))
    return Posting(
        source=KIND, board=spec.board, source_job_id=job_id, title=title, employer=employer,
        job_url=read.url(raw.get("url")) or read.url(raw.get("shortlink")),
        application_url=read.url(raw.get("application_url")),
        location=place,
        is_remote=read.flag(raw.get("telecommuting")) or read.looks_remote(place),
        job_description=read.description(raw.get("description")),
        date_posted=read.day(raw.get("published_on")) or read.day(raw.get("created_at")),
        deadline=read.deadline_of(raw),
    )


def _place(data: dict[str, Any], keys: tuple[str, ...]) -> str | None:
    """"Berlin, Germany" from city/state/country, without repeating a city that is also its state."""
    parts = (read.text(data.get(key)) for key in keys)
    return ", ".join(dict.fromkeys(p for p in parts if p)) or None
