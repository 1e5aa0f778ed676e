"""Compiling resumes with the typst Python bindings.

One long-lived `typst.Compiler` per template (and per set of added script fonts) keeps fonts and
parsed files cached; a lock per compiler makes sure it is used from one thread at a time. Data
reaches Typst only as the virtual file `data.json` (read with `json("data.json")`), never as Typst
source, so a job description holding `#read("/etc/passwd")` is printed, not run.

A compile adds fonts only for scripts the template lacks (core/resume/fonts.py) and, when the resume runs
over the pages asked for, recompiles with `meta.fit` = 1, 2, ... (the template's tighter spacing)
until it fits; a last page that would be nearly empty is pulled back the same way (core/resume/page_fit.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typst

from ..infra.errors import OperationFailed
from ..infra.json_values import object_at
from .fonts import FontLibrary, FontPlan, cache_root, font_identity
from .page_fit import count_pages, fit_level, overflow_note
from .scripts import ScriptUse, script_use
from .strings import shown_strings, texts_of
from .templates import Template

PDF_TAGS = True
"""Tagged PDFs (what `pdf_tags` asks Typst for)."""
RENDER_OPTIONS = {"format": "pdf", "pdf_tags": PDF_TAGS}
"""Part of the fingerprint: changing how we compile makes every PDF stale."""

_DIAGNOSTIC_AT = re.compile(r"┌─\s*(?P<file>[^\s:]+):(?P<line>\d+):(?P<col>\d+)")


class TemplateError(OperationFailed):
    """Typst refused the template; the message carries file, line and column."""

    def __init__(
        self, message: str, file: str | None = None, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.file, self.line, self.column = file, line, column


@dataclass(frozen=True)
class CompileSettings:
    """What a compile may use beyond the template and data: fonts to search, pages to fill."""

    user_fonts: Path | None = None
    """`<home>/fonts`: searched after Jobber's bundled fonts for scripts the template lacks."""
    system_fonts: bool = True
    """Whether the machine's fonts may be used for such scripts (`[fonts] system`)."""
    pages: int | None = 1
    """Pages to fit the resume on (1 or 2), or None for "auto" (as many as it takes)."""


DEFAULT_SETTINGS = CompileSettings()


@dataclass
class Rendered:
    pdf: bytes
    fingerprint: str
    pages: int
    fit: int = 0
    """The tightening step used (0 = the template's own spacing)."""
    overflow: str | None = None
    """Why the resume is longer than the pages asked for, naming what spilled over; None when it fits."""
    fonts: tuple[str, ...] = ()
    """Font families added for the resume's scripts."""


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def timestamp_for(fingerprint: str) -> int:
    """The PDF creation time, derived from the inputs so equal inputs give identical bytes."""
    return 946_684_800 + int(fingerprint[:8], 16) % 1_000_000_000


def printed_texts(data: dict[str, Any]) -> list[str]:
    """The texts a template prints: the resume contract's strings, and a letter's paragraphs."""
    texts = [s.text for s in shown_strings(data) if s.kind != "url"]
    letter = data.get("letter")
    if isinstance(letter, dict):
        texts += [
            t
            for t in texts_of(letter.get("paragraphs"))
            + texts_of(letter.get("greeting"))
            + texts_of(letter.get("closing"))
        ]
        job = object_at(data, "job")
        texts += texts_of(job.get("title")) + texts_of(job.get("employer"))
    return texts


def data_scripts(data: dict[str, Any]) -> ScriptUse:
    meta = object_at(data, "meta")
    lang = meta.get("lang") if isinstance(meta.get("lang"), str) else None
    region = meta.get("region") if isinstance(meta.get("region"), str) else None
    return script_use(printed_texts(data), f"{lang}-{region}" if lang and region else lang)


@dataclass
class _CompilerSlot:
    compiler: typst.Compiler
    fonts_digest: str
    lock: threading.Lock = field(default_factory=threading.Lock)


