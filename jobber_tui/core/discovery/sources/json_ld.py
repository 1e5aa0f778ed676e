"""schema.org JobPosting from a page's JSON-LD: top level, in a list, inside `@graph` or nested under
another node, with `@type` as a string or a list, and descriptions that may be escaped HTML."""

from __future__ import annotations

import html
import json
from typing import Any

from ...infra.html_tokens import TOKEN, attributes
from . import posting as read
from .pay import Pay, pay_from_numbers, pay_from_summary
from .posting import Posting

MAX_DEPTH = 6


def job_postings(page: str) -> list[dict[str, Any]]:
    """Every JobPosting object in the page's JSON-LD blocks, in page order; broken blocks are skipped.

    One pass of the tokenizer: a `<script>` that never closes holds the rest of the page, read once."""
    found: list[dict[str, Any]] = []
    for match in TOKEN.finditer(page):
        raw = match.group("raw")
        if raw is None or raw.lower() != "script" or "ld+json" not in match.group("rattrs").lower():
            continue
        if attributes(match.group("rattrs")).get("type", "").strip().lower() != "application/ld+json":
            continue
        data = _load(match.group("content") or "")
        if data is not None:
            _collect(data, found, 0)
    return found


def posting_from_json_ld(data: dict[str, Any], page_url: str, source: str, board: str | None) -> Posting | None:
    """A Posting from one JobPosting object; None without a title."""
    title = read.title(data.get("title")) or read.title(data.get("name"))
    if not title:
        return None
    org = data.get("hiringOrganization")
    employer = read.text(org.get("name")) if isinstance(org, dict) else read.text(org)
    location = _locations(data.get("jobLocation"))
    remote_type = data.get("jobLocationType")
    remote = "TELECOMMUTE" in (remote_type if isinstance(remote_type, list) else [remote_type])
    requirements = _locations(data.get("applicantLocationRequirements"))
    if remote and requirements and not location:
        location = f"Remote ({requirements})"
    identifier = data.get("identifier")
    job_id = read.ident(identifier.get("value")) if isinstance(identifier, dict) else read.ident(identifier)
    return Posting(
        source=source,
        board=board,
        source_job_id=job_id,
        title=title,
        employer=employer or "",
        job_url=read.url(data.get("url")) or read.url(page_url),
        application_url=read.url(data.get("directApplyUrl")) if isinstance(data.get("directApplyUrl"), str) else None,
        location=location,
        is_remote=True if remote else read.looks_remote(location),
        job_description=read.description(data.get("description")),
        pay=_pay(data.get("baseSalary")),
        date_posted=read.day(data.get("datePosted")),
        deadline=read.day(data.get("validThrough")),
    )


def _load(block: str) -> Any:
    text = block.strip().removeprefix("<!--").removesuffix("-->").strip()
    for candidate in (text, html.unescape(text)):
        try:
            return json.loads(candidate, strict=False)
        except (json.JSONDecodeError, RecursionError):
            continue
    return None


def _is_job_posting(node: dict[str, Any]) -> bool:
    kind = node.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return any(isinstance(k, str) and k.rsplit("/", 1)[-1] == "JobPosting" for k in kinds)


def _collect(node: Any, found: list[dict[str, Any]], depth: int) -> None:
    if depth > MAX_DEPTH:
        return
    if isinstance(node, list):
        for item in node[:200]:
            _collect(item, found, depth + 1)
    elif isinstance(node, dict):
        if _is_job_posting(node):
            found.append(node)
            return
        for value in list(node.values())[:200]:
            if isinstance(value, (dict, list)):
                _collect(value, found, depth + 1)


def _place(node: Any) -> str | None:
    if isinstance(node, str):
        return read.text(node)
    if not isinstance(node, dict):
        return None
    address = node.get("address", node)
    if isinstance(address, str):
        return read.text(address)
    if not isinstance(address, dict):
        return read.text(node.get("name"))
    parts = []
    for key in ("addressLocality", "addressRegion", "addressCountry"):
        value = address.get(key)
        parts.append(read.text(value.get("name")) if isinstance(value, dict) else read.text(value))
    return ", ".join(dict.fromkeys(p for p in parts if p)) or read.text(node.get("name"))


def _locations(value: Any) -> str | None:
    items = value if isinstance(value, list) else [value]
    places = [p for p in (_place(item) for item in items[:20]) if p]
    return "; ".join(dict.fromkeys(places)) or None


def _pay(value: Any) -> Pay | None:
    """MonetaryAmount {currency, value: {minValue, maxValue, value, unitText}}, or a plain number/text."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return pay_from_numbers(value, None)
    if isinstance(value, str):
        return pay_from_summary(read.text(value, 200))
    if not isinstance(value, dict):
        return None
    amount = value.get("value")
    if isinstance(amount, dict):
        low = amount.get("minValue", amount.get("value"))
        return pay_from_numbers(
            low, amount.get("maxValue"), value.get("currency"), amount.get("unitText") or value.get("unitText")
        )
    return pay_from_numbers(amount, None, value.get("currency"), value.get("unitText"))
