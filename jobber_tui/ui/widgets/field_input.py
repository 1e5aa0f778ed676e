"""A one-line Input for a job field that can hand its text to $EDITOR (`ctrl+e`)."""

from __future__ import annotations

from typing import Any

from textual.widgets import Input

from .. import keymap
from ..external_editor import EditorUnavailable, edit_in_external_editor


class FieldInput(Input):
    """`ctrl+e` replaces Input's "end of line" here (`end` still does that); line breaks the
    editor adds are folded into spaces, since the field holds one line."""

    BINDINGS = [*keymap.FIELD_EDITOR]

    suffix = ".txt"

    def __init__(self, value: str | None = None, **kwargs: Any) -> None:
        # Tabbing in must not select the text: the next key typed would wipe the whole field.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(value, **kwargs)

    def action_edit_in_editor(self) -> None:
        try:
            edited = edit_in_external_editor(self.app, self.value, suffix=self.suffix)
        except EditorUnavailable as exc:
            self.notify(str(exc), title="Editor", severity="warning", markup=False)
            self.focus()
            return
        if edited.note:
            self.notify(edited.note, title="Editor", markup=False)
        self.value = " ".join(edited.text.split())
        self.focus()
