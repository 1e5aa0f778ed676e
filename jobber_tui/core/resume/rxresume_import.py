"""Reactive Resume exports (v3, v4, v5) as JSON Resume plus Jobber's custom sections.

Shapes checked against upstream's zod schemas (AmruthPillai/Reactive-Resume): v3
`libs/parser/src/reactive-resume-v3/schema.ts`, v4 `libs/schema/src`, v5 `src/schema/resume/data.ts`
(later `packages/schema/src/resume/data.ts`).

- v3: `basics` holds summary, profiles, a location object and `photo`; sections are keyed `work`,
  `education`, ... with `type` basic/work/custom, items carry `date: {start, end}` and Markdown.
  Sections the user added have random keys and `type` "custom" (or "work" for work-like ones).
  Layout and locale live in `metadata.layout` (pages > columns > keys) and `metadata.locale`.
- v4: items `visible`, `date` text, `url.href`, HTML `summary`; section headings in `name`;
  custom sections in `sections.custom` (items: name, description, date, location, summary,
  keywords, url); `metadata.layout` pages > columns > ids (`custom.<id>`).
- v5: items `hidden`, `period`, `website.url`, HTML `description`; headings in `title`; summary,
  picture and `customSections` at the top level; a custom section has a `type` naming the kind of
  its items (older v5 exports: just HTML `content`); experience may list `roles`;
  `metadata.layout.pages[].main/sidebar` (older: `layout.main/aside`); locale in `metadata.page.locale`.

Decisions: hidden sections and items are dropped; a section the layout does not place is still
imported (after the placed ones), since nothing the user wrote should vanish. Custom sections
become `customSections` [{id, title, kind, items}] in the JSON Resume shape of their kind
(`entries` for generic items, `text` for rich text). A v4 project's short description is its
subtitle: it goes to `roles`, not into the description. Basics' custom fields become profiles.
Section headings the user changed from Reactive Resume's English defaults go to `sectionTitles`.
Mapping one item of each section kind is in core/resume/rxresume_sections.py.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..infra.json_values import object_at
from .rich_text import plain
from .rxresume_sections import Reader, clean, link, s, shown

_DEFAULT_TITLES = frozenset(
    {
        "",
        "summary",
        "profiles",
        "experience",
        "work",
        "education",
        "projects",
        "skills",
        "languages",
        "interests",
        "awards",
        "certifications",
        "publications",
        "volunteer",
        "volunteering",
        "references",
    }
)
_SECTION_KEY = {
    "experience": "work",
    "work": "work",
    "certifications": "certificates",
    "summary": "summary",
    "education": "education",
    "projects": "projects",
    "skills": "skills",
    "languages": "languages",
    "interests": "interests",
    "awards": "awards",
    "publications": "publications",
    "volunteer": "volunteer",
    "references": "references",
}


def _items(section: object) -> list[dict[str, Any]]:
    if not isinstance(section, dict) or not shown(section) or not isinstance(section.get("items"), list):
        return []
    return [item for item in section["items"] if isinstance(item, dict) and shown(item)]


def _mapped(mapper: Callable[[dict[str, Any]], Any], items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for item in items:
        result = mapper(item)
        out.extend(clean(e) for e in (result if isinstance(result, list) else [result]))
    return [e for e in out if e]


def _title(section: dict[str, Any], version: int) -> str:
    """The heading the user gave the section, unless it is Reactive Resume's English default."""
    title = s(section.get("title") if version == 5 else section.get("name"))
    return "" if title.casefold() in _DEFAULT_TITLES else title


def _basics(data: dict[str, Any], sections: dict[str, Any], reader: Reader) -> dict[str, Any]:
    src = object_at(data, "basics")
    basics: dict[str, Any] = {
        "name": s(src.get("name")),
        "label": s(src.get("headline")),
        "email": s(src.get("email")),
        "phone": s(src.get("phone")),
        "url": link(src),
    }
    location = src.get("location")
    if isinstance(location, dict):  # v3
        basics["location"] = clean(
            {
                "address": s(location.get("address")),
                "postalCode": s(location.get("postalCode")),
                "city": s(location.get("city")),
                "region": s(location.get("region")),
                "countryCode": s(location.get("country")),
            }
        )
    elif s(location):  # "Berlin" is a city; "12 Main St, Berlin" is better kept whole as an address
        text = s(location)
        simple = "," not in text and not any(ch.isdigit() for ch in text)
        basics["location"] = {"city": text} if simple else {"address": text}
    picture = data.get("picture") if reader.version == 5 else src.get("photo" if reader.version == 3 else "picture")
    if isinstance(picture, dict):
        effects = object_at(picture, "effects")
        hidden = (
            picture.get("hidden")
            if reader.version == 5
            else (picture.get("visible") is False if reader.version == 3 else effects.get("hidden"))
        )
        basics["image"] = "" if hidden else s(picture.get("url"))
    summary = (
        src.get("summary")
        if reader.version == 3
        else data.get("summary")
        if reader.version == 5
        else (sections.get("summary"))
    )
    if isinstance(summary, str):
        basics["summary"] = plain(summary, markdown=reader.markdown)
    elif isinstance(summary, dict) and shown(summary):
        basics["summary"] = plain(
            summary.get("body") if reader.version == 3 else summary.get("content"), markdown=reader.markdown
        )
    profiles = (
        [reader.profile(p) for p in (src.get("profiles") or []) if isinstance(p, dict)]
        if (reader.version == 3)
        else [reader.profile(p) for p in _items(sections.get("profiles"))]
    )
    for field in src.get("customFields") or []:  # v4 {name, value}, v5 {text, link}
        if isinstance(field, dict):
            value = s(field.get("value") or field.get("text"))
            url = s(field.get("link")) or (value if value.startswith(("http://", "https://")) else "")
            profiles.append({"network": s(field.get("name")), "username": "" if url == value else value, "url": url})
    basics["profiles"] = [c for c in (clean(p) for p in profiles) if c]
    return clean(basics)


