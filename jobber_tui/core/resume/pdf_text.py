"""The text of a PDF as an applicant tracking system reads it: lines in reading order, per page.

Why not `page.extract_text()`: pypdf ignores the two things Typst relies on to keep text exact.
Typst writes a shaped cluster whose glyphs do not map one-to-one to characters (Thai vowels,
Devanagari conjuncts) inside `/Span <</ActualText (...)>> BDC`, and marks right-to-left runs
`/ReversedChars`; read without them, Thai and Hindi come out as control characters and every
Arabic or Hebrew line backwards. This reader walks the content stream with pypdf's parser,
honours both, places every run on the page, groups runs into lines, orders a line's runs the way
the Unicode bidi algorithm reads them back, and reports glyphs drawn from a font's `.notdef`
(the "empty box" a missing glyph becomes). Pure Python; pypdf is the only dependency.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from io import BytesIO
from typing import TYPE_CHECKING, Any

from .pdf_bidi import LTR, RTL, reading_order

if TYPE_CHECKING:  # pypdf is imported when a PDF is read: it costs a CLI command 0.2 s to load
    from pypdf import PdfReader
    from pypdf.generic import DictionaryObject


@dataclass
class Run:
    """Text drawn in one go at one place (a word, or a shaped cluster)."""

    units: list[str]
    """The text of each glyph (or ActualText span) in the order drawn, left to right."""
    x0: float
    x1: float
    y: float
    size: float
    order: int = 0
    """Position in the content stream, to break ties between runs at the same place."""

    @property
    def text(self) -> str:
        return "".join(self.units)


@dataclass
class PageText:
    width: float
    height: float
    lines: list[str] = field(default_factory=list)
    bottom: float = 0.0
    """How far down the page its text reaches (0 = top, 1 = bottom)."""


@dataclass
class PdfText:
    pages: list[PageText]
    missing_glyphs: int = 0
    """Glyphs drawn as the font's `.notdef` box: characters no font could draw."""
    missing_chars: str = ""
    """What those boxes stood for, where the PDF says (via ActualText)."""

    @property
    def text(self) -> str:
        return "\n".join("\n".join(p.lines) for p in self.pages)


class _Font:
    """What is needed to turn a font's codes into text and advances."""

    def __init__(self, font: DictionaryObject) -> None:
        from pypdf.generic import ArrayObject, DictionaryObject, StreamObject  # loaded: a PDF is being read

        self.two_byte = font.get("/Subtype") == "/Type0"
        cmap = font["/ToUnicode"] if "/ToUnicode" in font else None
        self.to_unicode = _parse_cmap(cmap.get_data()) if isinstance(cmap, StreamObject) else {}
        self.widths: dict[int, float] = {}
        self.default_width = 1000.0 if self.two_byte else 500.0
        if self.two_byte:
            descendants = font["/DescendantFonts"] if "/DescendantFonts" in font else None
            descendant = descendants[0].get_object() if isinstance(descendants, ArrayObject) and descendants else None
            if isinstance(descendant, DictionaryObject):  # else (a damaged font) the default widths
                self.default_width = float(descendant.get("/DW", 1000))
                _cid_widths(descendant.get("/W"), self.widths)
        else:
            first = int(font.get("/FirstChar", 0))
            for i, w in enumerate(font.get("/Widths") or []):
                self.widths[first + i] = float(w)

    def codes(self, raw: bytes) -> list[int]:
        if self.two_byte:
            return [int.from_bytes(raw[i : i + 2], "big") for i in range(0, len(raw) - 1, 2)]
        return list(raw)

    def decode(self, code: int) -> str:
        if code in self.to_unicode:
            return self.to_unicode[code]
        return "" if self.two_byte else chr(code)

    def width(self, code: int) -> float:
        return self.widths.get(code, self.default_width)


def _parse_cmap(data: bytes) -> dict[int, str]:
    """bfchar and bfrange entries of a ToUnicode CMap."""
    text = data.decode("latin-1")
    out: dict[int, str] = {}

    def utf16(hexstr: str) -> str:
        return bytes.fromhex(hexstr).decode("utf-16-be", errors="replace")

    for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            out[int(src, 16)] = utf16(dst)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
        for lo, hi, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo_i, hi_i = int(lo, 16), int(hi, 16)
            if rest.startswith("["):
                for i, dst in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    out[lo_i + i] = utf16(dst)
            else:
                base = bytes.fromhex(rest[1:-1])
                for i in range(hi_i - lo_i + 1):
                    value = int.from_bytes(base, "big") + i
                    out[lo_i + i] = value.to_bytes(len(base), "big").decode("utf-16-be", errors="replace")
    return out


