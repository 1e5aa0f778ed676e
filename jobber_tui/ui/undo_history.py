"""The moves made from the UI that `ctrl+z` can still take back, newest last."""

from __future__ import annotations

from jobber_tui.core.undo import Move

UNDO_SECONDS = 8
"""How long the toast offering the undo stays up (the undo itself stays possible until the next move)."""


class UndoHistory:
    """Groups of moves (a bulk skip is one group); an undo takes back the newest group whole."""

    def __init__(self, limit: int = 20) -> None:
        self._groups: list[list[Move]] = []
        self._limit = limit

    def push(self, moves: list[Move]) -> None:
        if moves:
            self._groups.append(list(moves))
            del self._groups[:-self._limit]

    def pop(self) -> list[Move] | None:
        return self._groups.pop() if self._groups else None

    def __len__(self) -> int:
        return len(self._groups)
