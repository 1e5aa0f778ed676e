"""The order a line's runs are read in, as the Unicode bidi algorithm reads them back: right-to-left
scripts (Arabic, Hebrew) and the numbers and Latin words inside them."""

from __future__ import annotations

import re
import unicodedata

RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
LTR = re.compile(
    r"[A-Za-z0-9\u00c0-\u024f\u0370-\u052f\u0900-\u0e7f\u1100-\u11ff\u1e00-\u1fff"
    r"\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]"
)


def _bidi_class(unit: str) -> str:
    """The bidi class of a unit of text: that of its first strong character, else of its first
    character (L, R, EN, AN, ES, CS, ET or N for every other neutral)."""
    first = "N"
    for n, char in enumerate(unit):
        kind = unicodedata.bidirectional(char)
        if kind in ("L", "R"):
            return kind
        if kind == "AL":
            return "R"
        if n == 0:
            first = kind if kind in ("EN", "AN", "ES", "CS", "ET") else "N"
    return first


def reading_order(units: list[str], rtl: bool) -> list[str]:
    """Visual order -> logical order, by the Unicode bidi algorithm's rules for one paragraph
    without explicit embeddings (W4-W7, N1-N2, I1-I2, L2): reordering text that is already in
    visual order by the same rule gives back the logical order."""
    kinds = [_bidi_class(u) for u in units]
    for i in range(1, len(kinds) - 1):  # W4: one separator between two numbers joins them ("02/2020")
        if kinds[i] in ("ES", "CS") and kinds[i - 1] == kinds[i + 1] in ("EN", "AN"):
            kinds[i] = kinds[i - 1]
    for i, kind in enumerate(kinds):  # W5: terminators next to a number belong to it ("$5", "40%")
        if kind == "ET":
            j = i
            while j < len(kinds) and kinds[j] == "ET":
                j += 1
            if (i > 0 and kinds[i - 1] == "EN") or (j < len(kinds) and kinds[j] == "EN"):
                kinds[i:j] = ["EN"] * (j - i)
    kinds = ["N" if k in ("ES", "CS", "ET") else "EN" if k == "AN" else k for k in kinds]  # W6
    base = "R" if rtl else "L"
    last_strong = base
    for i, kind in enumerate(kinds):  # W7: numbers after L text (or at the start of LTR text) are L
        if kind == "EN" and last_strong == "L":
            kinds[i] = "L"
        elif kind in ("L", "R"):
            last_strong = kind
    resolved = list(kinds)
    i = 0
    while i < len(kinds):  # N1/N2: neutrals between two like directions take it, else the base
        if kinds[i] != "N":
            i += 1
            continue
        j = i
        while j < len(kinds) and kinds[j] == "N":
            j += 1
        before = "R" if i == 0 and rtl else ("L" if i == 0 else ("R" if kinds[i - 1] in ("R", "EN") else "L"))
        after = ("R" if rtl else "L") if j == len(kinds) else ("R" if kinds[j] in ("R", "EN") else "L")
        for k in range(i, j):
            resolved[k] = before if before == after else base
        i = j
    levels = []
    for kind in resolved:
        if rtl:
            levels.append(1 if kind == "R" else 2)
        else:
            levels.append(0 if kind == "L" else 1 if kind == "R" else 2)
    order = list(range(len(units)))
    top = max(levels, default=0)
    lowest_odd = 1
    for level in range(top, lowest_odd - 1, -1):  # L2: reverse every run at this level or higher
        i = 0
        while i < len(order):
            if levels[order[i]] >= level:
                j = i
                while j < len(order) and levels[order[j]] >= level:
                    j += 1
                order[i:j] = reversed(order[i:j])
                i = j
            else:
                i += 1
    return [units[k] for k in order]