def _layout_order(data: dict[str, Any], version: int) -> list[str]:
    """Section ids in the order the export lays them out (main column before sidebar, page by page)."""
    metadata = object_at(data, "metadata")
    layout = metadata.get("layout")
    ids: list[str] = []
    if isinstance(layout, list):  # v3/v4: pages > columns > ids
        for page in layout:
            for column in page if isinstance(page, list) else []:
                ids += [x for x in column if isinstance(x, str)] if isinstance(column, list) else []
    elif isinstance(layout, dict):
        pages = layout.get("pages")
        if not isinstance(pages, list):  # a layout without pages is the one page
            pages = [layout]
        for page in pages:
            if isinstance(page, dict):
                for column in ("main", "sidebar", "aside"):
                    ids += [x for x in page.get(column) or [] if isinstance(x, str)]
    return ids


def _locale(data: dict[str, Any], version: int) -> str:
    metadata = object_at(data, "metadata")
    if version == 3:
        return s(metadata.get("locale"))
    page = object_at(metadata, "page")
    return s(page.get("locale"))


def from_rxresume(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Convert a Reactive Resume export (3, 4 or 5) to JSON Resume plus Jobber's extensions."""
    reader = Reader(version)
    sections: dict[str, Any] = data["sections"]
    mappers = reader.mappers()
    out: dict[str, Any] = {"basics": _basics(data, sections, reader)}
    titles: dict[str, str] = {}
    customs: list[dict[str, Any]] = []
    ids: dict[str, str] = {}  # id as the layout names it -> Jobber section key
    for key, section in sections.items():
        if not isinstance(section, dict) or key in ("profiles", "summary", "custom"):
            continue
        kind = key if key in mappers and key not in ("custom", "basic", "summary", "profiles") else None
        if version == 3 and key not in _SECTION_KEY:
            kind = None
        if kind is not None:
            target, mapper = mappers[kind]
            if entries := _mapped(mapper, _items(section)):
                out.setdefault(target, []).extend(entries)
            if title := _title(section, version):
                titles[target] = title
            ids[key] = target
        else:  # v3 sections the user added: random keys, type custom/work/basic
            custom_kind = s(section.get("type")) or "custom"
            customs.append(_custom(key, section, custom_kind, mappers, version))
            ids[key] = f"custom:{key}"
    if version == 4 and isinstance(sections.get("custom"), dict):
        for key, section in sections["custom"].items():
            if isinstance(section, dict):
                ident = s(section.get("id")) or s(key)
                customs.append(_custom(ident, section, "custom", mappers, version))
                ids[f"custom.{ident}"] = ids[f"custom.{key}"] = f"custom:{ident}"
    basics = object_at(data, "basics")
    summary = {5: data.get("summary"), 3: basics.get("summary")}.get(version, sections.get("summary"))
    if isinstance(summary, dict):
        title = s(summary.get("heading")) if version == 3 else _title(summary, version)
        if title and title.casefold() not in _DEFAULT_TITLES:
            titles["summary"] = title
    if version == 5:
        for section in data.get("customSections") or []:
            if isinstance(section, dict) and s(section.get("id")):
                ident = s(section.get("id"))
                kind = s(section.get("type")) or ("summary" if "content" in section else "custom")
                if "content" in section and "items" not in section:  # early v5: one rich-text block
                    section = {**section, "items": [{"id": ident, "content": section.get("content")}]}
                customs.append(_custom(ident, section, kind, mappers, version))
                ids[ident] = f"custom:{ident}"
    customs = [c for c in customs if c.get("items")]
    if customs:
        out["customSections"] = customs
    if titles:
        out["sectionTitles"] = titles
    ids["summary"] = "summary"
    present = {k for k in out if k in _SECTION_KEY.values()} | {f"custom:{c['id']}" for c in customs}
    present |= {"summary"} if out["basics"].get("summary") else set()
    order = [ids[x] for x in _layout_order(data, version) if x in ids]
    order = list(dict.fromkeys(k for k in order if k in present))
    if order:
        out["sectionOrder"] = order + [k for k in _default_order(out, customs) if k in present and k not in order]
    if locale := _locale(data, version):
        out["meta"] = {"language": locale}
    return out


def _default_order(out: dict[str, Any], customs: list[dict[str, Any]]) -> list[str]:
    from .locales import SECTION_KEYS

    return [*SECTION_KEYS, *(f"custom:{c['id']}" for c in customs)]


def _custom(
    ident: str,
    section: dict[str, Any],
    kind: str,
    mappers: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]],
    version: int,
) -> dict[str, Any]:
    """A custom section in the JSON Resume shape of its kind (`entries` for generic items)."""
    title = s(section.get("title") if version == 5 else section.get("name"))
    if kind == "cover-letter":  # v5 keeps a cover letter among custom sections: kept, not printed in a resume
        items = [
            clean({"recipient": plain(i.get("recipient")), "summary": plain(i.get("content"))}) for i in _items(section)
        ]
        return {"id": ident, "title": title, "kind": "cover-letter", "items": [i for i in items if i]}
    target, mapper = mappers.get(kind, mappers["custom"])
    return {"id": ident, "title": title, "kind": target, "items": _mapped(mapper, _items(section))}
