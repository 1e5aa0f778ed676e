"""One factory for everything a face (CLI or UI) needs: home, config, store, clock, logs.

Opening a workspace also runs the start-up chores every start must do: revert orphaned
`processing` jobs and run the expiry sweep.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .config import Config, load_config
from .config_model import Settings
from .logs import add_secret, configure_logging, get_logger, log_event
from .paths import BUNDLED_TEMPLATES, Home, display_path, resolve_home
from .store import Clock, JobStore, local_now
from .store_file import make_private

if TYPE_CHECKING:
    from .webhooks import Outbox

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
    outbox: Outbox | None = None
    """Queues webhook deliveries (None without [[webhooks]])."""
    webhooks_due_at_start: bool = False
    """Deliveries left by an earlier process (a crash, a kill, a receiver that was down) wait to be sent."""
    _sender: subprocess.Popen[bytes] | None = None

    @property
    def settings(self) -> Settings:
        """The typed settings of config.toml (re-read after every write through `config`)."""
        return self.config.settings

    @property
    def clock(self) -> Clock:
        return self.store.clock

    def send_webhooks(self) -> None:
        """Start the background sender when deliveries wait (this process queued some, or an earlier one
        left some). The sender is a detached process: the caller never waits for a receiver."""
        if self.outbox is None or not (self.outbox.queued or self.webhooks_due_at_start):
            return
        if self._sender is not None and self._sender.poll() is None:
            return  # the running sender looks for new deliveries before it exits
        from .webhook_sender import spawn_sender

        self.outbox.queued, self.webhooks_due_at_start = 0, False
        self._sender = spawn_sender(self)

    def close(self) -> None:
        self.store.close()


def check_template_settings(home: Home, config: Config) -> None:
    """`default_template` and `cover_letter_template` must name templates that exist: a typo would
    otherwise surface only when the first PDF fails."""
    for key in ("default_template", "cover_letter_template"):
        name = getattr(config.settings, key)
        if not any((folder / name / "main.typ").is_file() for folder in (home.templates_dir, BUNDLED_TEMPLATES)):
            raise config.error((key,), f"names no template: {name!r} is neither in {display_path(home.templates_dir)} "
                                       "nor bundled (`jobber templates list`)")


def open_workspace(home: str | Path | None = None, *, clock: Clock = local_now, startup: bool = True) -> Workspace:
    """Resolve the home, read config, open the store and do the start-up chores."""
    resolved = resolve_home(home).ensure()
    config = load_config(resolved.config_file)
    check_template_settings(resolved, config)
    secrets = config.secret_values()
    configure_logging(resolved.log_dir, secrets=secrets)
    for secret in secrets:
        add_secret(secret)
    workspace = Workspace(home=resolved, config=config, store=JobStore(resolved.db_file, clock=clock))
    if not workspace.store.read_only:
        make_private(resolved.resume_file)  # a resume copied in by hand is as personal as one imported
    if config.settings.webhooks:  # imported only when configured
        from .webhook_sender import has_due
        from .webhooks import register

        workspace.outbox = register(workspace)
        workspace.webhooks_due_at_start = has_due(workspace)
    if startup:
        workspace.recovered = workspace.store.recover_processing()
        workspace.expired = workspace.store.expire_due()
        if workspace.recovered or workspace.expired:
            log_event(log, 20, "start-up sweep", recovered=workspace.recovered, expired=workspace.expired)
    return workspace
