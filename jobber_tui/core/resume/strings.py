"""Every string of a resume that the bundled templates print, in reading order.

Why one place: the ATS check (is each of them in the PDF's text?), the import report (what would
not be printed?) and the font check (which scripts need a font?) must agree with the templates on
what is shown. The rules here are the data contract of resume_templates/README.md; the bundled
templates follow them and tests/test_resume_fidelity.py holds both to it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..infra.json_values import object_at
from .locales import SECTION_KEYS

# Per section: title fields (the first present one anchors the entry), other one-line fields,
# list fields, the date fields, and prose fields (paragraphs) before the bullets.
_LAYOUT: dict[str, tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]] = {
    "work": (("position", "name"), ("name", "location", "description"), (), ("startDate", "endDate"), ("summary",)),
    "volunteer": (
        ("position", "organization"),
        ("organization", "location"),
        (),
        ("startDate", "endDate"),
        ("summary",),
    ),
    "education": (
        ("institution", "studyType", "area"),
        ("studyType", "area", "location", "score"),
        ("courses",),
        ("startDate", "endDate"),
        ("summary",),
    ),
    "projects": (("name",), ("entity", "type"), ("roles",), ("startDate", "endDate"), ("description",)),
    "awards": (("title", "awarder"), ("awarder",), (), ("date",), ("summary",)),
    "certificates": (("name", "issuer"), ("issuer",), (), ("date",), ("summary",)),
    "publications": (("name", "publisher"), ("publisher",), (), ("releaseDate",), ("summary",)),
    "skills": (("name",), ("level",), ("keywords",), (), ()),
    "languages": (("language",), ("fluency",), (), (), ()),
    "interests": (("name",), (), ("keywords",), (), ()),
    "references": (("name",), ("position",), (), (), ("reference",)),
    "entries": (("name",), ("description", "location"), ("keywords",), ("date", "startDate", "endDate"), ("summary",)),
    "text": ((), (), (), (), ("summary",)),
}
"""`entries` and `text` are the kinds only custom sections have (Reactive Resume's generic items)."""

_LIST_AFTER_BODY = {"projects": ("keywords",)}
URL_KEYS = frozenset({"url", "website", "image", "picture"})


@dataclass(frozen=True)
class Shown:
    """One printed string and where it comes from."""

    section: str
    """"basics", a section key such as "work", or "custom:<id>"."""
    path: str
    """Where it is in the data, e.g. "work[0].highlights[2]"."""
    text: str
    kind: str = "text"
    """"text", "date" (printed formatted) or "url" (printed without scheme and "www.")."""
    entry: int = -1
    """Index of the entry in its section; -1 for the header."""
    anchor: bool = False
    """The entry's title: what the reading-order check follows."""


def text_of(value: object) -> str | None:
    """What the templates print for a scalar: trimmed text, numbers as written, else nothing."""
    if isinstance(value, str):
        value = value.strip()
        return value or None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value)
    return None


def texts_of(value: object) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [t for t in (text_of(v) for v in values) if t is not None]


def paragraphs(text: str) -> list[str]:
    """Prose split where the author left blank lines (each paragraph is matched on its own)."""
    return [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]


def pretty_url(url: str) -> str:
    t = re.sub(r"^(?i:https?://)", "", url.strip())
    t = re.sub(r"^(?i:www\.)", "", t)
    return t[:-1] if t.endswith("/") else t


