"""Ashby job boards: GET /posting-api/job-board/{name}?includeCompensation=true. Unlisted jobs are
skipped (and so count as gone from the board). The posting API has no single-posting endpoint, so a
link to one posting reads the board. It never names the company: the employer is the configured
`employer`, else the board name title-cased."""

from __future__ import annotations

import re
from typing import Any

from ...infra.http import PoliteClient
from ...infra.json_values import list_at
from . import SourceSpec
from . import posting as read
from .pay import Pay, combine, pay_from_numbers, pay_from_summary
from .posting import Listing, Posting

KIND = "ashby"
URL_PATTERNS = (re.compile(r"^https?://jobs\.ashbyhq\.com/(?P<board>[^/?#]+)/(?P<job>[0-9a-f-]{8,})", re.I),)
"""A posting and its application form (`.../application`)."""
_WORKPLACE = {"remote": True, "onsite": False, "on-site": False, "hybrid": False}


def fetch_listing(client: PoliteClient, spec: SourceSpec) -> Listing:
    payload = client.get_json(
        f"{spec.api_base()}/posting-api/job-board/{spec.board}", params={"includeCompensation": "true"}
    )
    return parse_listing(payload, spec)


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    listing = fetch_listing(client, spec)
    return next((p for p in listing.postings if p.source_job_id == job_id), None)


def parse_listing(payload: Any, spec: SourceSpec) -> Listing:
    listed = [
        raw
        for raw in read.board_entries(payload, "jobs", spec.label)
        if not (isinstance(raw, dict) and raw.get("isListed") is False)
    ]
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
    places = [read.best_place(location, _address(raw.get("address")))]
    for other in list_at(raw, "secondaryLocations"):
        if isinstance(other, dict):
            places.append(read.best_place(read.text(other.get("location")), _address(other.get("address"))))
    workplace = (read.text(raw.get("workplaceType")) or "").lower()
    structured = raw.get("isRemote") if isinstance(raw.get("isRemote"), bool) else _WORKPLACE.get(workplace)
    html = raw.get("descriptionHtml") if isinstance(raw.get("descriptionHtml"), str) else raw.get("descriptionPlain")
    return Posting(
        source=KIND,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=spec.employer_name(read.text(raw.get("organizationName"))),
        job_url=read.url(raw.get("jobUrl")),
        application_url=read.url(raw.get("applyUrl")),
        location="; ".join(dict.fromkeys(p for p in places if p)) or None,
        is_remote=read.remote(structured, location),
        job_description=read.description(html),
        pay=_pay(raw.get("compensation")),
        date_posted=read.day(raw.get("publishedAt") or raw.get("publishedDate")),
        deadline=read.deadline_of(raw),
    )


def _address(value: Any) -> str | None:
    """schema.org PostalAddress, bare or under `postalAddress`: "Berlin, Germany"."""
    if not isinstance(value, dict):
        return None
    value = value.get("postalAddress", value)
    if not isinstance(value, dict):
        return None
    return read.place(value.get("addressLocality"), value.get("addressRegion"), value.get("addressCountry"))


def _pay(compensation: Any) -> Pay | None:
    """The Salary components (summary first, else every tier's), shown as the board's own summary line."""
    if not isinstance(compensation, dict):
        return None
    summary = read.text(compensation.get("compensationTierSummary"), 200) or read.text(
        compensation.get("scrapeableCompensationSalarySummary"), 200
    )
    components = compensation.get("summaryComponents")
    if not isinstance(components, list) or not components:
        tiers = list_at(compensation, "compensationTiers")
        components = [
            c
            for tier in tiers
            if isinstance(tier, dict) and isinstance(tier.get("components"), list)
            for c in tier["components"]
        ]
    salaries = [
        pay_from_numbers(c.get("minValue"), c.get("maxValue"), c.get("currencyCode"), c.get("interval"))
        for c in components
        if isinstance(c, dict) and c.get("compensationType") == "Salary"
    ]
    found = combine([p for p in salaries if p is not None])
    if found is not None:
        return Pay(found.minimum, found.maximum, found.currency, found.period, summary or found.display)
    return pay_from_summary(summary)
