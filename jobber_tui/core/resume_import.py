"""Read a resume export (JSON Resume, Reactive Resume v4 or v5) as a JSON Resume dict.

Why: users arrive with whatever their old builder exported, but Jobber's templates speak only JSON Resume
(https://jsonresume.org/schema), so every format is normalised here, once, by pure functions.

Detection, checked against upstream's zod schemas (AmruthPillai/Reactive-Resume: v4 ``libs/schema/src``,
v5 ``src/schema/resume/data.ts``): both RxResume versions keep content in a ``sections`` object.  v5 moved
``picture``, ``summary`` and ``customSections`` to the top level and renamed ``basics.url`` to ``basics.website``;
any of these means v5 (upstream's own importer uses the same markers).  v5 items use ``hidden``, ``period``,
``website.url`` and HTML ``description``; any other ``sections`` object is v4 (``visible``, ``date``,
``url.href``, HTML ``summary``).  An object with ``basics`` or a JSON Resume section key is JSON Resume.

Decisions: custom sections (v4 ``sections.custom``, v5 ``customSections``) are dropped: JSON Resume has no
home for them.  v5 experience ``roles`` become one work entry each (company description on the first).
Unparseable periods stay verbatim in ``startDate``.  Skill ``level`` is the text (v4 description, v5
proficiency), not the bare 0-5 number.  JSON Resume input gets the same care where it applies (items with
``visible: false``/``hidden: true`` dropped, HTML flattened, free-text ``startDate`` parsed); ISO dates and
unknown keys are kept untouched.
"""

from __future__ import annotations

import copy
import json
import re
import unicodedata
from collections.abc import Callable
from html.parser import HTMLParser
from typing import Any

from jobber_tui.core.errors import BadInput

JSONRESUME_SECTIONS = ("work", "volunteer", "education", "awards", "certificates", "publications",
                       "skills", "languages", "interests", "references", "projects")
_V5_TOP_KEYS = ("customSections", "picture", "summary")
_HTML_RE = re.compile(r"<\s*/?\s*(p|ul|ol|li|br|strong|em|b|i|u|a|div|span|h[1-6])\b", re.I)
_ISO_RE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_MONTHS = "january february march april may june july august september october november december".split()
_PRESENT = frozenset({"present", "current", "now", "today", "ongoing"})
_SEP_RE = re.compile(r"\s*(?:[-–—]|\bto\b|\buntil\b)\s*", re.I)


class ResumeFormatError(BadInput):
    """The file is not a resume Jobber can read; the message names what is wrong."""


def _squash(text: str) -> str:
    """Collapse whitespace but keep the line breaks an author made with <br>."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.split())


class _RichText(HTMLParser):
    """Split RxResume's HTML into paragraphs and list-item bullets, dropping all tags."""

    _BLOCKS = frozenset("p div ul ol blockquote pre tr h1 h2 h3 h4 h5 h6".split())

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.paragraphs: list[str] = []
        self.bullets: list[str] = []
        self.lines: list[str] = []  # both, in document order, for plain-text-only fields
        self._para: list[str] = []
        self._items: list[list[str]] = []  # one buffer per open <li> (lists may nest)

    def _add(self, text: str, bullet: bool) -> None:
        text = _squash(text)
        if text:
            (self.bullets if bullet else self.paragraphs).append(text)
            self.lines.append(f"- {text}" if bullet else text)

    def flush(self) -> None:
        self._add("".join(self._para), bullet=False)
        self._para = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "li":
            if self._items:  # nested list: emit the parent's text first to keep the order
                self._add("".join(self._items[-1]), bullet=True)
                self._items[-1] = []
            else:
                self.flush()
            self._items.append([])
        elif tag == "br":
            (self._items[-1] if self._items else self._para).append("\n")
        elif tag in self._BLOCKS and not self._items:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag == "li" and self._items:
            self._add("".join(self._items.pop()), bullet=True)
        elif tag in self._BLOCKS and not self._items:
            self.flush()

    def handle_data(self, data: str) -> None:
        (self._items[-1] if self._items else self._para).append(data)

    def close(self) -> None:
        super().close()
        while self._items:  # an unclosed <li> still holds text worth keeping
            self.handle_endtag("li")
        self.flush()


def _parse_html(html: object) -> _RichText:
    parser = _RichText()
    parser.feed(html if isinstance(html, str) else "")
    parser.close()
    return parser


