"""USAJobs (US federal jobs, key-based): GET data.usajobs.gov/api/search?Keyword&LocationName
&ResultsPerPage&Page[&RemoteIndicator=True], with the headers `Authorization-Key` (the key from the
variable `api_key_env` names) and `User-Agent` (the e-mail registered for it, `email`).

Answered `{"SearchResult": {"SearchResultCountAll", "SearchResultItems": [{"MatchedObjectId",
"MatchedObjectDescriptor": {PositionID, PositionTitle, PositionURI, ApplyURI [..],
PositionLocationDisplay, PositionLocation [{LocationName, CountryCode, …}], OrganizationName,
DepartmentName, PositionRemuneration [{MinimumRange, MaximumRange, RateIntervalCode}],
PublicationStartDate, ApplicationCloseDate, QualificationSummary, UserArea {Details {JobSummary,
MajorDuties [..], Requirements, Education, Benefits, RemoteIndicator, TeleworkEligible}}}}]}}`.
The close date is the job's deadline. Amounts are strings; `RateIntervalCode` is "PA" (a year),
"PH" (an hour), … or words ("Per Year").
"""

from __future__ import annotations

import html
from typing import Any

from ...infra.http import PoliteClient
from ...infra.json_values import list_at, object_at
from ..sources import posting as read
from ..sources.pay import pay_from_numbers
from ..sources.posting import Listing, Posting
from . import SearchSpec
from .common import add_matching, full, listing_for

PAGE = 100
INTERVALS = {"PA": "year", "PH": "hour", "PD": "day", "PW": "week", "PM": "month", "BW": None, "WC": None}
"""USAJobs rate interval codes (bi-weekly and "without compensation" have no period Jobber keeps)."""
_SECTIONS = (
    ("JobSummary", "Summary"),
    ("MajorDuties", "Duties"),
    ("Requirements", "Requirements"),
    ("Education", "Education"),
    ("Evaluations", "How you will be evaluated"),
    ("Benefits", "Benefits"),
    ("HowToApply", "How to apply"),
)


def search(client: PoliteClient, spec: SearchSpec) -> Listing:
    listing = listing_for(spec)
    headers = {"Authorization-Key": spec.secret("api_key_env"), "User-Agent": spec.email or ""}
    for page in range(1, -(-spec.max_results // PAGE) + 1):
        params: dict[str, Any] = {"ResultsPerPage": PAGE, "Page": page}
        if spec.query:
            params["Keyword"] = spec.query
        if spec.location:
            params["LocationName"] = spec.location
        if spec.remote_only:
            params["RemoteIndicator"] = "True"
        payload = client.get_json(f"{spec.api_base()}/api/search", params=params, headers=headers)
        result = payload.get("SearchResult") if isinstance(payload, dict) else None
        items = read.board_entries(result, "SearchResultItems", spec.label)
        for index, raw in enumerate(items):
            job = parse_item(raw, spec)
            add_matching(
                listing,
                spec,
                job,
                read.ident(raw.get("MatchedObjectId")) if isinstance(raw, dict) else None,
                f"result #{(page - 1) * PAGE + index + 1}",
                by_query=False,
                by_place=False,
            )
            if full(listing, spec):
                return listing
        if len(items) < PAGE:
            break
    return listing


def parse_item(raw: Any, spec: SearchSpec) -> Posting | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("MatchedObjectDescriptor"), dict):
        return None
    job = raw["MatchedObjectDescriptor"]
    job_id, title = read.ident(raw.get("MatchedObjectId")), read.title(job.get("PositionTitle"))
    employer = read.text(job.get("OrganizationName")) or read.text(job.get("DepartmentName"))
    if not job_id or not title or not employer:
        return None
    area = object_at(job, "UserArea")
    details = object_at(area, "Details")
    places = [read.text(p.get("LocationName")) for p in job.get("PositionLocation") or [] if isinstance(p, dict)]
    location = read.text(job.get("PositionLocationDisplay"))
    if not location or location.lower().startswith("multiple"):
        location = "; ".join(dict.fromkeys(p for p in places if p)) or location
    apply = list_at(job, "ApplyURI")
    remote = details.get("RemoteIndicator") if isinstance(details.get("RemoteIndicator"), bool) else None
    return Posting(
        source=spec.provider,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=employer,
        job_url=read.url(job.get("PositionURI")),
        application_url=next((read.url(a) for a in apply if read.url(a)), None),
        location=location,
        is_remote=read.remote(remote, location),
        job_description=read.description(_description(job, details)),
        pay=_pay(job.get("PositionRemuneration")),
        date_posted=read.day(job.get("PublicationStartDate")),
        deadline=read.day(job.get("ApplicationCloseDate")),
    )


def _description(job: dict[str, Any], details: dict[str, Any]) -> str:
    parts = []
    for key, heading in _SECTIONS:
        value = details.get(key)
        if isinstance(value, list):
            value = "<ul>" + "".join(f"<li>{html.escape(v)}</li>" for v in value if isinstance(v, str)) + "</ul>"
        elif isinstance(value, str):
            value = html.escape(value).replace("\n", "<br>")
        if value and value != "<ul></ul>":
            parts.append(
                f"<h3>{heading}</h3><p>{value}</p>" if not value.startswith("<ul>") else f"<h3>{heading}</h3>{value}"
            )
    if not parts and isinstance(job.get("QualificationSummary"), str):
        parts.append(html.escape(job["QualificationSummary"]))
    return "".join(parts)


def _pay(ranges: Any) -> Any:
    first = next((r for r in ranges if isinstance(r, dict)), None) if isinstance(ranges, list) else None
    if first is None:
        return None
    code = str(first.get("RateIntervalCode") or "").strip()
    period = INTERVALS.get(code.upper(), code or None)
    return pay_from_numbers(first.get("MinimumRange"), first.get("MaximumRange"), "USD", period)
