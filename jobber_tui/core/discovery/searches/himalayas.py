"""Himalayas (remote jobs): GET himalayas.app/jobs/api/search?q=…&page=N when there is a query, else
the browse feed /jobs/api?limit=20&offset=N. Both answer `{"jobs": [...], "totalCount"|"total_count"}`,
20 jobs a page.

A job: title, companyName, description (HTML), excerpt, employmentType, minSalary/maxSalary with
`currency` (the period is not stated, so none is assumed), locationRestrictions (the countries it is
open to; none means anywhere), pubDate (epoch seconds), applicationLink, and `guid`, its page on
Himalayas: the job's link, which keeps the attribution Himalayas asks for. Every job is remote.
"""

from __future__ import annotations

from typing import Any

from ...infra.http import PoliteClient
from ...infra.json_values import list_at
from ..sources import posting as read
from ..sources.pay import pay_from_numbers
from ..sources.posting import Listing, Posting
from . import SearchSpec
from .common import add_matching, full, listing_for

PAGE = 20


def search(client: PoliteClient, spec: SearchSpec) -> Listing:
    listing = listing_for(spec)
    base = spec.api_base()
    for page in range(-(-spec.max_results // PAGE)):
        if spec.query:
            params: dict[str, Any] = {"q": spec.query, "page": page + 1, "sort": "recent"}
            if spec.country:
                params["country"] = spec.country
            payload = client.get_json(f"{base}/jobs/api/search", params=params)
        else:
            payload = client.get_json(f"{base}/jobs/api", params={"limit": PAGE, "offset": page * PAGE})
        jobs = read.board_entries(payload, "jobs", spec.label)
        for index, raw in enumerate(jobs):
            job = parse_job(raw, spec)
            add_matching(
                listing,
                spec,
                job,
                job.source_job_id if job else None,
                f"job #{page * PAGE + index + 1}",
                by_query=False,
                by_place=True,
            )
            if full(listing, spec):
                return listing
        if len(jobs) < PAGE:
            break
    return listing


def parse_job(raw: Any, spec: SearchSpec) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    link = read.url(raw.get("guid")) or read.url(raw.get("applicationLink"))
    job_id, title = read.ident(raw.get("guid") or raw.get("id")), read.title(raw.get("title"))
    employer = read.text(raw.get("companyName"))
    if not job_id or not title or not employer:
        return None
    places = list_at(raw, "locationRestrictions")
    named = [read.text(p.get("name") if isinstance(p, dict) else p) for p in places]
    body = raw.get("description") if isinstance(raw.get("description"), str) else raw.get("excerpt")
    return Posting(
        source=spec.provider,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=employer,
        job_url=link,
        application_url=read.url(raw.get("applicationLink")),
        location="; ".join(p for p in named if p) or "Worldwide",
        is_remote=True,
        job_description=read.description(body),
        pay=pay_from_numbers(
            raw.get("minSalary"), raw.get("maxSalary"), raw.get("currency") or raw.get("salaryCurrency")
        ),
        date_posted=read.day(raw.get("pubDate")),
    )
