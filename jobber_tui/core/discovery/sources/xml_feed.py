"""Reading the XML feeds of Personio and Teamtailor without the dangers of XML.

A feed with a DOCTYPE is refused before parsing: without one there are no entities to expand (no
"billion laughs", no external entities), and no real job feed declares one. Elements are read by
their local name, so a namespace prefix (`tt:location`) or its absence makes no difference.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator

from ...infra.http import SourceError

_DOCTYPE = re.compile(rb"<!DOCTYPE|<!ENTITY", re.I)


def parse_feed(body: bytes, label: str) -> ET.Element:
    """The root element of a feed; anything that is not plain, well-formed XML is one SourceError."""
    if _DOCTYPE.search(body[:200_000]):
        raise SourceError(f"{label}: the feed declares a DOCTYPE or entities; refused (job feeds have none)")
    try:
        return ET.fromstring(body)
    except ET.ParseError as exc:
        raise SourceError(f"{label}: malformed XML ({exc})") from None


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def children(node: ET.Element, name: str) -> Iterator[ET.Element]:
    return (child for child in node if local(child.tag) == name)


def child(node: ET.Element | None, name: str) -> ET.Element | None:
    return next(children(node, name), None) if node is not None else None


def text_of(node: ET.Element | None, name: str) -> str | None:
    """The text (CDATA included) of the first child called `name`, or None."""
    found = child(node, name)
    return found.text if found is not None and found.text and found.text.strip() else None
