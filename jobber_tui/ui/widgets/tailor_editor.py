"""The inline editor of what goes into a job's resume: description, headline, summary,
skills and projects. It knows which fields the user changed; saving is the screen's job.

A field the user has not touched follows the store (another process, Finalize filling it in);
a field the user changed is never overwritten by a reload.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Label, Static, TextArea

from ...core.infra.errors import BadInput
from ...core.jobs.columns import snake_to_camel
from ...core.jobs.models import Job
from ...core.resume.skills_text import format_skills_text
from .field_input import FieldInput
from .field_text_area import FieldTextArea
from .project_picker import Project, ProjectPicker
from .skills_field import SkillsField


@dataclass(frozen=True)
class TailorFields:
    """The editable fields of a job, as stored (snake_case values)."""

    job_description: str
    tailored_headline: str | None
    tailored_summary: str | None
    tailored_skills: list[dict[str, Any]] | None
    selected_project_ids: list[str] | None

    @classmethod
    def of(cls, job: Job) -> TailorFields:
        skills = [{"name": g.get("name"), "keywords": list(g.get("keywords") or [])} for g in job.tailored_skills or []]
        return cls(
            job.job_description or "",
            _clean(job.tailored_headline),
            _clean(job.tailored_summary),
            skills or None,
            None if job.selected_project_ids is None else list(job.selected_project_ids),
        )


FIELDS = ("job_description", "tailored_headline", "tailored_summary", "tailored_skills", "selected_project_ids")


def _clean(text: str | None) -> str | None:
    """Blank means "not tailored" (None), so Finalize fills it in rather than printing nothing."""
    return text.strip() if text and text.strip() else None


class TailorEditor(VerticalScroll, can_focus=False):
    """`dirty` is true while any field differs from the stored job; the screen asks before leaving."""

    dirty: reactive[bool] = reactive(False)

    class DirtyChanged(Message):
        def __init__(self, editor: TailorEditor, dirty: bool) -> None:
            super().__init__()
            self.editor = editor
            self.dirty = dirty

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.description = FieldTextArea(id="jd-text", language="markdown", suffix=".md")
        self.headline = FieldInput(id="headline-input", placeholder="empty: Finalize writes one from the resume")
        self.summary = FieldTextArea(
            id="summary-text", suffix=".md", placeholder="empty: Finalize writes one from the resume"
        )
        self.skills = SkillsField(id="skills-field")
        self.projects = ProjectPicker(id="project-picker")
        self.baseline: TailorFields | None = None
        """The stored values the edits are compared with."""
        self._pending: tuple[Job, list[Project], str | None] | None = None
        self._last_field: FieldTextArea | FieldInput = self.description
        self._ready = False
        """Mounted, so the fields can take values (the editor sits in a Lazy tab)."""

    def compose(self) -> ComposeResult:
        yield Label("Job description [i](markdown · ctrl+e opens $EDITOR)[/]", classes="field-label")
        yield self.description
        yield Label("Tailored headline", classes="field-label")
        yield self.headline
        yield Label("Tailored summary", classes="field-label")
        yield self.summary
        yield Label("Skills [i](one 'Group: keyword, keyword' line per group)[/]", classes="field-label")
        yield self.skills
        yield Label("Projects [i](space ticks · K/J or ctrl+↑/↓ reorder)[/]", classes="field-label")
        yield Static("", id="projects-note")
        yield self.projects

    def on_mount(self) -> None:
        self._ready = True
        if self._pending is not None:
            self.refresh_from(*self._pending)

    def refresh_from(self, job: Job, projects: list[Project], projects_note: str | None = None) -> bool:
        """Show the stored job: fields not edited take the stored values, edited ones are kept.

        Returns True when an edited field also changed in the store (the user should know).
        """
        stored = TailorFields.of(job)
        if not self._ready:
            self._pending = (job, projects, projects_note)  # nothing typed yet: applied on mount
            return False
        self._pending = None
        old, conflict = self.baseline, False
        for name in FIELDS:
            if old is not None and self._edited(name, old):
                conflict = conflict or getattr(stored, name) != getattr(old, name)
            elif self._current(name) != getattr(stored, name):
                self._show_value(name, getattr(stored, name), projects)
        if projects != self.projects.projects:
            self.projects.load(projects, self.projects.chosen_ids)
        note = self.query_one("#projects-note", Static)
        note.update(Content(projects_note or ""))
        note.display = bool(projects_note)
        self.baseline = stored
        self._recompute()
        return conflict

    def changes(self) -> dict[str, Any]:
        """camelCase fields that differ from the baseline; raises BadInput for bad skills text."""
        base = self.baseline
        if base is None or self._pending is not None:
            return {}
        try:
            self.skills.groups()
        except BadInput as exc:
            raise BadInput(f"skills {exc}") from None
        return {snake_to_camel(name): self._current(name) for name in FIELDS if self._edited(name, base)}

    def _current(self, name: str) -> Any:
        """The on-screen value of a field in its stored form (skills may raise BadInput)."""
        if name == "job_description":
            return self.description.text
        if name == "tailored_headline":
            return _clean(self.headline.value)
        if name == "tailored_summary":
            return _clean(self.summary.text)
        if name == "tailored_skills":
            return self.skills.groups()
        return self.projects.chosen_ids

    def _show_value(self, name: str, value: Any, projects: list[Project]) -> None:
        if name == "job_description":
            self.description.text = value
        elif name == "tailored_headline":
            self.headline.value = value or ""
        elif name == "tailored_summary":
            self.summary.text = value or ""
        elif name == "tailored_skills":
            self.skills.text = format_skills_text(value)
        else:
            self.projects.load(projects, value)

    def _edited(self, name: str, base: TailorFields) -> bool:
        # Skills compare as groups, so "Go,, Python" saved as "Go, Python" is not an edit.
        try:
            return bool(self._current(name) != getattr(base, name))
        except BadInput:
            return True

    def edit_current_field(self) -> None:
        """Open $EDITOR on the field last focused (the description at first)."""
        self._last_field.focus()
        self._last_field.action_edit_in_editor()

    def _recompute(self) -> None:
        base = self.baseline
        self.dirty = base is not None and self._pending is None and any(self._edited(n, base) for n in FIELDS)

    @on(TextArea.Changed)
    @on(Input.Changed)
    @on(ProjectPicker.Changed)
    def _on_edit(self) -> None:
        self._recompute()

    def watch_dirty(self, dirty: bool) -> None:
        self.post_message(self.DirtyChanged(self, dirty))

    @on(events.DescendantFocus)
    def _remember_field(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, FieldTextArea | FieldInput):
            self._last_field = event.widget
