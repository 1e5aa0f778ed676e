"""Personio career sites: GET {company}.jobs.personio.de/xml, every open position in one document.

Each `<position>` has an id, the employer as `subcompany` (a group's company posting for one of its
firms), `office` plus `additionalOffices`, and the text as `jobDescriptions` sections, each a heading
(`name`) and HTML (`value`, in CDATA). There is no remote flag and no URL: the public page is
`{company}.jobs.personio.de/job/{id}`, and remote is read from the words of the offices and title.
The feed has no single-posting form, so a link to one posting reads the feed.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ...infra.http import PoliteClient
from . import SourceSpec
from . import posting as read
from .posting import Listing, Posting
from .xml_feed import child, children, parse_feed, text_of

KIND = "personio"
URL_PATTERNS = (re.compile(r"^https?://(?P<board>[\w-]+)\.jobs\.personio\.(?:de|com)/job/(?P<job>\d+)", re.I),)
"""A position's public page (`?language=…&display=…` may follow)."""
PUBLIC_URL = "https://{board}.jobs.personio.de"


def fetch_listing(client: PoliteClient, spec: SourceSpec) -> Listing:
    reply = client.get(f"{spec.api_base()}/xml")
    return parse_listing(reply.body, spec)


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    listing = fetch_listing(client, spec)
    return next((p for p in listing.postings if p.source_job_id == job_id), None)


def parse_listing(body: bytes, spec: SourceSpec) -> Listing:
    root = parse_feed(body, spec.label)
    listing = Listing(KIND, spec.board)
    for index, position in enumerate(children(root, "position")):
        job_id = read.ident(text_of(position, "id"))
        listing.add(job_id, parse_position(position, spec), f"position #{index + 1}")
    return listing


def parse_position(position: Any, spec: SourceSpec) -> Posting | None:
    job_id, title = read.ident(text_of(position, "id")), read.title(text_of(position, "name"))
    if not job_id or not title:
        return None
    offices = [read.text(text_of(position, "office"))]
    offices += (
        [read.text(o.text) for o in children(child(position, "additionalOffices"), "office")]
        if child(position, "additionalOffices") is not None
        else []
    )
    places = [o for o in dict.fromkeys(offices) if o]
    sections = []
    for part in (
        children(child(position, "jobDescriptions"), "jobDescription")
        if child(position, "jobDescriptions") is not None
        else []
    ):
        heading, value = read.text(text_of(part, "name")), text_of(part, "value") or ""
        sections.append((f"<h3>{html.escape(heading)}</h3>" if heading else "") + value)
    link = f"{PUBLIC_URL.format(board=spec.board)}/job/{job_id}"
    named = [p for p in places if not read.generic_place(p)]
    return Posting(
        source=KIND,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=spec.employer_name(read.text(text_of(position, "subcompany"))),
        job_url=link,
        application_url=f"{link}#apply",
        location="; ".join(named or places) or None,
        is_remote=read.looks_remote(*places, title),
        job_description=read.description("\n".join(sections)),
        date_posted=read.day(text_of(position, "createdAt")),
    )
