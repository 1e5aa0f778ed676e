"""The Description tab shows a posting's structure: list items with their text, nested and numbered
lists, headings, line breaks; old descriptions with orphan bullets show their bullets too."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.containers import Vertical
from textual.widgets import Markdown
from textual.widgets._markdown import (
    MarkdownBullet,
    MarkdownBulletList,
    MarkdownHeader,
    MarkdownOrderedList,
    MarkdownParagraph,
)
from ui_helpers import open_job

from conftest import add_demo_job as add_job
from jobber_tui.core.infra.html_text import html_to_text
from jobber_tui.ui import build_app

pytestmark = pytest.mark.anyio
SIZE = (120, 34)
ASHBY = (
    "<p><strong>About the role</strong></p><h3></h3><h3>What you will do</h3><ul><li><p>Design the ledger</p>"
    "</li><li><p>Own observability</p><ul><li><p>Prometheus</p></li></ul></li><li><p></p></li></ul>"
    "<ol><li><p>Rust</p></li><li><p>Agronomy</p></li></ol><p>Benefits:<br>401(k) match<br>Learning budget</p>"
)
LEGACY = "## What you will do\n\n-\n\nDesign the ledger\n\n-\n\nRun it\n\n###\n\nThanks"
"""A description stored by the old converter: a `-` line above each item's paragraph, an empty heading."""


def _plain(widget: Any) -> str:
    return str(widget._content.plain if hasattr(widget, "_content") else widget.render())


def _items(markdown: Markdown, kind: type) -> list[list[str]]:
    """Each list's items as "<bullet> <the item's own paragraphs>" (a list renders an item as a row of
    its bullet and a column of its blocks)."""
    lists = []
    for shown in markdown.query(kind):
        rows = []
        for row in shown.children:
            bullet = row.query_one(MarkdownBullet).symbol
            column = row.query_one(Vertical)
            texts = [_plain(p) for p in column.children if isinstance(p, MarkdownParagraph)]
            rows.append(" ".join([bullet.strip(), *texts]))
        lists.append(rows)
    return lists


async def test_description_tab_shows_lists_headings_and_breaks(job_home: Path) -> None:
    job_id = add_job(job_home, jobDescription=html_to_text(ASHBY))
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        markdown = screen.query_one(Markdown)
        bullets = _items(markdown, MarkdownBulletList)
        assert bullets[0] == ["• Design the ledger", "• Own observability"]  # the empty third item: no bullet
        assert bullets[1][0].endswith(" Prometheus")  # nested under "Own observability"
        assert _items(markdown, MarkdownOrderedList) == [["1. Rust", "2. Agronomy"]]
        assert [_plain(h) for h in markdown.query(MarkdownHeader)] == ["What you will do"]
        paragraphs = [_plain(p) for p in markdown.query(MarkdownParagraph)]
        assert paragraphs[-1] == "Benefits:\n401(k) match\nLearning budget", repr(paragraphs[-1])


async def test_old_descriptions_with_orphan_bullets_show_their_items(job_home: Path) -> None:
    job_id = add_job(job_home, jobDescription=LEGACY)
    app = build_app(home=job_home)
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_job(app, pilot, job_id)
        markdown = screen.query_one(Markdown)
        assert _items(markdown, MarkdownBulletList) == [["• Design the ledger", "• Run it"]]
        assert [_plain(h) for h in markdown.query(MarkdownHeader)] == ["What you will do"]
