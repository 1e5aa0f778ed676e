"""The UI side of issue 20: the pipeline screen shows a search's row beside the boards, with its
progress and its filtered count; the add-board form takes the new kinds (a pasted Workday URL) and
adds SmartRecruiters only when its robots.txt box is ticked."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from discovery.board_server import DEMO_RESUME, Loopback, Reply
from test_pipeline_ui import SIZE, open_pipeline, run_to_the_end, screen_text
from textual.widgets import Checkbox, Input, Select

from jobber_tui.core.discovery.sources import specs_from_config
from jobber_tui.core.workspace import open_workspace
from jobber_tui.ui import build_app
from jobber_tui.ui.screens.add_source_screen import AddSourceScreen
from jobber_tui.ui.widgets.source_progress_table import SourceProgressTable

pytestmark = pytest.mark.anyio
BOARDS = Path(__file__).resolve().parent.parent / "fixtures" / "boards"


async def test_a_search_has_its_row_with_progress_and_counts(home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server = Loopback()
    try:
        server.route(
            "/api", Reply(200, (BOARDS / "remoteok_api.json").read_bytes(), {"Content-Type": "application/json"})
        )
        monkeypatch.setenv("JOBBER_REMOTEOK_BASE_URL", server.url)
        home.mkdir(parents=True, exist_ok=True)
        shutil.copy(DEMO_RESUME, home / "resume.json")
        (home / "config.toml").write_text(
            '[discovery]\ntimeout = 0.5\nretries = 0\n\n[[searches]]\nprovider = "remoteok"\nquery = "go"\n'
        )
        app = build_app(home=home)
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_pipeline(app, pilot)
            assert "remoteok/go" in screen_text(app) and "waiting" in screen_text(app)
            await pilot.press("r")
            await run_to_the_end(app, pilot, screen)
            row = [
                cell.plain if hasattr(cell, "plain") else str(cell)
                for cell in screen.query_one(SourceProgressTable).get_row("remoteok/go")
            ]
            assert row[:7] == ["remoteok/go", "fetched", "3", "2", "0", "0", "1"]  # new 2, left 0, filtered 1
            assert "Boards and searches" in screen_text(app)
    finally:
        server.close()


async def test_add_board_takes_a_workday_url_and_asks_before_smartrecruiters(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('theme = "jobber-dark"\n')
    app = build_app(home=home)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("B", "a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AddSourceScreen)
        assert not dialog.query_one("#source-ignore-robots").display
        dialog.query_one(Select).value = "workday"
        await pilot.pause()
        assert "tenant.wdN/site" in str(dialog.query_one("#add-source-hint").render())
        dialog.query_one("#source-board", Input).value = "https://tallgrass.wd1.myworkdayjobs.com/en-US/Careers"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, AddSourceScreen)

        await pilot.press("a")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one(Select).value = "smartrecruiters"
        await pilot.pause()
        box = dialog.query_one("#source-ignore-robots", Checkbox)
        assert box.display and "robots.txt disallows" in str(dialog.query_one("#add-source-hint").render())
        dialog.query_one("#source-board", Input).value = "OrsolaMedical"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AddSourceScreen)  # refused: the box is not ticked
        assert "--ignore-robots" in str(dialog.query_one("#add-source-hint").render())
        box.value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, AddSourceScreen)
    ws = open_workspace(home, startup=False)
    try:
        specs = specs_from_config(ws.settings.sources)
    finally:
        ws.close()
    assert [(s.kind, s.board, s.ignore_robots) for s in specs] == [
        ("workday", "tallgrass.wd1/Careers", False),
        ("smartrecruiters", "OrsolaMedical", True),
    ]
