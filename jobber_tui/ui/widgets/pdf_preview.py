"""The first page of a job's resume as Typst renders it now, under a caption; it follows every rebuild.

The picture is rendered from the job's current inputs (as the PDF would be), in a thread, and only
while the preview is on screen. It is drawn with Kitty graphics or Sixel where the terminal has
them, else with half-blocks (see `ui/terminal_images.py`). A template that does not compile shows
its error (file:line:col) above the last good picture.
"""

from __future__ import annotations

import io
import re
from functools import partial
from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Container, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from ...core.infra.errors import JobberError
from ...core.workspace import Workspace

if TYPE_CHECKING:
    from textual import getters

    from ..app import JobberApp
    from ..terminal_images import PictureWidget

PPI = 80
"""Pixels per inch of the rendered page: an A4 page is ~660x940 px, sharp enough for Sixel/Kitty."""
_LONG_PATH = re.compile(r"(?:[A-Za-z]:)?[/\\][^\s:]*[/\\]([^/\\\s:]+[/\\][^/\\\s:]+:\d+:\d+)")
"""A template file's absolute path in an error: the narrow preview keeps "…/classic/main.typ:4:2"."""


def _rebuild_key(status: dict[str, Any] | None) -> tuple[Any, ...] | None:
    """What changes when the PDF is rebuilt, goes stale or fails: a new key means a new picture."""
    if not status:
        return None
    return tuple(status.get(k) for k in ("path", "exists", "state", "pages", "generatedAt", "lastError"))


def _decode(png: bytes) -> Any:
    """PNG bytes as an RGB PIL image (transparency on white, like paper). Pillow is imported here,
    in the worker, so it never slows the UI's start."""
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    if image.mode in ("RGBA", "LA", "P"):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, "white")
        return Image.alpha_composite(paper, rgba).convert("RGB")
    return image.convert("RGB")


class PdfPreview(Vertical):
    """Needs a job view around it: reads `job_id` from its screen (and the workspace from the app)."""

    if TYPE_CHECKING:
        app = getters.app(JobberApp)

    DEFAULT_CSS = """
    PdfPreview {
        width: 1fr;
        height: 1fr;
        & > #preview-caption { height: auto; color: $text-muted; }
        & > #preview-error { height: auto; color: $text-error; display: none; }
        & > #preview-error.-shown { display: block; }
        & > #preview-frame { height: 1fr; }
        & #preview-picture { width: auto; height: 1fr; }
        & HalfBlockImage#preview-picture { width: 1fr; }
    }
    """

    class Rendered(Message):
        """A render finished: a picture (PIL image), or the error that stopped it."""

        def __init__(self, picture: Any, error: str | None, at: str, images: bool = True) -> None:
            super().__init__()
            self.picture, self.error, self.at, self.images = picture, error, at, images

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.status: dict[str, Any] | None = None
        """The job's `pdf_status` as last shown."""
        self.renders = 0
        """How many renders finished (tests wait on it)."""
        self._key: tuple[Any, ...] | None = None
        self._wanted = False
        """A render is due (the PDF changed, or `v`) and waits for the preview to be on screen."""
        self._on_screen = False
        self._rendering = False
        self._picture: PictureWidget | None = None
        self._picture_at = ""
        self._error: str | None = None
        self._images = True

    def compose(self) -> ComposeResult:
        yield Static("", id="preview-caption", markup=False)
        yield Static("", id="preview-error", markup=False)
        yield Container(id="preview-frame")

    def on_mount(self) -> None:
        self._show_caption()

    def show(self, status: dict[str, Any] | None) -> None:
        """The PDF's status changed (or was re-read): re-render if the PDF was rebuilt, went stale or failed."""
        self.status = status
        key = _rebuild_key(status)
        if key != self._key:
            self._key = key
            self._wanted = True
        self._render_if_due()
        self._show_caption()

    def refresh_preview(self) -> None:
        """Render again now (or as soon as the preview is on screen)."""
        self._wanted = True
        self._render_if_due()
        self._show_caption()

    def on_show(self, _event: events.Show) -> None:
        self._on_screen = True
        self._render_if_due()

    def on_hide(self, _event: events.Hide) -> None:
        self._on_screen = False

    # -- rendering --------------------------------------------------------------------------
    def _render_if_due(self) -> None:
        status, job_id = self.status, getattr(self.screen, "job_id", None) if self.is_mounted else None
        if not (self._wanted and self._on_screen and status and status.get("exists") and job_id is not None):
            return
        self._wanted = False
        self._rendering = True
        ws = self.app.workspace
        # An app worker, so an unexpected failure reaches the app's one error handler.
        self.app.run_worker(
            partial(self._render_page, ws, int(job_id)),
            thread=True,
            group="pdf-preview",
            exclusive=True,
            exit_on_error=False,
        )

    def _render_page(self, ws: Workspace, job_id: int) -> None:
        """In a thread: Typst renders the first page to PNG; a broken template gives its error instead."""
        from ...core.resume.preview import first_page_png

        picture, error, images = None, None, True
        try:
            png = first_page_png(ws, job_id, ppi=PPI)
        except JobberError as exc:
            error = str(exc)
        except Exception as exc:  # the app's handler reports it; the caption must not stay "rendering…"
            self.post_message(self.Rendered(None, f"{type(exc).__name__}: {exc}", ws.clock().strftime("%H:%M:%S")))
            raise
        else:
            try:
                picture = _decode(png)
            except ImportError:  # no Pillow: the caption says so
                images = False
        if not get_current_worker().is_cancelled:
            self.post_message(self.Rendered(picture, error, ws.clock().strftime("%H:%M:%S"), images))

    @on(Rendered)
    async def _rendered(self, message: Rendered) -> None:
        self._rendering = False
        self.renders += 1
        self._images = message.images
        self._error = message.error
        if message.picture is not None:
            self._picture_at = message.at
            if self._picture is None:
                from ..terminal_images import picture_widget

                self._picture = picture_widget(message.picture, headless=self.app.is_headless, id="preview-picture")
                await self.query_one("#preview-frame").mount(self._picture)
            else:
                self._picture.image = message.picture
        self._show_caption()

    # -- caption ----------------------------------------------------------------------------
    def _show_caption(self) -> None:
        if not self.is_mounted:
            return
        status = self.status
        error = self.query_one("#preview-error", Static)
        error.set_class(bool(self._error), "-shown")
        error.update(Content("✗ " + _LONG_PATH.sub(r"…/\1", self._error)) if self._error else "")
        self.query_one("#preview-caption", Static).update(self._caption(status))

    def _caption(self, status: dict[str, Any] | None) -> Content:
        if status is None:
            return Content.styled("preview: loading…", "dim")
        if not status.get("exists"):
            return Content.styled("preview: no PDF yet", "dim")
        page = f"page 1 of {status.get('pages') or '?'}"
        if not self._images:
            return Content(f"preview: {page} (images not supported here)")
        state = str(status.get("state") or "")
        parts = [
            Content(page),
            Content.styled(state, "bold $text-success" if state == "current" else "bold $text-warning"),
        ]
        if self._rendering and not self._picture_at:
            parts.append(Content("rendering…"))
        elif self._picture_at:
            parts.append(Content(f"{'last good render' if self._error else 'rendered'} {self._picture_at}"))
        elif self._error:
            parts.append(Content.styled("not rendered", "$text-error"))
        return Content(" · ").join(parts)
