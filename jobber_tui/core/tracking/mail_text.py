"""Turn a fetched header and body start into the few facts tracking uses: who, what, when, which thread,
and the readable text. Non-ASCII headers (RFC 2047) are decoded with `email.header`."""

from __future__ import annotations

import base64
import email
import hashlib
import quopri
import re
from dataclasses import dataclass, field
from datetime import UTC
from email.errors import HeaderParseError
from email.header import decode_header, make_header
from email.message import Message
from email.utils import getaddresses, parsedate_to_datetime

from ..infra.html_text import html_to_text, strip_controls
from ..infra.scrub import hide_emails, hide_links, hide_long_numbers
from .imap_parts import TextPart

SNIPPET_CHARS = 160
TEXT_CHARS = 8000
"""Characters of body text kept in memory for the rules and the model; the start carries the news."""
_MESSAGE_ID = re.compile(r"<[^<>\s]+>")
_QUOTED = frozenset({"blockquote"})
_QUOTE_INTRO = re.compile(
    r"^\s*(On .{5,200} wrote:|Am .{5,200} schrieb .{1,100}:|-{2,}\s*Original Message\s*-{2,})\s*$", re.I | re.M
)


@dataclass(frozen=True)
class MailMessage:
    """One message as tracking sees it. `text` lives only in memory; only `snippet` is ever stored."""

    key: str
    """Hash of the Message-ID (see `message_key`)."""
    sender_name: str
    sender_address: str
    subject: str
    sent_at: str | None
    """UTC ISO timestamp from the Date header."""
    text: str
    """Readable body text, quoted history removed, at most TEXT_CHARS."""
    thread_keys: tuple[str, ...] = ()
    """Keys of the messages named by In-Reply-To and References, most recent first."""
    headers: dict[str, str] = field(default_factory=dict)
    """Lower-cased names of the few headers the newsletter rules read (list-id, precedence, ...)."""

    @property
    def sender_domain(self) -> str:
        return self.sender_address.rpartition("@")[2].lower()

    @property
    def sender(self) -> str:
        return f"{self.sender_name} <{self.sender_address}>" if self.sender_name else self.sender_address

    @property
    def snippet(self) -> str:
        return snippet(self.text)


def message_key(message_id: str) -> str:
    """32 hex chars of SHA-256: a stable dedupe key that does not store who wrote to the user."""
    return hashlib.sha256(message_id.strip().lower().encode()).hexdigest()[:32]


def parse_mail(header: bytes, body: bytes, *, fallback_id: str, part: TextPart | None = None) -> MailMessage:
    """`fallback_id` (folder, UIDVALIDITY and UID) stands in for a missing Message-ID. With `part`, `body` is
    that text part alone (as fetched by BODYSTRUCTURE), else the raw MIME body."""
    if header and not header.endswith((b"\r\n\r\n", b"\n\n")):
        header = header.rstrip(b"\r\n") + b"\r\n\r\n"  # the blank line that ends the header section
    msg = email.message_from_bytes(header + (b"" if part is not None else body))
    text = part_text(body, part) if part is not None else body_text(msg)
    message_id = _first_id(decode(msg.get("Message-ID"))) or fallback_id
    thread = [*_ids(decode(msg.get("In-Reply-To"))), *reversed(_ids(decode(msg.get("References"))))]
    name, address = _sender(msg)
    return MailMessage(
        key=message_key(message_id),
        sender_name=name,
        sender_address=address,
        subject=" ".join(decode(msg.get("Subject")).split()),
        sent_at=_date(msg.get("Date")),
        text=text[:TEXT_CHARS],
        thread_keys=tuple(dict.fromkeys(message_key(i) for i in thread)),
        headers={
            k: decode(msg.get(k))
            for k in ("List-Id", "List-Unsubscribe", "Precedence", "Auto-Submitted", "X-Autoreply", "Reply-To")
        },
    )


