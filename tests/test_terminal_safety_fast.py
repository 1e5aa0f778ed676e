"""The fast checks that keep terminal escapes off the screen (issue 18) decide exactly as the full regex.

`for_terminal` looks with str.isprintable() first, and `jobs list --json` looks for the UTF-8 forms of
the unsafe characters in its bytes; both must escape precisely what the regex escapes, on text in any
script, with every unsafe character anywhere.
"""

from __future__ import annotations

import json
import random
import sqlite3

import pytest

from jobber_tui.core.infra.safe_text import _TERMINAL_UNSAFE, for_terminal, json_for_terminal

UNSAFE = [
    "\x1b",
    "\x07",
    "\x00",
    "\x7f",
    "\x85",
    "\x9b",
    "\x9d",
    "\u202e",
    "\u202a",
    "\u2066",
    "\u2069",
    "\u200e",
    "\u200f",
    "\u061c",
    "\ud800",
    "\udfff",
]
SAFE = [
    "a",
    "Z",
    " ",
    "\n",
    "\t",
    "é",
    "ß",
    "Ü",
    "—",
    "’",
    "“",
    "\u00a0",
    "\u00ad",
    "\u200d",
    "\u200b",
    "€",
    "中",
    "日本",
    "한",
    "ع",
    "ש",
    "हि",
    "👩\u200d💻",
    "\ufe0f",
    "\U0001f600",
    "\u2028",
    "\ufeff",
]
"""Printable or not (NBSP, soft hyphen, zero-width joiner, line separator, BOM are not), but never escaped."""


def reference(text: str) -> str:
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def samples(count: int, unsafe: bool) -> list[str]:
    rng = random.Random(18)
    out = []
    for _ in range(count):
        parts = [rng.choice(SAFE) for _ in range(rng.randrange(0, 40))]
        if unsafe:
            parts.insert(rng.randrange(0, len(parts) + 1), rng.choice(UNSAFE))
        out.append("".join(parts))
    return out


@pytest.mark.parametrize("unsafe", [False, True])
def test_for_terminal_escapes_exactly_what_the_regex_escapes(unsafe: bool) -> None:
    for text in samples(3000, unsafe):
        assert for_terminal(text) == reference(text), repr(text)


@pytest.mark.parametrize("unsafe", [False, True])
def test_json_output_is_checked_byte_for_byte_like_the_text(unsafe: bool) -> None:
    for text in samples(2000, unsafe):
        if any("\ud800" <= c <= "\udfff" for c in text):
            document = json.dumps({"title": text})  # a lone surrogate cannot be UTF-8: escaped by json
        else:
            document = json.dumps({"title": text}, ensure_ascii=False)
        assert json_for_terminal(document) == reference(document).encode(), repr(text)


def test_json_built_by_sqlite_keeps_its_data_exactly_and_nothing_acts() -> None:
    conn = sqlite3.connect(":memory:")
    attack = "\x1b]52;c;cHduZWQ=\x07 \x9b2J Engineer \u202egnp.exe\x7f \u061c"
    text = conn.execute("SELECT json_group_array(json_object('title', ?))", (attack,)).fetchone()[0]
    out = json_for_terminal(text)
    assert not any(byte in out for byte in (b"\x1b", b"\x07", b"\x7f", b"\xc2\x9b", b"\xe2\x80\xae", b"\xd8\x9c"))
    assert json.loads(out) == [{"title": attack}]  # escaped, the JSON still means the same text
    clean = conn.execute("SELECT json_object('t', ?)", ("Zürich — “fine”\u00a0日本",)).fetchone()[0]
    assert json_for_terminal(clean) == clean.encode()  # nothing to escape: the bytes as SQLite made them
