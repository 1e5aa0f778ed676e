"""Every key binding as data, by where it applies. Each has an id users remap in config.toml:

    [keys]
    skip = "X"            # one key
    cursor-down = "j,n"   # or several, comma-separated
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

APP: list[Binding] = [
    Binding("q", "quit", "Quit", id="quit"),
    Binding("question_mark", "help", "Help", key_display="?", id="help"),
    Binding("t", "change_theme", "Theme", show=False, id="change-theme"),
    Binding("w", "toggle_watch", "Watch templates & rebuild PDFs on/off", show=False, id="toggle-watch"),
    # Hidden (check_action) on screens without a preview, so `?` lists it only in the job view.
    Binding("v", "refresh_preview", "Render the PDF preview again", show=False, id="refresh-preview"),
    # Hidden over dialogs (check_action); the screens are imported when first opened.
    Binding("P", "open_pipeline", "Pipeline: discover, score, process", show=False, id="open-pipeline"),
    Binding("B", "open_sources", "Boards (job sources)", show=False, id="open-sources"),
    Binding("Y", "mail_sync", "Sync mail replies", show=False, id="mail-sync"),
    Binding("I", "open_review", "Review inbox (replies to decide)", show=False, id="open-review"),
]
"""Keys that work everywhere (ctrl+p, the command palette, comes from Textual)."""

QUEUE_TABLE: list[Binding] = [
    Binding("enter", "open_job", "Open", show=False, id="open-job"),
    Binding("j,down", "cursor_down", "Down", show=False, id="cursor-down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="cursor-up"),
    Binding("g,home", "cursor_top", "Top", show=False, id="cursor-top"),
    Binding("G,end", "cursor_bottom", "Bottom", show=False, id="cursor-bottom"),
    Binding("pagedown,ctrl+d", "page_down", "Page down", show=False, id="page-down"),
    Binding("pageup,ctrl+u", "page_up", "Page up", show=False, id="page-up"),
    Binding("s", "cycle_sort", "Sort", show=False, id="cycle-sort"),
    Binding("S", "reverse_sort", "Reverse sort", show=False, id="reverse-sort"),
]
"""Moving and sorting in a queue table."""

JOB_VERBS: list[Binding] = [
    # One list for the queues and the job view: the same verb has the same key, id and label in both.
    Binding("f", "job('process')", "Finalize", id="finalize"),
    Binding("r", "job('generate-pdf')", "Regenerate PDF", id="regenerate-pdf"),
    Binding("x", "job('skip')", "Skip", id="skip"),
    Binding("a", "job('apply')", "Applied", id="mark-applied"),
    Binding("u", "job('reopen')", "Reopen", id="reopen"),
    Binding("o", "job('open-posting')", "Open posting", show=False, id="open-posting"),
    Binding("p", "job('open-pdf')", "Open PDF", show=False, id="open-pdf"),
]
"""Verbs on one job (job_actions.VERBS): the selected row in the queues, the open job in the job view."""

QUEUES_SCREEN: list[Binding] = [
    # Priority: handled before the key reaches a widget, so "/rust" typed fast all lands in the filter.
    Binding("slash", "filter", "Filter", key_display="/", priority=True, id="filter"),
    *JOB_VERBS,
    Binding("1", "show_queue('discovered')", "Discovered", show=False, id="queue-discovered"),
    Binding("2", "show_queue('ready')", "Ready", show=False, id="queue-ready"),
    Binding("3", "show_queue('applied')", "Applied", show=False, id="queue-applied"),
    Binding("4", "show_queue('skipped')", "Skipped", show=False, id="queue-skipped"),
    Binding("5", "show_queue('expired')", "Expired", show=False, id="queue-expired"),
    Binding("6", "show_queue('all')", "All jobs", show=False, id="queue-all"),
    Binding("left_square_bracket", "step_queue(-1)", "Previous queue", key_display="[", show=False,
            id="previous-queue"),
    Binding("right_square_bracket", "step_queue(1)", "Next queue", key_display="]", show=False, id="next-queue"),
    Binding("R", "refresh", "Refresh", show=False, id="refresh"),
    Binding("escape", "clear_filter", "Clear filter", show=False, id="clear-filter"),
]
"""Verbs on the selected job and switching queues."""

JOB_SCREEN: list[Binding] = [
    Binding("escape", "back", "Back", id="back"),
    Binding("ctrl+s", "save", "Save", id="save"),
    # The app's quit, out of this footer (80 columns are needed for the verbs); it asks about unsaved edits.
    Binding("q", "app.quit", "Quit", show=False, id="quit"),
    *JOB_VERBS,
    Binding("e", "edit_in_editor", "$EDITOR", show=False, id="edit-external"),  # fields say ctrl+e
    Binding("S", "set_stage", "Stage", id="set-stage"),  # `g` is "top" in the read-only panes
    Binding("1", "show_tab('description')", "Description tab", show=False, id="tab-description"),
    Binding("2", "show_tab('tailor')", "Tailor tab", show=False, id="tab-tailor"),
    Binding("3", "show_tab('pdf')", "PDF tab", show=False, id="tab-pdf"),
    Binding("4", "show_tab('timeline')", "Timeline tab", show=False, id="tab-timeline"),
    Binding("5", "show_tab('ghostwriter')", "Ghostwriter tab", show=False, id="tab-ghostwriter"),
    Binding("left_square_bracket", "cycle_tab(-1)", "Previous tab", key_display="[", show=False, id="tab-previous"),
    Binding("right_square_bracket", "cycle_tab(1)", "Next tab", key_display="]", show=False, id="tab-next"),
]
"""One job: leave, save, its verbs, and its tabs."""

SCROLL_VIEW: list[Binding] = [
    # The ids of the lists' cursor keys: remapping cursor-down scrolls the read-only panes alike.
    Binding("j", "scroll_down", "Down", show=False, id="cursor-down"),
    Binding("k", "scroll_up", "Up", show=False, id="cursor-up"),
    Binding("g", "scroll_home", "Top", show=False, id="cursor-top"),
    Binding("G", "scroll_end", "Bottom", show=False, id="cursor-bottom"),
]
"""Vim keys on the read-only panes (the description, the Ghostwriter's log)."""

FIELD_EDITOR: list[Binding] = [
    Binding("ctrl+e", "edit_in_editor", "$EDITOR", id="edit-in-editor"),
]
"""In a job field: hand its text to $EDITOR (works while typing, unlike `e`)."""

PROJECT_PICKER: list[Binding] = [
    Binding("space", "toggle", "Tick", id="project-toggle"),
    Binding("K,ctrl+up", "move(-1)", "Move up", id="project-move-up"),
    Binding("J,ctrl+down", "move(1)", "Move down", id="project-move-down"),
    Binding("k", "cursor_up", "Up", show=False, id="cursor-up"),
    Binding("j", "cursor_down", "Down", show=False, id="cursor-down"),
]

GHOSTWRITER: list[Binding] = [
    # Not `w`: that toggles the PDF watcher everywhere, this tab included.
    Binding("enter", "write", "Write a prompt", show=False, id="ghostwriter-write"),
    Binding("c", "quick('cover-letter')", "Write a cover letter", show=False, id="ghostwriter-cover-letter"),
    Binding("n", "answer_question", "Answer an application question", show=False, id="ghostwriter-answer"),
    Binding("m", "quick('recruiter')", "Short recruiter message", show=False, id="ghostwriter-recruiter"),
    Binding("i", "quick('talking-points')", "Interview talking points", show=False,
            id="ghostwriter-talking-points"),
    Binding("escape,ctrl+x", "cancel", "Stop answer", id="ghostwriter-cancel"),
    Binding("y", "copy", "Copy answer", show=False, id="ghostwriter-copy"),
    Binding("L", "save_letter", "Save answer as cover letter", show=False, id="ghostwriter-save-letter"),
    Binding("D", "draft_letter", "Draft cover letter from resume", show=False, id="ghostwriter-draft-letter"),
    Binding("X", "clear_chat", "Clear the chat", show=False, id="ghostwriter-clear"),
]
"""The Ghostwriter tab (its quick actions are core.ghostwriter.QUICK_ACTIONS)."""

ASK_TEXT: list[Binding] = [
    Binding("ctrl+s", "send", "Send", id="ask-text-send"),
    Binding("escape", "cancel", "Cancel", id="ask-text-cancel"),
]

CONFIRM: list[Binding] = [
    Binding("escape", "choose_last", "Cancel", id="confirm-cancel"),
]
"""A question with buttons; each choice's own letter is handled by the dialog (it varies per question)."""

FILTER_INPUT: list[Binding] = [
    # Priority, so the key typed next already goes to the list (FilterInput.action_close).
    Binding("escape", "close(True)", "Clear filter", priority=True, id="filter-clear"),
    Binding("enter", "close(False)", "Keep filter", priority=True, id="filter-keep"),
    Binding("down", "close(False)", "Keep filter", show=False, priority=True, id="filter-down"),
]

HELP_SCREEN: list[Binding] = [
    Binding("escape,q,question_mark", "close", "Close", id="help-close"),
    Binding("j,down", "scroll_down", "Down", show=False, id="help-down"),
    Binding("k,up", "scroll_up", "Up", show=False, id="help-up"),
]

DATA_TABLE: list[Binding] = [
    # The same ids as the queue table's: remapping cursor-down moves in every list alike.
    Binding("j,down", "cursor_down", "Down", show=False, id="cursor-down"),
    Binding("k,up", "cursor_up", "Up", show=False, id="cursor-up"),
    Binding("g,home", "scroll_top", "Top", show=False, id="cursor-top"),
    Binding("G,end", "scroll_bottom", "Bottom", show=False, id="cursor-bottom"),
]
"""Vim keys on the plain tables (the boards list)."""

PIPELINE_SCREEN: list[Binding] = [
    Binding("r,enter", "run", "Run", id="pipeline-run"),
    # esc cancels while a run is going and goes back otherwise (check_action picks one).
    Binding("c,escape", "cancel", "Cancel run", id="pipeline-cancel"),
    Binding("escape", "back", "Back", id="pipeline-back"),
]

SOURCES_SCREEN: list[Binding] = [
    Binding("a", "add", "Add board", id="source-add"),
    Binding("d,delete", "remove", "Remove board", id="source-remove"),
    Binding("escape", "back", "Back", id="sources-back"),
]

ADD_SOURCE: list[Binding] = [
    Binding("ctrl+s", "add", "Add", id="add-source-save"),
    Binding("escape", "cancel", "Cancel", id="add-source-cancel"),
]

REVIEW_SCREEN: list[Binding] = [
    Binding("a", "approve", "Approve", id="review-approve"),
    Binding("l", "relink", "Relink", id="review-relink"),
    Binding("d", "dismiss_reply", "Dismiss", id="review-dismiss"),
    Binding("enter", "details", "Details", id="review-details"),
    Binding("escape", "back", "Back", id="review-back"),
]
"""The review inbox: a decision on the selected reply (approve to the suggested job, relink, dismiss)."""

JOB_PICKER: list[Binding] = [
    Binding("down", "focus_list", "To the list", show=False, id="job-picker-list"),
    Binding("escape", "cancel", "Cancel", id="job-picker-cancel"),
]

STAGE_PICKER: list[Binding] = [
    Binding("escape", "cancel", "Cancel", id="stage-cancel"),
    Binding("u", "undo_reply", "Undo the reply's change", id="stage-undo-reply"),
]

ALL: list[Binding] = [*APP, *QUEUE_TABLE, *QUEUES_SCREEN, *JOB_SCREEN, *SCROLL_VIEW, *FIELD_EDITOR, *PROJECT_PICKER,
                      *GHOSTWRITER, *ASK_TEXT, *CONFIRM, *FILTER_INPUT, *HELP_SCREEN, *DATA_TABLE, *PIPELINE_SCREEN,
                      *SOURCES_SCREEN, *ADD_SOURCE, *REVIEW_SCREEN, *JOB_PICKER, *STAGE_PICKER]
BINDING_IDS: frozenset[str] = frozenset(b.id for b in ALL if b.id)
"""Every id `[keys]` may use (a test checks that each binding in the UI has one, listed here)."""


def read_keymap(keys: Any, known: frozenset[str] = BINDING_IDS) -> tuple[dict[str, str], list[str]]:
    """The `[keys]` table of config.toml as a Textual keymap, plus one message per entry ignored."""
    if not isinstance(keys, dict):
        return {}, [f"[keys] must be a table of binding-id = \"key\", got {keys!r}"]
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, key in keys.items():
        if not isinstance(key, str) or not key.strip():
            problems.append(f"[keys] {binding_id}: expected a key such as \"x\" or \"ctrl+x\", got {key!r}")
        elif binding_id not in known:
            problems.append(f"[keys] {binding_id}: no binding has this id (see the help screen, '?')")
        else:
            keymap[binding_id] = ",".join(part.strip() for part in key.split(","))
    return keymap, problems
