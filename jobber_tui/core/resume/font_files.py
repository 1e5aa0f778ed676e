"""Which characters a font file has glyphs for, read from its `cmap` table.

Why: Typst draws an empty box (and says nothing) for a character no loaded font has. Jobber checks
coverage before compiling so Finalize can fail with "no font for Japanese text" instead. Only the
`cmap` table is read (formats 4 and 12, plus 0/6/10/13 for old or odd fonts), straight from the
bytes with `struct`: no font library needed, and a 20 MB CJK collection is read in milliseconds.
"""

from __future__ import annotations

import struct
from collections.abc import Iterable
from pathlib import Path

Ranges = list[tuple[int, int]]
"""Inclusive (first, last) code point ranges, sorted and merged."""

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")


class FontFileError(ValueError):
    """The file is not a font we can read (truncated, not sfnt, no Unicode cmap)."""


def face_count(data: bytes) -> int:
    """1 for a single font, N for a TrueType/OpenType collection."""
    if data[:4] == b"ttcf":
        (count,) = struct.unpack_from(">I", data, 8)
        return int(count)
    return 1


def _face_offset(data: bytes, index: int) -> int:
    if data[:4] != b"ttcf":
        return 0
    count = face_count(data)
    if not 0 <= index < count:
        raise FontFileError(f"collection has {count} faces, not {index + 1}")
    (offset,) = struct.unpack_from(">I", data, 12 + 4 * index)
    return int(offset)


def _table(data: bytes, face: int, tag: bytes) -> tuple[int, int] | None:
    """(offset, length) of a table of the face starting at `face`, or None."""
    version = data[face : face + 4]
    if version not in (b"\x00\x01\x00\x00", b"OTTO", b"true", b"typ1"):
        raise FontFileError("not a TrueType/OpenType font")
    (num_tables,) = struct.unpack_from(">H", data, face + 4)
    for i in range(num_tables):
        record = face + 12 + 16 * i
        if data[record : record + 4] == tag:
            offset, length = struct.unpack_from(">II", data, record + 8)
            return offset, length
    return None


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> Ranges:
    merged: Ranges = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1] + 1:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _format4(data: bytes, at: int) -> Ranges:
    seg_x2 = struct.unpack_from(">H", data, at + 6)[0]
    n = seg_x2 // 2
    ends = struct.unpack_from(f">{n}H", data, at + 14)
    starts = struct.unpack_from(f">{n}H", data, at + 16 + seg_x2)
    deltas = struct.unpack_from(f">{n}h", data, at + 16 + 2 * seg_x2)
    range_at = at + 16 + 3 * seg_x2
    offsets = struct.unpack_from(f">{n}H", data, range_at)
    out: Ranges = []
    for i, (start, end, delta, offset) in enumerate(zip(starts, ends, deltas, offsets, strict=True)):
        if start == 0xFFFF:
            continue
        if offset == 0:
            # glyph = code + delta; a result of 0 is .notdef (no glyph), which happens only at one code
            bad = (-delta) % 65536
            if start <= bad <= end:
                out += [(start, bad - 1)] if bad > start else []
                out += [(bad + 1, end)] if bad < end else []
            else:
                out.append((start, end))
            continue
        base = range_at + 2 * i + offset
        run_start = None
        for code in range(start, end + 1):
            glyph = struct.unpack_from(">H", data, base + 2 * (code - start))[0]
            if glyph and run_start is None:
                run_start = code
            elif not glyph and run_start is not None:
                out.append((run_start, code - 1))
                run_start = None
        if run_start is not None:
            out.append((run_start, end))
    return out


def _format12(data: bytes, at: int, many_to_one: bool = False) -> Ranges:
    (groups,) = struct.unpack_from(">I", data, at + 12)
    body = data[at + 16 : at + 16 + 12 * groups]
    if len(body) < 12 * groups:
        raise FontFileError("truncated cmap")
    out: Ranges = []
    for start, end, glyph in struct.iter_unpack(">III", body):
        if glyph == 0 and (many_to_one or start == end):
            continue
        out.append((start + (1 if glyph == 0 else 0), end))
    return out


def _trimmed(data: bytes, at: int, count: int, width: int, first: int) -> Ranges:
    """Formats 6 and 10: a dense glyph array for one run of codes."""
    fmt = ">" + ("H" if width == 2 else "I") * count
    glyphs = struct.unpack_from(fmt, data, at)
    return merge_ranges((first + i, first + i) for i, g in enumerate(glyphs) if g)


def _subtable_ranges(data: bytes, at: int) -> Ranges | None:
    (fmt,) = struct.unpack_from(">H", data, at)
    if fmt == 4:
        return _format4(data, at)
    if fmt == 12:
        return _format12(data, at)
    if fmt == 13:
        return _format12(data, at, many_to_one=True)
    if fmt == 0:
        return merge_ranges((c, c) for c, g in enumerate(data[at + 6 : at + 262]) if g)
    if fmt == 6:
        first, count = struct.unpack_from(">HH", data, at + 6)
        return _trimmed(data, at + 10, count, 2, first)
    if fmt == 10:
        first, count = struct.unpack_from(">II", data, at + 12)
        return _trimmed(data, at + 20, count, 4, first)
    return None


# Unicode subtables by preference: full repertoire first, then BMP, then old Unicode/symbol ones.
_PREFERRED = ((3, 10), (0, 6), (0, 4), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0), (3, 0))


def cmap_ranges(data: bytes, index: int = 0, memo: dict[int, Ranges] | None = None) -> Ranges:
    """The code points face `index` of this font file maps to a glyph. `memo` (per file) lets the
    faces of a collection that share one cmap subtable (all ten of Noto CJK's) read it once."""
    memo = {} if memo is None else memo
    try:
        face = _face_offset(data, index)
        found = _table(data, face, b"cmap")
        if found is None:
            raise FontFileError("font has no cmap table")
        cmap, _ = found
        (count,) = struct.unpack_from(">H", data, cmap + 2)
        subtables: dict[tuple[int, int], int] = {}
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap + 4 + 8 * i)
            subtables.setdefault((platform, encoding), cmap + offset)
        for key in _PREFERRED:
            if key in subtables:
                at = subtables[key]
                if at not in memo:
                    ranges = _subtable_ranges(data, at)
                    if ranges is None:
                        continue
                    memo[at] = merge_ranges(ranges)
                return memo[at]
    except struct.error as exc:
        raise FontFileError(f"truncated font data ({exc})") from None
    raise FontFileError("font has no Unicode cmap we can read")


def read_coverage(path: Path) -> list[Ranges]:
    """Coverage of every face in the file (one entry for a plain font, N for a collection)."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise FontFileError(f"cannot read: {exc.strerror or exc}") from None
    if len(data) < 12:
        raise FontFileError("not a TrueType/OpenType font")
    memo: dict[int, Ranges] = {}
    return [cmap_ranges(data, i, memo) for i in range(face_count(data))]


def covers(ranges: Ranges, code: int) -> bool:
    """Binary search in sorted merged ranges."""
    lo, hi = 0, len(ranges)
    while lo < hi:
        mid = (lo + hi) // 2
        start, end = ranges[mid]
        if code < start:
            hi = mid
        elif code > end:
            lo = mid + 1
        else:
            return True
    return False