def _dicts(value: object) -> list[dict[str, Any]]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def custom_sections(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """`custom:<id>` -> the custom section, for those with a usable id."""
    found: dict[str, dict[str, Any]] = {}
    for section in _dicts(data.get("customSections")):
        ident = text_of(section.get("id"))
        if ident and f"custom:{ident}" not in found:
            found[f"custom:{ident}"] = section
    return found


def section_order(resume: dict[str, Any]) -> list[str]:
    """Every section key, in the resume's order: `sectionOrder` when it has one, else the order of
    its keys (a JSON Resume file lists sections in the order its author wanted); sections it does
    not place follow in the default order, so nothing is left out."""
    customs = custom_sections(resume)
    known = set(SECTION_KEYS) | set(customs)
    order: list[str] = []
    explicit = resume.get("sectionOrder")
    if isinstance(explicit, list):
        order = [k for k in explicit if isinstance(k, str) and k in known]
    else:
        for key in resume:
            if key == "basics":
                order.append("summary")
            elif key == "customSections":
                order.extend(customs)
            elif key in known:
                order.append(key)
    order = list(dict.fromkeys(order))  # each key once, where it first appears
    return order + [k for k in (*SECTION_KEYS, *customs) if k not in order]


def _entry(section: str, kind: str, index: int, item: dict[str, Any]) -> list[Shown]:
    titles, fields, lists, dates, prose = _LAYOUT[kind]
    where = f"{section}[{index}]" if not section.startswith("custom:") else f"{section}.items[{index}]"
    out: list[Shown] = []
    anchor = next((f for f in titles if text_of(item.get(f))), None)
    for name in dict.fromkeys(((anchor,) if anchor else ()) + fields):
        text = text_of(item.get(name))
        if text:
            out.append(Shown(section, f"{where}.{name}", text, entry=index, anchor=name == anchor))
    for name in lists:
        out += [Shown(section, f"{where}.{name}[{i}]", t, entry=index) for i, t in enumerate(texts_of(item.get(name)))]
    for name in dates:
        text = text_of(item.get(name))
        if text:
            out.append(Shown(section, f"{where}.{name}", text, "date", index))
    if kind == "projects" and text_of(item.get("url")):
        out.append(Shown(section, f"{where}.url", str(text_of(item.get("url"))), "url", index))
    for name in prose:
        text = text_of(item.get(name))
        if text:
            out += [Shown(section, f"{where}.{name}", p, entry=index) for p in paragraphs(text)]
    out += [
        Shown(section, f"{where}.highlights[{i}]", t, entry=index)
        for i, t in enumerate(texts_of(item.get("highlights")))
    ]
    for name in _LIST_AFTER_BODY.get(kind, ()):
        out += [Shown(section, f"{where}.{name}[{i}]", t, entry=index) for i, t in enumerate(texts_of(item.get(name)))]
    return out


def section_entries(data: dict[str, Any], key: str) -> Iterator[tuple[int, list[Shown]]]:
    """The entries of one section that print something, with what they print."""
    if key == "summary":
        basics = object_at(data, "basics")
        text = text_of(basics.get("summary"))
        if text:
            yield (
                0,
                [Shown("summary", "basics.summary", p, entry=0, anchor=i == 0) for i, p in enumerate(paragraphs(text))],
            )
        return
    if key.startswith("custom:"):
        section = custom_sections(data).get(key)
        if section is None:
            return
        if section.get("kind") == "cover-letter":  # kept in resume.json, never printed in a resume
            return
        declared = section.get("kind")
        kind = declared if isinstance(declared, str) and declared in _LAYOUT else "entries"
        items = _dicts(section.get("items"))
    else:
        kind, items = key, _dicts(data.get(key))
    for index, item in enumerate(items):
        shown = _entry(key, kind, index, item)
        if shown:
            yield index, shown


def header_strings(data: dict[str, Any]) -> list[Shown]:
    basics = object_at(data, "basics")
    out: list[Shown] = []
    for name in ("name", "label", "email", "phone"):
        text = text_of(basics.get(name))
        if text:
            out.append(Shown("basics", f"basics.{name}", text, anchor=name == "name"))
    location = basics.get("location")
    if isinstance(location, dict):
        for name in ("address", "postalCode", "city", "region", "countryCode"):
            text = text_of(location.get(name))
            if text:
                out.append(Shown("basics", f"basics.location.{name}", text))
    elif text_of(location):
        out.append(Shown("basics", "basics.location", str(text_of(location))))
    url = text_of(basics.get("url"))
    if url:
        out.append(Shown("basics", "basics.url", url, "url"))
    for i, profile in enumerate(_dicts(basics.get("profiles"))):
        out += profile_strings(profile, f"basics.profiles[{i}]")
    return out


def profile_strings(profile: dict[str, Any], path: str) -> list[Shown]:
    """A profile prints its URL when that names the user, else "network: username"."""
    url, user, network = (text_of(profile.get(k)) for k in ("url", "username", "network"))
    if url and (not user or user.lower() in url.lower()):
        return [Shown("basics", f"{path}.url", url, "url")]
    return [Shown("basics", f"{path}.{k}", t) for k, t in (("network", network), ("username", user)) if t]


def shown_strings(data: dict[str, Any]) -> list[Shown]:
    """All printed strings: the header, then each section in `section_order`."""
    out = header_strings(data)
    order = _order(data)
    for key in order:
        for _, shown in section_entries(data, key):
            out += shown
    return out


def visible_sections(data: dict[str, Any]) -> list[str]:
    """Section keys that print at least one entry, in order (a template prints a heading for each)."""
    return [key for key in _order(data) if next(section_entries(data, key), None) is not None]


def _order(data: dict[str, Any]) -> list[str]:
    """The data's own `sectionOrder` when it has one, else the usual order."""
    order = data.get("sectionOrder")
    return order if isinstance(order, list) else section_order(data)
