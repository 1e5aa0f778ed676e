"""Reactive Resume items, section kind by section kind, as JSON Resume entries.

The field-level half of core/resume/rxresume_import.py: scalar helpers (`s`, `strs`, `clean`,
`shown`, `link`) and `Reader`, which knows how each export version (3, 4, 5) names an item's
fields and which rich-text flavour it writes. rxresume_import walks the sections and layout.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .dates_text import date_value, one_date, period
from .rich_text import plain, rich


def s(value: object) -> str:
    """Any scalar as trimmed text: exports mix numbers and strings for the same field."""
    if isinstance(value, str):
        return value.strip()
    return str(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else ""


def strs(value: object) -> list[str]:
    values = value if isinstance(value, list) else [value]
    return [text for text in (s(v) for v in values) if text]


def clean(entry: dict[str, Any]) -> dict[str, Any]:
    """Drop empty fields so templates don't render blank labels."""
    return {k: v for k, v in entry.items() if v not in ("", None, [], {})}


def shown(obj: dict[str, Any]) -> bool:
    """v3/v4 hide with visible=false, v5 with hidden=true; honour either."""
    return obj.get("visible", True) is not False and obj.get("hidden", False) is not True


def link(obj: dict[str, Any]) -> str:
    """v4 stores {"href"} under url, v5 {"url"} under website; v3 and JSON Resume a plain string."""
    for key in ("url", "website"):
        value = obj.get(key)
        if isinstance(value, dict):
            value = value.get("href") or value.get("url")
        if s(value):
            return s(value)
    return ""


def _dated(raw: object) -> dict[str, str]:
    """Reactive Resume's "2021" is that year, not "2021 – Present" as a lone JSON Resume startDate
    would read: a period that is one recognised date becomes both ends (printed once)."""
    single = one_date(" ".join(raw.split())) if isinstance(raw, str) else None
    return {"startDate": single, "endDate": single} if single else period(raw)


