"""Read a resume export (JSON Resume, Reactive Resume v3, v4 or v5) as a JSON Resume dict.

Why: users arrive with whatever their old builder exported, but Jobber's templates speak only JSON Resume
(https://jsonresume.org/schema) plus a few documented extensions (`customSections`, `sectionOrder`,
`sectionTitles`: resume_templates/README.md), so every format is normalised here, once, by pure functions.

Detection: Reactive Resume keeps content in a `sections` object. v5 moved `picture`, `summary` and
`customSections` to the top level and renamed `basics.url` to `basics.website`; any of these means v5
(upstream's own importer uses the same markers). v3 keeps `photo` and the summary in `basics` and types its
sections (`type`: basic/work/custom), keyed `work` rather than `experience`. Any other `sections` object is
v4. An object with `basics` or a JSON Resume section key is JSON Resume. The readers for Reactive Resume
are in core/resume/rxresume_import.py and rxresume_sections.py.

JSON Resume input is kept as written (unknown keys too: the import report names what no template prints),
with the variants seen in real files normalised: work `company`/`website` (the 0.x schema) become
`name`/`url`, `website` becomes `url` everywhere, a string `highlights`/`courses`/`roles` becomes a list,
a string `keywords` is split at commas, `gpa` becomes `score`, languages' `name`/`level` become
`language`/`fluency`, a string `location` becomes an object, free-text dates ("Jan 2020 - Present",
"06/2021") become ISO dates and "Present" as an end date is dropped (templates print "Present"), HTML in
prose is flattened to paragraphs and bullets, and items with `visible: false`/`hidden: true` are dropped.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from typing import Any

from ..infra.errors import BadInput
from .dates_text import ISO_DATE, PRESENT, date_value, period
from .rich_text import looks_like_html, plain, rich
from .rxresume_import import from_rxresume
from .rxresume_sections import shown

JSONRESUME_SECTIONS = (
    "work",
    "volunteer",
    "education",
    "awards",
    "certificates",
    "publications",
    "skills",
    "languages",
    "interests",
    "references",
    "projects",
)
_V5_TOP_KEYS = ("customSections", "picture", "summary")
_V3_SECTION_TYPES = frozenset({"basic", "work", "custom"})


class ResumeFormatError(BadInput):
    """The file is not a resume Jobber can read; the message names what is wrong."""


def _kind(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "project"


def _text(value: object) -> str:
    if isinstance(value, str):
        return value.strip()
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else ""


def _assign_project_ids(projects: list[dict[str, Any]]) -> None:
    """Give every project a unique, stable id: keep existing ones, slug the name for the rest."""
    used: set[str] = set()

    def claim(base: str) -> str:
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        return candidate

    with_id = [p for p in projects if _text(p.get("id"))]  # claimed first, so a slug never steals one
    for project in with_id + [p for p in projects if not _text(p.get("id"))]:
        project["id"] = claim(_text(project.get("id")) or _slug(_text(project.get("name"))))


# Legacy or variant key -> JSON Resume key, per section (only used when the JSON Resume key is absent).
_RENAMES: dict[str, dict[str, str]] = {
    "work": {"company": "name", "website": "url", "title": "position"},
    "volunteer": {"website": "url", "company": "organization"},
    "education": {"gpa": "score", "website": "url", "degree": "studyType", "school": "institution"},
    "awards": {"name": "title", "website": "url"},
    "certificates": {"title": "name", "website": "url", "authority": "issuer"},
    "publications": {"title": "name", "website": "url", "date": "releaseDate"},
    "languages": {"name": "language", "level": "fluency"},
    "projects": {"website": "url", "title": "name"},
    "references": {"summary": "reference"},
}
_LISTS = ("highlights", "roles")
_SPLIT_LISTS = ("keywords", "courses")
"""Lists that files often give as one string, "Go, Python": split at commas and semicolons."""
_DATES = ("startDate", "endDate", "date", "releaseDate")


def _as_list(value: object, split: bool = False) -> list[str]:
    values = value if isinstance(value, list) else [value]
    out: list[str] = []
    for v in values:
        text = _text(v)
        if text:
            out += (
                [t.strip() for t in re.split(r"[,;]", text) if t.strip()]
                if split and not isinstance(value, list)
                else [text]
            )
    return out


def _normalise_item(section: str, item: dict[str, Any]) -> dict[str, Any]:
    for old, new in _RENAMES.get(section, {}).items():
        if old in item and new not in item:
            item[new] = item.pop(old)
    for key in _LISTS:
        if key in item:
            item[key] = _as_list(item[key])
    for key in _SPLIT_LISTS:
        if key in item:
            item[key] = _as_list(item[key], split=True)
    for key in ("summary", "description", "reference"):
        if looks_like_html(item.get(key)):
            prose = rich(item[key], key)
            item[key] = prose[key]
            if prose["highlights"]:
                item["highlights"] = _as_list(item.get("highlights")) + list(prose["highlights"])
    start, end = item.get("startDate"), item.get("endDate")
    if isinstance(start, str) and not ISO_DATE.fullmatch(start.strip()) and not end:
        item.pop("startDate")
        item.update(period(start))
    for key in _DATES:
        value = item.get(key)
        if isinstance(value, str) and not ISO_DATE.fullmatch(value.strip()):
            if value.strip().lower() in PRESENT and key == "endDate":
                del item[key]
            elif key != "startDate" or item.get("endDate"):
                item[key] = date_value(value) or value
    return item


def _normalise_basics(basics: dict[str, Any]) -> None:
    if "website" in basics and "url" not in basics:
        basics["url"] = basics.pop("website")
    if "picture" in basics and "image" not in basics:
        basics["image"] = basics.pop("picture")
    if looks_like_html(basics.get("summary")):
        basics["summary"] = plain(basics["summary"])
    location = basics.get("location")
    if isinstance(location, str) and location.strip():
        text = location.strip()
        simple = "," not in text and not any(ch.isdigit() for ch in text)
        basics["location"] = {"city": text} if simple else {"address": text}
    profiles = basics.get("profiles")
    if isinstance(profiles, list):
        basics["profiles"] = [p for p in profiles if isinstance(p, dict) and shown(p)]


def _from_jsonresume(data: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    basics = out.get("basics")
    if basics is not None and not isinstance(basics, dict):
        raise ResumeFormatError(f"JSON Resume 'basics' must be an object, not {_kind(basics)}")
    if isinstance(basics, dict):
        _normalise_basics(basics)
    for key in (k for k in JSONRESUME_SECTIONS if k in out):
        if out[key] is None:
            out[key] = []
        if not isinstance(out[key], list):
            raise ResumeFormatError(f"JSON Resume '{key}' must be an array, not {_kind(out[key])}")
        for index, item in enumerate(out[key], 1):
            if not isinstance(item, dict):
                raise ResumeFormatError(f"JSON Resume '{key}' entry {index} must be an object, not {_kind(item)}")
        out[key] = [_normalise_item(key, item) for item in out[key] if shown(item)]
    _assign_project_ids(out.get("projects", []))
    return out


def detect_format(data: object) -> str:
    """Name the export format ("jsonresume", "rxresume-v3", "-v4", "-v5") so the right reader runs."""
    if not isinstance(data, dict):
        raise ResumeFormatError(f"not a JSON object (the file holds {_kind(data)})")
    if "sections" in data:
        sections = data["sections"]
        if not isinstance(sections, dict):
            raise ResumeFormatError(f"Reactive Resume 'sections' must be an object, not {_kind(sections)}")
        basics = data.get("basics")
        if any(key in data for key in _V5_TOP_KEYS) or (
            isinstance(basics, dict) and isinstance(basics.get("website"), dict)
        ):
            return "rxresume-v5"
        typed = any(isinstance(v, dict) and v.get("type") in _V3_SECTION_TYPES for v in sections.values())
        if (
            typed
            or (isinstance(basics, dict) and "photo" in basics)
            or ("work" in sections and "experience" not in sections)
        ):
            return "rxresume-v3"
        return "rxresume-v4"
    if "basics" in data or any(key in data for key in JSONRESUME_SECTIONS):
        return "jsonresume"
    raise ResumeFormatError("looks like neither JSON Resume (no 'basics') nor Reactive Resume v3/v4/v5 (no 'sections')")


def convert_resume(data: object) -> tuple[dict[str, Any], str]:
    """Convert any supported export to a fresh JSON Resume dict; the input is never mutated."""
    fmt = detect_format(data)
    assert isinstance(data, dict)  # detect_format guarantees it
    if fmt == "jsonresume":
        return _from_jsonresume(data), fmt
    resume = from_rxresume(data, int(fmt[-1]))
    _assign_project_ids(resume.get("projects", []))
    return resume, fmt


def parse_resume_bytes(raw: bytes, source_name: str) -> tuple[dict[str, Any], str]:
    """Decode and convert an uploaded file, with errors that point at the file and the spot."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ResumeFormatError(f"{source_name}: not UTF-8 text (bad byte at offset {exc.start})") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        msg = f"{source_name}: broken JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        raise ResumeFormatError(msg) from exc
    try:
        return convert_resume(data)
    except ResumeFormatError as exc:
        raise ResumeFormatError(f"{source_name}: {exc}") from exc
