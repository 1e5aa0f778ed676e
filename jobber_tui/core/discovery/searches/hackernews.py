"""Hacker News "Ask HN: Who is hiring?" through Algolia's public HN API (hn.algolia.com).

The newest thread by the `whoishiring` account: GET /api/v1/search_by_date?tags=story,author_whoishiring
(its title starts "Ask HN: Who is hiring?"; the same account posts "Who wants to be hired?" and
"Freelancer?" threads, which are skipped). Then the whole thread: GET /api/v1/items/{id}, a tree of
`{id, author, text (HN's HTML), created_at, children}`. One job per top-level comment (replies are
questions and answers), with the comment as the description and its HN page as the job's link.

By convention a comment's first line is "Employer | Title | Location | REMOTE | Full-time | URL", in
any order and often partial; `first_line_fields` reads what it can. Deleted and flagged comments
(no author or no text) are skipped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from typing import Any

from ...infra.http import PoliteClient, SourceError
from ...infra.json_values import text_at
from ..sources import posting as read
from ..sources.pay import pay_from_text
from ..sources.posting import Listing, Posting
from . import SearchSpec
from .common import add_matching, full, listing_for

ITEM_URL = "https://news.ycombinator.com/item?id={id}"
_HIRING = re.compile(r"^\s*Ask HN:\s*Who is hiring\?", re.I)
_SEPARATOR = re.compile(r"\s+[|•·–—]\s+|\s*\|\s*|\s+-\s+")
_LINK = re.compile(r"""href\s*=\s*["']([^"']+)["']""", re.I)
_BARE_URL = re.compile(r"https?://\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|io|co|ai|dev|org|net|app|tech|jobs)(?:/\S*)?", re.I)
_REMOTE = re.compile(r"\b(remote|anywhere|distributed|wfh)\b", re.I)
_ONSITE_ONLY = re.compile(r"^\s*(on-?site|in[- ]office|hybrid|no remote)\b", re.I)
_KIND = re.compile(
    r"^\s*(full[- ]?time|part[- ]?time|contract(or)?|freelance|intern(ship)?s?|permanent|ft|pt|"
    r"visa( sponsorship)?|h1b)\b",
    re.I,
)
_PAY = re.compile(r"[$€£¥]\s?\d|\d\s?[kK]\b|\b(salary|equity|comp)\b|\d{2,3},\d{3}", re.I)
_ROLE = re.compile(
    r"\b(engineer\w*|developer|designer|scientist|manager|lead|architect|analyst|founding|"
    r"devops|sre|programmer|researcher|head of|director|cto|vp|product|marketing|sales|recruiter|"
    r"full[- ]?stack|front[- ]?end|back[- ]?end|ml|data|security|support|writer|roles?|positions?)\b",
    re.I,
)


@dataclass
class FirstLine:
    employer: str | None = None
    title: str | None = None
    location: str | None = None
    remote: bool = False
    url: str | None = None
    pay: str | None = None


def search(client: PoliteClient, spec: SearchSpec) -> Listing:
    base = spec.api_base()
    found = client.get_json(
        f"{base}/api/v1/search_by_date", params={"tags": "story,author_whoishiring", "hitsPerPage": 20}
    )
    hits = read.board_entries(found, "hits", spec.label)
    story = next((h for h in hits if isinstance(h, dict) and _HIRING.match(str(h.get("title") or ""))), None)
    if story is None:
        raise SourceError(f'{spec.label}: no "Ask HN: Who is hiring?" thread found')
    thread = client.get_json(f"{base}/api/v1/items/{read.ident(story.get('objectID') or story.get('story_id'))}")
    if not isinstance(thread, dict) or not isinstance(thread.get("children"), list):
        raise SourceError(f'{spec.label}: unexpected response (the thread has no "children" list)')
    listing = listing_for(spec)
    for index, comment in enumerate(thread["children"]):
        if not isinstance(comment, dict) or not comment.get("author") or not comment.get("text"):
            continue  # deleted or flagged
        job = parse_comment(comment, spec)
        add_matching(
            listing, spec, job, read.ident(comment.get("id")), f"comment #{index + 1}", by_query=True, by_place=True
        )
        if full(listing, spec):
            break
    return listing


def parse_comment(comment: dict[str, Any], spec: SearchSpec) -> Posting | None:
    job_id = read.ident(comment.get("id"))
    text = text_at(comment, "text")
    first = first_line_fields(text)
    if not job_id or not first.employer:
        return None
    title = first.title or "See the description"
    return Posting(
        source=spec.provider,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=first.employer,
        job_url=ITEM_URL.format(id=job_id),
        application_url=first.url,
        location=first.location,
        is_remote=first.remote,
        job_description=read.description(text),
        pay=pay_from_text(first.pay) if first.pay else None,
        date_posted=read.day(comment.get("created_at")) or read.day(comment.get("created_at_i")),
    )


def first_line_fields(comment_html: str) -> FirstLine:
    """Employer, title, location, remote, URL and pay from a comment's first line (HN's HTML: the
    first paragraph is not wrapped, later ones start with `<p>`)."""
    head = re.split(r"<p>|<br\s*/?>|\n", comment_html, maxsplit=1)[0]
    links = [html.unescape(u) for u in _LINK.findall(head)] or [html.unescape(u) for u in _LINK.findall(comment_html)]
    line = read.text(head, 1000) or ""
    parts = [p.strip(" ,;") for p in _SEPARATOR.split(line) if p.strip(" ,;")]
    found = FirstLine(url=next((u for u in (read.url(x) for x in links) if u), None))
    if len(parts) < 2:  # no "Employer | …" line: a question or a remark, not a job ad
        return found
    rest: list[str] = []
    for index, part in enumerate(parts):
        if index == 0:
            found.employer = _employer(part)
            continue
        if _BARE_URL.fullmatch(part.strip()):
            found.url = found.url or read.url(part if part.startswith("http") else f"https://{part}")
            continue
        if _REMOTE.search(part):
            found.remote = not re.search(r"\bno remote\b|\bnot remote\b", part, re.I)
            place = _REMOTE.sub("", part).strip(" ()-,/:;")
            if place and not re.fullmatch(r"(ok|only|friendly|first|possible|optional|-?ish)", place, re.I):
                rest.append(part)  # "Remote (US)", "Berlin or remote": a place too
            continue
        if _KIND.match(part) or (_PAY.search(part) and not _ROLE.search(part)):
            if _PAY.search(part) and found.pay is None:
                found.pay = part
            continue
        if _ONSITE_ONLY.match(part) and len(part.split()) <= 2:
            continue
        rest.append(part)
    titled = [p for p in rest if _ROLE.search(p)]
    found.title = read.title(titled[0]) if titled else (read.title(rest[0]) if len(rest) > 1 else None)
    places = [p for p in rest if p != found.title]
    found.location = read.text("; ".join(places[:2])) if places else None
    return found


def _employer(part: str) -> str | None:
    """ "Acme (YC W21)" -> "Acme"; "Acme Robotics (acme.example)" -> "Acme Robotics"."""
    name = re.sub(r"\s*\((?:YC|[\w.-]+\.\w{2,})[^)]*\)\s*", " ", part).strip()
    return read.text(name or part, 120)
