"""Read-only IMAP access with the stdlib `imaplib`: EXAMINE folders, find new UIDs, fetch with BODY.PEEK.

Nothing here can change the mailbox: folders are opened with EXAMINE (read-only), and message parts
are fetched with BODY.PEEK so the server never sets \\Seen. Only the header and the start of the text
part (chosen from BODYSTRUCTURE, see imap_parts.py) travel; the full message is never downloaded.

Every command has one overall deadline (`timeout` seconds for the command and its whole answer): a
socket timeout alone resets with each byte, so a server dribbling a byte every two seconds would hold
a sync forever.
"""

from __future__ import annotations

import base64
import imaplib
import re
import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from types import TracebackType

from ..infra.errors import BadInput, OperationFailed
from ..infra.logs import get_logger, log_event
from ..infra.scrub import add_secret, hide
from .imap_deadline import DeadlineExceeded, Imap, ImapSsl
from .imap_parts import TextPart, fields, parse_response, text_part
from .settings import TrackingSettings

BODY_BYTES = 16384
"""Enough for the text part of a typical reply (and the start of its HTML twin), never attachments."""
FETCH_BATCH = 50
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_NEW_MESSAGE = re.compile(r"^\d+ \(")
_SECTION = re.compile(r"BODY\[([A-Z.]*)\](?:<\d+>)?\s*\{\d+\}\s*$", re.I)
log = get_logger("tracking.imap")


class MailboxError(OperationFailed):
    """The server could not be reached, refused the login or a folder: one line naming host and problem."""


@dataclass(frozen=True)
class RawMail:
    uid: int
    header: bytes
    text: bytes
    """The start of the text part as sent (transfer-encoded), or without a usable BODYSTRUCTURE the first
    BODY_BYTES of the raw body (MIME, maybe cut mid-part)."""
    part: TextPart | None = None
    """Which part `text` is, and its encoding; None for the raw-body fallback."""


class MailboxReader:
    """One logged-in, read-only IMAP session. Use as a context manager; `connect` opens it."""

    def __init__(self, settings: TrackingSettings, conn: imaplib.IMAP4) -> None:
        self.settings = settings
        self._conn = conn
        self.folder: str | None = None

    def __enter__(self) -> MailboxReader:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        # LOGOUT only: CLOSE would be harmless after EXAMINE, but there is nothing to gain.
        try:
            if getattr(self._conn, "broken", False):
                self._conn.shutdown()
                return
            self._conn.logout()
        except (OSError, imaplib.IMAP4.error, EOFError):
            pass

    def examine(self, folder: str) -> tuple[int, int]:
        """Open `folder` read-only; returns (UIDVALIDITY, UIDNEXT) (UIDNEXT 0 when the server omits it)."""
        try:
            status, data = self._conn.select(quote_folder(folder), readonly=True)
        except (OSError, imaplib.IMAP4.error, EOFError) as exc:
            raise self._error(f"cannot open folder {folder!r}: {_problem(exc)}") from None
        if status != "OK":
            raise self._error(f"cannot open folder {folder!r}: {_text(data)}")
        _, values = self._conn.response("UIDVALIDITY")
        try:
            uidvalidity = int(values[-1])
        except (TypeError, ValueError, IndexError):
            raise self._error(f"folder {folder!r} has no UIDVALIDITY") from None
        _, values = self._conn.response("UIDNEXT")
        uidnext = int(values[-1]) if values and values[-1] and bytes(values[-1]).isdigit() else 0
        self.folder = folder
        return uidvalidity, uidnext

    def uids_since(self, day: date, *, after_uid: int = 0) -> list[int]:
        """UIDs of messages received on or after `day` (the server's INTERNALDATE), above `after_uid`."""
        stamp = f"{day.day:02d}-{_MONTHS[day.month - 1]}-{day.year}"
        if not after_uid:
            return self._search("SINCE", stamp)
        # "N:*" always includes the highest UID even when it is below N, so filter here.
        return [uid for uid in self._search("UID", f"{after_uid + 1}:*", "SINCE", stamp) if uid > after_uid]

    def fetch(self, uids: list[int]) -> Iterator[RawMail]:
        """Header and the start of the text part of each UID, in batches, oldest first.

        First the headers and BODYSTRUCTUREs of a batch, then its text parts, one FETCH per distinct part
        number and size (usually one or two). A message whose structure cannot be read falls back to the
        first BODY_BYTES of its raw body."""
        ordered = sorted(set(uids))
        for start in range(0, len(ordered), FETCH_BATCH):
            batch = ordered[start : start + FETCH_BATCH]
            data = self._command("FETCH", ",".join(map(str, batch)), "(UID BODYSTRUCTURE BODY.PEEK[HEADER])")
            heads: dict[int, tuple[bytes, TextPart | None]] = {}
            try:
                for message in parse_response(data):
                    found = fields(message)
                    header = found.get("BODY[HEADER]")
                    try:
                        part = text_part(found.get("BODYSTRUCTURE"))
                    except (IndexError, TypeError, ValueError):
                        part = None
                    heads[int(found["UID"])] = (header if isinstance(header, bytes) else b"", part)
            except (KeyError, ValueError):
                heads = {}
            mails = self._texts(heads) if heads else {m.uid: m for m in self._raw_bodies(batch)}
            for uid in batch:
                if uid in mails:  # a message expunged meanwhile simply is not returned
                    yield mails[uid]

    def _texts(self, heads: dict[int, tuple[bytes, TextPart | None]]) -> dict[int, RawMail]:
        groups: dict[tuple[str, int], list[int]] = {}
        for uid, (_, part) in heads.items():
            if part is not None:
                groups.setdefault((part.section, part.fetch_bytes), []).append(uid)
        texts: dict[int, bytes] = {}
        for (section, size), group in groups.items():
            data = self._command("FETCH", ",".join(map(str, group)), f"(UID BODY.PEEK[{section}]<0.{size}>)")
            for message in parse_response(data):
                found = fields(message)
                body = next((v for k, v in found.items() if k.startswith(f"BODY[{section}]")), b"")
                texts[int(found["UID"])] = body if isinstance(body, bytes) else b""
        mails = {
            uid: RawMail(uid, header, texts.get(uid, b""), part)
            for uid, (header, part) in heads.items()
            if part is not None
        }
        plain = [uid for uid, (_, part) in heads.items() if part is None]  # no text part: an attachment-only mail
        for mail in self._raw_bodies(plain):
            mails[mail.uid] = RawMail(mail.uid, heads[mail.uid][0] or mail.header, mail.text)
        return mails

    def _raw_bodies(self, uids: list[int]) -> Iterator[RawMail]:
        if not uids:
            return
        spec = f"(UID BODY.PEEK[HEADER] BODY.PEEK[TEXT]<0.{BODY_BYTES}>)"
        yield from parse_fetch(self._command("FETCH", ",".join(map(str, uids)), spec))

    # -- plumbing -------------------------------------------------------------------------------
    def _search(self, *criteria: str) -> list[int]:
        data = self._command("SEARCH", None, *criteria)
        words = b" ".join(part for part in data if isinstance(part, bytes)).split()
        return sorted(int(word) for word in words if word.isdigit())

    def _command(self, name: str, *args: str | None) -> list[object]:
        try:
            # typeshed says str; imaplib skips a None argument (SEARCH's charset left out)
            status, data = self._conn.uid(name, *args)  # type: ignore[arg-type]
        except (OSError, imaplib.IMAP4.error, EOFError) as exc:
            raise self._error(f"UID {name} in {self.folder!r} failed: {_problem(exc)}") from None
        if status != "OK":
            raise self._error(f"UID {name} in {self.folder!r} failed: {_text(data)}")
        return list(data)

    def _error(self, problem: str) -> MailboxError:
        return _failure(self.settings, problem)


