"""LinkedIn, Indeed, Glassdoor, ZipRecruiter and Google Jobs through python-jobspy, an optional extra
(`pip install 'jobber-tui[jobspy]'`), imported only when such a search runs.

These sites have no public API; python-jobspy reads their pages. One search is one
`jobspy.scrape_jobs(site_name=[site], …)` call, run in discovery's worker thread like every other
source (its progress row shows fetching, then the count). Its answer is a pandas DataFrame with one
row per job (`id, site, job_url, job_url_direct, title, company, location, date_posted, interval,
min_amount, max_amount, currency, is_remote, description, …`; missing numbers are NaN, dates are
`datetime.date`); a site that failed is named in `frame.attrs["errors"]`. No base URL can point these
at a test server: tests replace the `jobspy` module with a fake of the same interface.
"""

from __future__ import annotations

import importlib
import math
from typing import Any

from ...infra.http import PoliteClient, SourceError
from ..sources import posting as read
from ..sources.pay import pay_from_numbers
from ..sources.posting import Listing, Posting
from . import SearchSpec
from .common import add_matching, full, listing_for

INSTALL = "pip install 'jobber-tui[jobspy]'"
INTERVALS = {"yearly": "year", "monthly": "month", "weekly": "week", "daily": "day", "hourly": "hour"}


def search(client: PoliteClient, spec: SearchSpec) -> Listing:
    """`client` is unused: python-jobspy makes its own requests."""
    scrape_jobs = _scraper(spec)
    site = spec.info.site or spec.provider
    options: dict[str, Any] = {
        "site_name": [site],
        "search_term": spec.query or None,
        "location": spec.location or None,
        "is_remote": spec.remote_only,
        "results_wanted": spec.max_results,
        "description_format": "html",
        "verbose": 0,
    }
    if site == "google":
        where = f" near {spec.location}" if spec.location else ""
        options["google_search_term"] = f"{spec.query} jobs{where}".strip()
    if spec.country:
        options["country_indeed"] = spec.country
    try:
        frame = scrape_jobs(**options)
    except ValueError as exc:  # python-jobspy's own check of the options: the user's input
        raise SourceError(f"{spec.label}: {str(exc)[:300]}") from None
    except Exception as exc:  # noqa: BLE001 - a scraper's surprise is this search's failure, said in one line
        raise SourceError(f"{spec.label}: python-jobspy failed: {type(exc).__name__}: {str(exc)[:200]}") from None
    rows = frame.to_dict(orient="records")
    errors = (getattr(frame, "attrs", None) or {}).get("errors") or {}
    if errors and not rows:
        raise SourceError(f"{spec.label}: {'; '.join(f'{k}: {v}' for k, v in errors.items())[:300]}")
    listing = listing_for(spec)
    for index, row in enumerate(rows):
        job = parse_row(row, spec)
        add_matching(
            listing,
            spec,
            job,
            job.source_job_id if job else _clean(row.get("id")),
            f"result #{index + 1}",
            by_query=False,
            by_place=False,
        )
        if full(listing, spec):
            break
    for name, error in errors.items():
        listing.notes.append(f"{name}: {str(error)[:200]}")
    return listing


def _scraper(spec: SearchSpec) -> Any:
    try:
        module = importlib.import_module("jobspy")
    except ImportError:
        raise SourceError(f"{spec.label}: needs python-jobspy, an optional extra: {INSTALL}") from None
    return module.scrape_jobs


def _clean(value: Any) -> Any:
    """pandas writes a missing value as NaN (or None): both become None."""
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def parse_row(row: dict[str, Any], spec: SearchSpec) -> Posting | None:
    row = {key: _clean(value) for key, value in row.items()}
    job_id, title, employer = read.ident(row.get("id")), read.title(row.get("title")), read.text(row.get("company"))
    url = read.url(row.get("job_url"))
    if not job_id or not title or not employer or not url:
        return None
    location = read.text(row.get("location"))
    posted = row.get("date_posted")
    iso = getattr(posted, "isoformat", None)  # a date, datetime or pandas Timestamp
    posted = iso() if callable(iso) else posted
    remote = row.get("is_remote") if isinstance(row.get("is_remote"), bool) else None
    interval = INTERVALS.get(str(row.get("interval") or "").lower())
    return Posting(
        source=spec.provider,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=employer,
        job_url=url,
        application_url=read.url(row.get("job_url_direct")),
        location=location,
        is_remote=read.remote(remote, location, title),
        job_description=read.description(row.get("description")),
        pay=pay_from_numbers(row.get("min_amount"), row.get("max_amount"), row.get("currency"), interval),
        date_posted=read.day(posted),
    )
