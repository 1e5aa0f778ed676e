"""The add-board form sets a board's employer name, and says which boards need one."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Select

from jobber_tui.core.discovery.sources import specs_from_config
from jobber_tui.core.workspace import open_workspace
from jobber_tui.ui import build_app
from jobber_tui.ui.screens.add_source_screen import AddSourceScreen

pytestmark = pytest.mark.anyio


async def test_the_employer_field_names_a_lever_board(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.toml").write_text('theme = "jobber-dark"\n')
    app = build_app(home=home)
    async with app.run_test(size=(120, 34)) as pilot:
        await pilot.press("B", "a")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, AddSourceScreen)
        dialog.query_one(Select).value = "lever"
        await pilot.pause()
        hint = str(dialog.query_one("#add-source-hint").render())
        assert "Lever's API never names the company" in hint
        dialog.query_one("#source-board", Input).value = "quillon"
        dialog.query_one("#source-employer", Input).value = "Quillon Health"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, AddSourceScreen)
    ws = open_workspace(home, startup=False)
    try:
        spec = specs_from_config(ws.settings.sources)[0]
    finally:
        ws.close()
    assert (spec.kind, spec.board, spec.employer) == ("lever", "quillon", "Quillon Health")
    assert spec.employer_name() == "Quillon Health" and spec.employer_name("From The API") == "From The API"