def connect(settings: TrackingSettings, password: str) -> MailboxReader:
    """Connect, upgrade to TLS as configured and log in. Failures raise MailboxError (never the password)."""
    add_secret(password)  # the workspace registers *_env values too; this also covers a variable set later
    try:
        context = ssl.create_default_context(cafile=settings.ca_file) if settings.tls != "none" else None
    except (OSError, ssl.SSLError) as exc:  # a missing file, or one without a PEM certificate
        raise BadInput(f"[tracking] ca_file: cannot use {settings.ca_file}: {_problem(exc)}") from None
    try:
        if settings.tls == "ssl":
            conn: imaplib.IMAP4 = _connected(ImapSsl, settings, ssl_context=context)
        else:
            conn = _connected(Imap, settings)
            if settings.tls == "starttls":
                conn.starttls(ssl_context=context)
    except imaplib.IMAP4.error as exc:
        raise _failure(settings, f"TLS upgrade refused: {_problem(exc)}") from None
    except ssl.SSLError as exc:
        raise _failure(settings, _tls_problem(settings, exc)) from None
    except DeadlineExceeded:
        raise _failure(settings, _no_greeting(settings)) from None
    except (OSError, EOFError) as exc:
        raise _failure(settings, f"cannot connect: {_problem(exc)}") from None
    try:
        _login(conn, settings.username, password)
    except (imaplib.IMAP4.error, OSError, EOFError) as exc:
        try:
            conn.shutdown()
        except OSError:
            pass
        problem = hide(_problem(exc), password)
        raise _failure(settings, f"login failed for {settings.username}: {problem}") from None
    log_event(log, 20, "imap connected", host=settings.host, port=settings.port, tls=settings.tls)
    return MailboxReader(settings, conn)


def _connected(kind: type[imaplib.IMAP4], settings: TrackingSettings, **extra: object) -> imaplib.IMAP4:
    kind.command_timeout = settings.timeout  # type: ignore[attr-defined]  # _DeadlineMixin's, on both classes
    return kind(settings.host, settings.port, timeout=settings.timeout, **extra)