def _rich(html: object, key: str = "summary") -> dict[str, Any]:
    """HTML -> {key: paragraphs, "highlights": bullets}, the JSON Resume shape for prose."""
    parsed = _parse_html(html)
    return {key: "\n\n".join(parsed.paragraphs), "highlights": parsed.bullets}


def _plain(html: object) -> str:
    """HTML -> one plain text, for fields that have no highlights list."""
    return "\n".join(_parse_html(html).lines)


def _one_date(text: str) -> str | None:
    """A single recognisable date as "YYYY-MM" or "YYYY", else None."""
    t = text.strip().rstrip(".,")
    if re.fullmatch(r"(19|20)\d\d", t):
        return t
    m = (re.fullmatch(r"((?:19|20)\d\d)[-/.](\d{1,2})(?:[-/.]\d{1,2})?", t)
         or re.fullmatch(r"(\d{1,2})[-/.]((?:19|20)\d\d)", t))
    if m:
        year, month = (m[1], m[2]) if len(m[1]) == 4 else (m[2], m[1])
        return f"{year}-{int(month):02d}" if 1 <= int(month) <= 12 else None
    m = re.fullmatch(r"([A-Za-z]{3,})\.?,?\s*((?:19|20)\d\d)", t)
    if m:
        months = [n for n, month in enumerate(_MONTHS, 1) if month.startswith(m[1].lower())]  # "Sept" too
        return f"{m[2]}-{months[0]:02d}" if months else None
    return None


def _period(text: object) -> dict[str, str]:
    """A free-text period -> startDate/endDate; unparseable text is kept whole in startDate."""
    raw = _s(text)
    flat = " ".join(raw.split())
    if single := _one_date(flat):
        return {"startDate": single}
    for sep in _SEP_RE.finditer(flat):  # try every separator: "2020-01 - 2021-03" has three
        start, right = _one_date(flat[: sep.start()]), flat[sep.end():].strip()
        if start and right.lower() in _PRESENT:
            return {"startDate": start}
        if start and (end := _one_date(right)):
            return {"startDate": start, "endDate": end}
    return {"startDate": raw} if raw else {}


def _date(text: object) -> str:
    """A single date field (awards, certificates): normalised when recognisable, else verbatim."""
    raw = _s(text)
    return _one_date(raw) or raw


def _s(value: object) -> str:
    """Any scalar as trimmed text: exports mix numbers and strings for the same field."""
    if isinstance(value, str):
        return value.strip()
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else ""


def _strs(value: object) -> list[str]:
    """Highlights/keywords as a list of non-empty strings, whatever the file held."""
    values = value if isinstance(value, list) else [value]
    return [text for text in (_s(v) for v in values) if text]


def _kind(value: object) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean", type(None): "null"}
    return names.get(type(value), "a number")


def _clean(entry: dict[str, Any]) -> dict[str, Any]:
    """Drop empty fields so templates don't render blank labels."""
    return {k: v for k, v in entry.items() if v not in ("", None, [], {})}


def _shown(obj: dict[str, Any]) -> bool:
    """v4 hides with visible=false, v5 with hidden=true; honour either."""
    return obj.get("visible", True) is not False and obj.get("hidden", False) is not True


def _link(obj: dict[str, Any]) -> str:
    """v4 stores {"href"} under url, v5 {"url"} under website; JSON Resume a plain string."""
    for key in ("url", "website"):
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("href") or value.get("url")
        if _s(value):
            return _s(value)
    return ""


def _slug(name: str) -> str:
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-") or "project"


def _assign_project_ids(projects: list[dict[str, Any]]) -> None:
    """Give every project a unique, stable id: keep existing ones, slug the name for the rest."""
    used: set[str] = set()

    def claim(base: str) -> str:
        candidate, n = base, 2
        while candidate in used:
            candidate, n = f"{base}-{n}", n + 1
        used.add(candidate)
        return candidate

    with_id = [p for p in projects if _s(p.get("id"))]  # claimed first, so a slug never steals one
    for project in with_id + [p for p in projects if not _s(p.get("id"))]:
        project["id"] = claim(_s(project.get("id")) or _slug(_s(project.get("name"))))


def _html_of(item: dict[str, Any], v5: bool) -> object:
    return item.get("description") if v5 else item.get("summary")


def _when(item: dict[str, Any]) -> dict[str, str]:
    return _period(item.get("period") or item.get("date"))


