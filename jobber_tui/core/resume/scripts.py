"""Which writing systems a resume uses, and so its language and text direction.

Why: the bundled fonts cover Latin, Greek and Cyrillic; anything else needs a font found for it
(core/resume/fonts.py), and Typst needs `text(lang: ...)` to break lines the way the language does
(Chinese and Japanese between characters with their punctuation rules, Thai by dictionary) and to
lay Arabic and Hebrew right to left. The language comes from the resume when it says so
(`meta.language`, Reactive Resume's locale), else from the script that dominates its text.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

BASE_SCRIPTS = frozenset({"latin", "greek", "cyrillic", "common"})
"""Drawn by the templates' own fonts or Typst's built-in ones (Libertinus Serif, DejaVu Sans Mono)."""

# (first, last, script). Ranges not listed are "common" below U+0530 and in the punctuation and
# symbol blocks, else named from the Unicode character name (e.g. "tamil", "ethiopic").
_RANGES: list[tuple[int, int, str]] = sorted(
    [
        (0x0041, 0x005A, "latin"),
        (0x0061, 0x007A, "latin"),
        (0x00C0, 0x024F, "latin"),
        (0x0250, 0x02AF, "latin"),
        (0x1D00, 0x1DBF, "latin"),
        (0x1E00, 0x1EFF, "latin"),
        (0x2C60, 0x2C7F, "latin"),
        (0xA720, 0xA7FF, "latin"),
        (0xAB30, 0xAB6F, "latin"),
        (0xFB00, 0xFB06, "latin"),
        (0x0370, 0x03FF, "greek"),
        (0x1F00, 0x1FFF, "greek"),
        (0x0400, 0x052F, "cyrillic"),
        (0x1C80, 0x1C8F, "cyrillic"),
        (0x2DE0, 0x2DFF, "cyrillic"),
        (0xA640, 0xA69F, "cyrillic"),
        (0x0590, 0x05FF, "hebrew"),
        (0xFB1D, 0xFB4F, "hebrew"),
        (0x0600, 0x06FF, "arabic"),
        (0x0750, 0x077F, "arabic"),
        (0x0870, 0x08FF, "arabic"),
        (0xFB50, 0xFDFF, "arabic"),
        (0xFE70, 0xFEFF, "arabic"),
        (0x0900, 0x097F, "devanagari"),
        (0xA8E0, 0xA8FF, "devanagari"),
        (0x0E00, 0x0E7F, "thai"),
        (0x1100, 0x11FF, "hangul"),
        (0x3130, 0x318F, "hangul"),
        (0xA960, 0xA97F, "hangul"),
        (0xAC00, 0xD7FF, "hangul"),
        (0xFFA0, 0xFFDC, "hangul"),
        (0x3040, 0x309F, "kana"),
        (0x30A0, 0x30FF, "kana"),
        (0x31F0, 0x31FF, "kana"),
        (0xFF66, 0xFF9F, "kana"),
        (0x2E80, 0x2FDF, "han"),
        (0x3000, 0x303F, "han"),
        (0x3190, 0x319F, "han"),
        (0x31C0, 0x31EF, "han"),
        (0x3200, 0x33FF, "han"),
        (0x3400, 0x4DBF, "han"),
        (0x4E00, 0x9FFF, "han"),
        (0xF900, 0xFAFF, "han"),
        (0xFE30, 0xFE4F, "han"),
        (0xFF00, 0xFF65, "han"),
        (0xFFE0, 0xFFEF, "han"),
        (0x20000, 0x3134F, "han"),
        (0x2000, 0x2BFF, "common"),
        (0x2E00, 0x2E7F, "common"),
        (0xFE00, 0xFE0F, "common"),
    ]
)
_STARTS = [r[0] for r in _RANGES]

SCRIPT_NAMES = {
    "han": "Chinese",
    "kana": "Japanese",
    "hangul": "Korean",
    "arabic": "Arabic",
    "hebrew": "Hebrew",
    "devanagari": "Devanagari",
    "thai": "Thai",
    "latin": "Latin",
    "greek": "Greek",
    "cyrillic": "Cyrillic",
}
"""How messages name a script ("no font for Japanese text")."""

_NO_SPACE = frozenset({"han", "kana", "thai"})

# Characters written one way in simplified and another in traditional Chinese, to tell zh-CN from
# zh-TW when the resume does not say (both lists are common resume words).
_SIMPLIFIED = set(
    "这们发经开过时会对后学国门业务产设计术与为个来说长东车书问间关见么实现应"
    "进动点电头体机网络数据级统项组织负责优质导领团队历华区汇报测试户员维护构环软语简证专"
)
_TRADITIONAL = set(
    "這們發經開過時會對後學國門業務產設計術與為個來說長東車書問間關見麼實現應"
    "進動點電頭體機網絡數據級統項組織負責優質導領團隊歷華區匯報測試戶員維護構環軟語簡證專"
)

_IGNORED = re.compile(r"[\s\u00ad\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_LANG_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[-_]([A-Za-z]{4}))?(?:[-_]([A-Za-z]{2}|\d{3}))?\b")


def script_of(char: str) -> str:
    code = ord(char)
    if code < 0x41:
        return "common"
    i = bisect_right(_STARTS, code) - 1
    if i >= 0 and _RANGES[i][0] <= code <= _RANGES[i][1]:
        return _RANGES[i][2]
    if code < 0x0530:
        return "common"
    if unicodedata.category(char)[0] == "S":
        return "symbols"  # emoji, dingbats: named by what they are, not by a script
    name = unicodedata.name(char, "")
    return name.split(" ")[0].lower() if name else "unknown"


@dataclass(frozen=True)
class ScriptUse:
    """What a resume's text needs: the characters of each script and the language to set."""

    chars: dict[str, frozenset[str]]
    """Script -> the distinct characters of it (base scripts included)."""
    lang: str
    """ISO 639-1 code for Typst's `text(lang:)`."""
    region: str | None
    """ISO 3166 region for Typst's `text(region:)` (CN/TW/HK for Chinese), or None."""
    dir: str
    """"rtl" for Arabic and Hebrew, else "ltr"."""
    han_region: str | None = None
    """"TW" when Chinese characters are mostly traditional, "CN" when simplified, None without any."""

    @property
    def extra_scripts(self) -> list[str]:
        """Scripts beyond Latin, Greek and Cyrillic, in a stable order."""
        return sorted(s for s in self.chars if s not in BASE_SCRIPTS)


