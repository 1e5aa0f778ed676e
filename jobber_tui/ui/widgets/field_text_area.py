"""A TextArea for one job field that can hand its text to $EDITOR (`ctrl+e`)."""

from __future__ import annotations

from typing import Any

from textual.widgets import TextArea
from textual.widgets.text_area import LanguageDoesNotExist

from .. import keymap
from ..external_editor import EditorUnavailable, edit_in_external_editor


class FieldTextArea(TextArea):
    """`ctrl+e` replaces TextArea's "end of line" here (`end` still does that): it is the one
    key that works while typing, so the external editor is always in reach."""

    BINDINGS = [*keymap.FIELD_EDITOR]

    def __init__(self, text: str = "", *, suffix: str = ".txt", **kwargs: Any) -> None:
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("show_line_numbers", False)
        kwargs.setdefault("tab_behavior", "focus")
        try:
            super().__init__(text, **kwargs)
        except LanguageDoesNotExist:
            # tree-sitter is installed but not this grammar: plain text beats no editor.
            kwargs.pop("language", None)
            super().__init__(text, **kwargs)
        self.suffix = suffix
        """File extension for the editor's temp file, so it picks the right highlighting."""

    def action_edit_in_editor(self) -> None:
        try:
            edited = edit_in_external_editor(self.app, self.text, suffix=self.suffix)
        except EditorUnavailable as exc:
            self.notify(str(exc), title="Editor", severity="warning", markup=False)
            self.focus()
            return
        if edited.note:
            self.notify(edited.note, title="Editor", markup=False)
        if edited.text != self.text:
            self.text = edited.text
        self.focus()
