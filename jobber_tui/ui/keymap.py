"""Every key binding as data, by where it applies. Each has an id users remap in config.toml:

    [keys]
    skip = "X"            # one key
    cursor-down = "j,n"   # or several, comma-separated

Classes take a copy (`BINDINGS = [*keymap.APP]`): Textual types `BINDINGS` as a list of `BindingType`,
and a list of `Binding` is not one to a type checker (lists are invariant).
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding

APP: list[Binding] = [
    Binding("q", "quit", "Quit", id="quit"),
    Binding("question_mark,f1", "help", "Help", key_display="?", id="help"),
    Binding("t", "change_theme", "Theme", show=False, id="change-theme"),
    Binding("w", "toggle_watch", "Watch templates & rebuild PDFs on/off", show=False, id="toggle-watch"),
    # Hidden (check_action) on screens without a preview, so `?` lists it only in the job view.
    Binding("v", "refresh_preview", "Render the PDF preview again", show=False, id="refresh-preview"),
    # Hidden over dialogs (check_action); the screens are imported when first opened.
    Binding("P", "open_pipeline", "Pipeline: discover, score, process", show=False, id="open-pipeline"),
    Binding("B", "open_sources", "Boards (job sources)", show=False, id="open-sources"),
    Binding("Y", "mail_sync", "Sync mail replies", show=False, id="mail-sync"),
    Binding("I", "open_review", "Review inbox (replies to decide)", show=False, id="open-review"),
    Binding("O", "open_overview", "Overview: how the search is going", show=False, id="open-overview"),
    Binding("M", "open_resume", "My base resume: view, import, edit", show=False, id="open-resume"),
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
    Binding("E", "job('edit')", "Edit fields", show=False, id="edit-fields"),
    Binding("T", "job('retailor')", "Re-tailor", show=False, id="retailor"),
    Binding("number_sign", "job('rescore')", "Rescore", key_display="#", show=False, id="rescore"),
]
"""Verbs on one job (job_actions.VERBS): the selected row in the queues, the open job in the job view."""

QUEUES_SCREEN: list[Binding] = [
    # Priority: handled before the key reaches a widget, so "/rust" typed fast all lands in the filter.
    Binding("slash", "filter", "Search", key_display="/", priority=True, id="filter"),
    *JOB_VERBS,
    Binding("n", "add_job", "Add job", id="add-job"),
    Binding("ctrl+z", "undo", "Undo the last move", show=False, id="undo"),
    Binding("space", "toggle_mark", "Mark", show=False, id="mark-toggle"),
    Binding("shift+down", "mark_step(1)", "Mark and move down", show=False, id="mark-down"),
    Binding("shift+up", "mark_step(-1)", "Mark and move up", show=False, id="mark-up"),
    Binding("ctrl+a", "mark_all", "Mark every job shown (the search's)", show=False, id="mark-all-shown"),
    Binding("escape", "clear_marks", "Clear marks", show=False, id="mark-clear"),
    Binding("1", "show_queue('discovered')", "Discovered", show=False, id="queue-discovered"),
    Binding("2", "show_queue('ready')", "Ready", show=False, id="queue-ready"),
    Binding("3", "show_queue('applied')", "Applied", show=False, id="queue-applied"),
    Binding("4", "show_queue('skipped')", "Skipped", show=False, id="queue-skipped"),
    Binding("5", "show_queue('expired')", "Expired", show=False, id="queue-expired"),
    Binding("6", "show_queue('all')", "All jobs", show=False, id="queue-all"),
    Binding(
        "left_square_bracket", "step_queue(-1)", "Previous queue", key_display="[", show=False, id="previous-queue"
    ),
    Binding("right_square_bracket", "step_queue(1)", "Next queue", key_display="]", show=False, id="next-queue"),
    Binding("R", "refresh", "Refresh", show=False, id="refresh"),
    Binding("escape", "clear_filter", "Clear search", show=False, id="clear-filter"),
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

FIELD_EDITOR: list[Binding] = [Binding("ctrl+e", "edit_in_editor", "$EDITOR", id="edit-in-editor")]
"""In a job field: hand its text to $EDITOR (works while typing, unlike `e`)."""

PROJECT_PICKER: list[Binding] = [
    Binding("space", "toggle_project", "Tick", id="project-toggle"),
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
    Binding("i", "quick('talking-points')", "Interview talking points", show=False, id="ghostwriter-talking-points"),
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

CONFIRM: list[Binding] = [Binding("escape", "choose_last", "Cancel", id="confirm-cancel")]
"""A question with buttons; each choice's own letter is handled by the dialog (it varies per question)."""

