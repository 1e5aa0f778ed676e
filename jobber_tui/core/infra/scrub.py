"""One scrubber: what must never leave Jobber in a log line, an error, a webhook, a prompt or a snippet.

Two kinds of thing are hidden. Secrets (API keys, passwords, tokens in URLs, bearer tokens) become
`[REDACTED]` wherever text is stored, logged, shown or sent. Personal details (e-mail addresses,
links, phone numbers, the user's name) become `[email]`, `[link]`, `[phone]`, `[name]` in what goes
to a model, and in the one-line mail snippets the store keeps.

Standard library only: the log's first import path (log_base) uses it before `logging` is loaded.
"""

from __future__ import annotations

import re
from _thread import allocate_lock  # threading's Lock, without importing threading

REDACTED = "[REDACTED]"

_SENSITIVE_KEY = re.compile(
    r"authori[sz]ation|cookie|passw(?:or)?d|secret|token|api[-_ ]?key|credential|private[-_ ]?key", re.IGNORECASE
)
# LLM usage fields (max_tokens, prompt_tokens, token_count) are numbers, not credentials.
_COUNT_KEY = re.compile(r"(?i)tokens\b|tokens?[-_ ]?(?:count|usage|used|limit)")
# Bearer tokens are scrubbed even when nobody registered them as secrets.
_BEARER = re.compile(r"(?i)\b(bearer\s+)[A-Za-z0-9._~+/=-]{8,}")

EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(r"\b(?:https?://|www\.)\S+", re.I)
PHONE = re.compile(r"(?<!\w)\+?\d[\d ()./-]{7,}\d(?!\w)")
"""A run of digits with the usual separators; only runs with 8 digits or more count as phone numbers."""
LONG_NUMBER = re.compile(r"\d[\d\s-]{5,}\d|\d{6,}")
"""Six digits or more: phone numbers, but also reference and account numbers and one-time codes."""

_lock = allocate_lock()
_secrets: set[str] = set()
_secret_re: re.Pattern[str] | None = None


# -- secrets --------------------------------------------------------------------------------------
def add_secret(value: str) -> None:
    """Register a secret value so it is scrubbed from every string `scrub_secrets` sees from now on."""
    global _secret_re
    if not isinstance(value, str) or len(value.strip()) < 4:
        return  # too short to scrub without mangling ordinary text
    with _lock:
        _secrets.add(value.strip())
        # Longest first, so a secret containing another leaves no partial leftovers.
        ordered = sorted(_secrets, key=len, reverse=True)
        _secret_re = re.compile("|".join(re.escape(s) for s in ordered))


def scrub_secrets(text: str) -> str:
    """Registered secrets and bearer tokens replaced: for anything stored, logged, shown or sent."""
    pattern = _secret_re
    if pattern is not None:
        text = pattern.sub(REDACTED, text)
    return _BEARER.sub(r"\1" + REDACTED, text)


def hide(text: str, *values: str | None) -> str:
    """`text` with each of `values` (a key the server echoes back, a password in an IMAP error) redacted."""
    for value in sorted((v for v in values if v), key=len, reverse=True):
        text = text.replace(value, REDACTED)
    return text


def sensitive_key(name: str) -> bool:
    """Whether a field or setting of this name holds a credential (`api_key`, `Authorization`, ...);
    token counts (`max_tokens`, `prompt_tokens`) do not."""
    return bool(_SENSITIVE_KEY.search(_COUNT_KEY.sub("", name)))


def url_secrets(url: str) -> list[str]:
    """Credentials inside a URL (`user:pass@`, `?api-key=...`): a base_url can carry them, and an
    error naming the URL must not show them."""
    from urllib.parse import parse_qsl, urlsplit

    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return []
    found = []
    if password:
        found += [f"{parts.username}:{password}", password]
    found += [value for _, value in parse_qsl(parts.query) if len(value) >= 8]
    return found


# -- personal details -----------------------------------------------------------------------------
def hide_emails(text: str) -> str:
    return EMAIL.sub("[email]", text)


def hide_links(text: str) -> str:
    return LINK.sub("[link]", text)


def hide_phones(text: str) -> str:
    return PHONE.sub(lambda m: "[phone]" if sum(c.isdigit() for c in m.group()) >= 8 else m.group(), text)


def hide_long_numbers(text: str) -> str:
    return LONG_NUMBER.sub("[number]", text)


def hide_name(text: str, name: str | None) -> str:
    """The user's name, and each part of it longer than two letters, as `[name]`."""
    if name:
        for part in sorted({name, *name.split()}, key=len, reverse=True):
            if len(part) > 2:
                text = re.sub(rf"\b{re.escape(part)}\b", "[name]", text)
    return text


def scrub_personal(text: object, *, name: str | None = None) -> str:
    """What a prompt may carry of free text: no e-mail address, link, phone number or the user's name."""
    return hide_name(hide_phones(hide_links(hide_emails(str(text or "")))), name)
