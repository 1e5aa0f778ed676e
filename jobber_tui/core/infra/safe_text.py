"""Text that is safe to store, print and typeset: no terminal controls, no bidi overrides, no surrogates.

Job text comes from people, files, boards, mail and models, and is printed to terminals (where
ESC ] 52 writes the clipboard and ESC [ 2 J clears the screen) and typeset into PDFs (where U+202E
turns "fdp.exe" around). Every way in cleans it (`clean_text`, `clean_line`); every way out to a
terminal shows what slipped through as a visible escape (`for_terminal`), so stored data from
older versions cannot act either.
"""

from __future__ import annotations

import re

_CONTROLS = "\x00-\x08\x0b-\x1f\x7f-\x9f"
"""C0 controls but tab and newline (CR is normalised first), DEL, and the C1 block (0x9b is a CSI)."""
_BIDI = "\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c"
"""Embeddings, overrides, isolates and direction marks: they reorder what a reader sees. Scripts
written right to left need none of them (Unicode's algorithm orders Arabic and Hebrew by itself)."""
_SURROGATES = "\ud800-\udfff"
"""Lone surrogates (JSON allows "\\ud800"): not text, and SQLite and UTF-8 refuse them."""

_SEQUENCES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, ESC [ 2 J
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"  # OSC: titles, hyperlinks, ESC ] 52 clipboard
    r"|\x1b[P^_X][^\x1b\n]*(?:\x1b\\)?"  # DCS, PM, APC, SOS strings
    r"|\x1b[ -/]*[0-~]"  # the other escapes (ESC c resets the terminal)
    r"|\x9b[0-?]*[ -/]*[@-~]|\x9d[^\x07\x9c\n]*(?:\x07|\x9c)?"
)  # their 8-bit C1 forms
"""Whole escape sequences go, not only their ESC: "]52;c;..." left behind would be noise."""
_UNSAFE = re.compile(f"[{_CONTROLS}{_BIDI}{_SURROGATES}]")
_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x85]")
_LINE_SPACE = re.compile(r"[\t\n]+")
_TERMINAL_UNSAFE = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{_BIDI}{_SURROGATES}]")


def clean_text(text: str) -> str:
    """Multi-line text: line breaks normalised to \\n, every other control and bidi override dropped."""
    return _UNSAFE.sub("", _SEQUENCES.sub("", _LINE_BREAKS.sub("\n", text)))


def clean_line(text: str) -> str:
    """One-line text (a title, an employer): like clean_text, with tabs and line breaks as spaces."""
    return _LINE_SPACE.sub(" ", clean_text(text)).strip()


def for_terminal(text: str) -> str:
    """What reaches a terminal: anything that could act on it shown as a visible \\uXXXX escape.
    Inside a JSON string the same escape means the same character, so JSON output stays valid."""
    # Every unsafe character is unprintable to Python (categories Cc, Cf, Cs), and isprintable() runs
    # several times faster than the regex: clean text, the usual case, costs little. Line breaks and
    # tabs are unprintable but safe, hence the second look line by line, then the regex.
    if text.isprintable() or text.replace("\n", " ").isprintable() or not _TERMINAL_UNSAFE.search(text):
        return text
    return _TERMINAL_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


_C1_UTF8 = re.compile(rb"\xc2[\x80-\x9f]")
_BIDI_UTF8 = re.compile(rb"\xe2(?:\x80[\x8e\x8f\xaa-\xae]|\x81[\xa6-\xa9])")
"""The UTF-8 forms of the C1 block and of the bidi controls (U+061C aside): a literal first byte lets
the regex engine skip ahead, which a character class over the decoded text cannot."""


def json_for_terminal(text: str) -> bytes:
    """JSON text (as SQLite's json functions or json.dumps write it) as UTF-8 bytes safe for a terminal.

    Valid JSON holds no raw C0 control (strings must escape them), so only DEL, the C1 block and the
    bidi controls can hide in it; they are looked for in the encoded bytes, which is as fast as Python
    gets on the 10 MB that `jobs list --json` prints for 10,000 jobs. Escaped, they keep their meaning."""
    try:
        data = text.encode()
    except UnicodeEncodeError:  # a lone surrogate: shown escaped, like any other unsafe character
        return for_terminal(text).encode()
    if text.isascii():
        if b"\x7f" not in data:
            return data
    elif not (b"\x7f" in data or b"\xd8\x9c" in data or _C1_UTF8.search(data) or _BIDI_UTF8.search(data)):
        return data
    return for_terminal(text).encode()