def _login(conn: imaplib.IMAP4, username: str, password: str) -> None:
    """LOGIN for ASCII credentials, as every server takes it. imaplib sends LOGIN's arguments as ASCII, so a
    password with "ü" or "€" goes as SASL PLAIN (UTF-8 by definition) when offered, else as a UTF-8 literal."""
    if (username + password).isascii():
        conn.login(username, password)
        return
    if "AUTH=PLAIN" in conn.capabilities:
        secret = f"\0{username}\0{password}".encode()
        conn.authenticate("PLAIN", lambda _challenge: secret)
        return
    if not username.isascii():
        raise imaplib.IMAP4.error("the server offers no AUTH=PLAIN, which a non-ASCII user name needs")
    conn.literal = password.encode()  # type: ignore[assignment]  # typeshed says str; imaplib sends bytes as they are
    status, data = conn._simple_command("LOGIN", conn._quote(username))
    if status != "OK":
        raise imaplib.IMAP4.error(_text(data))
    conn.state = "AUTH"


def _tls_problem(settings: TrackingSettings, exc: ssl.SSLError) -> str:
    """An implicit-TLS connection to a port that speaks plain IMAP fails in the TLS layer: say so plainly."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted ({exc.verify_message})"
    reason = f"{exc.reason or ''} {exc}".lower()
    if any(
        word in reason
        for word in (
            "wrong_version_number",
            "wrong version number",
            "record layer failure",
            "record_layer_failure",
            "unknown_protocol",
            "packet_length_too_long",
            "http_request",
            "unexpected eof",
        )
    ):
        return (
            f'port {settings.port} answered in plain text, not TLS: with tls = "ssl" use the server\'s TLS '
            f'port (usually 993), or keep port {settings.port} with tls = "starttls"'
        )
    return f"TLS failed ({exc.reason or exc})"


def _no_greeting(settings: TrackingSettings) -> str:
    if settings.tls != "ssl":
        return (
            f"no IMAP greeting within {settings.timeout:g} s: port {settings.port} may expect TLS from the "
            f'first byte (usually port 993): use tls = "ssl" there, or the server\'s plain/STARTTLS port (143)'
        )
    return f"no IMAP greeting within {settings.timeout:g} s"


def parse_fetch(data: list[object]) -> Iterator[RawMail]:
    """Split imaplib's FETCH answer (tuples of (prefix, literal) and closing bytes) into messages.

    Servers order the items freely (the UID may come after the literals), so every non-literal piece
    of a message is collected and the UID looked up at the end."""
    meta: list[str] = []
    parts: dict[str, bytes] = {}

    def finish() -> Iterator[RawMail]:
        found = re.search(r"\bUID (\d+)", " ".join(meta))
        if meta and found:
            yield RawMail(int(found.group(1)), parts.get("HEADER", b""), parts.get("TEXT", b""))

    for item in data:
        prefix = item[0] if isinstance(item, tuple) else item
        if not isinstance(prefix, bytes):
            continue
        text = prefix.decode("latin-1")
        if _NEW_MESSAGE.match(text):
            yield from finish()
            meta, parts = [], {}
        meta.append(text)
        if isinstance(item, tuple) and isinstance(item[1], bytes):
            section = _SECTION.search(text)
            if section:
                parts[section.group(1).upper()] = item[1]
    yield from finish()


def quote_folder(name: str) -> str:
    """A folder name as an IMAP quoted string in modified UTF-7 (RFC 3501 5.1.3): "Bewerbungen/Rückmeldung"."""
    encoded: list[str] = []
    pending: list[str] = []

    def flush() -> None:
        if pending:
            raw = base64.b64encode("".join(pending).encode("utf-16-be")).decode().rstrip("=")
            encoded.append("&" + raw.replace("/", ",") + "-")
            pending.clear()

    for char in name:
        if 0x20 <= ord(char) <= 0x7E:
            flush()
            encoded.append("&-" if char == "&" else char)
        else:
            pending.append(char)
    flush()
    text = "".join(encoded)
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _failure(settings: TrackingSettings, problem: str) -> MailboxError:
    return MailboxError(f"IMAP {settings.host}:{settings.port}: {problem}")


def _problem(exc: BaseException) -> str:
    if isinstance(exc, DeadlineExceeded):
        return str(exc)
    if isinstance(exc, socket.gaierror):
        return "host name not found"
    if isinstance(exc, TimeoutError):
        return "timed out"
    if isinstance(exc, ConnectionRefusedError):
        return "connection refused"
    if isinstance(exc, ssl.SSLCertVerificationError):
        return f"TLS certificate not trusted ({exc.verify_message})"
    if isinstance(exc, ssl.SSLError):
        return f"TLS failed ({exc.reason or exc})"
    if isinstance(exc, EOFError):
        return "the server closed the connection"
    if isinstance(exc, imaplib.IMAP4.error):
        return _text(exc.args) or type(exc).__name__
    return f"{type(exc).__name__}: {exc}".rstrip(": ")


def _text(data: object) -> str:
    """Server reply text for a message: bytes decoded, the b'...' repr imaplib sometimes gives unwrapped."""
    items = data if isinstance(data, list | tuple) else [data]
    words = []
    for item in items:
        if isinstance(item, bytes):
            words.append(item.decode("utf-8", "replace"))
        elif item is not None:
            text = str(item)
            words.append(text[2:-1] if re.fullmatch(r"b'.*'", text) else text)
    return " ".join(words).strip()[:200]