FILTER_INPUT: list[Binding] = [
    # Priority, so the key typed next already goes to the list (FilterInput.action_close).
    Binding("escape", "close(True)", "Clear search", priority=True, id="filter-clear"),
    Binding("enter", "close(False)", "Keep search", priority=True, id="filter-keep"),
    Binding("down", "close(False)", "Keep search", show=False, priority=True, id="filter-down"),
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
    Binding("r", "discover_now", "Discover now (this board)", id="source-discover"),
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
    Binding("c", "change_category", "Category", id="review-category"),
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

ADD_JOB: list[Binding] = [
    Binding("ctrl+s", "add", "Add", id="add-job-save"),
    Binding("escape", "cancel", "Close", id="add-job-cancel"),
]
"""The add-job dialog: by URL, a pasted description, or a file."""

JOB_FIELDS: list[Binding] = [
    Binding("ctrl+s", "save", "Save", id="job-fields-save"),
    Binding("escape", "cancel", "Cancel", id="job-fields-cancel"),
]
"""The dialog editing a job's own fields (title, employer, ..., template)."""

RESUME_SCREEN: list[Binding] = [
    Binding("i", "import_file", "Import a file", id="resume-import"),
    Binding("e", "edit", "Edit in $EDITOR", id="resume-edit"),
    Binding("escape", "back", "Back", id="resume-back"),
    *SCROLL_VIEW,
]

OVERVIEW_SCREEN: list[Binding] = [
    Binding("escape", "back", "Back", id="overview-back"),
    Binding("R", "reload", "Refresh", id="overview-refresh"),
    *SCROLL_VIEW,
]

BULK_SCREEN: list[Binding] = [
    Binding("escape", "stop", "Stop / close", id="bulk-stop"),
    Binding("enter", "close", "Close", id="bulk-close"),
]
"""The progress and summary of a verb on several marked jobs."""

OPTION_PICKER: list[Binding] = [Binding("escape", "cancel", "Cancel", id="picker-cancel")]

ALL: list[Binding] = [
    *APP,
    *QUEUE_TABLE,
    *QUEUES_SCREEN,
    *JOB_SCREEN,
    *SCROLL_VIEW,
    *FIELD_EDITOR,
    *PROJECT_PICKER,
    *GHOSTWRITER,
    *ASK_TEXT,
    *CONFIRM,
    *FILTER_INPUT,
    *HELP_SCREEN,
    *DATA_TABLE,
    *PIPELINE_SCREEN,
    *SOURCES_SCREEN,
    *ADD_SOURCE,
    *REVIEW_SCREEN,
    *JOB_PICKER,
    *STAGE_PICKER,
    *ADD_JOB,
    *JOB_FIELDS,
    *RESUME_SCREEN,
    *OVERVIEW_SCREEN,
    *BULK_SCREEN,
    *OPTION_PICKER,
]
BINDING_IDS: frozenset[str] = frozenset(b.id for b in ALL if b.id)
"""Every id `[keys]` may use (a test checks that each binding in the UI has one, listed here)."""

SCOPES: dict[str, tuple[list[Binding], ...]] = {
    "the queues": (APP, QUEUES_SCREEN, QUEUE_TABLE),
    "the job view": (APP, JOB_SCREEN, SCROLL_VIEW),
    "the Tailor tab's project list": (APP, JOB_SCREEN, PROJECT_PICKER),
    "the Ghostwriter tab": (APP, JOB_SCREEN, GHOSTWRITER),
    "the pipeline": (APP, PIPELINE_SCREEN),
    "the boards": (APP, SOURCES_SCREEN, DATA_TABLE),
    "the review inbox": (APP, REVIEW_SCREEN, DATA_TABLE),
    "the base resume": (APP, RESUME_SCREEN),
    "the overview": (APP, OVERVIEW_SCREEN),
    "the help": (HELP_SCREEN,),
}
"""Bindings that are live at the same time: two of them on one key hide one another."""


def read_keymap(keys: Any, known: frozenset[str] = BINDING_IDS) -> tuple[dict[str, str], list[str]]:
    """The `[keys]` table of config.toml as a Textual keymap, plus one message per entry ignored."""
    if not isinstance(keys, dict):
        return {}, [f'[keys] must be a table of binding-id = "key", got {keys!r}']
    keymap: dict[str, str] = {}
    problems: list[str] = []
    for binding_id, key in keys.items():
        if not isinstance(key, str) or not key.strip():
            problems.append(f'[keys] {binding_id}: expected a key such as "x" or "ctrl+x", got {key!r}')
        elif binding_id not in known:
            problems.append(f"[keys] {binding_id}: no binding has this id (see the help screen, '?')")
        else:
            keymap[binding_id] = ",".join(part.strip() for part in key.split(","))
    return keymap, problems


def clashes(keymap: dict[str, str], scopes: dict[str, tuple[list[Binding], ...]] = SCOPES) -> list[str]:
    """One warning per remap that puts two bindings of one place on the same key, naming both ids.

    Only clashes a remap creates count: Jobber's own defaults share keys on purpose (`esc` stops the
    Ghostwriter's answer or leaves the job view, whichever applies).
    """
    found: dict[tuple[str, str, str], list[str]] = {}
    for where, lists in scopes.items():
        default: dict[str, set[str]] = {}
        current: dict[str, set[str]] = {}
        for binding_id, key_list in ((b.id, b.key) for group in lists for b in group if b.id):
            keys = {k.strip() for k in key_list.split(",")}
            mapped = {k.strip() for k in keymap[binding_id].split(",")} if binding_id in keymap else keys
            for key in keys:
                default.setdefault(key, set()).add(binding_id)
            for key in mapped:
                current.setdefault(key, set()).add(binding_id)
        for key, ids in current.items():
            for first in sorted(ids):
                for second in sorted(ids):
                    if (
                        first < second
                        and (first in keymap or second in keymap)
                        and not {first, second} <= default.get(key, set())
                    ):
                        found.setdefault((key, first, second), []).append(where)
    return [
        f"[keys] {a} and {b} are both on {key!r} in {', '.join(places)}: one of them never fires"
        for (key, a, b), places in found.items()
    ]
