"""Which extra fonts a resume needs, found once and reused: the font plan of a compile.

The rule (README "Fonts and scripts"): a template's own fonts and Typst's built-in ones draw Latin,
Greek and Cyrillic, and a Latin resume is compiled with nothing else, as fast as ever. Only when
the resume's text holds another script does Jobber add a font for it, in this order of search:
Jobber's bundled fonts (Arabic, Hebrew, Devanagari, Thai), fonts the user put in `<home>/fonts`,
then the machine's fonts (for Chinese, Japanese and Korean, e.g. Debian's fonts-noto-cjk), unless
`[fonts] system = false`. A family of the template's style (serif or sans) and of the language's
region (Japanese forms for Japanese, traditional for zh-TW) is preferred. The files chosen go into
the PDF fingerprint (path, size and time of each), so one machine keeps giving identical PDFs and
a font update makes the PDFs stale. A character no font has stops the build with a message naming
the script and what to install: Typst would draw an empty box for it without a word.

Discovery is cached: Typst's view of the machine's fonts once per process, each face's character
coverage in memory and in `<user cache>/jobber/font-coverage.json` (keyed by path, size, mtime).
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from ..infra.errors import OperationFailed
from ..infra.paths import BUNDLED_FONTS, atomic_write, display_path
from .font_files import FONT_SUFFIXES, FontFileError, Ranges, covers, read_coverage
from .scripts import BASE_SCRIPTS, SCRIPT_NAMES, ScriptUse

_CJK = ("han", "kana", "hangul")

# Families tried first, by script group and template style; Typst's family names. The first ones
# are what Debian/Ubuntu ship (fonts-noto-cjk) or Jobber bundles; then common macOS/Windows names.
_PREFERRED: dict[str, dict[str, tuple[str, ...]]] = {
    "ja": {
        "serif": ("Noto Serif CJK JP", "Source Han Serif JP", "Hiragino Mincho ProN", "Yu Mincho", "IPAMincho"),
        "sans": ("Noto Sans CJK JP", "Source Han Sans JP", "Hiragino Sans", "Yu Gothic", "IPAGothic"),
    },
    "zh-CN": {
        "serif": ("Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", "SimSun"),
        "sans": ("Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Zen Hei"),
    },
    "zh-TW": {
        "serif": ("Noto Serif CJK TC", "Source Han Serif TC", "Songti TC", "PMingLiU"),
        "sans": ("Noto Sans CJK TC", "Source Han Sans TC", "PingFang TC", "Microsoft JhengHei"),
    },
    "zh-HK": {
        "serif": ("Noto Serif CJK HK", "Noto Serif CJK TC", "Source Han Serif HC"),
        "sans": ("Noto Sans CJK HK", "Noto Sans CJK TC", "Source Han Sans HC", "PingFang HK"),
    },
    "ko": {
        "serif": ("Noto Serif CJK KR", "Source Han Serif K", "AppleMyungjo", "Batang"),
        "sans": ("Noto Sans CJK KR", "Source Han Sans K", "Apple SD Gothic Neo", "Malgun Gothic", "NanumGothic"),
    },
    "arabic": {"serif": ("Noto Naskh Arabic", "Amiri"), "sans": ("Noto Sans Arabic", "Noto Kufi Arabic")},
    "hebrew": {"serif": ("Noto Serif Hebrew",), "sans": ("Noto Sans Hebrew",)},
    "devanagari": {"serif": ("Noto Serif Devanagari",), "sans": ("Noto Sans Devanagari",)},
    "thai": {"serif": ("Noto Serif Thai",), "sans": ("Noto Sans Thai", "Noto Sans Thai Looped")},
}
_INSTALL = {"cjk": "fonts-noto-cjk", "symbols": "fonts-noto-color-emoji or fonts-symbola"}


class MissingFontError(OperationFailed):
    """No font on this machine can draw some of the resume's characters."""


@dataclass(frozen=True)
class Face:
    family: str
    path: str
    index: int
    weight: int
    style: str


@dataclass(frozen=True)
class FontPlan:
    """What a compile adds to the template's fonts for this resume's scripts."""

    families: tuple[str, ...] = ()
    """Family names for the template's font list, after its own font (`meta.fonts`)."""
    files: tuple[str, ...] = ()
    """Font files to load (all faces of the chosen families)."""
    identity: str = ""
    """What the fingerprint records about those files (path, size, mtime)."""

    @property
    def empty(self) -> bool:
        return not self.files


NO_FONTS = FontPlan()


def _group(script: str) -> str:
    return "cjk" if script in _CJK else script


def _group_name(group: str, use: ScriptUse) -> str:
    if group == "cjk":
        chars = use.chars
        if "kana" in chars or use.lang == "ja":
            return "Japanese"
        if "hangul" in chars or use.lang == "ko":
            return "Korean"
        return "Chinese"
    if group == "symbols":
        return "symbol/emoji"
    return SCRIPT_NAMES.get(group, group.capitalize())


