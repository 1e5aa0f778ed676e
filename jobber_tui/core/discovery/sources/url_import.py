"""`jobber import url URL`: one posting from a link.

In order: a known ATS link (Greenhouse, Lever, Ashby, Workable, Recruitee, Personio, Workday,
BambooHR, Teamtailor, SmartRecruiters) is read through that board's API; any other page through
its schema.org JobPosting JSON-LD; failing that, its main text.
A page with none of these is a clear error that suggests pasting the text with `jobber jobs add`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from urllib.parse import urlsplit

from ...infra.errors import BadInput
from ...infra.http import PoliteClient, SourceError
from . import KINDS, SourceSpec, source_module
from . import posting as read
from .json_ld import job_postings, posting_from_json_ld
from .page_text import MIN_TEXT, page_text
from .posting import Posting


class NothingUsable(SourceError):
    """The page was read but holds no job posting Jobber can use."""


@dataclass(frozen=True)
class AtsLink:
    kind: str
    board: str | None
    """None when the link does not name it (Workable's short links): the kind's `board_of` finds it."""
    job_id: str
    base_url: str | None = None
    """The API of the link's region (an EU board) when it is not the kind's default."""


def recognise(url: str) -> AtsLink | None:
    """The board and job a known ATS link points at, or None."""
    for kind in KINDS:
        module = source_module(kind)
        for pattern in module.URL_PATTERNS:
            match = pattern.match(url.strip())
            if match:
                found = match.groupdict()
                base = getattr(module, "EU_BASE_URL", None) if found.get("eu") else None
                board = module.board_of_match(found) if hasattr(module, "board_of_match") else found.get("board")
                return AtsLink(kind, board, found["job"], base)
    return None


def posting_from_url(client: PoliteClient, url: str, configured: list[SourceSpec] | None = None) -> Posting:
    """Read one posting from a URL (see the module doc for the order of attempts)."""
    if not read.url(url):
        raise BadInput(f"not an http(s) URL: {url[:200]!r}")
    link = recognise(url)
    if link is not None:
        module = source_module(link.kind)
        board = link.board or module.board_of(client, link.job_id)
        spec = next(
            (s for s in configured or [] if (s.kind, s.board) == (link.kind, board)),
            SourceSpec(link.kind, board, base_url=link.base_url),
        )
        found: Posting | None = module.fetch_posting(client, spec, link.job_id)
        if found is None:
            raise SourceError(f"{spec.label}: job {link.job_id} is not on the board (closed or unlisted?)")
        return found
    reply = client.get(url)
    host = urlsplit(reply.url).hostname or urlsplit(url).hostname or "web"
    page = reply.text()
    for data in job_postings(page):
        found = posting_from_json_ld(data, reply.url, "url", host)
        if found is not None:
            found.employer = found.employer or _site_employer(page, host)
            return found
    text = page_text(page)
    if text.title and len(text.text) >= MIN_TEXT:
        return Posting(
            source="url",
            board=host,
            source_job_id=None,
            title=text.title,
            employer=text.site_name or _host_employer(host),
            job_url=read.url(reply.url) or url,
            job_description=text.text,
        )
    example = json.dumps({"title": "...", "employer": "...", "jobUrl": url, "jobDescription": "..."})
    raise NothingUsable(
        f"{url}: no job posting found (no JobPosting data and too little readable text). "
        f"Paste the description instead: jobber jobs add --data '{example}'"
    )


def _site_employer(page: str, host: str) -> str:
    return page_text(page).site_name or _host_employer(host)


def _host_employer(host: str) -> str:
    """ "careers.acme.com" -> "Acme": a readable guess when a page names no employer."""
    parts = [p for p in host.split(".") if p not in {"www", "careers", "jobs", "apply", "boards"}]
    name = parts[-2] if len(parts) >= 2 else (parts[0] if parts else host)
    return name[:1].upper() + name[1:]
