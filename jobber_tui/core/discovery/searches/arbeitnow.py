"""Arbeitnow (jobs in Europe, many from ATS boards): GET arbeitnow.com/api/job-board-api?page=N,
100 jobs a page: `{"data": [{slug, company_name, title, description (HTML), remote, url, tags,
job_types, location, created_at (epoch seconds)}], "links": {"next"}, "meta": {…, "terms"}}`.

The API has no search, so the query and place are matched here, reading pages until `max_results`
jobs match or `MAX_PAGES` pages were read. Its terms ask for a link back: the job's link is its
Arbeitnow page.
"""

from __future__ import annotations

from typing import Any

from ...infra.http import PoliteClient
from ...infra.json_values import object_at
from ..sources import posting as read
from ..sources.posting import Listing, Posting
from . import SearchSpec
from .common import add_matching, full, listing_for

MAX_PAGES = 10


def search(client: PoliteClient, spec: SearchSpec) -> Listing:
    listing = listing_for(spec)
    seen = 0
    for page in range(1, MAX_PAGES + 1):
        payload = client.get_json(f"{spec.api_base()}/api/job-board-api", params={"page": page})
        jobs = read.board_entries(payload, "data", spec.label)
        for raw in jobs:
            seen += 1
            job = parse_job(raw, spec)
            add_matching(
                listing, spec, job, job.source_job_id if job else None, f"job #{seen}", by_query=True, by_place=True
            )
            if full(listing, spec):
                return listing
        links = object_at(payload, "links")
        if not jobs or not links.get("next"):
            break
    return listing


def parse_job(raw: Any, spec: SearchSpec) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    job_id, title = read.ident(raw.get("slug")), read.title(raw.get("title"))
    employer = read.text(raw.get("company_name"))
    if not job_id or not title or not employer:
        return None
    location = read.text(raw.get("location"))
    flag = raw.get("remote") if isinstance(raw.get("remote"), bool) else None
    return Posting(
        source=spec.provider,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=employer,
        job_url=read.url(raw.get("url")),
        location=location,
        is_remote=read.remote(flag, location, title),
        job_description=read.description(raw.get("description")),
        date_posted=read.day(raw.get("created_at")),
    )
