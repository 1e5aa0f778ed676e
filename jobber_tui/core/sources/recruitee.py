"""Recruitee careers sites: GET {company}.recruitee.com/api/offers/ (the base URL holds `{board}`)."""

from __future__ import annotations

import re
from typing import Any

from . import SourceSpec
from . import posting as read
from .http import PoliteClient
from .posting import Listing, Posting

KIND = "recruitee"
URL_PATTERNS = (
    re.compile(r"^https?://(?P<board>[\w-]+)\.recruitee\.com/o/(?P<job>[\w-]+)", re.I),
)
"""Recruitee URLs name an offer by slug; `fetch_posting` matches it against the offers' slugs."""


def fetch_listing(client: PoliteClient, spec: SourceSpec) -> Listing:
    return parse_listing(client.get_json(f"{spec.api_base()}/api/offers/"), spec)


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    payload = client.get_json(f"{spec.api_base()}/api/offers/")
    offers = payload.get("offers") if isinstance(payload, dict) else None
    for raw in offers if isinstance(offers, list) else []:
        if isinstance(raw, dict) and job_id in (read.ident(raw.get("slug")), read.ident(raw.get("id"))):
            return parse_job(raw, spec)
    return None


def parse_listing(payload: Any, spec: SourceSpec) -> Listing:
    listing = Listing(KIND, spec.board)
    listing.add_entries(read.board_entries(payload, "offers", spec.label), lambda raw: parse_job(raw, spec),
                        entry="offer")
    return listing


def parse_job(raw: Any, spec: SourceSpec) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    job_id, title = read.ident(raw.get("id")), read.title(raw.get("title"))
    if not job_id or not title:
        return None
    location = read.text(raw.get("location")) or ", ".join(
        x for x in (read.text(raw.get("city")), read.text(raw.get("country"))) if x) or None
    pay = raw.get("salary") if isinstance(raw.get("salary"), dict) else {}
    body = "\n".join(x for x in (raw.get("description"), raw.get("requirements")) if isinstance(x, str))
    return Posting(
        source=KIND, board=spec.board, source_job_id=job_id, title=title,
        employer=spec.employer or read.text(raw.get("company_name")) or spec.employer_name(),
        job_url=read.url(raw.get("careers_url")), application_url=read.url(raw.get("careers_apply_url")),
        location=location,
        is_remote=read.flag(raw.get("remote")) or read.looks_remote(location),
        job_description=read.description(body),
        salary=read.salary_range(pay.get("min"), pay.get("max"), pay.get("currency"), pay.get("period")),
        date_posted=read.day(raw.get("published_at")) or read.day(raw.get("created_at")),
        deadline=read.deadline_of(raw),
    )
