"""Reed (UK jobs, key-based): GET reed.co.uk/api/1.0/search?keywords&locationName&resultsToTake=100
&resultsToSkip=N with basic auth (the key as the user name, no password; the key from the variable
`api_key_env` names).

Answered `{"results": [{jobId, employerName, jobTitle, locationName, minimumSalary, maximumSalary,
currency, expirationDate, date, jobDescription (a summary), applications, jobUrl}],
"totalResults"}`. Dates are day/month/year ("25/02/2026"); the expiration date is the job's
deadline. Reed's search does not say whether pay is a year's or an hour's, so no period is assumed.
"""

from __future__ import annotations

import base64
import re
from datetime import date
from typing import Any

from ...infra.http import PoliteClient
from ..sources import posting as read
from ..sources.pay import pay_from_numbers
from ..sources.posting import Listing, Posting
from . import SearchSpec
from .common import add_matching, full, listing_for

PAGE = 100
_UK_DATE = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})")


def search(client: PoliteClient, spec: SearchSpec) -> Listing:
    listing = listing_for(spec)
    token = base64.b64encode(f"{spec.secret('api_key_env')}:".encode()).decode()
    for page in range(-(-spec.max_results // PAGE)):
        params: dict[str, Any] = {"resultsToTake": PAGE, "resultsToSkip": page * PAGE}
        if spec.query:
            params["keywords"] = spec.query
        if spec.location:
            params["locationName"] = spec.location
        payload = client.get_json(
            f"{spec.api_base()}/api/1.0/search", params=params, headers={"Authorization": f"Basic {token}"}
        )
        results = read.board_entries(payload, "results", spec.label)
        for index, raw in enumerate(results):
            job = parse_job(raw, spec)
            add_matching(
                listing,
                spec,
                job,
                read.ident(raw.get("jobId")) if isinstance(raw, dict) else None,
                f"result #{page * PAGE + index + 1}",
                by_query=False,
                by_place=False,
            )
            if full(listing, spec):
                return listing
        if len(results) < PAGE:
            break
    return listing


def uk_day(value: Any) -> str | None:
    """ "25/02/2026" -> 2026-02-25; ISO text too."""
    found = _UK_DATE.match(value) if isinstance(value, str) else None
    if found is None:
        return read.day(value)
    try:
        return date(int(found[3]), int(found[2]), int(found[1])).isoformat()
    except ValueError:
        return None


def parse_job(raw: Any, spec: SearchSpec) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    job_id, title, employer = (
        read.ident(raw.get("jobId")),
        read.title(raw.get("jobTitle")),
        read.text(raw.get("employerName")),
    )
    if not job_id or not title or not employer:
        return None
    location = read.text(raw.get("locationName"))
    description = read.description(raw.get("jobDescription"))
    return Posting(
        source=spec.provider,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=employer,
        job_url=read.url(raw.get("jobUrl")),
        location=location,
        is_remote=read.looks_remote(location, title),
        job_description=description,
        pay=pay_from_numbers(raw.get("minimumSalary"), raw.get("maximumSalary"), raw.get("currency") or "GBP"),
        date_posted=uk_day(raw.get("date")),
        deadline=uk_day(raw.get("expirationDate")),
    )