def decode(value: object) -> str:
    """An RFC 2047 header ("=?utf-8?q?R=C3=BCckmeldung?=") as text; undecodable bytes are replaced,
    control characters dropped (mail is untrusted and its headers are printed)."""
    if value is None:
        return ""
    try:
        text = str(make_header(decode_header(str(value))))
    except (LookupError, UnicodeError, ValueError, HeaderParseError):
        text = str(value)
    return strip_controls(text)


def body_text(msg: Message) -> str:
    """The text/plain part (else the HTML one, tags removed), with quoted earlier mails cut off."""
    plain = html_part = None
    for part in msg.walk() if msg.is_multipart() else [msg]:
        kind = part.get_content_type()
        if part.get_content_maintype() == "multipart" or part.get_filename():
            continue
        if kind == "text/plain" and plain is None:
            plain = _payload(part)
        elif kind == "text/html" and html_part is None:
            html_part = _payload(part)
    text = plain if plain and plain.strip() else mail_html_text(html_part or "")
    return _drop_quoted(strip_controls(text))


def part_text(raw: bytes, part: TextPart) -> str:
    """One fetched text part as readable text: transfer encoding undone (also when the fetch cut it short),
    decoded by its charset, HTML turned to text, quoted history dropped. The cap comes after, on the text."""
    encoding = part.encoding.lower()
    if encoding == "base64":
        compact = re.sub(rb"[^A-Za-z0-9+/]", b"", raw)
        data = base64.b64decode(compact[: len(compact) // 4 * 4] or b"")
    elif encoding == "quoted-printable":
        data = quopri.decodestring(raw)
    else:
        data = raw
    try:
        text = data.decode(part.charset or "utf-8", "replace")
    except LookupError:
        text = data.decode("utf-8", "replace")
    if part.subtype == "html":
        text = mail_html_text(text)
    return _drop_quoted(strip_controls(text))


def mail_html_text(markup: str) -> str:
    """An HTML mail as plain text, through the one HTML-to-text converter (lists, tables, entities, `<br>`;
    styles, scripts and the head dropped, wholly even when cut). Quoted history in a `<blockquote>` (Gmail,
    Apple Mail, Thunderbird) is left out whatever language its intro line is in, unless it is all there is."""
    return html_to_text(markup, drop=_QUOTED, plain=True) or html_to_text(markup, plain=True)


def snippet(text: str, limit: int = SNIPPET_CHARS) -> str:
    """A one-line preview: links, e-mail addresses and long numbers (phones, ids, codes) removed."""
    line = " ".join(hide_long_numbers(hide_emails(hide_links(text))).split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def _payload(part: Message) -> str:
    try:
        raw = part.get_payload(decode=True)
    except (ValueError, TypeError):  # a part cut mid-way by the partial fetch
        raw = None
    if not isinstance(raw, bytes):
        text = part.get_payload()
        return text if isinstance(text, str) else ""
    charset = part.get_content_charset() or "utf-8"
    try:
        return raw.decode(charset, "replace")
    except LookupError:
        return raw.decode("utf-8", "replace")


def _drop_quoted(text: str) -> str:
    cut = _QUOTE_INTRO.search(text)
    if cut:
        text = text[: cut.start()]
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith(">")).strip()


def _sender(msg: Message) -> tuple[str, str]:
    raw = msg.get("From")
    if raw is None:
        return "", ""
    # Decode after splitting: a display name may hold an encoded comma or "<".
    pairs = getaddresses([str(raw)])
    if not pairs:
        return "", ""
    name, address = pairs[0]
    return " ".join(decode(name).split()).strip('"'), address.strip().lower()


def _ids(value: str) -> list[str]:
    return _MESSAGE_ID.findall(value or "")


def _first_id(value: str) -> str | None:
    found = _ids(value)
    return found[0] if found else (value.strip() or None)


def _date(value: object) -> str | None:
    if not value:
        return None
    try:
        moment = parsedate_to_datetime(str(value))
    except (TypeError, ValueError, IndexError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")
