"""The docs site and the front page (issue 19): references written from the code and never stale,
screenshots that are the snapshot tests' own, a README that stays a front page and keeps CI's line."""

from __future__ import annotations

import importlib.util
import re
from dataclasses import fields
from pathlib import Path
from types import ModuleType

import pytest

from jobber_tui.cli.command_tree import command_tree, full_parser

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"


def load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, DOCS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen_reference = load("gen_reference")


def test_the_committed_reference_pages_are_what_the_code_gives() -> None:
    stale = gen_reference.stale_pages()
    assert not stale, f"run `python docs/gen_reference.py` and commit: {sorted(p.name for p in stale)}"


def test_a_changed_setting_makes_the_configuration_reference_stale(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The check sees a difference: the same model with one help line changed gives another page."""
    for name in gen_reference.PAGES:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text((DOCS / name).read_text())
    monkeypatch.setattr(gen_reference, "DOCS", tmp_path)
    assert gen_reference.stale_pages() == {}
    model = gen_reference.config_model()
    watch = next(f for f in fields(model.UiConfig) if f.name == "watch")
    monkeypatch.setattr(watch, "metadata", {**watch.metadata, "doc": "a brand-new help line"})
    stale = gen_reference.stale_pages()
    assert list(stale) == [tmp_path / "reference/configuration.md"]
    page = stale[tmp_path / "reference/configuration.md"]
    assert "| `watch` | true/false | `true` | a brand-new help line. |" in page


def test_the_configuration_reference_has_every_section_and_key() -> None:
    page = (DOCS / "reference/configuration.md").read_text()
    model = gen_reference.config_model()
    for f in fields(model.Settings):
        table = gen_reference._table_of(f)
        if table is None:
            assert f"| `{f.name}` |" in page
            continue
        cls, header = table
        section = page[page.index(f"## `{header.format(name=f.name)}`") :]
        section = section[: section.find("\n## ", 1)] if "\n## " in section[1:] else section
        for key in fields(cls):
            assert re.search(rf"^\| `{key.name}` \|", section, flags=re.M), (f.name, key.name)
    assert (
        "| `max_projects` | whole number | `3` | at most this many projects per tailored resume. From 0 to 20. |"
        in page
    )
    assert "| `kind` | text | *required* |" in page
    assert "## `[[sources]]`" in page and "## `[templates.NAME]`" in page


def test_the_cli_reference_has_every_command_with_its_usage() -> None:
    page = (DOCS / "reference/cli.md").read_text()
    for command in list(command_tree(full_parser()).walk())[1:]:
        assert re.search(rf"^#+ {re.escape(command.name)}$", page, flags=re.M), command.name
    assert "usage: jobber jobs generate-pdf [-h] [--home DIR] [--debug] [--all-ready] [--json] [ID ...]" in page
    assert "| `--all-ready` | every ready job (one batch) |" in page


def test_the_screenshots_are_the_snapshot_tests_own() -> None:
    shots = load("make_screenshots")
    wanted = shots.wanted()
    assert wanted and all(path.read_bytes() == data for path, data in wanted.items()), (
        "run `python docs/make_screenshots.py` and commit docs/screenshots/"
    )
    assert {p.name for p in (DOCS / "screenshots").glob("*.svg")} == {p.name for p in wanted}


def test_every_page_is_in_the_nav() -> None:
    nav = (ROOT / "mkdocs.yml").read_text()
    pages = {p.relative_to(DOCS).as_posix() for p in DOCS.rglob("*.md")}
    missing = {p for p in pages if f": {p}" not in nav}
    assert not missing, missing
    assert ": template-contract.md" in nav and ": changelog.md" in nav  # added by docs/hooks.py


README_LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_the_readme_is_a_front_page_with_ci_s_command_and_working_links() -> None:
    text = (ROOT / "README.md").read_text()
    assert len(text.splitlines()) <= 150
    command = text.split("<!-- ci-test-command -->", 1)[1].split("```")[1].split("\n")[1]
    assert command == (
        "python -m pip install -e '.[test,docs]' && ruff check . && ruff format --check . && mypy"
        " && mkdocs build --strict && python -m pytest"
    )
    assert "![" in text and "pipx install ." in text and "uv tool install ." in text
    for target in README_LINK.findall(text):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target


def test_one_version() -> None:
    import tomllib

    import jobber_tui

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "version" not in project and project["dynamic"] == ["version"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", jobber_tui.__version__)
    assert f"## [{jobber_tui.__version__}]" in (ROOT / "CHANGELOG.md").read_text()
