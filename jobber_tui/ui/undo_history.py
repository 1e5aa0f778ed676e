"""The moves made from the UI that `ctrl+z` can still take back, newest last, and the toast offering it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jobber_tui.core.jobs.undo import Move

if TYPE_CHECKING:
    from jobber_tui.ui.app import JobberApp

UNDO_SECONDS = 8
"""How long the toast offering the undo stays up (the undo itself stays possible until the next move)."""


class UndoHistory:
    """Groups of moves (a bulk skip is one group); an undo takes back the newest group whole, in a worker.
    The store refuses (and says why) when a job changed since its move."""

    def __init__(self, app: JobberApp, limit: int = 20) -> None:
        self.app = app
        self._groups: list[list[Move]] = []
        self._limit = limit

    def offer(self, moves: list[Move], message: str) -> None:
        """Remember moves and say so in a toast that names the undo key (as remapped)."""
        if moves:
            self._groups.append(list(moves))
            del self._groups[: -self._limit]
        key = self.app._keymap.get("undo", "ctrl+z").split(",")[0]
        self.app.notify(f"{message} · {key} undoes", timeout=UNDO_SECONDS, markup=False)

    def undo_last(self) -> None:
        if not self._groups:
            self.app.notify("Nothing to undo", timeout=3)
            return
        moves = self._groups.pop()
        app = self.app

        def run() -> None:
            from jobber_tui.core.jobs.undo import undo_moves

            done, problems = undo_moves(app.workspace.store, moves)
            app.call_from_thread(self._undone, done, problems)

        app.run_worker(run, thread=True, group="undo", exit_on_error=False)

    def _undone(self, done: list[int], problems: list[str]) -> None:
        if done:
            what = f"job {done[0]} is" if len(done) == 1 else f"{len(done)} jobs are"
            self.app.notify(f"Undone: {what} back where {'it was' if len(done) == 1 else 'they were'}", timeout=4)
        for problem in problems[:3]:
            self.app.notify(problem, title="Not undone", severity="warning", timeout=8, markup=False)
        self.app.broadcast_jobs_changed(frozenset(done))

    def __len__(self) -> int:
        return len(self._groups)