class Reader:
    """One export being read: its version decides field names and rich-text flavour."""

    def __init__(self, version: int) -> None:
        self.version = version
        self.markdown = version == 3

    def body(self, item: dict[str, Any], key: str = "summary") -> dict[str, Any]:
        source = item.get("description") if self.version == 5 else item.get("summary")
        return rich(source, key, markdown=self.markdown)

    def text(self, item: dict[str, Any]) -> str:
        return plain(item.get("description") if self.version == 5 else item.get("summary"), markdown=self.markdown)

    def when(self, item: dict[str, Any]) -> dict[str, str]:
        raw = item.get("period") if self.version == 5 else item.get("date")
        if isinstance(raw, dict):  # v3: {start, end}
            start, end = date_value(raw.get("start")), date_value(raw.get("end"))
            return clean({"startDate": start, "endDate": end})
        return _dated(raw)

    # -- one mapper per section kind ------------------------------------------------------------
    def work(self, i: dict[str, Any]) -> list[dict[str, Any]]:
        base = {"name": s(i.get("company") or i.get("name")), "location": s(i.get("location")), "url": link(i)}
        head = self.body(i)
        head["highlights"] = head["highlights"] + strs(i.get("highlights"))
        roles = [r for r in i.get("roles") or [] if isinstance(r, dict)] if self.version == 5 else []
        if not roles:
            return [{**base, "position": s(i.get("position")), **self.when(i), **head}]
        entries: list[dict[str, Any]] = []
        for role in roles:
            body = rich(role.get("description"))
            if not entries:
                body = {
                    "summary": "\n\n".join(filter(None, [head["summary"], body["summary"]])),
                    "highlights": head["highlights"] + body["highlights"],
                }
            entries.append({**base, "position": s(role.get("position")), **_dated(role.get("period")), **body})
        return entries

    def volunteer(self, i: dict[str, Any]) -> dict[str, Any]:
        return {
            "organization": s(i.get("organization")),
            "position": s(i.get("position")),
            "location": s(i.get("location")),
            "url": link(i),
            **self.when(i),
            **self.body(i),
        }

    def education(self, i: dict[str, Any]) -> dict[str, Any]:
        return {
            "institution": s(i.get("institution") or i.get("school")),
            "url": link(i),
            "area": s(i.get("area")),
            "studyType": s(i.get("studyType") or i.get("degree")),
            "score": s(i.get("score") or i.get("grade")),
            "location": s(i.get("location")),
            "courses": strs(i.get("courses")),
            **self.when(i),
            **self.body(i),
        }

    def award(self, i: dict[str, Any]) -> dict[str, Any]:
        return {
            "title": s(i.get("title") or i.get("name")),
            "awarder": s(i.get("awarder")),
            "date": date_value(i.get("date")),
            "url": link(i),
            "summary": self.text(i),
        }

    def certificate(self, i: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": s(i.get("name") or i.get("title")),
            "issuer": s(i.get("issuer")),
            "date": date_value(i.get("date")),
            "url": link(i),
            "summary": self.text(i),
        }

    def publication(self, i: dict[str, Any]) -> dict[str, Any]:
        return {
            "name": s(i.get("name") or i.get("title")),
            "publisher": s(i.get("publisher")),
            "releaseDate": date_value(i.get("date")),
            "url": link(i),
            "summary": self.text(i),
        }

    def skill(self, i: dict[str, Any]) -> dict[str, Any]:
        level = (
            i.get("proficiency") if self.version == 5 else i.get("level") if self.version == 3 else i.get("description")
        )
        return {"name": s(i.get("name")), "level": s(level), "keywords": strs(i.get("keywords"))}

    def language(self, i: dict[str, Any]) -> dict[str, Any]:
        fluency = i.get("fluency") or (i.get("level") if self.version == 3 else i.get("description"))
        return {"language": s(i.get("language") or i.get("name")), "fluency": s(fluency)}

    def interest(self, i: dict[str, Any]) -> dict[str, Any]:
        return {"name": s(i.get("name")), "keywords": strs(i.get("keywords"))}

    def reference(self, i: dict[str, Any]) -> dict[str, Any]:
        position = (
            i.get("position")
            if self.version == 5
            else i.get("relationship")
            if self.version == 3
            else i.get("description")
        )
        return {"name": s(i.get("name")), "position": s(position), "reference": self.text(i)}

    def project(self, i: dict[str, Any]) -> dict[str, Any]:
        prose = self.body(i, "description")
        if self.version == 3:  # v3: `description` is a short line, `summary` the Markdown body
            subtitle = s(i.get("description"))
        elif self.version == 4:  # v4: `description` is the subtitle under the name
            subtitle = s(i.get("description"))
        else:
            subtitle = ""
        return {
            "id": s(i.get("id")),
            "name": s(i.get("name")),
            "roles": [subtitle] if subtitle else [],
            **prose,
            "keywords": strs(i.get("keywords")),
            "url": link(i),
            **self.when(i),
        }

    def profile(self, i: dict[str, Any]) -> dict[str, Any]:
        return {"network": s(i.get("network")), "username": s(i.get("username")), "url": link(i)}

    def entry(self, i: dict[str, Any]) -> dict[str, Any]:
        """A generic custom-section item (v4 fields; v3 names them title/subtitle)."""
        return {
            "name": s(i.get("name") or i.get("title")),
            "description": s(i.get("description") or i.get("subtitle")),
            "location": s(i.get("location")),
            "url": link(i),
            "keywords": strs(i.get("keywords")),
            **self.when(i),
            **self.body(i),
        }

    def text_item(self, i: dict[str, Any]) -> dict[str, Any]:
        return rich(i.get("content") if "content" in i else i.get("summary"), markdown=self.markdown)

    def mappers(self) -> dict[str, tuple[str, Callable[[dict[str, Any]], Any]]]:
        """Section kind (as the export names it) -> (JSON Resume key, mapper)."""
        return {
            "experience": ("work", self.work),
            "work": ("work", self.work),
            "volunteer": ("volunteer", self.volunteer),
            "education": ("education", self.education),
            "awards": ("awards", self.award),
            "certifications": ("certificates", self.certificate),
            "publications": ("publications", self.publication),
            "skills": ("skills", self.skill),
            "languages": ("languages", self.language),
            "interests": ("interests", self.interest),
            "references": ("references", self.reference),
            "projects": ("projects", self.project),
            "profiles": (
                "entries",
                lambda i: {"name": s(i.get("network")), "description": s(i.get("username")), "url": link(i)},
            ),
            "summary": ("text", self.text_item),
            "custom": ("entries", self.entry),
            "basic": ("entries", self.entry),
        }
