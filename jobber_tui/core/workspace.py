"""One factory for everything a face (CLI or UI) needs: home, config, store, clock, logs.

Opening a workspace also runs the start-up chores every start must do: revert orphaned
`processing` jobs and run the expiry sweep.

Start-up is at the floor of what Python allows: the store is read through `reader` (the standard
library's sqlite3), and `store`, the SQLAlchemy side that writes, is opened at its first use. The
chores look with the reader first and open the store only when something is due, so a command that
only reads never imports SQLAlchemy.
"""

from __future__ import annotations

from _thread import allocate_lock  # threading's Lock, without importing threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .infra.clock import Clock, local_now
from .infra.config import Config, load_config
from .infra.config_model import Settings
from .infra.log_base import log_here_when_used
from .infra.paths import BUNDLED_TEMPLATES, Home, display_path, resolve_home
from .infra.scrub import add_secret
from .infra.store_file import make_private
from .jobs.lease import lease_alive
from .jobs.store_reader import StoreReader

if TYPE_CHECKING:
    import subprocess
    import threading

    from .jobs.store import JobStore
    from .webhooks.hooks import Outbox


@dataclass
class Workspace:
    home: Home
    config: Config
    reader: StoreReader
    """Reads of the store without SQLAlchemy (listings, one job, the start-up checks)."""
    clock: Clock = local_now
    recovered: list[int] = field(default_factory=list)
    """Jobs put back to discovered at start-up because their processing was interrupted."""
    expired: list[int] = field(default_factory=list)
    """Jobs the start-up expiry sweep moved to expired."""
    outbox: Outbox | None = None
    """Queues webhook deliveries (None without [[webhooks]])."""
    webhooks_due_at_start: bool = False
    """Deliveries left by an earlier process (a crash, a kill, a receiver that was down) wait to be sent."""
    _store: JobStore | None = None
    _store_lock: Any = field(default_factory=allocate_lock)
    _sender: subprocess.Popen[bytes] | None = None

    @property
    def settings(self) -> Settings:
        """The typed settings of config.toml (re-read after every write through `config`)."""
        return self.config.settings

    @property
    def store(self) -> JobStore:
        """The store's write side (SQLAlchemy), opened at first use: by a write, or by code that wants
        ORM objects. Thread-safe: a UI worker and the UI thread may ask at once."""
        store = self._store
        if store is not None:
            return store
        with self._store_lock:
            if self._store is None:
                from .jobs.store import JobStore

                opened = JobStore(self.reader.db_file, clock=self.clock)
                if self.outbox is not None:  # deliveries commit with the move or run they report
                    opened.move_hooks.append(self.outbox.on_move)
                    opened.run_hooks.append(self.outbox.on_run_finished)
                self._store = opened
            return self._store

    @property
    def store_is_open(self) -> bool:
        """Whether anything opened the write side (a command that only read never did)."""
        return self._store is not None

    def open_store_in_background(self) -> threading.Thread:
        """Import SQLAlchemy and open the store in a thread, so the first write does not wait for it
        (the UI after its first paint; generate-pdf while Typst compiles)."""
        import threading

        thread = threading.Thread(target=lambda: self.store, name="jobber-open-store", daemon=True)
        thread.start()
        return thread

    def send_webhooks(self) -> None:
        """Start the background sender when deliveries wait (this process queued some, or an earlier one
        left some). The sender is a detached process: the caller never waits for a receiver."""
        if self.outbox is None or not (self.outbox.queued or self.webhooks_due_at_start):
            return
        if self._sender is not None and self._sender.poll() is None:
            return  # the running sender looks for new deliveries before it exits
        from .webhooks.sender import spawn_sender

        self.outbox.queued, self.webhooks_due_at_start = 0, False
        self._sender = spawn_sender(self)

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        self.reader.close()

    # -- start-up chores: a read first, a write only when something is due --------------------
    def recover_processing(self) -> list[int]:
        """Put jobs orphaned in processing (their process is gone) back to discovered."""
        stuck = self.reader.processing_jobs()
        if self.reader.read_only or not any(not lease_alive(lease, pid) for _, pid, lease in stuck):
            return []
        return self.store.recover_processing()

    def expire_due(self) -> list[int]:
        """The expiry sweep: discovered/ready jobs whose deadline day has passed become expired."""
        from .jobs.states import EXPIRABLE

        cutoff = self.clock().astimezone().date().isoformat()
        if self.reader.read_only or not self.reader.expiry_due(cutoff, [s.value for s in EXPIRABLE]):
            return []
        return self.store.expire_due()


def check_template_settings(home: Home, config: Config) -> None:
    """`default_template` and `cover_letter_template` must name templates that exist: a typo would
    otherwise surface only when the first PDF fails."""
    for key in ("default_template", "cover_letter_template"):
        name = getattr(config.settings, key)
        if not any((folder / name / "main.typ").is_file() for folder in (home.templates_dir, BUNDLED_TEMPLATES)):
            raise config.error(
                (key,),
                f"names no template: {name!r} is neither in {display_path(home.templates_dir)} "
                "nor bundled (`jobber templates list`)",
            )


def open_workspace(home: str | Path | None = None, *, clock: Clock = local_now, startup: bool = True) -> Workspace:
    """Resolve the home, read config, open the store and do the start-up chores."""
    resolved = resolve_home(home).ensure()
    config = load_config(resolved.config_file)
    check_template_settings(resolved, config)
    for secret in config.secret_values():
        add_secret(secret)
    log_here_when_used(resolved.log_dir)  # opened by the first line logged: reads log nothing
    reader = StoreReader(resolved.db_file)
    workspace = Workspace(home=resolved, config=config, reader=reader, clock=clock)
    try:
        if config.settings.webhooks:  # imported only when configured
            from .webhooks.hooks import register

            workspace.outbox = register(workspace)
        if reader.needs_upgrade:  # a new file or an older one: the store creates or migrates it
            _ = workspace.store
            reader.needs_upgrade = False
        if not reader.read_only:
            make_private(resolved.resume_file)  # a resume copied in by hand is as personal as one imported
        if workspace.outbox is not None:
            from .webhooks.sender import has_due

            workspace.webhooks_due_at_start = has_due(workspace)
        if startup:
            workspace.recovered = workspace.recover_processing()
            workspace.expired = workspace.expire_due()
            if workspace.recovered or workspace.expired:
                from .infra.logs import get_logger, log_event

                log_event(
                    get_logger("workspace"),
                    20,
                    "start-up sweep",
                    recovered=workspace.recovered,
                    expired=workspace.expired,
                )
    except BaseException:
        workspace.close()
        raise
    return workspace