def _work(item: dict[str, Any], v5: bool) -> list[dict[str, Any]]:
    base = {"name": _s(item.get("company")), "location": _s(item.get("location")), "url": _link(item)}
    head = _rich(_html_of(item, v5))
    roles = [r for r in item.get("roles") or [] if isinstance(r, dict)] if v5 else []
    if not roles:
        return [{**base, "position": _s(item.get("position")), **_when(item), **head}]
    entries = []
    for role in roles:
        body = _rich(role.get("description"))
        if not entries:
            body = {"summary": "\n\n".join(filter(None, [head["summary"], body["summary"]])),
                    "highlights": head["highlights"] + body["highlights"]}
        entries.append({**base, "position": _s(role.get("position")), **_period(role.get("period")), **body})
    return entries


def _project(item: dict[str, Any], v5: bool) -> dict[str, Any]:
    prose = _rich(_html_of(item, v5), "description")
    if not v5:  # v4 has a short plain description besides the HTML summary: keep both
        prose["description"] = "\n\n".join(filter(None, [_s(item.get("description")), prose["description"]]))
    return {"id": _s(item.get("id")), "name": _s(item.get("name")), **prose,
            "keywords": _strs(item.get("keywords")), "url": _link(item), **_when(item)}


_Mapper = Callable[[dict[str, Any], bool], "dict[str, Any] | list[dict[str, Any]]"]
_RX_SECTIONS: dict[str, tuple[str, _Mapper]] = {
    "experience": ("work", _work),
    "volunteer": ("volunteer", lambda i, v5: {
        "organization": _s(i.get("organization")), "position": _s(i.get("position")),
        "location": _s(i.get("location")), "url": _link(i), **_when(i), **_rich(_html_of(i, v5))}),
    "education": ("education", lambda i, v5: {
        "institution": _s(i.get("institution") or i.get("school")), "url": _link(i),
        "area": _s(i.get("area")), "studyType": _s(i.get("studyType") or i.get("degree")),
        "score": _s(i.get("score") or i.get("grade")), "location": _s(i.get("location")),
        **_when(i), **_rich(_html_of(i, v5))}),
    "awards": ("awards", lambda i, v5: {
        "title": _s(i.get("title")), "awarder": _s(i.get("awarder")), "date": _date(i.get("date")),
        "url": _link(i), "summary": _plain(_html_of(i, v5))}),
    "certifications": ("certificates", lambda i, v5: {
        "name": _s(i.get("name") or i.get("title")), "issuer": _s(i.get("issuer")),
        "date": _date(i.get("date")), "url": _link(i), "summary": _plain(_html_of(i, v5))}),
    "publications": ("publications", lambda i, v5: {
        "name": _s(i.get("name") or i.get("title")), "publisher": _s(i.get("publisher")),
        "releaseDate": _date(i.get("date")), "url": _link(i), "summary": _plain(_html_of(i, v5))}),
    "skills": ("skills", lambda i, v5: {
        "name": _s(i.get("name")), "level": _s(i.get("proficiency") if v5 else i.get("description")),
        "keywords": _strs(i.get("keywords"))}),
    "languages": ("languages", lambda i, v5: {
        "language": _s(i.get("language") or i.get("name")),
        "fluency": _s(i.get("fluency") or i.get("description"))}),
    "interests": ("interests", lambda i, v5: {"name": _s(i.get("name")), "keywords": _strs(i.get("keywords"))}),
    "references": ("references", lambda i, v5: {
        "name": _s(i.get("name")), "position": _s(i.get("position") if v5 else i.get("description")),
        "reference": _plain(_html_of(i, v5))}),
    "projects": ("projects", _project),
}


def _visible_items(sections: dict[str, Any], key: str) -> list[dict[str, Any]]:
    section = sections.get(key)
    if not isinstance(section, dict) or not _shown(section) or not isinstance(section.get("items"), list):
        return []
    return [item for item in section["items"] if isinstance(item, dict) and _shown(item)]