class Renderer:
    """Shared by every build in a process; thread-safe."""

    def __init__(self) -> None:
        self._slots: dict[tuple[Path, tuple[str, ...]], _CompilerSlot] = {}
        self._slots_lock = threading.Lock()
        self._file_digests: dict[Path, tuple[int, int, str]] = {}
        self._digest_lock = threading.Lock()
        self.fonts = FontLibrary(lambda: Path(cache_root()) / "font-coverage.json")
        self._plans: dict[tuple[Path, bytes, Path | None, bool], FontPlan] = {}
        self._fit_of: dict[str, int] = {}
        """Fingerprint -> fit step chosen, so a preview shows the page the PDF has."""

    # -- fingerprints ---------------------------------------------------------------------------
    def template_digest(self, template: Template) -> str:
        """Hash of every file of the template, by content (touching a file changes nothing)."""
        digest = hashlib.sha256()
        for path in sorted(_files(template.folder)):
            digest.update(str(path.relative_to(template.folder)).encode())
            digest.update(self._file_digest(path).encode())
        return digest.hexdigest()

    def font_plan(
        self, template: Template, data: dict[str, Any], settings: CompileSettings = DEFAULT_SETTINGS
    ) -> FontPlan:
        """Fonts to add for the resume's scripts; MissingFontError when a script has none."""
        return self.fonts.plan(
            data_scripts(data),
            template_fonts=template.fonts,
            style=template.script_fonts,
            user_fonts=settings.user_fonts,
            system=settings.system_fonts,
        )

    def _plan_for(
        self, template: Template, data: dict[str, Any], data_bytes: bytes, settings: CompileSettings
    ) -> FontPlan:
        """font_plan, remembered per data: the watcher and the PDF tab fingerprint the same jobs often."""
        key = (template.folder, hashlib.sha256(data_bytes).digest(), settings.user_fonts, settings.system_fonts)
        with self._digest_lock:
            plan = self._plans.get(key)
        if plan is None:
            plan = self.font_plan(template, data, settings)
            with self._digest_lock:
                if len(self._plans) > 1024:
                    self._plans.clear()
                self._plans[key] = plan
        elif plan.files:  # the choice is remembered; the files' size and time are read again
            plan = FontPlan(plan.families, plan.files, font_identity(plan.files))
        return plan

    def fingerprint(
        self, template: Template, data: dict[str, Any], settings: CompileSettings = DEFAULT_SETTINGS
    ) -> str:
        data_bytes = canonical_json(data)
        return self._fingerprint(template, data_bytes, self._plan_for(template, data, data_bytes, settings), settings)

    def _fingerprint(self, template: Template, data_bytes: bytes, plan: FontPlan, settings: CompileSettings) -> str:
        digest = hashlib.sha256()
        digest.update(f"typst {typst.__version__}\n".encode())  # type: ignore[attr-defined]  # not in typst's stub
        digest.update(self.template_digest(template).encode())
        digest.update(canonical_json(RENDER_OPTIONS))
        digest.update(data_bytes)
        digest.update(canonical_json({"fonts": plan.families, "files": plan.identity, "pages": settings.pages}))
        return digest.hexdigest()

    def _file_digest(self, path: Path) -> str:
        stat = path.stat()
        key = (stat.st_mtime_ns, stat.st_size)
        with self._digest_lock:
            cached = self._file_digests.get(path)
            if cached and cached[:2] == key:
                return cached[2]
        value = hashlib.sha256(path.read_bytes()).hexdigest()
        with self._digest_lock:
            self._file_digests[path] = (*key, value)
        return value

    # -- compiling ------------------------------------------------------------------------------
    def render(
        self, template: Template, data: dict[str, Any], settings: CompileSettings = DEFAULT_SETTINGS
    ) -> Rendered:
        """Compile to PDF, tightening step by step (up to the template's `fit-levels`) to fit the pages."""
        data_bytes = canonical_json(data)
        plan = self._plan_for(template, data, data_bytes, settings)
        fingerprint = self._fingerprint(template, data_bytes, plan, settings)
        slot = self._slot(template, plan)
        main = _read_main(template)
        compiled: dict[int, tuple[bytes, int]] = {}

        def at(level: int) -> tuple[bytes, int]:
            if level not in compiled:
                payload = canonical_json(_with_meta(data, fonts=list(plan.families), fit=level))
                with slot.lock:
                    try:
                        # typst's stub lists a path or bytes as `input`; the dict of files is what it compiles too.
                        pdf = slot.compiler.compile(
                            input={"main": main, "data.json": payload},  # type: ignore[type-var]
                            format="pdf",
                            timestamp=timestamp_for(fingerprint),
                            pdf_tags=PDF_TAGS,
                        )
                    except typst.TypstError as exc:
                        raise _template_error(template, exc) from None
                assert isinstance(pdf, bytes)
                compiled[level] = (pdf, count_pages(pdf) or 0)
            return compiled[level]

        level = fit_level(at, template.fit_levels, settings.pages)
        pdf, pages = at(level)
        self._fit_of[fingerprint] = level
        overflow = None
        if settings.pages is not None and pages > settings.pages:
            overflow = overflow_note(pdf, data, settings.pages, template)
        return Rendered(
            pdf=pdf, fingerprint=fingerprint, pages=pages, fit=level, overflow=overflow, fonts=plan.families
        )

    def render_png(
        self, template: Template, data: dict[str, Any], ppi: float = 60, settings: CompileSettings = DEFAULT_SETTINGS
    ) -> bytes:
        """The first page as PNG, for previews (same compiler, same lock, same data as the PDF)."""
        _files(template.folder)  # the same checks as a PDF build
        data_bytes = canonical_json(data)
        plan = self._plan_for(template, data, data_bytes, settings)
        fingerprint = self._fingerprint(template, data_bytes, plan, settings)
        if fingerprint not in self._fit_of and template.fit_levels:
            self.render(template, data, settings)  # learn the fit step the PDF uses
        payload = canonical_json(_with_meta(data, fonts=list(plan.families), fit=self._fit_of.get(fingerprint, 0)))
        slot = self._slot(template, plan)
        main = _read_main(template)
        with slot.lock:
            try:
                pages = slot.compiler.compile(
                    input={"main": main, "data.json": payload},  # type: ignore[type-var]
                    format="png",
                    ppi=ppi,
                )  # (a dict of files: see `render`)
            except typst.TypstError as exc:
                raise _template_error(template, exc) from None
        first = pages[0] if isinstance(pages, list) else pages
        assert isinstance(first, bytes)
        return first

    def _slot(self, template: Template, plan: FontPlan) -> _CompilerSlot:
        fonts_digest = self._fonts_digest(template)
        key = (template.folder, plan.files)
        with self._slots_lock:
            slot = self._slots.get(key)
            if slot is None or slot.fonts_digest != fonts_digest:
                fonts = [str(template.fonts)] if template.fonts.is_dir() else []
                if plan.files:
                    fonts.append(str(self.fonts.fontset_dir(plan.files, Path(cache_root()))))
                compiler = typst.Compiler(root=str(template.folder), font_paths=fonts, ignore_system_fonts=True)
                slot = _CompilerSlot(compiler, fonts_digest)
                self._slots[key] = slot
            return slot

    def _fonts_digest(self, template: Template) -> str:
        if not template.fonts.is_dir():
            return ""
        return ",".join(f"{p.name}:{self._file_digest(p)}" for p in sorted(template.fonts.iterdir()) if p.is_file())


