"""The tailored skills as text, one `Group: keyword, keyword` line per group, checked as you type."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Static, TextArea

from ...core.infra.errors import BadInput
from ...core.resume.skills_text import parse_skills_text
from .field_text_area import FieldTextArea


class SkillsField(Vertical):
    """Shows the parse error under the text at once, so a bad line is fixed before saving."""

    DEFAULT_CSS = """
    SkillsField { height: auto; }
    SkillsField > .skills-error { color: $text-error; height: auto; display: none; }
    SkillsField.-invalid > .skills-error { display: block; }
    SkillsField.-invalid > FieldTextArea { border: tall $error; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.text_area = FieldTextArea(
            id="skills-text",
            suffix=".txt",
            placeholder=(
                "empty: Finalize picks groups from the base resume\n(one line per group, e.g.  Languages: Go, Python)"
            ),
        )
        """The text the user types; `text` and `groups()` read it."""

    def compose(self) -> ComposeResult:
        yield self.text_area
        yield Static("", classes="skills-error")

    @property
    def text(self) -> str:
        return self.text_area.text

    @text.setter
    def text(self, value: str) -> None:
        self.text_area.text = value

    def groups(self) -> list[dict[str, Any]] | None:
        """The parsed groups, None when empty; raises BadInput naming the line."""
        return parse_skills_text(self.text) or None

    @on(TextArea.Changed)
    def _check(self) -> None:
        try:
            parse_skills_text(self.text)
        except BadInput as exc:
            self.query_one(".skills-error", Static).update(Content(f"Skills {exc}"))
            self.add_class("-invalid")
        else:
            self.remove_class("-invalid")
