"""A job's Ghostwriter chat as a scrollable log, with the answer being written growing at the end.

Answers are plain text, not Markdown: they get pasted into application forms and mails, so what is
shown is exactly what `y` copies. Text is never read as markup (it comes from a model).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from ...core.jobs.models import GhostwriterMessage
from ...core.llm.prompts import QUICK_ACTIONS
from .. import keymap

STATUS_STYLE = {"cancelled": "$text-warning", "failed": "$text-error", "writing": "$text-accent"}
STATUS_NOTE = {"cancelled": "cancelled (partial)", "failed": "failed (partial)", "writing": "writing…"}
EMPTY = "No messages yet."


@dataclass
class Turn:
    """One message as shown; `status` is the stored one, or "writing" while it streams in."""

    role: str
    content: str
    action: str | None = None
    status: str = "complete"

    @classmethod
    def of(cls, message: GhostwriterMessage) -> Turn:
        return cls(message.role, message.content, message.action, message.status)


class TurnView(Vertical):
    """A header (who, which quick action, cancelled/failed) over the text."""

    def __init__(self, turn: Turn) -> None:
        super().__init__(classes=f"turn turn-{turn.role}")
        self.turn = turn
        # Kept, not queried: text may stream in before this view has finished mounting.
        self._header_view = Static(self._header(), classes="turn-header")
        self._body_view = Static(self._body(), classes="turn-body")
        # A fixed quick-action prompt says no more than its label in the header: save the rows.
        self._body_view.display = not (
            turn.role == "user" and turn.action in QUICK_ACTIONS and "{text}" not in QUICK_ACTIONS[turn.action][1]
        )

    def compose(self) -> ComposeResult:
        yield self._header_view
        yield self._body_view

    def refresh_turn(self) -> None:
        self._header_view.update(self._header())
        self._body_view.update(self._body())

    def _header(self) -> Content:
        turn = self.turn
        user = turn.role == "user"
        who = ("You", "bold $text-primary") if user else ("Ghostwriter", "bold $text-success")
        parts = [Content.styled(*who)]
        if user and turn.action in QUICK_ACTIONS:
            parts.append(Content.styled(QUICK_ACTIONS[turn.action][0], "$text-secondary"))
        if turn.status in STATUS_NOTE:
            parts.append(Content.styled(STATUS_NOTE[turn.status], f"bold {STATUS_STYLE[turn.status]}"))
        return Content(" · ").join(parts)

    def _body(self) -> Content:
        if self.turn.role == "user":
            return Content.styled(self.turn.content, "dim")
        return Content(self.turn.content) if self.turn.content else Content.styled("(no text)", "dim italic")


class GhostwriterLog(VerticalScroll, can_focus=True):
    """Read-only; `j`/`k`, `g`/`G` scroll. Follows the end while an answer streams in, unless
    the user scrolled up to read."""

    BINDINGS = [*keymap.SCROLL_VIEW]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.turns: list[Turn] = []
        """What is shown, oldest first."""
        self._follow_pending = False
        """Scroll to the end once visible: a hidden tab has no size to scroll in."""

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(EMPTY, "dim"), id="ghostwriter-empty")
        yield self.letter_view

    @property
    def letter_view(self) -> Static:
        """The job's saved cover letter, shown after the chat (hidden while there is none)."""
        if not hasattr(self, "_letter_view"):
            self._letter_view = Static(id="ghostwriter-letter-view", classes="turn")
            self._letter_view.display = False
        return self._letter_view

    def show_letter(self, text: str | None, path: str | None) -> None:
        """Show the saved cover letter's text (what the PDF holds), so a draft can be read where it was made."""
        view = self.letter_view
        if not (text or "").strip():
            view.display = False
            return
        where = f" \u00b7 {path}" if path else ""
        view.update(
            Content.styled(f"Cover letter (saved{where})", "bold $text-success")
            + Content("\n")
            + Content(str(text).strip())
        )
        view.display = True

    def show(self, turns: list[Turn]) -> None:
        """Replace everything shown with these turns."""
        self.turns = list(turns)
        self.remove_children(TurnView)
        self.mount_all([TurnView(turn) for turn in self.turns], before=self.letter_view)
        self._after_change(follow=True)

    def add(self, turn: Turn) -> None:
        self.turns.append(turn)
        self.mount(TurnView(turn), before=self.letter_view)
        self._after_change(follow=True)

    def extend_last(self, text: str) -> None:
        """Append streamed text to the last turn."""
        self.turns[-1].content += text
        self._refresh_last()

    def finish_last(self, status: str, content: str | None = None) -> None:
        """Mark the streaming turn as done; `content` (what was stored) replaces the streamed text."""
        self.turns[-1].status = status
        if content is not None:
            self.turns[-1].content = content
        self._refresh_last()

    def last_answer(self) -> Turn | None:
        """The newest assistant answer with text (partial ones count), not one still streaming."""
        return next(
            (t for t in reversed(self.turns) if t.role == "assistant" and t.content.strip() and t.status != "writing"),
            None,
        )

    def signature(self) -> list[tuple[str, str, str]]:
        """What is shown, to tell whether a reload brings anything new."""
        return [(t.role, t.content, t.status) for t in self.turns]

    def _refresh_last(self) -> None:
        follow = self.scroll_y >= self.max_scroll_y - 1
        views = self.query(TurnView)
        if views:
            views.last().refresh_turn()
        self._after_change(follow)

    def _after_change(self, follow: bool) -> None:
        self.query_one("#ghostwriter-empty").display = not self.turns
        if follow:
            self._follow_pending = True
            self.call_after_refresh(self._follow)

    def on_show(self) -> None:
        if self._follow_pending:
            self.call_after_refresh(self._follow)

    def _follow(self) -> None:
        if self.size.height:
            self._follow_pending = False
            self.scroll_end(animate=False)
