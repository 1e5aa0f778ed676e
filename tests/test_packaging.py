"""The wheel must carry every package and the bundled templates and themes."""

from __future__ import annotations

import tomllib
from pathlib import Path

from jobber_tui.core.infra.paths import BUNDLED_TEMPLATES, BUNDLED_THEMES

ROOT = Path(__file__).resolve().parent.parent


def test_every_python_package_is_listed_for_the_wheel() -> None:
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {
        ".".join(path.parent.relative_to(ROOT).parts)
        for path in (ROOT / "jobber_tui").rglob("*.py")
        if "__pycache__" not in path.parts
    }
    data_dirs = {
        ".".join(p.relative_to(ROOT).parts)
        for p in (ROOT / "jobber_tui").rglob("*")
        if p.is_dir() and p.name != "__pycache__" and any(p.glob("*.json"))
    }
    assert found - listed == set()
    assert data_dirs - listed == set()
    assert {"jobber_tui.resume_templates", "jobber_tui.themes"} <= listed


def test_bundled_folders_are_found() -> None:
    assert (BUNDLED_TEMPLATES / "classic" / "main.typ").is_file()
    assert (BUNDLED_TEMPLATES / "modern" / "main.typ").is_file()
    assert BUNDLED_THEMES.is_dir()


def test_the_wheel_says_the_package_is_typed() -> None:
    # PEP 561: without py.typed in the wheel, type checkers of code that imports jobber_tui ignore its hints.
    package_data = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["package-data"]
    assert "py.typed" in package_data["jobber_tui"]
    assert (ROOT / "jobber_tui" / "py.typed").is_file()