def _preferred_key(group: str, use: ScriptUse) -> str | None:
    if group != "cjk":
        return group if group in _PREFERRED else None
    if "kana" in use.chars or use.lang == "ja":
        return "ja"
    if "hangul" in use.chars or use.lang == "ko":
        return "ko"
    return {"TW": "zh-TW", "HK": "zh-HK", "MO": "zh-HK"}.get(use.han_region or "", "zh-CN")


class FontLibrary:
    """The fonts Jobber may add, and their coverage; shared by every build in a process."""

    def __init__(self, cache_file: Path | None | Callable[[], Path] = None) -> None:
        """`cache_file` may be a function giving it, so creating a library costs nothing at import."""
        self._lock = threading.Lock()
        self._listings: dict[tuple[tuple[str, ...], bool], list[Face]] = {}
        self._coverage: dict[tuple[str, int, int, int], Ranges] = {}
        self._cache_spec = cache_file
        self._disk_loaded = False
        self._dirty = False
        self._fontsets: dict[tuple[str, ...], Path] = {}

    @property
    def _cache_file(self) -> Path | None:
        spec = self._cache_spec
        if callable(spec):
            self._cache_spec = spec = spec()
        return spec

    # -- discovery ----------------------------------------------------------------------------
    def faces(self, dirs: tuple[str, ...], system: bool) -> list[Face]:
        """Typst's own view of the fonts in `dirs` (and the machine's), so family names match."""
        key = (dirs, system)
        with self._lock:
            if key in self._listings:
                return self._listings[key]
        import typst

        found = typst.Fonts(
            include_system_fonts=system, include_embedded_fonts=False, font_paths=[d for d in dirs if os.path.isdir(d)]
        )
        # One face per (family, weight, style), from the first place searched: a bundled font wins
        # over the same family installed on the machine, so PDFs do not depend on the machine.
        rank = {d: n for n, d in enumerate(dirs)}

        def source(path: str) -> int:
            return min((n for d, n in rank.items() if path.startswith(d.rstrip("/") + "/")), default=len(rank))

        faces: list[Face] = []
        taken: set[tuple[str, int, str]] = set()
        on_disk = [(f.path, f) for f in found.fonts() if f.path]
        for path, f in sorted(on_disk, key=lambda pf: (source(pf[0]), pf[0], pf[1].index)):
            if (f.family, f.weight, f.style) not in taken:
                taken.add((f.family, f.weight, f.style))
                faces.append(Face(f.family, path, f.index, f.weight, f.style))
        with self._lock:
            self._listings[key] = faces
        return faces

    def coverage(self, path: str, index: int) -> Ranges:
        try:
            stat = os.stat(path)
        except OSError:
            return []
        key = (path, index, stat.st_size, stat.st_mtime_ns)
        with self._lock:
            self._load_disk()
            if key in self._coverage:
                return self._coverage[key]
        try:
            faces = read_coverage(Path(path))
        except FontFileError:
            faces = []
        with self._lock:
            for i, ranges in enumerate(faces):
                self._coverage[(path, i, stat.st_size, stat.st_mtime_ns)] = ranges
            self._dirty = True
            return self._coverage.get(key, [])

    def template_coverage(self, fonts_dir: Path) -> list[Ranges]:
        if not fonts_dir.is_dir():
            return []
        out = []
        for path in sorted(fonts_dir.iterdir()):
            if path.suffix.lower() in FONT_SUFFIXES:
                out += [self.coverage(str(path), i) for i in range(_faces_in(path))]
        return out

    def save(self) -> None:
        """Write new coverage to the disk cache (best effort: a read-only cache dir only costs time)."""
        with self._lock:
            if not self._dirty or self._cache_file is None:
                return
            entries = [[p, i, size, mtime, ranges] for (p, i, size, mtime), ranges in self._coverage.items()]
            self._dirty = False
        try:
            atomic_write(self._cache_file, json.dumps({"version": 1, "faces": entries}).encode(), durable=False)
        except OSError:
            pass

    def _load_disk(self) -> None:
        if self._disk_loaded or self._cache_file is None:
            return
        self._disk_loaded = True
        try:
            raw = json.loads(self._cache_file.read_bytes())
            for path, index, size, mtime, ranges in raw.get("faces", []) if raw.get("version") == 1 else []:
                self._coverage.setdefault((path, index, size, mtime), [(a, b) for a, b in ranges])
        except (OSError, ValueError, TypeError):
            pass  # a broken cache is rebuilt

    # -- the plan -----------------------------------------------------------------------------
    def plan(
        self, use: ScriptUse, *, template_fonts: Path, style: str, user_fonts: Path | None, system: bool
    ) -> FontPlan:
        """The fonts to add for `use`; raises MissingFontError naming what cannot be drawn."""
        needed = {s: c for s, c in use.chars.items() if s not in BASE_SCRIPTS}
        if not needed:
            return NO_FONTS
        own = self.template_coverage(template_fonts)
        groups: dict[str, set[str]] = {}
        for script, chars in needed.items():
            rest = {c for c in chars if not any(covers(r, ord(c)) for r in own)}
            if rest:
                groups.setdefault(_group(script), set()).update(rest)
        if not groups:
            return NO_FONTS
        dirs = tuple(str(d) for d in (BUNDLED_FONTS, user_fonts) if d is not None)
        faces = self.faces(dirs, system)
        chosen: list[str] = []
        missing: dict[str, set[str]] = {}
        for group in sorted(groups, key=lambda g: (g != "cjk", g)):
            family, left = self._choose(groups[group], _preferred_key(group, use), style, faces, chosen)
            if family:
                chosen.append(family)
            if left:
                missing[group] = left
        if missing:
            raise MissingFontError(self._missing_message(missing, use, user_fonts, system))
        files = sorted({f.path for f in faces if f.family in chosen})
        self.save()
        return FontPlan(tuple(chosen), tuple(files), font_identity(files))

    def _choose(
        self, chars: set[str], key: str | None, style: str, faces: list[Face], chosen: list[str]
    ) -> tuple[str | None, set[str]]:
        """The preferred family that has every character, else any family with the most of them."""
        by_family: dict[str, list[Face]] = {}
        for face in faces:
            by_family.setdefault(face.family, []).append(face)
        for family in chosen:  # a family already added may cover this script too
            if not self._left(chars, by_family.get(family, [])):
                return None, set()
        other = "sans" if style == "serif" else "serif"
        names = _PREFERRED.get(key or "", {})
        for family in (*names.get(style, ()), *names.get(other, ())):
            if family in by_family and not self._left(chars, by_family[family]):
                return family, set()
        best: tuple[int, int, str] | None = None
        for family, members in sorted(by_family.items()):
            left = self._left(chars, members)
            score = (len(left), 0 if family.startswith("Noto") else 1, family)
            if best is None or score < best:
                best = score
            if not left and family.startswith("Noto"):
                break
        if best is None or best[0] == len(chars):
            return None, chars
        family = best[2]
        return family, self._left(chars, by_family[family])

    def _left(self, chars: set[str], faces: list[Face]) -> set[str]:
        """Characters none of these faces has (the regular face is checked first: usually enough)."""
        ordered = sorted(faces, key=lambda f: (f.style != "normal", abs(f.weight - 400)))
        left = set(chars)
        for face in ordered:
            ranges = self.coverage(face.path, face.index)
            left = {c for c in left if not covers(ranges, ord(c))}
            if not left:
                break
        return left

    def _missing_message(
        self, missing: dict[str, set[str]], use: ScriptUse, user_fonts: Path | None, system: bool
    ) -> str:
        parts = []
        for group, chars in sorted(missing.items()):
            sample = " ".join(sorted(chars)[:5]) + (" …" if len(chars) > 5 else "")
            package = _INSTALL.get(group, "fonts-noto-core")
            where = display_path(user_fonts) if user_fonts else "the fonts folder of your Jobber home"
            hint = f"install {package} or put a font in {where}"
            if not system:
                hint += " (system fonts are off: [fonts] system = false)"
            parts.append(f"no font for {_group_name(group, use)} text ({sample}): {hint}")
        return "; ".join(parts)

    def fontset_dir(self, files: tuple[str, ...], cache_root: Path) -> Path:
        """A folder holding just these files (as links), since Typst loads fonts by folder."""
        with self._lock:
            if files in self._fontsets and self._fontsets[files].is_dir():
                return self._fontsets[files]
        digest = hashlib.sha256("\n".join(files).encode()).hexdigest()[:16]
        target = cache_root / "fontsets" / digest
        if not target.is_dir():
            tmp = target.with_name(f".{digest}.{os.getpid()}.{os.urandom(3).hex()}")
            tmp.mkdir(parents=True)
            for n, path in enumerate(files):
                link = tmp / f"{n:02d}-{Path(path).name}"
                try:
                    link.symlink_to(path)
                except OSError:  # no symlinks (Windows without rights): a copy does the same
                    link.write_bytes(Path(path).read_bytes())
            try:
                tmp.rename(target)
            except OSError:  # another process made it first
                _remove_tree(tmp)
        with self._lock:
            self._fontsets[files] = target
        return target


def _faces_in(path: Path) -> int:
    try:
        with open(path, "rb") as handle:
            head = handle.read(12)
    except OSError:
        return 0
    return int.from_bytes(head[8:12], "big") if head[:4] == b"ttcf" else 1


def font_identity(files: list[str] | tuple[str, ...]) -> str:
    """What the fingerprint records of the font files a compile adds: path, size and time of each."""
    return "\n".join(_identity(p) for p in files)


def _identity(path: str) -> str:
    try:
        stat = os.stat(path)
    except OSError:
        return f"{path}:missing"
    return f"{path}:{stat.st_size}:{stat.st_mtime_ns}"


def _remove_tree(folder: Path) -> None:
    for child in folder.iterdir():
        child.unlink()
    folder.rmdir()


def cache_root() -> str:
    """Jobber's cache folder (font coverage, font sets): per user, safe to delete."""
    import platformdirs

    return platformdirs.user_cache_dir("jobber")
