"""Remote OK: GET remoteok.com/api, one JSON array of the latest remote jobs (about a hundred).

Its first element is not a job but the terms (`{"legal": "…link back to the URL on Remote OK and
mention Remote OK as a source…"}`): the job's link is its Remote OK page, and its source is
"remoteok". The API has no search, so the query and place are matched here. A job: id, position,
company, description (HTML), location, tags, salary_min/salary_max (US dollars a year, as Remote OK's
posting form asks for them), date, url, apply_url.
"""

from __future__ import annotations

from typing import Any

from ...infra.http import PoliteClient, SourceError
from ..sources import posting as read
from ..sources.pay import pay_from_numbers
from ..sources.posting import Listing, Posting
from . import SearchSpec
from .common import add_matching, full, listing_for


def search(client: PoliteClient, spec: SearchSpec) -> Listing:
    payload = client.get_json(f"{spec.api_base()}/api")
    if not isinstance(payload, list):
        raise SourceError(f"{spec.label}: unexpected response (expected a list of jobs)")
    listing = listing_for(spec)
    for index, raw in enumerate(payload):
        if isinstance(raw, dict) and "legal" in raw and "position" not in raw:
            continue  # the terms of use, sent as the first element
        job = parse_job(raw, spec)
        add_matching(
            listing,
            spec,
            job,
            read.ident(raw.get("id")) if isinstance(raw, dict) else None,
            f"job #{index}",
            by_query=True,
            by_place=True,
        )
        if full(listing, spec):
            break
    return listing


def parse_job(raw: Any, spec: SearchSpec) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    job_id, title, employer = read.ident(raw.get("id")), read.title(raw.get("position")), read.text(raw.get("company"))
    if not job_id or not title or not employer:
        return None
    low, high = raw.get("salary_min"), raw.get("salary_max")
    paid = any(isinstance(x, (int, float)) and not isinstance(x, bool) and x > 0 for x in (low, high))
    return Posting(
        source=spec.provider,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=employer,
        job_url=read.url(raw.get("url")),
        application_url=read.url(raw.get("apply_url")),
        location=read.text(raw.get("location")) or "Worldwide",
        is_remote=True,
        job_description=read.description(raw.get("description")),
        pay=pay_from_numbers(low or None, high or None, "USD", "year") if paid else None,
        date_posted=read.day(raw.get("date")) or read.day(raw.get("epoch")),
    )
