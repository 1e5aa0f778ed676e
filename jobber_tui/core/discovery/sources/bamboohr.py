"""BambooHR careers sites: GET {company}.bamboohr.com/careers/list, then one request per job for its
text: /careers/{id}/detail.

The list has no description and no date: `{"meta": {"totalCount"}, "result": [{id, jobOpeningName,
location {city, state}, atsLocation {city, state, province, country}, isRemote, locationType}]}`
(`locationType` "0" on-site, "1" remote, "2" hybrid). The detail is `{"result": {"jobOpening":
{…, description (HTML), compensation (free text), datePosted, jobOpeningShareUrl}}}`. A job already
stored is not read again (only checked to be still listed), and at most `MAX_DETAILS` new jobs are
read per run: the rest wait for the next run, so a first run on a big site stays polite.
"""

from __future__ import annotations

import re
from typing import Any

from ...infra.http import PoliteClient, SourceError
from . import SourceSpec
from . import posting as read
from .pay import pay_from_summary
from .posting import Listing, Posting

KIND = "bamboohr"
DETAIL_PER_POSTING = True
MAX_DETAILS = 200
URL_PATTERNS = (
    re.compile(r"^https?://(?P<board>[\w-]+)\.bamboohr\.com/careers/(?P<job>\d+)", re.I),
    re.compile(r"^https?://(?P<board>[\w-]+)\.bamboohr\.com/jobs/view\.php\?(?:.*&)?id=(?P<job>\d+)", re.I),
)
"""A job's page (and its `/detail`), and the older `jobs/view.php?id=` links."""
_LOCATION_TYPE = {"0": False, "1": True, "2": False}


def fetch_listing(client: PoliteClient, spec: SourceSpec, known: frozenset[str] = frozenset()) -> Listing:
    payload = client.get_json(f"{spec.api_base()}/careers/list")
    entries = read.board_entries(payload, "result", spec.label)
    listing = Listing(KIND, spec.board)
    waiting = unread = 0
    for index, raw in enumerate(entries):
        job_id = read.ident(raw.get("id")) if isinstance(raw, dict) else None
        if job_id in known:
            listing.present_ids.add(job_id)  # read in full once already: still listed, not expired
            continue
        if job_id and len(listing.postings) >= MAX_DETAILS:
            listing.present_ids.add(job_id)
            waiting += 1
            continue
        detail = _detail(client, spec, job_id) if job_id else None
        if job_id and detail is None:  # gone meanwhile, or unreadable now: tried again next run
            listing.present_ids.add(job_id)
            unread += 1
            continue
        listing.add(job_id, parse_job(raw, detail, spec), f"job #{index + 1}")
    if waiting:
        listing.notes.append(f"{waiting} jobs left for the next run (at most {MAX_DETAILS} read per run)")
    if unread:
        listing.notes.append(f"{unread} jobs' text could not be read; tried again next run")
    return listing


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    detail = _detail(client, spec, job_id)
    return parse_job({"id": job_id}, detail, spec) if detail else None


def _detail(client: PoliteClient, spec: SourceSpec, job_id: str) -> dict[str, Any] | None:
    """The job's `jobOpening`, or None when it is gone (404) or unreadable (the list still names it)."""
    try:
        payload = client.get_json(f"{spec.api_base()}/careers/{job_id}/detail", missing_ok=True)
    except SourceError:
        return None
    result = payload.get("result") if isinstance(payload, dict) else None
    opening = result.get("jobOpening") if isinstance(result, dict) else None
    return opening if isinstance(opening, dict) else None


def parse_job(raw: Any, detail: dict[str, Any] | None, spec: SourceSpec) -> Posting | None:
    """One job from its list entry and its detail (`detail` None: the list entry alone, no text)."""
    if not isinstance(raw, dict):
        return None
    merged = {**raw, **(detail or {})}
    job_id, title = read.ident(raw.get("id")), read.title(merged.get("jobOpeningName"))
    if not job_id or not title:
        return None
    location = _place(merged.get("location")) or _place(merged.get("atsLocation"))
    flag = merged.get("isRemote") if isinstance(merged.get("isRemote"), bool) else None
    structured = _LOCATION_TYPE.get(str(merged.get("locationType"))) if flag is None else flag
    base = spec.api_base()
    return Posting(
        source=KIND,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=spec.employer_name(),
        job_url=read.url(merged.get("jobOpeningShareUrl")) or f"{base}/careers/{job_id}",
        application_url=f"{base}/careers/{job_id}",
        location=location,
        is_remote=read.remote(structured, location, title),
        job_description=read.description(merged.get("description")),
        pay=pay_from_summary(read.text(merged.get("compensation"), 200)),
        date_posted=read.day(merged.get("datePosted")),
        deadline=read.deadline_of(merged),
    )


def _place(value: Any) -> str | None:
    if not isinstance(value, dict):
        return None
    return read.place(
        value.get("city"),
        value.get("state") or value.get("province"),
        value.get("addressCountry") or value.get("country"),
    )
