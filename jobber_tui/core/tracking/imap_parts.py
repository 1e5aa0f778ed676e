"""Which part of a message holds its text, read from the server's BODYSTRUCTURE (RFC 3501 7.4.2).

Fetching "the first 16 KB of the body" fails on real mail: an HTML-only newsletter-styled reply carries
40-100 KB of <style> before its first word, and a multipart one may put an attachment first. So the
structure is read first and only the text part is fetched: text/plain when there is one, else
text/html (cleaned of style and script before any size cap), never attachments.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

PLAIN_BYTES = 16384
"""A plain-text reply says what it is in its first lines."""
HTML_BYTES = 262144
"""HTML parts are fetched further: their style sheets come before the text and are dropped afterwards."""
_TOKEN = re.compile(rb'\s*(?:(\()|(\))|"((?:[^"\\]|\\.)*)"|\{(\d+)\}|([^\s()"{]+))', re.S)


@dataclass(frozen=True)
class TextPart:
    """Where a message's text is and how it is encoded."""

    section: str
    """The IMAP part number ("1", "1.2"), fetched as BODY.PEEK[section]."""
    subtype: str
    """plain or html."""
    charset: str
    encoding: str
    """The Content-Transfer-Encoding: 7bit, 8bit, quoted-printable, base64."""
    size: int

    @property
    def fetch_bytes(self) -> int:
        limit = PLAIN_BYTES if self.subtype == "plain" else HTML_BYTES
        return min(limit, self.size) if self.size > 0 else limit


def parse_response(data: list[object]) -> list[list[Any]]:
    """imaplib's FETCH answer as one parsed list per message: atoms as str, strings and literals as bytes."""
    text = b""
    literals: list[bytes] = []
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[0], bytes):
            text += item[0]
            literals.append(item[1] if isinstance(item[1], bytes) else b"")
        elif isinstance(item, bytes):
            text += item + b"\n"
    messages = []
    pos = 0
    while True:
        found = re.compile(rb"\s*\d+ \(").match(text, pos)
        if not found:
            break
        parsed, pos = _parse_list(text, found.end(), literals)
        messages.append(parsed)
    return messages


def _parse_list(text: bytes, pos: int, literals: list[bytes]) -> tuple[list[Any], int]:
    items: list[Any] = []
    while pos < len(text):
        token = _TOKEN.match(text, pos)
        if token is None:
            raise ValueError("malformed FETCH response")
        pos = token.end()
        opened, closed, quoted, literal, atom = token.groups()
        if opened:
            inner, pos = _parse_list(text, pos, literals)
            items.append(inner)
        elif closed:
            return items, pos
        elif quoted is not None:
            items.append(re.sub(rb"\\(.)", rb"\1", quoted))
        elif literal is not None:
            items.append(literals.pop(0) if literals else b"")
        else:
            items.append(atom.decode("latin-1"))
    return items, pos


def fields(message: list[Any]) -> dict[str, Any]:
    """The name/value pairs of one message's FETCH data ({"UID": "101", "BODYSTRUCTURE": [...], ...})."""
    return {
        str(message[i]).upper(): message[i + 1] for i in range(0, len(message) - 1, 2) if isinstance(message[i], str)
    }


def text_part(structure: Any) -> TextPart | None:
    """The part to read: the first text/plain that is not an attachment, else the first such text/html."""
    parts = list(_leaves(structure, ""))
    for wanted in ("plain", "html"):
        for section, leaf in parts:
            if _kind(leaf) == ("text", wanted) and not _attachment(leaf):
                return TextPart(section or "1", wanted, _charset(leaf), _str(leaf[5]).lower() or "7bit", _int(leaf[6]))
    return None


def _leaves(node: Any, prefix: str) -> Any:
    if not isinstance(node, list) or not node:
        return
    if isinstance(node[0], list):  # multipart: the parts, then the subtype and extension data
        children = []
        for item in node:
            if not isinstance(item, list):
                break
            children.append(item)
        for index, child in enumerate(children):
            yield from _leaves(child, f"{prefix}.{index + 1}" if prefix else str(index + 1))
        return
    if _kind(node)[0] == "message" and len(node) > 8 and isinstance(node[8], list):
        return  # a forwarded message/rfc822 holds someone else's text
    yield prefix, node


def _kind(leaf: list[Any]) -> tuple[str, str]:
    return _str(leaf[0]).lower(), _str(leaf[1]).lower() if len(leaf) > 1 else ""


def _attachment(leaf: list[Any]) -> bool:
    params = leaf[2] if len(leaf) > 2 and isinstance(leaf[2], list) else []
    if any(_str(k).lower() == "name" for k in params[::2]):
        return True
    # Extension data of a non-multipart text part: md5, then the disposition ("attachment" (...)).
    for item in leaf[7:]:
        if isinstance(item, list) and item and _str(item[0]).lower() == "attachment":
            return True
    return False


def _charset(leaf: list[Any]) -> str:
    params = leaf[2] if len(leaf) > 2 and isinstance(leaf[2], list) else []
    for key, value in zip(params[::2], params[1::2], strict=False):
        if _str(key).lower() == "charset":
            return _str(value) or "utf-8"
    return "utf-8"


def _str(value: Any) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return "" if value is None or value == "NIL" else str(value)


def _int(value: Any) -> int:
    try:
        return int(_str(value))
    except ValueError:
        return 0
