"""Adzuna (key-based): GET api.adzuna.com/v1/api/jobs/{country}/search/{page}?app_id&app_key&what&where
&results_per_page=50, answered `{"count", "results": [{id, title, description (a snippet),
created, redirect_url, company {display_name}, location {display_name, area}, salary_min,
salary_max, salary_is_predicted, contract_time, category}]}`.

The app id and key come from the variables `app_id_env` and `api_key_env` name. Adzuna's terms ask
that its `redirect_url` is the link used (it is the job's link) and that results say "Jobs by
Adzuna". Pay that Adzuna estimated (`salary_is_predicted` "1") is not the employer's and is left
out; the currency is the country's, and the period is not stated, so none is assumed.
"""

from __future__ import annotations

from typing import Any

from ...infra.http import PoliteClient, SourceError
from ...infra.json_values import object_at
from ..sources import posting as read
from ..sources.pay import pay_from_numbers
from ..sources.posting import Listing, Posting
from . import SearchSpec
from .common import add_matching, full, listing_for

PAGE = 50
CURRENCIES = {
    "gb": "GBP",
    "us": "USD",
    "ca": "CAD",
    "au": "AUD",
    "nz": "NZD",
    "in": "INR",
    "br": "BRL",
    "mx": "MXN",
    "pl": "PLN",
    "sg": "SGD",
    "za": "ZAR",
    "ch": "CHF",
    "de": "EUR",
    "fr": "EUR",
    "nl": "EUR",
    "at": "EUR",
    "be": "EUR",
    "it": "EUR",
    "es": "EUR",
}
"""Adzuna's countries and the currency its amounts are in."""


def search(client: PoliteClient, spec: SearchSpec) -> Listing:
    country = (spec.country or "").lower()
    if country not in CURRENCIES:
        raise SourceError(f"{spec.label}: adzuna needs country = one of {', '.join(CURRENCIES)}")
    listing = listing_for(spec)
    for page in range(1, -(-spec.max_results // PAGE) + 1):
        params: dict[str, Any] = {
            "app_id": spec.secret("app_id_env"),
            "app_key": spec.secret("api_key_env"),
            "results_per_page": PAGE,
            "content-type": "application/json",
        }
        if spec.query:
            params["what"] = spec.query
        if spec.location:
            params["where"] = spec.location
        payload = client.get_json(f"{spec.api_base()}/v1/api/jobs/{country}/search/{page}", params=params)
        results = read.board_entries(payload, "results", spec.label)
        for index, raw in enumerate(results):
            job = parse_job(raw, spec, CURRENCIES[country])
            add_matching(
                listing,
                spec,
                job,
                job.source_job_id if job else None,
                f"result #{(page - 1) * PAGE + index + 1}",
                by_query=False,
                by_place=False,
            )
            if full(listing, spec):
                return listing
        if len(results) < PAGE:
            break
    return listing


def parse_job(raw: Any, spec: SearchSpec, currency: str) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    company = object_at(raw, "company")
    where = object_at(raw, "location")
    job_id, title = read.ident(raw.get("id")), read.title(raw.get("title"))
    employer = read.text(company.get("display_name"))
    if not job_id or not title or not employer:
        return None
    location = read.text(where.get("display_name"))
    predicted = str(raw.get("salary_is_predicted")) == "1"
    description = read.description(raw.get("description"))
    return Posting(
        source=spec.provider,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=employer,
        job_url=read.url(raw.get("redirect_url")),
        location=location,
        is_remote=read.looks_remote(location, title, description[:500]),
        job_description=description,
        pay=None if predicted else pay_from_numbers(raw.get("salary_min"), raw.get("salary_max"), currency),
        date_posted=read.day(raw.get("created")),
    )
