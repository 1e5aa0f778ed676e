"""Greenhouse job boards: GET /v1/boards/{token}/jobs?content=true (one page, the whole board).

Descriptions arrive HTML-escaped once more than needed (`&lt;p&gt;`); `html_to_text` undoes that.
"""

from __future__ import annotations

import re
from typing import Any

from . import SourceSpec
from . import posting as read
from .http import PoliteClient
from .posting import Listing, Posting

KIND = "greenhouse"
URL_PATTERNS = (
    re.compile(r"^https?://(?:boards|job-boards)(?:\.eu)?\.greenhouse\.io/(?P<board>[\w.-]+)/jobs/(?P<job>\d+)", re.I),
    re.compile(r"^https?://boards(?:\.eu)?\.greenhouse\.io/embed/job_app\?(?=.*\bfor=(?P<board>[\w.-]+))"
               r"(?=.*\btoken=(?P<job>\d+))", re.I),
)
"""Posting pages this kind recognises for `jobber import url`."""


def fetch_listing(client: PoliteClient, spec: SourceSpec) -> Listing:
    payload = client.get_json(f"{spec.api_base()}/v1/boards/{spec.board}/jobs", params={"content": "true"})
    return parse_listing(payload, spec)


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    payload = client.get_json(f"{spec.api_base()}/v1/boards/{spec.board}/jobs/{job_id}")
    return parse_job(payload, spec) if isinstance(payload, dict) else None


def parse_listing(payload: Any, spec: SourceSpec) -> Listing:
    listing = Listing(KIND, spec.board)
    listing.add_entries(read.board_entries(payload, "jobs", spec.label), lambda raw: parse_job(raw, spec))
    return listing


def parse_job(raw: Any, spec: SourceSpec) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    job_id, title = read.ident(raw.get("id")), read.title(raw.get("title"))
    if not job_id or not title:
        return None
    location = raw.get("location")
    location_name = read.text(location.get("name")) if isinstance(location, dict) else read.text(location)
    meta = _metadata(raw.get("metadata"))
    return Posting(
        source=KIND, board=spec.board, source_job_id=job_id, title=title,
        employer=spec.employer or read.text(raw.get("company_name")) or spec.employer_name(),
        job_url=read.url(raw.get("absolute_url")),
        location=location_name,
        is_remote=read.looks_remote(location_name, title),
        job_description=read.description(raw.get("content")),
        salary=read.text(meta.get("salary") or meta.get("compensation") or meta.get("pay range")),
        date_posted=read.day(raw.get("first_published")) or read.day(raw.get("updated_at")),
        deadline=read.deadline_of(raw) or read.day(meta.get("application deadline") or meta.get("deadline")
                                                   or meta.get("closing date")),
    )


def _metadata(items: Any) -> dict[str, Any]:
    """Greenhouse custom fields ([{name, value}]) by lower-case name: some boards put deadlines there."""
    found: dict[str, Any] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            found[item["name"].strip().lower()] = item.get("value")
    return found
