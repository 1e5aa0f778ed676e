"""Ashby job boards: GET /posting-api/job-board/{name}?includeCompensation=true. Unlisted jobs are skipped
(and so count as gone from the board)."""

from __future__ import annotations

import re
from typing import Any

from . import SourceSpec
from . import posting as read
from .http import PoliteClient
from .posting import Listing, Posting

KIND = "ashby"
URL_PATTERNS = (
    re.compile(r"^https?://jobs\.ashbyhq\.com/(?P<board>[^/?#]+)/(?P<job>[0-9a-f-]{8,})", re.I),
)


def fetch_listing(client: PoliteClient, spec: SourceSpec) -> Listing:
    payload = client.get_json(f"{spec.api_base()}/posting-api/job-board/{spec.board}",
                              params={"includeCompensation": "true"})
    return parse_listing(payload, spec)


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    listing = fetch_listing(client, spec)
    return next((p for p in listing.postings if p.source_job_id == job_id), None)


def parse_listing(payload: Any, spec: SourceSpec) -> Listing:
    listed = [raw for raw in read.board_entries(payload, "jobs", spec.label)
              if not (isinstance(raw, dict) and raw.get("isListed") is False)]
    listing = Listing(KIND, spec.board)
    listing.add_entries(listed, lambda raw: parse_job(raw, spec))
    return listing


def parse_job(raw: Any, spec: SourceSpec) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    job_id, title = read.ident(raw.get("id")), read.title(raw.get("title"))
    if not job_id or not title:
        return None
    location = read.text(raw.get("location"))
    secondary = [read.text(s.get("location")) for s in raw.get("secondaryLocations") or []
                 if isinstance(s, dict)] if isinstance(raw.get("secondaryLocations"), list) else []
    locations = "; ".join(dict.fromkeys(x for x in [location, *secondary] if x)) or None
    pay = raw.get("compensation") if isinstance(raw.get("compensation"), dict) else {}
    workplace = read.text(raw.get("workplaceType")) or ""
    html = raw.get("descriptionHtml") if isinstance(raw.get("descriptionHtml"), str) else raw.get("descriptionPlain")
    return Posting(
        source=KIND, board=spec.board, source_job_id=job_id, title=title, employer=spec.employer_name(),
        job_url=read.url(raw.get("jobUrl")), application_url=read.url(raw.get("applyUrl")),
        location=locations,
        is_remote=raw.get("isRemote") is True or workplace.lower() == "remote" or read.looks_remote(location),
        job_description=read.description(html),
        salary=read.text(pay.get("compensationTierSummary") or pay.get("scrapeableCompensationSalarySummary"), 200),
        date_posted=read.day(raw.get("publishedAt") or raw.get("publishedDate")),
        deadline=read.deadline_of(raw),
    )
