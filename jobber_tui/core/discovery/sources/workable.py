"""Workable accounts: GET /api/v1/widget/accounts/{account}?details=true (the whole board; the account
name is the employer); one posting: /api/v2/accounts/{account}/jobs/{shortcode}.

The widget lists a job once per location (same shortcode): the listing merges them into one job with
every location. Workable's own job links (`apply.workable.com/j/{shortcode}`, the `url` it returns)
name no account: the account is where that link redirects to.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from ...infra.http import PoliteClient, SourceError
from . import SourceSpec
from . import posting as read
from .posting import Listing, Posting

KIND = "workable"
URL_PATTERNS = (
    re.compile(r"^https?://apply\.workable\.com/(?!j/)(?P<board>[\w.-]+)/j/(?P<job>[0-9A-Za-z]+)", re.I),
    re.compile(r"^https?://apply\.workable\.com/j/(?P<job>[0-9A-Za-z]+)", re.I),
    re.compile(
        r"^https?://(?!(?:apply|www|jobs)\.)(?P<board>[\w-]+)\.workable\.com/j(?:obs)?/(?P<job>[0-9A-Za-z]+)", re.I
    ),
)
"""A posting with its account, Workable's short link (account found by its redirect), an old subdomain link."""
PUBLIC_URL = "https://apply.workable.com"
_ACCOUNT_IN_PATH = re.compile(r"^/(?!j/)([\w.-]+)/j/", re.I)
_WORKPLACE = {"remote": True, "on_site": False, "onsite": False, "on-site": False, "hybrid": False}


def fetch_listing(client: PoliteClient, spec: SourceSpec) -> Listing:
    payload = client.get_json(f"{spec.api_base()}/api/v1/widget/accounts/{spec.board}", params={"details": "true"})
    return parse_listing(payload, spec)


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    base = spec.api_base()
    payload = client.get_json(f"{base}/api/v2/accounts/{spec.board}/jobs/{job_id}", missing_ok=True)
    if not isinstance(payload, dict) or payload.get("state") not in (None, "published"):
        return None
    try:
        account = client.get_json(f"{base}/api/v1/accounts/{spec.board}", missing_ok=True)
    except SourceError:
        account = None  # the name is a nicety: the posting itself was read
    name = read.text(account.get("name")) if isinstance(account, dict) else None
    return parse_job(payload, spec, spec.employer_name(name))


def board_of(client: PoliteClient, job_id: str) -> str:
    """The account of a short link `apply.workable.com/j/{shortcode}`: where that link redirects to."""
    short = f"{SourceSpec(KIND, board='').api_base()}/j/{job_id}"  # the account is what we are looking for
    target = client.redirect_target(short)
    found = _ACCOUNT_IN_PATH.match(urlsplit(target).path) if target else None
    if found is None:
        raise SourceError(f"{KIND}: {short} does not lead to an account's posting (closed?)")
    return found.group(1)


def parse_listing(payload: Any, spec: SourceSpec) -> Listing:
    entries = read.board_entries(payload, "jobs", spec.label)
    employer = spec.employer_name(read.text(payload.get("name")))
    listing = Listing(KIND, spec.board)
    listing.add_entries(entries, lambda raw: parse_job(raw, spec, employer), id_key="shortcode")
    return listing


def parse_job(raw: Any, spec: SourceSpec, employer: str) -> Posting | None:
    """One job in the widget's shape (flat city/country, `telecommuting`) or the v2 posting's
    (`location` object, `remote`, `workplace`, description in three parts)."""
    if not isinstance(raw, dict):
        return None
    job_id, title = read.ident(raw.get("shortcode")), read.title(raw.get("title"))
    if not job_id or not title:
        return None
    location = raw.get("location")
    where = location if isinstance(location, dict) else raw
    place = read.place(where.get("city"), where.get("state") or where.get("region"), where.get("country"))
    if place is None and isinstance(raw.get("locations"), list):
        first = next((loc for loc in raw["locations"] if isinstance(loc, dict) and not loc.get("hidden")), {})
        place = read.place(first.get("city"), first.get("region"), first.get("country"))
    workplace = (read.text(raw.get("workplace")) or read.text(raw.get("workplace_type")) or "").lower()
    flag = raw.get("telecommuting", raw.get("remote"))
    structured = _WORKPLACE.get(workplace, flag if isinstance(flag, bool) else None)
    parts = []
    for key, heading in (("description", None), ("requirements", "Requirements"), ("benefits", "Benefits")):
        value = raw.get(key)
        if isinstance(value, str) and value.strip():
            parts.append(f"<h3>{heading}</h3>{value}" if heading else value)
    link = read.url(raw.get("url")) or read.url(raw.get("shortlink")) or f"{PUBLIC_URL}/j/{job_id}"
    return Posting(
        source=KIND,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=employer,
        job_url=link,
        application_url=read.url(raw.get("application_url")) or f"{PUBLIC_URL}/j/{job_id}/apply",
        location=place,
        is_remote=read.remote(structured, place),
        job_description=read.description("\n".join(parts)),
        date_posted=read.day(raw.get("published_on"))
        or read.day(raw.get("published"))
        or read.day(raw.get("created_at")),
        deadline=read.deadline_of(raw),
    )
