"""Messages the app broadcasts to every screen when jobs change underneath them."""

from __future__ import annotations

from textual.message import Message


class JobsChanged(Message):
    """Some jobs changed (an action finished, another process wrote the store, a PDF was rebuilt).

    `job_ids` empty means "anything may have changed": reload what you show.
    """

    def __init__(self, job_ids: frozenset[int] = frozenset()) -> None:
        super().__init__()
        self.job_ids = job_ids
