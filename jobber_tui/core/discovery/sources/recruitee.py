"""Recruitee careers sites: GET {company}.recruitee.com/api/offers/ (the base URL holds `{board}`); one
offer: /api/offers/{slug}, answered as {"offer": {...}}.

Offers carry `remote`, `hybrid` and `on_site` flags and a structured city and country beside a free
`location` text that can name no place ("Remote job")."""

from __future__ import annotations

import re
from typing import Any

from ...infra.http import PoliteClient
from ...infra.json_values import object_at
from . import SourceSpec
from . import posting as read
from .pay import pay_from_numbers
from .posting import Listing, Posting

KIND = "recruitee"
URL_PATTERNS = (re.compile(r"^https?://(?P<board>[\w-]+)\.recruitee\.com/o/(?P<job>[\w-]+)", re.I),)
"""Recruitee URLs name an offer by slug (and `.../c/new` is its application form)."""


def fetch_listing(client: PoliteClient, spec: SourceSpec) -> Listing:
    return parse_listing(client.get_json(f"{spec.api_base()}/api/offers/"), spec)


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    payload = client.get_json(f"{spec.api_base()}/api/offers/{job_id}", missing_ok=True)
    offer = payload.get("offer") if isinstance(payload, dict) else None
    return parse_job(offer, spec)


def parse_listing(payload: Any, spec: SourceSpec) -> Listing:
    listing = Listing(KIND, spec.board)
    listing.add_entries(
        read.board_entries(payload, "offers", spec.label), lambda raw: parse_job(raw, spec), entry="offer"
    )
    return listing


def parse_job(raw: Any, spec: SourceSpec) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    job_id, title = read.ident(raw.get("id")), read.title(raw.get("title"))
    if not job_id or not title:
        return None
    location = read.text(raw.get("location"))
    here = read.place(raw.get("city"), raw.get("state_name"), raw.get("country"))
    others = (
        [
            read.place(x.get("city"), x.get("state"), x.get("country"))
            for x in raw.get("locations") or []
            if isinstance(x, dict)
        ]
        if isinstance(raw.get("locations"), list)
        else []
    )
    pay = object_at(raw, "salary")
    body = "\n".join(x for x in (raw.get("description"), raw.get("requirements")) if isinstance(x, str))
    return Posting(
        source=KIND,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=spec.employer_name(read.text(raw.get("company_name"))),
        job_url=read.url(raw.get("careers_url")),
        application_url=read.url(raw.get("careers_apply_url")),
        location=read.best_place(location, here, *others),
        is_remote=read.remote(_remote(raw), location),
        job_description=read.description(body),
        pay=pay_from_numbers(pay.get("min"), pay.get("max"), pay.get("currency"), pay.get("period")),
        date_posted=read.day(raw.get("published_at")) or read.day(raw.get("created_at")),
        deadline=read.deadline_of(raw),
    )


def _remote(raw: dict[str, Any]) -> bool | None:
    """`remote: true` is remote; `on_site` or `hybrid` (or an explicit `remote: false`) is not; else unknown."""
    if raw.get("remote") is True:
        return True
    if raw.get("on_site") is True or raw.get("hybrid") is True or raw.get("remote") is False:
        return False
    return None
