"""Workday career sites: the public CXS JSON behind `{tenant}.wd{N}.myworkdayjobs.com/{site}`.

The listing is a search: POST /wday/cxs/{tenant}/{site}/jobs with `{"appliedFacets": {}, "limit": 20,
"offset": N, "searchText": ""}`, answered `{"total", "jobPostings": [{title, externalPath,
locationsText, postedOn, bulletFields, remoteType?}]}`; 20 a page (more is refused), and some
tenants send `total` only on the first page. The text is one GET per posting,
/wday/cxs/{tenant}/{site}{externalPath}: `{"jobPostingInfo": {title, jobDescription (HTML),
location, additionalLocations, startDate, jobReqId, externalUrl, remoteType?, country
{descriptor}}, "hiringOrganization": {name}}`.

A posting's id is the requisition at the end of its path (`…/Senior-Engineer_R-12345` is R-12345).
A posting already stored is not read again (only checked to be still listed), and at most
`MAX_DETAILS` new postings are read per run; the rest wait for the next run.
"""

from __future__ import annotations

import re
from typing import Any

from ...infra.http import PoliteClient, SourceError
from ...infra.json_values import list_at, object_at
from . import WORKDAY_BOARD, SourceSpec
from . import posting as read
from .posting import Listing, Posting

KIND = "workday"
DETAIL_PER_POSTING = True
PAGE = 20
MAX_PAGES = 250
MAX_DETAILS = 200
URL_PATTERNS = (
    re.compile(
        r"^https?://(?P<tenant>[\w-]+)\.(?P<pod>wd\d{1,3})\.myworkdayjobs\.com/(?:[a-z]{2}(?:-[A-Za-z]{2})?/)?"
        r"(?P<site>[\w-]+)(?P<job>/job/[^?#]+)",
        re.I,
    ),
)
"""A posting's page: `…/en-US/{site}/job/{place}/{title}_{req}` (the locale is optional)."""
_REMOTE = {
    "remote": True,
    "fully remote": True,
    "hybrid": False,
    "on-site": False,
    "onsite": False,
    "on site": False,
    "flexible": None,
}
_COUNT_OF_PLACES = re.compile(r"^\s*\d+\s+(locations?|standorte|sites)\s*$", re.I)


def board_of_match(found: dict[str, str]) -> str:
    """The board a recognised posting URL names: `tenant.wdN/site`."""
    return f"{found['tenant'].lower()}.{found['pod'].lower()}/{found['site']}"


def _root(spec: SourceSpec) -> str:
    parts = WORKDAY_BOARD.fullmatch(spec.board)
    if parts is None:
        raise SourceError(f"{spec.label}: a Workday board is tenant.wdN/site, e.g. acme.wd5/External")
    return f"{spec.api_base()}/wday/cxs/{parts['tenant']}/{parts['site']}"


def job_id_of(path: Any) -> str | None:
    """R-12345 from `/job/Berlin/Senior-Engineer_R-12345`; the last part of the path when it has no `_`."""
    if not isinstance(path, str) or not path.strip("/"):
        return None
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return read.ident(last.rsplit("_", 1)[-1] if "_" in last else last)


def fetch_listing(client: PoliteClient, spec: SourceSpec, known: frozenset[str] = frozenset()) -> Listing:
    root = _root(spec)
    listing = Listing(KIND, spec.board)
    total: int | None = None
    waiting = unread = seen = 0
    for page in range(MAX_PAGES):
        payload = client.post_json(
            f"{root}/jobs", {"appliedFacets": {}, "limit": PAGE, "offset": page * PAGE, "searchText": ""}
        )
        entries = read.board_entries(payload, "jobPostings", spec.label)
        if total is None and isinstance(payload.get("total"), int) and payload["total"] > 0:
            total = payload["total"]
        for raw in entries:
            seen += 1
            path = raw.get("externalPath") if isinstance(raw, dict) else None
            job_id = job_id_of(path)
            if job_id in known or (job_id and len(listing.postings) >= MAX_DETAILS):
                listing.present_ids.add(job_id)
                waiting += job_id not in known
                continue
            detail = _detail(client, root, path) if job_id and isinstance(path, str) else None
            if job_id and detail is None:
                listing.present_ids.add(job_id)
                unread += 1
                continue
            listing.add(job_id, parse_job(raw, detail, spec), f"posting #{seen}")
        if len(entries) < PAGE or (total is not None and seen >= total):
            break
    else:
        listing.complete = False
        listing.problems.append(f"stopped after {MAX_PAGES} pages; nothing is expired from this board")
    if total is not None and seen < total:
        listing.complete = False
        listing.notes.append(f"the site said {total} postings but listed {seen}; nothing is expired from it")
    if waiting:
        listing.notes.append(f"{waiting} postings left for the next run (at most {MAX_DETAILS} read per run)")
    if unread:
        listing.notes.append(f"{unread} postings' text could not be read; tried again next run")
    return listing


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    """`job_id` here is the posting's path (`/job/…`), as a link gives it."""
    detail = _detail(client, _root(spec), job_id)
    return parse_job({"externalPath": job_id}, detail, spec) if detail else None


def _detail(client: PoliteClient, root: str, path: str) -> dict[str, Any] | None:
    try:
        payload = client.get_json(f"{root}{path}", missing_ok=True)
    except SourceError:
        return None
    return payload if isinstance(payload, dict) and isinstance(payload.get("jobPostingInfo"), dict) else None


def parse_job(raw: Any, detail: dict[str, Any] | None, spec: SourceSpec) -> Posting | None:
    """A posting from its search entry and its detail."""
    if not isinstance(raw, dict) or detail is None:
        return None
    info = detail["jobPostingInfo"]
    path = raw.get("externalPath") or info.get("externalPath")
    job_id, title = job_id_of(path), read.title(info.get("title") or raw.get("title"))
    if not job_id or not title:
        return None
    listed = read.text(raw.get("locationsText"))
    listed = None if listed and _COUNT_OF_PLACES.match(listed) else listed
    extra = list_at(info, "additionalLocations")
    places = [read.text(info.get("location")) or listed, *(read.text(x) for x in extra)]
    location = "; ".join(dict.fromkeys(p for p in places if p)) or None
    remote_type = (read.text(info.get("remoteType")) or read.text(raw.get("remoteType")) or "").lower()
    organisation = object_at(detail, "hiringOrganization")
    site = spec.parts().get("site", "")
    return Posting(
        source=KIND,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=spec.employer_name(read.text(organisation.get("name"))),
        job_url=read.url(info.get("externalUrl")) or f"{spec.api_base()}/{site}{path}",
        application_url=(read.url(info.get("externalUrl")) or f"{spec.api_base()}/{site}{path}") + "/apply",
        location=location,
        is_remote=read.remote(_REMOTE.get(remote_type), location, title),
        job_description=read.description(info.get("jobDescription")),
        date_posted=read.day(info.get("startDate")) or read.day(info.get("postedOn")),
        deadline=read.deadline_of(info) or read.day(info.get("endDate")),
    )