def _from_rxresume(data: dict[str, Any], v5: bool) -> dict[str, Any]:
    sections: dict[str, Any] = data["sections"]
    src = data.get("basics") if isinstance(data.get("basics"), dict) else {}
    basics: dict[str, Any] = {"name": _s(src.get("name")), "label": _s(src.get("headline")),
                              "email": _s(src.get("email")), "phone": _s(src.get("phone")), "url": _link(src)}
    location = _s(src.get("location"))
    if location:  # "Berlin" is a city; "12 Main St, Berlin" is better kept whole as an address
        simple = "," not in location and not any(ch.isdigit() for ch in location)
        basics["location"] = {"city": location} if simple else {"address": location}
    picture = data.get("picture") if v5 else src.get("picture")
    if isinstance(picture, dict):
        effects = picture.get("effects") if isinstance(picture.get("effects"), dict) else {}
        hidden = picture.get("hidden") if v5 else effects.get("hidden")
        basics["image"] = "" if hidden else _s(picture.get("url"))
    summary = data.get("summary") if v5 else sections.get("summary")
    if isinstance(summary, dict) and _shown(summary):
        basics["summary"] = _plain(summary.get("content"))
    basics["profiles"] = [_clean({"network": _s(p.get("network")), "username": _s(p.get("username")),
                                  "url": _link(p)}) for p in _visible_items(sections, "profiles")]
    out: dict[str, Any] = {"basics": _clean(basics)}
    for key, (target, mapper) in _RX_SECTIONS.items():
        entries: list[dict[str, Any]] = []
        for item in _visible_items(sections, key):
            result = mapper(item, v5)
            entries.extend(_clean(e) for e in (result if isinstance(result, list) else [result]))
        if entries := [e for e in entries if e]:
            out[target] = entries
    _assign_project_ids(out.get("projects", []))
    return out


def _normalise_item(item: dict[str, Any]) -> dict[str, Any]:
    for key in ("highlights", "keywords"):
        if key in item:
            item[key] = _strs(item[key])
    for key in ("summary", "description"):
        if isinstance(item.get(key), str) and _HTML_RE.search(item[key]):
            prose = _rich(item[key], key)
            item[key] = prose[key]
            if prose["highlights"]:
                item["highlights"] = _strs(item.get("highlights")) + prose["highlights"]
    start = item.get("startDate")
    if isinstance(start, str) and not _ISO_RE.fullmatch(start.strip()) and not item.get("endDate"):
        item.update(_period(start))
    return item


def _from_jsonresume(data: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(data)
    basics = out.get("basics")
    if basics is not None and not isinstance(basics, dict):
        raise ResumeFormatError(f"JSON Resume 'basics' must be an object, not {_kind(basics)}")
    if isinstance(basics, dict) and isinstance(basics.get("summary"), str) and _HTML_RE.search(basics["summary"]):
        basics["summary"] = _plain(basics["summary"])
    for key in (k for k in JSONRESUME_SECTIONS if k in out):
        if not isinstance(out[key], list):
            raise ResumeFormatError(f"JSON Resume '{key}' must be an array, not {_kind(out[key])}")
        for index, item in enumerate(out[key], 1):
            if not isinstance(item, dict):
                raise ResumeFormatError(f"JSON Resume '{key}' entry {index} must be an object, not {_kind(item)}")
        out[key] = [_normalise_item(item) for item in out[key] if _shown(item)]
    _assign_project_ids(out.get("projects", []))
    return out


def detect_format(data: object) -> str:
    """Name the export format ("jsonresume", "rxresume-v4", "rxresume-v5") so the right reader runs."""
    if not isinstance(data, dict):
        raise ResumeFormatError(f"not a JSON object (the file holds {_kind(data)})")
    if "sections" in data:
        if not isinstance(data["sections"], dict):
            raise ResumeFormatError(f"Reactive Resume 'sections' must be an object, not {_kind(data['sections'])}")
        basics = data.get("basics")
        if any(key in data for key in _V5_TOP_KEYS) or (isinstance(basics, dict) and "website" in basics):
            return "rxresume-v5"
        return "rxresume-v4"
    if "basics" in data or any(key in data for key in JSONRESUME_SECTIONS):
        return "jsonresume"
    raise ResumeFormatError("looks like neither JSON Resume (no 'basics') nor Reactive Resume v4/v5 (no 'sections')")


def convert_resume(data: object) -> tuple[dict[str, Any], str]:
    """Convert any supported export to a fresh JSON Resume dict; the input is never mutated."""
    fmt = detect_format(data)
    assert isinstance(data, dict)  # detect_format guarantees it
    if fmt == "jsonresume":
        return _from_jsonresume(data), fmt
    return _from_rxresume(data, v5=fmt == "rxresume-v5"), fmt


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
