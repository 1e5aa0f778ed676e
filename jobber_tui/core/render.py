"""Compiling resumes with the typst Python bindings.

One long-lived `typst.Compiler` per template keeps fonts and parsed files cached; a lock per
compiler makes sure it is used from one thread at a time. Data reaches Typst only as the
virtual file `data.json` (read with `json("data.json")`), never as Typst source, so a job
description holding `#read("/etc/passwd")` is printed, not run.
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

from .errors import OperationFailed
from .templates import Template

RENDER_OPTIONS = {"format": "pdf", "pdf_tags": True}
"""Part of the fingerprint: changing how we compile makes every PDF stale."""

_DIAGNOSTIC_AT = re.compile(r"┌─\s*(?P<file>[^\s:]+):(?P<line>\d+):(?P<col>\d+)")
_PAGE_COUNT = re.compile(rb"/Type\s*/Pages\s*/Count\s+(\d+)")


class TemplateError(OperationFailed):
    """Typst refused the template; the message carries file, line and column."""

    def __init__(self, message: str, file: str | None = None, line: int | None = None,
                 column: int | None = None) -> None:
        super().__init__(message)
        self.file, self.line, self.column = file, line, column


@dataclass
class Rendered:
    pdf: bytes
    fingerprint: str
    pages: int


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def count_pages(pdf: bytes) -> int | None:
    match = _PAGE_COUNT.search(pdf)
    return int(match.group(1)) if match else None


def timestamp_for(fingerprint: str) -> int:
    """The PDF creation time, derived from the inputs so equal inputs give identical bytes."""
    return 946_684_800 + int(fingerprint[:8], 16) % 1_000_000_000


@dataclass
class _CompilerSlot:
    compiler: typst.Compiler
    fonts_digest: str
    lock: threading.Lock = field(default_factory=threading.Lock)


class Renderer:
    """Shared by every build in a process; thread-safe."""

    def __init__(self) -> None:
        self._slots: dict[Path, _CompilerSlot] = {}
        self._slots_lock = threading.Lock()
        self._file_digests: dict[Path, tuple[int, int, str]] = {}
        self._digest_lock = threading.Lock()

    # -- fingerprints ---------------------------------------------------------------------------
    def template_digest(self, template: Template) -> str:
        """Hash of every file of the template, by content (touching a file changes nothing)."""
        digest = hashlib.sha256()
        for path in sorted(_files(template.folder)):
            digest.update(str(path.relative_to(template.folder)).encode())
            digest.update(self._file_digest(path).encode())
        return digest.hexdigest()

    def fingerprint(self, template: Template, data_bytes: bytes) -> str:
        digest = hashlib.sha256()
        digest.update(f"typst {typst.__version__}\n".encode())
        digest.update(self.template_digest(template).encode())
        digest.update(canonical_json(RENDER_OPTIONS))
        digest.update(data_bytes)
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
    def render(self, template: Template, data: dict[str, Any]) -> Rendered:
        data_bytes = canonical_json(data)
        fingerprint = self.fingerprint(template, data_bytes)
        slot = self._slot(template)
        try:
            main = template.main.read_bytes()
        except OSError as exc:
            raise TemplateError(f"{template.main}: cannot read: {exc.strerror or exc}") from None
        with slot.lock:
            try:
                pdf = slot.compiler.compile(
                    input={"main": main, "data.json": data_bytes},
                    format="pdf",
                    timestamp=timestamp_for(fingerprint),
                    pdf_tags=RENDER_OPTIONS["pdf_tags"],
                )
            except typst.TypstError as exc:
                raise _template_error(template, exc) from None
        assert isinstance(pdf, bytes)
        return Rendered(pdf=pdf, fingerprint=fingerprint, pages=count_pages(pdf) or 0)

    def render_png(self, template: Template, data: dict[str, Any], ppi: float = 60) -> bytes:
        """The first page as PNG, for previews (same compiler, same lock, same data as the PDF)."""
        _files(template.folder)  # the same checks as a PDF build
        slot = self._slot(template)
        try:
            main = template.main.read_bytes()
        except OSError as exc:
            raise TemplateError(f"{template.main}: cannot read: {exc.strerror or exc}") from None
        with slot.lock:
            try:
                pages = slot.compiler.compile(input={"main": main, "data.json": canonical_json(data)},
                                              format="png", ppi=ppi)
            except typst.TypstError as exc:
                raise _template_error(template, exc) from None
        first = pages[0] if isinstance(pages, list) else pages
        assert isinstance(first, bytes)
        return first

    def _slot(self, template: Template) -> _CompilerSlot:
        fonts_digest = self._fonts_digest(template)
        with self._slots_lock:
            slot = self._slots.get(template.folder)
            if slot is None or slot.fonts_digest != fonts_digest:
                fonts = [str(template.fonts)] if template.fonts.is_dir() else []
                compiler = typst.Compiler(root=str(template.folder), font_paths=fonts, ignore_system_fonts=True)
                slot = _CompilerSlot(compiler, fonts_digest)
                self._slots[template.folder] = slot
            return slot

    def _fonts_digest(self, template: Template) -> str:
        if not template.fonts.is_dir():
            return ""
        return ",".join(f"{p.name}:{self._file_digest(p)}" for p in sorted(template.fonts.iterdir()) if p.is_file())


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
