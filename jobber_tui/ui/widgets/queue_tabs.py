"""One line of queue tabs with live counts: "1 Discovered (6)  2 Ready (3) ...".

Labels shorten ("1 Disc (6)") when the full ones do not fit, so 80 columns show every queue.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.message import Message
from textual.widget import Widget

from jobber_tui.core.jobs.queue_rows import QUEUES, Queue


class QueueTabs(Widget):
    """Shows which queue is open; a click on a tab asks for that queue."""

    COMPONENT_CLASSES = {"queue-tabs--tab", "queue-tabs--active"}
    DEFAULT_CSS = """
    QueueTabs {
        height: 1;
        background: $panel;
        & > .queue-tabs--tab { color: $text-muted; }
        & > .queue-tabs--active { background: $primary; color: $text; text-style: bold; }
    }
    """

    class Selected(Message):
        def __init__(self, queue: str) -> None:
            super().__init__()
            self.queue = queue

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.active: str = QUEUES[0].key
        self.counts: dict[str, int] = {}
        self._spans: list[tuple[int, int, str]] = []

    def show(self, active: str, counts: dict[str, int]) -> None:
        self.active, self.counts = active, counts
        self.refresh()

    def labels(self, short: bool) -> list[tuple[Queue, str]]:
        return [
            (queue, f" {number} {queue.short_label if short else queue.label} ({self.counts.get(queue.key, 0)}) ")
            for number, queue in enumerate(QUEUES, start=1)
        ]

    def render(self) -> Text:
        labels = self.labels(short=False)
        if sum(len(label) for _, label in labels) > self.size.width:
            labels = self.labels(short=True)
        tab = self.get_component_rich_style("queue-tabs--tab")
        active = self.get_component_rich_style("queue-tabs--active")
        text = Text(no_wrap=True, overflow="crop")
        self._spans = []
        for queue, label in labels:
            start = len(text)
            text.append(label, active if queue.key == self.active else tab)
            self._spans.append((start, len(text), queue.key))
        return text

    def on_click(self, event: events.Click) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                self.post_message(self.Selected(key))
                return
