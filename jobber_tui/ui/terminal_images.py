"""Pictures in the terminal: Kitty graphics or Sixel through textual-image, else Unicode half-blocks.

textual-image learns what a terminal can draw by asking it, when it is first imported. That only
works before Textual owns the terminal: afterwards Textual's input thread takes the answers, and
the questions flip the terminal's mode under it. Asking also costs ~60 ms of imports plus up to
0.1 s per unanswered question, so `prepare` asks only in terminals that announce graphics support
(or when `ui.images = "on"`). Everywhere else, and in headless runs, pictures are drawn with
half-blocks by `HalfBlockImage` and the terminal is never queried.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from jobber_tui.core.infra.logs import get_logger

if TYPE_CHECKING:
    from textual_image.widget import AutoImage
    from textual_image.widget.sixel import Image as SixelImage

    from jobber_tui.ui.widgets.halfblock_image import HalfBlockImage

    PictureWidget = HalfBlockImage | AutoImage | SixelImage
    """The widgets `picture_widget` makes; each shows a new picture when its `image` is set."""

log = get_logger("ui")
_GRAPHICS_TERMS = ("xterm-kitty", "xterm-ghostty", "foot", "foot-extra", "mlterm", "contour", "wezterm")
_GRAPHICS_PROGRAMS = ("WezTerm", "iTerm.app", "ghostty", "mintty")


def announces_graphics(env: Mapping[str, str]) -> bool:
    """Whether the environment says this terminal draws Kitty graphics or Sixel.

    Multiplexers (tmux, screen) pass neither through, whatever runs outside them.
    """
    if env.get("TMUX") or env.get("STY"):
        return False
    return bool(
        env.get("KITTY_WINDOW_ID")
        or env.get("WEZTERM_PANE")
        or env.get("KONSOLE_VERSION")
        or env.get("TERM", "") in _GRAPHICS_TERMS
        or env.get("TERM_PROGRAM", "") in _GRAPHICS_PROGRAMS
    )


def prepare(setting: Any = "auto") -> None:
    """Let textual-image ask the terminal now, before the app runs. `setting`: config `ui.images`,
    "auto" (the default: only where the terminal announces graphics), "on" or "off"."""
    if setting == "off" or (setting != "on" and not announces_graphics(os.environ)):
        return
    try:
        import textual_image.widget  # noqa: F401 - the import is the question
    except Exception as exc:  # noqa: BLE001 - no pictures is no reason to not start
        log.warning("textual-image unavailable; previews use half-blocks", extra={"data": {"error": str(exc)}})


def picture_widget(picture: Any, *, headless: bool, id: str | None = None) -> PictureWidget:
    """A widget showing a PIL image: textual-image's when it found Kitty graphics or Sixel, else half-blocks."""
    renderables = sys.modules.get("textual_image.renderable")
    widgets = sys.modules.get("textual_image.widget")
    if not headless and renderables is not None and widgets is not None:
        from textual_image.renderable.sixel import Image as Sixel
        from textual_image.renderable.tgp import Image as Tgp

        if renderables.Image in (Sixel, Tgp):
            image: AutoImage | SixelImage = widgets.Image(picture, id=id)
            return image
    from jobber_tui.ui.widgets.halfblock_image import HalfBlockImage

    return HalfBlockImage(picture, id=id)
