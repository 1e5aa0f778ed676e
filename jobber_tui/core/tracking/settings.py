"""The [tracking] section of config.toml: which IMAP account and folders to read, and how far back.

The password is never in the file: `password_env` names the environment variable that holds it.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass

from ..infra.config import Config
from ..infra.errors import BadInput
from ..infra.paths import display_path

TLS_MODES = ("ssl", "starttls", "none")
DEFAULT_PORTS = {"ssl": 993, "starttls": 143, "none": 143}


@dataclass(frozen=True)
class TrackingSettings:
    host: str
    username: str
    password_env: str
    """Name of the environment variable holding the (app) password."""
    port: int = 993
    tls: str = "ssl"
    """ssl (implicit TLS, port 993), starttls (upgrade on 143) or none (loopback only: a local bridge)."""
    folders: tuple[str, ...] = ("INBOX",)
    days_back: int = 30
    """How far back the first sync of a folder (or a resync after a UIDVALIDITY change) looks."""
    interval_minutes: int | None = None
    """For the UI: sync every N minutes while it runs (None: only on demand)."""
    timeout: float = 30.0
    """Seconds for connecting and for each server reply; a stuck server fails instead of hanging."""
    ca_file: str | None = None
    """A PEM file of extra trusted certificates, for a self-hosted server with a private CA."""

    @property
    def account(self) -> str:
        """The key sync positions are stored under, so another account never reuses them."""
        return f"{self.username}@{self.host}"

    def password(self) -> str:
        """The password from the environment; an unset variable is named (its value never is)."""
        value = os.environ.get(self.password_env)
        if not value:
            raise BadInput(
                f"[tracking] password_env: environment variable {self.password_env} is not set "
                "(put your IMAP app password there)"
            )
        return value


def tracking_settings(config: Config) -> TrackingSettings | None:
    """The configured account, or None when `[tracking]` has no host (tracking is off)."""
    raw = config.settings.tracking
    if not raw.host or not raw.host.strip():
        return None
    where = f"{display_path(config.path)}: [tracking]"
    for key in ("username", "password_env"):
        if not getattr(raw, key):
            raise BadInput(f"{where} needs '{key}'")
    host = raw.host.strip()
    if raw.tls == "none" and not _is_loopback(host):
        raise BadInput(
            f'{where} tls = "none" would send your password unencrypted to {host}; it is allowed '
            'only for a server on this machine (127.0.0.1, localhost). Use "ssl" or "starttls"'
        )
    assert raw.username and raw.password_env
    return TrackingSettings(
        host=host,
        username=raw.username.strip(),
        password_env=raw.password_env.strip(),
        port=raw.port or DEFAULT_PORTS[raw.tls],
        tls=raw.tls,
        folders=tuple(dict.fromkeys(f.strip() for f in raw.folders)),
        days_back=raw.days_back,
        interval_minutes=raw.interval_minutes,
        timeout=raw.timeout,
        ca_file=raw.ca_file,
    )


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
