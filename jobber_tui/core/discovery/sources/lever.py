"""Lever postings: GET /v0/postings/{site}?mode=json, paged with skip/limit until a short page; one
posting: /v0/postings/{site}/{id}. Lever's API never names the company: the employer is the
configured `employer`, else the site name title-cased."""

from __future__ import annotations

import html
import re
from typing import Any

from ...infra.http import PoliteClient, SourceError
from ...infra.json_values import list_at, object_at
from . import SourceSpec
from . import posting as read
from .pay import Pay, pay_from_numbers, pay_from_summary
from .posting import Listing, Posting

KIND = "lever"
PAGE = 100
MAX_PAGES = 200
URL_PATTERNS = (re.compile(r"^https?://jobs(?P<eu>\.eu)?\.lever\.co/(?P<board>[\w.-]+)/(?P<job>[0-9a-f-]{8,})", re.I),)
"""A posting and its application form (`.../apply`)."""
EU_BASE_URL = "https://api.eu.lever.co"
_WORKPLACE = {"remote": True, "on-site": False, "onsite": False, "hybrid": False}
"""workplaceType; "unspecified" (or none) leaves it to the location's words."""


def fetch_listing(client: PoliteClient, spec: SourceSpec) -> Listing:
    listing = Listing(KIND, spec.board)
    url = f"{spec.api_base()}/v0/postings/{spec.board}"
    for page in range(MAX_PAGES):
        payload = client.get_json(url, params={"mode": "json", "skip": page * PAGE, "limit": PAGE})
        if not isinstance(payload, list):
            raise SourceError(f"{spec.label}: unexpected response (expected a list of postings)")
        listing.add_entries(payload, lambda raw: parse_job(raw, spec), entry="posting", offset=page * PAGE)
        if len(payload) < PAGE:
            return listing
    listing.complete = False
    listing.problems.append(f"stopped after {MAX_PAGES} pages; nothing is expired from this board")
    return listing


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    payload = client.get_json(
        f"{spec.api_base()}/v0/postings/{spec.board}/{job_id}", params={"mode": "json"}, missing_ok=True
    )
    return parse_job(payload, spec)


def parse_job(raw: Any, spec: SourceSpec) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    job_id, title = read.ident(raw.get("id")), read.title(raw.get("text"))
    if not job_id or not title:
        return None
    categories = object_at(raw, "categories")
    location = read.text(categories.get("location"))
    others = list_at(categories, "allLocations")
    workplace = (read.text(raw.get("workplaceType")) or "").lower()
    return Posting(
        source=KIND,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=spec.employer_name(),
        job_url=read.url(raw.get("hostedUrl")),
        application_url=read.url(raw.get("applyUrl")),
        location=read.best_place(location, *(read.text(x) for x in others)),
        is_remote=read.remote(_WORKPLACE.get(workplace), location),
        job_description=_description(raw),
        pay=_pay(raw),
        date_posted=read.day(raw.get("createdAt")),
        deadline=read.deadline_of(raw),
    )


def _pay(raw: dict[str, Any]) -> Pay | None:
    salary = object_at(raw, "salaryRange")
    summary = read.text(raw.get("salaryDescriptionPlain"), 200)
    found = pay_from_numbers(salary.get("min"), salary.get("max"), salary.get("currency"), salary.get("interval"))
    return found or pay_from_summary(summary)


def _description(raw: dict[str, Any]) -> str:
    """Lever splits a posting into an opening, titled lists and a closing; joined as one text."""
    parts = [raw.get("description") if isinstance(raw.get("description"), str) else raw.get("descriptionPlain")]
    for item in list_at(raw, "lists"):
        if isinstance(item, dict) and isinstance(item.get("content"), str):
            heading = read.text(item.get("text"))
            parts.append((f"<h3>{html.escape(heading)}</h3>" if heading else "") + f"<ul>{item['content']}</ul>")
    parts.append(raw.get("additional") if isinstance(raw.get("additional"), str) else raw.get("additionalPlain"))
    return read.description("\n".join(p for p in parts if isinstance(p, str) and p))
