"""Which of the base resume's projects go on this job's resume, and in what order."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from .. import keymap


@dataclass(frozen=True)
class Project:
    id: str
    name: str
    description: str = ""


def projects_of(resume: dict[str, Any]) -> list[Project]:
    """The resume's projects that have an id (only those can be picked by id)."""
    found: list[Project] = []
    for item in resume.get("projects") or []:
        if isinstance(item, dict) and item.get("id"):
            found.append(
                Project(
                    str(item["id"]),
                    str(item.get("name") or item["id"]),
                    " ".join(str(item.get("description") or "").split()),
                )
            )
    return found


class ProjectPicker(OptionList):
    """Chosen projects come first, numbered in resume order; the rest follow unticked.

    `space`/`enter` ticks, `K`/`J` (or `ctrl+up`/`ctrl+down`) move a ticked project up or down.
    """

    BINDINGS = [*keymap.PROJECT_PICKER]

    class Changed(Message):
        """The ticks or their order changed."""

        def __init__(self, picker: ProjectPicker) -> None:
            super().__init__()
            self.picker = picker

        @property
        def control(self) -> ProjectPicker:
            return self.picker

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._projects: list[Project] = []
        self._chosen: list[str] = []
        self._automatic = True
        """No explicit choice yet (the job's selectedProjectIds is None): Jobber picks on finalize."""

    def load(self, projects: list[Project], chosen: list[str] | None) -> None:
        """Show these projects with this choice (None: not chosen yet)."""
        self._projects = projects
        self._chosen = list(chosen or [])
        self._automatic = chosen is None
        self._rebuild(keep=None)

    @property
    def projects(self) -> list[Project]:
        """The base resume's projects offered here."""
        return list(self._projects)

    @property
    def chosen_ids(self) -> list[str] | None:
        """The ticked ids in order; None while the choice is still left to Jobber."""
        return None if self._automatic else list(self._chosen)

    def action_toggle_project(self) -> None:
        option = self._highlighted_option()
        if option is None or option.id is None:
            return
        if option.id in self._chosen:
            self._chosen.remove(option.id)
        else:
            self._chosen.append(option.id)
        self._changed(option.id)

    def action_move(self, step: int) -> None:
        option = self._highlighted_option()
        if option is None or option.id not in self._chosen:
            return
        index = self._chosen.index(option.id)
        target = index + step
        if 0 <= target < len(self._chosen):
            self._chosen[index], self._chosen[target] = self._chosen[target], self._chosen[index]
            self._changed(option.id)

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_toggle_project()

    def _changed(self, keep: str) -> None:
        self._automatic = False
        self._rebuild(keep=keep)
        self.post_message(self.Changed(self))

    def _highlighted_option(self) -> Option | None:
        return None if self.highlighted is None else self.get_option_at_index(self.highlighted)

    def _rebuild(self, keep: str | None) -> None:
        by_id = {p.id: p for p in self._projects}
        rows = [(pid, by_id.get(pid)) for pid in self._chosen]
        rows += [(p.id, p) for p in self._projects if p.id not in self._chosen]
        options = [Option(self._prompt(pid, project), id=pid) for pid, project in rows]
        self.clear_options()
        self.add_options(options)
        if keep is not None:
            self.highlighted = [pid for pid, _ in rows].index(keep)
        elif options:
            self.highlighted = 0

    def _prompt(self, pid: str, project: Project | None) -> Content:
        if pid in self._chosen:
            mark = Content.styled(f"{self._chosen.index(pid) + 1:>2}. [x] ", "bold $success")
        else:
            mark = Content("    [ ] ")
        if project is None:
            return mark + Content.styled(pid, "bold") + Content.styled("  not in the base resume", "$text-warning")
        line = mark + Content.styled(project.name, "bold")
        if project.description:
            line += Content.styled(f"  {project.description}", "dim")
        return line