def _cid_widths(array: Any, into: dict[int, float]) -> None:
    items = list(array or [])
    i = 0
    while i < len(items):
        first = int(items[i])
        nxt = items[i + 1]
        if isinstance(nxt, list):
            for n, w in enumerate(nxt):
                into[first + n] = float(w)
            i += 2
        else:
            for cid in range(first, int(nxt) + 1):
                into[cid] = float(items[i + 2])
            i += 3


def _mul(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


class _PageReader:
    def __init__(self, page: Any, reader: PdfReader) -> None:
        self.page = page
        self.reader = reader
        resources = page.get("/Resources") or {}
        fonts = resources.get("/Font") or {}
        self.fonts = {name: _Font(f.get_object()) for name, f in fonts.items()}
        self.runs: list[Run] = []
        self.missing = 0
        self.missing_chars: list[str] = []

    def read(self) -> list[Run]:
        ctm = [1.0, 0, 0, 1.0, 0, 0]
        stack: list[list[float]] = []
        tm = lm = [1.0, 0, 0, 1.0, 0, 0]
        font: _Font | None = None
        size = leading = 0.0
        marked: list[tuple[str, str | None]] = []  # ("actual", text) or ("other", None)
        actual_pending: list[tuple[int, Run | None]] = []
        from pypdf.generic import ContentStream

        contents = self.page.get_contents()
        if contents is None:
            return []
        for operands, op in ContentStream(contents, self.reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop() if stack else ctm
            elif op == b"cm":
                ctm = _mul([float(v) for v in operands], ctm)
            elif op == b"BT":
                tm = lm = [1.0, 0, 0, 1.0, 0, 0]
            elif op == b"Tm":
                tm = lm = [float(v) for v in operands]
            elif op in (b"Td", b"TD"):
                tx, ty = float(operands[0]), float(operands[1])
                if op == b"TD":
                    leading = -ty
                tm = lm = _mul([1, 0, 0, 1, tx, ty], lm)
            elif op == b"T*":
                tm = lm = _mul([1, 0, 0, 1, 0, -leading], lm)
            elif op == b"TL":
                leading = float(operands[0])
            elif op == b"Tf":
                font, size = self.fonts.get(operands[0]), float(operands[1])
            elif op in (b"BDC", b"BMC"):
                tag = str(operands[0])
                props = operands[1] if len(operands) > 1 and isinstance(operands[1], dict) else {}
                if "/ActualText" in props:
                    marked.append(("actual", str(props["/ActualText"])))
                    actual_pending.append((len(self.runs), None))
                else:  # /ReversedChars too: glyphs stay in drawing order; the bidi pass reads them back
                    marked.append(("other", None))
                del tag
            elif op == b"EMC" and marked:
                kind, text = marked.pop()
                if kind == "actual":
                    start, _ = actual_pending.pop()
                    self._replace_with_actual(start, text or "")
            elif op in (b"Tj", b"TJ", b"'", b'"') and font is not None:
                parts = operands[0] if op == b"TJ" else [operands[-1]]
                tm = self._show(parts, font, size, tm, ctm)
        return self.runs

    def _show(self, parts: list[Any], font: _Font, size: float, tm: list[float], ctm: list[float]) -> list[float]:
        start = _mul(tm, ctm)
        units: list[str] = []
        advance = 0.0
        for part in parts:
            if isinstance(part, (int, float)) or hasattr(part, "as_numeric"):
                advance -= float(part) / 1000 * size
                continue
            raw = part.original_bytes if hasattr(part, "original_bytes") else bytes(part)
            for code in font.codes(raw):
                if code == 0 and font.two_byte:
                    self.missing += 1
                text, width = font.decode(code), font.width(code)
                # A zero-width mark mapped to its whole cluster again ("مّ" for the shadda of "مّ"):
                # drawn over the glyph before it, so read once (see _overlapping_repeat).
                if not (width == 0 and len(text) > 1 and units and units[-1].endswith(text)):
                    units.append(text)
                advance += width / 1000 * size
        moved = _mul([1, 0, 0, 1, advance, 0], tm)
        end = _mul(moved, ctm)
        scale = abs(start[3]) or 1.0
        x0, x1 = sorted((start[4], end[4]))
        run = Run(units, x0, x1, start[5], size * scale, order=len(self.runs))
        previous = self.runs[-1] if self.runs else None
        if previous is None or not _overlapping_repeat(previous, run):
            self.runs.append(run)
        return moved

    def _replace_with_actual(self, start: int, actual: str) -> None:
        """Runs drawn inside an ActualText span are read as that text, as one unit."""
        inside = self.runs[start:]
        if not inside:
            return
        if self.missing and any("\x00" in r.text or "" in r.units for r in inside):
            self.missing_chars.append(actual)
        first = inside[0]
        first.units = [actual]
        first.x0, first.x1 = min(r.x0 for r in inside), max(r.x1 for r in inside)
        del self.runs[start + 1 :]
        if start > 0 and _overlapping_repeat(self.runs[start - 1], first):
            del self.runs[start]


def _line_text(runs: list[Run], rtl: bool | None) -> str:
    """One line's runs in reading order, with spaces where the gaps are word gaps."""
    runs = sorted(runs, key=lambda r: (r.x0, r.order))
    units: list[str] = []
    previous: Run | None = None
    for run in runs:
        if previous is not None and units and not units[-1].endswith(" ") and not run.text.startswith(" "):
            gap = run.x0 - previous.x1
            right_to_left = bool(RTL.search(run.text) or RTL.search(previous.text))
            # Typst draws spaces as glyphs except between right-to-left words; other gaps are layout
            # (a column, a separator), or CJK-Latin spacing (1/4 em) that is no space in the text.
            if gap > (0.15 if right_to_left else 0.3) * max(run.size, previous.size, 1):
                units.append(" ")
        units += run.units
        previous = run
    if rtl is None:
        rtl = sum(len(RTL.findall(u)) for u in units) > sum(len(LTR.findall(u)) for u in units)
    if rtl or any(RTL.search(u) for u in units):
        units = reading_order(units, rtl)
    return "".join(units)


def _overlapping_repeat(previous: Run, run: Run) -> bool:
    """A zero-width glyph drawn over the end of the run before it, repeating that run's text.

    Typst maps both glyphs of some Thai clusters (ช + ี) to the whole cluster and draws the mark as
    its own zero-width run; read naively that doubles "ชี". Readers built on PDFBox (Apache Tika,
    which many tracking systems use) drop text drawn again over itself
    (`suppressDuplicateOverlappingText`), and so does this one.
    """
    tolerance = 0.3 * max(run.size, 1)
    return (
        run.x1 - run.x0 < 0.05 * max(run.size, 1)
        and bool(run.text)
        and previous.text.endswith(run.text)
        and abs(previous.y - run.y) < tolerance
        and previous.x0 - tolerance <= run.x0 <= previous.x1 + tolerance
    )


def _without_drawn_twice(row: list[Run]) -> list[Run]:
    """Drop narrow runs that repeat a cluster another run on the line draws at the same spot
    (a mark Typst emits apart from its base, e.g. Arabic shadda, Devanagari reph, Thai vowels)."""

    def repeated(run: Run) -> bool:
        if run.x1 - run.x0 >= 0.25 * max(run.size, 1) or len(run.text) < 2:
            return False
        tolerance = 0.3 * max(run.size, 1)
        return any(
            other is not run
            and run.text in other.units
            and other.x1 - other.x0 > 0
            and other.x0 - tolerance <= run.x0 <= other.x1 + tolerance
            for other in row
        )

    return [r for r in row if not repeated(r)]


def _lines(runs: list[Run], height: float, rtl: bool | None) -> tuple[list[str], float]:
    # Runs whose baselines are within half a font size of the line's are on it: cells of a row
    # set in different fonts (Latin dates beside Arabic titles) and raised marks sit a little off.
    rows: list[list[Run]] = []
    for run in sorted((r for r in runs if r.text), key=lambda r: (round(-r.y, 1), r.x0, r.order)):
        if rows and abs(sum(r.y for r in rows[-1]) / len(rows[-1]) - run.y) <= 0.5 * max(run.size, 1):
            rows[-1].append(run)
        else:
            rows.append([run])
    lines = [t for t in (_line_text(_without_drawn_twice(row), rtl).strip() for row in rows) if t]
    lowest = min((r.y - r.size * 0.25 for r in runs), default=height)
    return lines, (1 - lowest / height) if height else 0.0


def read_pdf_text(pdf: bytes, rtl: bool | None = None) -> PdfText:
    """Extract every page's lines; raises ValueError for a file that is not a readable PDF.

    `rtl` is the paragraph direction when the reader knows the document's language (an ATS does);
    None guesses it per line from the letters on it."""
    from pypdf import PdfReader

    try:
        reader = PdfReader(BytesIO(pdf))
        pages: list[PageText] = []
        missing, missing_chars = 0, []
        for page in reader.pages:
            box = page.mediabox
            height, width = float(box.height), float(box.width)
            page_reader = _PageReader(page, reader)
            runs = page_reader.read()
            lines, bottom = _lines(runs, height, rtl)
            pages.append(PageText(width, height, lines, max(0.0, min(1.0, bottom))))
            missing += page_reader.missing
            missing_chars += page_reader.missing_chars
    except Exception as exc:  # pypdf raises many types for damaged files
        raise ValueError(f"not a readable PDF: {exc}") from None
    return PdfText(pages, missing, "".join(missing_chars))
