"""The first-page preview in the job view's PDF tab: caption, picture, rebuilds and broken templates."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from ui_helpers import until

from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES
from jobber_tui.core.resume.processing import generate_pdf
from jobber_tui.ui import build_app
from jobber_tui.ui.app import JobberApp
from jobber_tui.ui.screens.help_screen import keys_of
from jobber_tui.ui.screens.job_screen import JobScreen
from jobber_tui.ui.widgets.halfblock_image import HalfBlockImage
from jobber_tui.ui.widgets.pdf_preview import PdfPreview

pytestmark = pytest.mark.anyio
SIZE = (120, 34)
TIMEOUT = 10.0


def caption(preview: PdfPreview) -> str:
    return str(preview.query_one("#preview-caption").render())


def error_text(preview: PdfPreview) -> str:
    widget = preview.query_one("#preview-error")
    return str(widget.render()) if widget.display else ""


async def open_pdf_tab(app: JobberApp, pilot: Pilot[Any], job_id: int) -> PdfPreview:
    await app.push_screen(JobScreen(app.workspace, job_id))
    await pilot.press("3")
    preview = app.screen.query_one(PdfPreview)
    await until(pilot, lambda: preview.renders >= 1, "the first render")
    return preview


async def test_caption_and_picture_follow_each_rebuild(home: Path, ready_job: int) -> None:
    app = build_app(home)
    async with app.run_test(size=SIZE) as pilot:
        preview = await open_pdf_tab(app, pilot, ready_job)
        assert "page 1 of 1 · current · rendered " in caption(preview)
        assert preview.query(HalfBlockImage)  # headless: half-blocks, the terminal is never queried
        ws = app.workspace

        ws.store.patch(ready_job, {"tailoredHeadline": "Quokka Fleet Lead"})
        app.broadcast_jobs_changed(frozenset({ready_job}))
        await until(
            pilot,
            lambda: preview.renders >= 2 and "· stale ·" in caption(preview),
            "the preview to show the job went stale",
        )

        generate_pdf(ws, ready_job)
        app.broadcast_jobs_changed(frozenset({ready_job}))
        await until(
            pilot,
            lambda: preview.renders >= 3 and "· current · rendered" in caption(preview),
            "the preview to follow the rebuild",
        )
        assert error_text(preview) == ""


async def test_broken_template_shows_its_error_over_the_last_good_picture(home: Path, ready_job: int) -> None:
    app = build_app(home)
    async with app.run_test(size=SIZE) as pilot:
        preview = await open_pdf_tab(app, pilot, ready_job)
        picture = preview.query_one(HalfBlockImage)
        main = home / "templates" / "mine" / "main.typ"
        main.write_text(main.read_text(encoding="utf-8") + "\n#let broken = (\n", encoding="utf-8")
        await pilot.press("v")
        await until(pilot, lambda: "main.typ:" in error_text(preview), "the template error in the preview")
        assert preview.query_one(HalfBlockImage) is picture and picture.image is not None
        assert "last good render" in caption(preview)

        main.write_text((BUNDLED_TEMPLATES / "classic" / "main.typ").read_text(encoding="utf-8"), encoding="utf-8")
        await pilot.press("v")
        await until(pilot, lambda: error_text(preview) == "", "the error to go once the template is fixed")


async def test_v_is_offered_only_where_a_preview_is(home: Path, ready_job: int) -> None:
    app = build_app(home)
    async with app.run_test(size=SIZE) as pilot:
        assert not any("preview" in k.description for k in keys_of(app.screen))
        await open_pdf_tab(app, pilot, ready_job)
        assert any(k.description == "Render the PDF preview again" for k in keys_of(app.screen))


def test_the_queues_screen_loads_no_image_libraries(home: Path) -> None:
    """First paint stays fast: Pillow and textual-image load only when a preview is first shown."""
    script = (
        "import asyncio, json, sys\n"
        "from jobber_tui.ui import build_app\n"
        "async def main():\n"
        f"    app = build_app({str(home)!r})\n"
        "    async with app.run_test() as pilot:\n"
        "        await pilot.pause()\n"
        "    app.workspace.close()\n"
        "    heavy = ('PIL', 'textual_image', 'typst', 'watchfiles')\n"
        "    print(json.dumps(sorted(m for m in heavy if m in sys.modules)))\n"
        "asyncio.run(main())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"TERM": "xterm-kitty"}, True),
        ({"TERM": "xterm-256color", "TERM_PROGRAM": "WezTerm"}, True),
        ({"TERM": "xterm-256color"}, False),
        ({"TERM": "xterm-kitty", "TMUX": "/tmp/tmux-0/default,1,0"}, False),
    ],
)
def test_only_terminals_that_announce_graphics_are_asked(env: dict[str, str], expected: bool) -> None:
    from jobber_tui.ui.terminal_images import announces_graphics

    assert announces_graphics(env) is expected