def _read_main(template: Template) -> bytes:
    try:
        return template.main.read_bytes()
    except OSError as exc:
        raise TemplateError(f"{template.main}: cannot read: {exc.strerror or exc}") from None


def _with_meta(data: dict[str, Any], **extra: Any) -> dict[str, Any]:
    meta = object_at(data, "meta")
    return {**data, "meta": {**meta, **extra}}


def _files(folder: Path) -> list[Path]:
    """The template's files, checked: no link out of the folder, no FIFO (see template_files.py)."""
    from .template_files import template_files

    return template_files(folder)


def _diagnostic_file(template: Template, raw: str) -> Path:
    """Typst names files relative to the working directory, and our virtual main file "main"."""
    folder = template.folder.resolve()
    path = Path(raw) if Path(raw).is_absolute() else (Path.cwd() / raw)
    path = Path(os.path.normpath(path))
    if raw == "main" or path == folder / "main":
        return template.main
    if path.exists():
        return path
    return template.folder / raw.lstrip("/")


def _template_error(template: Template, exc: typst.TypstError) -> TemplateError:
    """Turn Typst's diagnostic into `path:line:col: message`, naming the real template file."""
    message = str(getattr(exc, "message", "") or exc).strip().splitlines()[0]
    diagnostic = str(getattr(exc, "diagnostic", "") or "")
    match = _DIAGNOSTIC_AT.search(diagnostic)
    hints = [h for h in (getattr(exc, "hints", None) or []) if h]
    hint = f" (hint: {hints[0]})" if hints else ""
    if not match:
        return TemplateError(f"template {template.name}: {message}{hint}", str(template.main))
    file = _diagnostic_file(template, match.group("file"))
    line, col = int(match.group("line")), int(match.group("col"))
    return TemplateError(f"{file}:{line}:{col}: {message}{hint}", str(file), line, col)