_ASCII_LETTERS = re.compile(r"[A-Za-z]")
_NOT_ASCII = re.compile(r"[^\x00-\x7f]")


def script_use(texts: Iterable[str], declared: str | None = None) -> ScriptUse:
    """Scan the resume's visible text; `declared` is a language tag the resume gives ("ja", "zh-TW").

    Only non-ASCII characters are looked at one by one (with regexes doing the rest in C), so a
    Latin resume costs next to nothing on every build."""
    text = _IGNORED.sub("", "\n".join(texts))
    letters: Counter[str] = Counter({"latin": len(_ASCII_LETTERS.findall(text))})
    chars: dict[str, set[str]] = {}
    simplified = traditional = 0
    for char, count in Counter(_NOT_ASCII.findall(text)).items():
        script = script_of(char)
        chars.setdefault(script, set()).add(char)
        if char.isalpha():
            letters[script] += count
        if script == "han":
            simplified += count * (char in _SIMPLIFIED)
            traditional += count * (char in _TRADITIONAL)
    if letters["latin"]:
        chars.setdefault("latin", set())
    lang, region = _declared(declared) or _detected(letters, simplified, traditional)
    if lang == "zh" and region is None:
        region = "TW" if traditional > simplified else "CN"
    han_region = (region if lang == "zh" else "TW" if traditional > simplified else "CN") if "han" in chars else None
    return ScriptUse(
        {k: frozenset(v) for k, v in chars.items()},
        lang,
        region,
        "rtl" if lang in ("ar", "he", "fa", "ur", "yi") else "ltr",
        han_region,
    )


def _declared(tag: str | None) -> tuple[str, str | None] | None:
    match = _LANG_TAG.match(tag.strip()) if isinstance(tag, str) else None
    if not match:
        return None
    lang, script, region = match.group(1).lower(), (match.group(2) or "").lower(), match.group(3)
    if lang == "zh" and not region and script:
        region = "TW" if script == "hant" else "CN"
    return lang, region.upper() if region else None


_LANG_OF = {
    "kana": "ja",
    "hangul": "ko",
    "han": "zh",
    "arabic": "ar",
    "hebrew": "he",
    "devanagari": "hi",
    "thai": "th",
    "greek": "el",
    "cyrillic": "ru",
}


def _detected(letters: Counter[str], simplified: int, traditional: int) -> tuple[str, str | None]:
    """The non-Latin script with the most letters wins when it holds at least 30% of the text, a
    Chinese, Japanese or Korean character counting as three letters (about a word): a Japanese
    resume is full of Latin product names, an English one may hold one Greek word."""
    weight = {"han": 3, "kana": 3, "hangul": 3}
    weighted = {s: n * weight.get(s, 1) for s, n in letters.items()}
    total = sum(weighted.values())
    others = [(n, s) for s, n in weighted.items() if s in _LANG_OF]
    if weighted.get("kana") and weighted.get("han"):
        others.append((weighted["kana"] + weighted["han"], "kana"))  # kanji count as Japanese
    if not others or total == 0:
        return "en", None
    count, script = max(others)
    if count * 10 < total * 3:
        return "en", None
    if script == "han":
        return "zh", "TW" if traditional > simplified else "CN"
    return _LANG_OF[script], None
