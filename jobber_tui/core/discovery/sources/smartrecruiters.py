"""SmartRecruiters: GET api.smartrecruiters.com/v1/companies/{company}/postings?limit=100&offset=N, then
one GET per posting for its text: /v1/companies/{company}/postings/{id}.

Off unless the source says `ignore_robots = true`: SmartRecruiters' robots.txt disallows crawling,
and Jobber honours that by default (discovery reports the board as not read, saying why). A posting
link given to `jobber import url` is one page the user asked for, as a browser would fetch it, and
is read without the opt-in.

A page is `{"offset", "limit", "totalFound", "content": [{id, name, refNumber, company {identifier,
name}, releasedDate, location {city, region, country, remote, hybrid, fullLocation},
typeOfEmployment, experienceLevel}]}`; the detail adds `jobAd.sections` (companyDescription,
jobDescription, qualifications, additionalInformation: each a title and HTML text), `postingUrl`
and `applyUrl`. A posting already stored is not read again, and at most `MAX_DETAILS` new ones are
read per run.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ...infra.http import PoliteClient, SourceError
from ...infra.json_values import object_at
from . import SourceSpec
from . import posting as read
from .posting import Listing, Posting

KIND = "smartrecruiters"
DETAIL_PER_POSTING = True
PAGE = 100
MAX_PAGES = 100
MAX_DETAILS = 200
URL_PATTERNS = (
    re.compile(r"^https?://(?:jobs|careers)\.smartrecruiters\.com/(?P<board>[\w.-]+)/(?P<job>\d{6,})", re.I),
)
"""A posting page: `jobs.smartrecruiters.com/{Company}/{id}-{title}`."""
SECTIONS = ("jobDescription", "qualifications", "additionalInformation", "companyDescription")
"""In the order a reader wants them: the job first, the company last."""


def fetch_listing(client: PoliteClient, spec: SourceSpec, known: frozenset[str] = frozenset()) -> Listing:
    base = f"{spec.api_base()}/v1/companies/{spec.board}/postings"
    listing = Listing(KIND, spec.board)
    waiting = unread = seen = 0
    for page in range(MAX_PAGES):
        payload = client.get_json(base, params={"limit": PAGE, "offset": page * PAGE})
        entries = read.board_entries(payload, "content", spec.label)
        total = payload.get("totalFound") if isinstance(payload.get("totalFound"), int) else None
        for raw in entries:
            seen += 1
            job_id = read.ident(raw.get("id")) if isinstance(raw, dict) else None
            if job_id in known or (job_id and len(listing.postings) >= MAX_DETAILS):
                listing.present_ids.add(job_id)
                waiting += job_id not in known
                continue
            detail = _detail(client, base, job_id) if job_id else None
            if job_id and detail is None:
                listing.present_ids.add(job_id)
                unread += 1
                continue
            listing.add(job_id, parse_job({**raw, **(detail or {})}, spec), f"posting #{seen}")
        if len(entries) < PAGE or (total is not None and seen >= total):
            break
    else:
        listing.complete = False
        listing.problems.append(f"stopped after {MAX_PAGES} pages; nothing is expired from this board")
    if waiting:
        listing.notes.append(f"{waiting} postings left for the next run (at most {MAX_DETAILS} read per run)")
    if unread:
        listing.notes.append(f"{unread} postings' text could not be read; tried again next run")
    return listing


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    detail = _detail(client, f"{spec.api_base()}/v1/companies/{spec.board}/postings", job_id)
    return parse_job(detail, spec) if detail else None


def _detail(client: PoliteClient, base: str, job_id: str) -> dict[str, Any] | None:
    try:
        payload = client.get_json(f"{base}/{job_id}", missing_ok=True)
    except SourceError:
        return None
    return payload if isinstance(payload, dict) else None


def parse_job(raw: Any, spec: SourceSpec) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    job_id, title = read.ident(raw.get("id")), read.title(raw.get("name"))
    if not job_id or not title:
        return None
    where = object_at(raw, "location")
    location = read.best_place(
        read.text(where.get("fullLocation")),
        read.place(where.get("city"), where.get("region"), _country(where.get("country"))),
    )
    structured = True if where.get("remote") is True else (False if where.get("remote") is False else None)
    company = object_at(raw, "company")
    return Posting(
        source=KIND,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=spec.employer_name(read.text(company.get("name"))),
        job_url=read.url(raw.get("postingUrl")) or f"https://jobs.smartrecruiters.com/{spec.board}/{job_id}",
        application_url=read.url(raw.get("applyUrl")),
        location=location,
        is_remote=read.remote(structured, location, title),
        job_description=read.description(_sections(raw.get("jobAd"))),
        date_posted=read.day(raw.get("releasedDate")),
        deadline=read.deadline_of(raw),
    )


def _sections(job_ad: Any) -> str:
    sections = job_ad.get("sections") if isinstance(job_ad, dict) else None
    if not isinstance(sections, dict):
        return ""
    parts = []
    for key in SECTIONS:
        section = sections.get(key)
        if isinstance(section, dict) and isinstance(section.get("text"), str) and section["text"].strip():
            heading = read.text(section.get("title"))
            parts.append((f"<h3>{html.escape(heading)}</h3>" if heading else "") + section["text"])
    return "\n".join(parts)


def _country(code: Any) -> str | None:
    """SmartRecruiters gives the country as a lower-case ISO code ("de"): shown upper-case."""
    return code.upper() if isinstance(code, str) and len(code) == 2 else read.text(code)
