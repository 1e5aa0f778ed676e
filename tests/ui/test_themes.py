"""Themes: bundled files load, the choice is saved and restored, a broken file never stops Jobber."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from ui_helpers import notices, run_from_palette

from jobber_tui.core.infra.paths import BUNDLED_THEMES
from jobber_tui.ui import build_app
from jobber_tui.ui.themes import ThemeFileError, load_theme_file, load_themes

pytestmark = pytest.mark.anyio
SIZE = (100, 30)


def test_bundled_themes_load() -> None:
    themes, problems = load_themes([BUNDLED_THEMES])
    assert problems == []
    names = {theme.name for theme in themes}
    assert {"jobber-dark", "jobber-light", "jobber-nord"} <= names
    assert {theme.name: theme.dark for theme in themes}["jobber-light"] is False


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('name = "x"\nprimary = "#12345"\n', "#12345"),
        ('primary = "#123456"\ncolour = "red"\n', "unknown key 'colour'"),
        ('name = "x"\n', "missing required key 'primary'"),
        ("primary = [1, 2]\n", "'primary' must be a string"),
        ('primary = "#123456\n', "invalid TOML"),
    ],
)
def test_broken_theme_files_are_named_with_the_problem(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text)
    with pytest.raises(ThemeFileError) as caught:
        load_theme_file(path)
    assert str(path) in str(caught.value) and problem in str(caught.value)


def test_user_theme_overrides_a_bundled_one(tmp_path: Path) -> None:
    (tmp_path / "jobber-dark.toml").write_text('name = "jobber-dark"\nprimary = "#FF0000"\n')
    themes, _ = load_themes([BUNDLED_THEMES, tmp_path])
    assert {theme.name: theme.primary for theme in themes}["jobber-dark"] == "#FF0000"


async def test_theme_picked_with_t_is_saved_and_restored(home: Path) -> None:
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "jobber-dark"
        await run_from_palette(app, pilot, "jobber-light", "jobber-light", key="t")
        await pilot.pause()
        assert app.theme == "jobber-light"
    assert tomllib.loads((home / "config.toml").read_text())["theme"] == "jobber-light"
    again = build_app(home=home)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "jobber-light"


async def test_broken_theme_file_is_reported_and_jobber_falls_back(home: Path) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "themes").mkdir()
    (home / "themes" / "sunset.toml").write_text('primary = "not-a-colour"\n')
    (home / "config.toml").write_text('theme = "sunset"\n')
    app = build_app(home=home)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "jobber-dark"
        text = notices(app)
        assert "sunset.toml" in text and "not-a-colour" in text
        assert "theme 'sunset'" in text and "using jobber-dark" in text
