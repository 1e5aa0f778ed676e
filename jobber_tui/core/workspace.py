"""One factory for everything a face (CLI or UI) needs: home, config, store, clock, logs.

Opening a workspace also runs the start-up chores every start must do: revert orphaned
`processing` jobs and run the expiry sweep.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .config import Config, load_config
from .logs import add_secret, configure_logging, get_logger, log_event
from .paths import Home, resolve_home
from .store import Clock, JobStore, local_now

log = get_logger("workspace")


@dataclass
class Workspace:
    home: Home
    config: Config
    store: JobStore
    recovered: list[int] = field(default_factory=list)
    """Jobs put back to discovered at start-up because their processing was interrupted."""
    expired: list[int] = field(default_factory=list)
    """Jobs the start-up expiry sweep moved to expired."""

    @property
    def clock(self) -> Clock:
        return self.store.clock

    def close(self) -> None:
        self.store.close()


def open_workspace(home: str | Path | None = None, *, clock: Clock = local_now, startup: bool = True) -> Workspace:
    """Resolve the home, read config, open the store and do the start-up chores."""
    resolved = resolve_home(home).ensure()
    config = load_config(resolved.config_file)
    secrets = config.secret_values()
    configure_logging(resolved.log_dir, secrets=secrets)
    for secret in secrets:
        add_secret(secret)
    workspace = Workspace(home=resolved, config=config, store=JobStore(resolved.db_file, clock=clock))
    if config.raw.get("webhooks"):  # job.ready / job.applied; imported only when configured
        from .webhooks import register

        register(workspace)
    if startup:
        workspace.recovered = workspace.store.recover_processing()
        workspace.expired = workspace.store.expire_due()
        if workspace.recovered or workspace.expired:
            log_event(log, 20, "start-up sweep", recovered=workspace.recovered, expired=workspace.expired)
    return workspace
