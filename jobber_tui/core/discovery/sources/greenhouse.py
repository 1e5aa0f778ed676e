"""Greenhouse job boards: GET /v1/boards/{token}/jobs?content=true&pay_transparency=true (the whole
board in one page); one posting: /v1/boards/{token}/jobs/{id}.

Descriptions arrive HTML-escaped once more than needed (`&lt;p&gt;`); `html_to_text` undoes that. Pay
comes as `pay_input_ranges` (amounts in cents), else as the pay-transparency block at the end of the
description ("$108,400—$129,600 USD"), else as a custom field ("Salary"). Greenhouse has no remote
flag: a custom field named like "Workplace type" is read, else the words of the location and title.
"""

from __future__ import annotations

import html
import re
from typing import Any

from ...infra.html_text import looks_escaped
from ...infra.html_tokens import END, START, TEXT, attributes, tokenize
from ...infra.http import PoliteClient
from ...infra.json_values import text_at
from . import SourceSpec
from . import posting as read
from .pay import Pay, combine, pay_from_numbers, pay_from_summary, pay_from_text
from .posting import Listing, Posting

KIND = "greenhouse"
URL_PATTERNS = (
    re.compile(
        r"^https?://(?:boards|job-boards)(?P<eu>\.eu)?\.greenhouse\.io/(?P<board>[\w.-]+)/jobs/(?P<job>\d+)", re.I
    ),
    re.compile(
        r"^https?://(?:boards|job-boards)(?P<eu>\.eu)?\.greenhouse\.io/embed/job_app\?"
        r"(?=.*\bfor=(?P<board>[\w.-]+))(?=.*\btoken=(?P<job>\d+))",
        re.I,
    ),
)
"""Posting pages this kind recognises for `jobber import url`."""
EU_BASE_URL = "https://boards-api.eu.greenhouse.io"
"""The API of boards on job-boards.eu.greenhouse.io."""
PARAMS = {"content": "true", "pay_transparency": "true"}
_DEADLINE_FIELDS = re.compile(r"deadline|closing|close date|closes|apply by|expir|end date", re.I)
_PAY_FIELDS = re.compile(r"salary|compensation|pay range|pay", re.I)
_WORKPLACE_FIELDS = re.compile(r"remote|workplace|work location|location type|work model|work arrangement", re.I)


def fetch_listing(client: PoliteClient, spec: SourceSpec) -> Listing:
    payload = client.get_json(f"{spec.api_base()}/v1/boards/{spec.board}/jobs", params=PARAMS)
    return parse_listing(payload, spec)


def fetch_posting(client: PoliteClient, spec: SourceSpec, job_id: str) -> Posting | None:
    payload = client.get_json(
        f"{spec.api_base()}/v1/boards/{spec.board}/jobs/{job_id}", params={"pay_transparency": "true"}, missing_ok=True
    )
    return parse_job(payload, spec) if isinstance(payload, dict) else None


def parse_listing(payload: Any, spec: SourceSpec) -> Listing:
    listing = Listing(KIND, spec.board)
    listing.add_entries(read.board_entries(payload, "jobs", spec.label), lambda raw: parse_job(raw, spec))
    return listing


def parse_job(raw: Any, spec: SourceSpec) -> Posting | None:
    if not isinstance(raw, dict):
        return None
    job_id, title = read.ident(raw.get("id")), read.title(raw.get("title"))
    if not job_id or not title:
        return None
    location = raw.get("location")
    location_name = read.text(location.get("name")) if isinstance(location, dict) else read.text(location)
    fields = _custom_fields(raw.get("metadata"))
    content = text_at(raw, "content")
    return Posting(
        source=KIND,
        board=spec.board,
        source_job_id=job_id,
        title=title,
        employer=spec.employer_name(read.text(raw.get("company_name"))),
        job_url=read.url(raw.get("absolute_url")),
        location=location_name,  # `offices` is the employer's internal filing: it often contradicts this
        is_remote=read.remote(_workplace(fields), location_name, title),
        job_description=read.description(content),
        pay=_pay(raw.get("pay_input_ranges"), content, fields),
        date_posted=read.day(raw.get("first_published")) or read.day(raw.get("updated_at")),
        deadline=read.deadline_of(raw)
        or next((read.day(v) for k, v in fields.items() if _DEADLINE_FIELDS.search(k) and read.day(v)), None),
    )


def _custom_fields(items: Any) -> dict[str, Any]:
    """Greenhouse custom fields ([{name, value}]) by lower-case name: deadlines, pay and remote live there."""
    found: dict[str, Any] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            found[item["name"].strip().lower()] = item.get("value")
    return found


def _workplace(fields: dict[str, Any]) -> bool | None:
    """A custom field such as "Workplace type: Remote" or "Remote: No"; None when there is none."""
    for name, value in fields.items():
        if not _WORKPLACE_FIELDS.search(name):
            continue
        values = value if isinstance(value, list) else [value]
        words = " ".join(v for v in values if isinstance(v, str)).strip().lower()
        if isinstance(value, bool):
            return value if "remote" in name else None
        if re.search(r"\b(remote|fully remote|yes|true)\b", words):
            return True
        if re.search(r"\b(on-?site|in[- ]office|office|hybrid|no|false)\b", words):
            return False
    return None


def _pay(ranges: Any, content: str, fields: dict[str, Any]) -> Pay | None:
    """Structured ranges first, then the description's pay-transparency block, then a custom field."""
    found = (
        [
            pay_from_numbers(r.get("min_cents"), r.get("max_cents"), r.get("currency_type"), r.get("title"), scale=0.01)
            for r in ranges
            if isinstance(r, dict)
        ]
        if isinstance(ranges, list)
        else []
    )
    pays = [p for p in found if p is not None]
    if not pays and "pay-range" in content:
        pays = [p for p in (pay_from_text(text, title) for title, text in pay_blocks(content)) if p]
    if pays:
        return combine(pays)
    for name, value in fields.items():
        if _PAY_FIELDS.search(name) and (text := read.text(value, 200)):
            return pay_from_summary(text)
    return None


def pay_blocks(content: str) -> list[tuple[str, str]]:
    """(title, range text) of each `div.pay-range` in a description, the title from the `.title` before it."""
    markup = html.unescape(content) if looks_escaped(content) else content
    blocks: list[tuple[str, str]] = []
    title = ""
    collecting: list[Any] | None = None  # [what, tag, depth, parts]
    for token in tokenize(markup):
        kind = token[0]
        if collecting is not None:
            if kind == TEXT:
                collecting[3].append(token[1])
            elif token[1] == collecting[1]:
                collecting[2] += 1 if kind == START else -1 if kind == END else 0
                if collecting[2] == 0:
                    text = read.text(html.unescape("".join(collecting[3])), 300) or ""
                    if collecting[0] == "range":
                        blocks.append((title, text))
                        title = ""
                    else:
                        title = text
                    collecting = None
            continue
        if kind == START and len(token) == 3 and "class" in token[2]:
            classes = attributes(token[2]).get("class", "").split()
            if "pay-range" in classes:
                collecting = ["range", token[1], 1, []]
            elif "title" in classes:
                collecting = ["title", token[1], 1, []]
    return blocks
