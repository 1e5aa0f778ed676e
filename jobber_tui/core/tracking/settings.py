"""The [tracking] section of config.toml: which IMAP account and folders to read, and how far back.

The password is never in the file: `password_env` names the environment variable that holds it.
"""

from __future__ import annotations

import ipaddress
import os
from dataclasses import dataclass
from typing import Any

from ..config import Config
from ..errors import BadInput

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
            raise BadInput(f"[tracking] password_env: environment variable {self.password_env} is not set "
                           "(put your IMAP app password there)")
        return value


def tracking_settings(config: Config) -> TrackingSettings | None:
    """The configured account, or None when `[tracking]` has no host (tracking is off)."""
    raw: Any = config.raw.get("tracking")
    if not isinstance(raw, dict) or not raw.get("host"):
        return None
    where = f"{config.path}: [tracking]"

    def fail(key: str, want: str) -> BadInput:
        return BadInput(f"{where} key '{key}' must be {want}, got {raw.get(key)!r}")

    for key in ("host", "username", "password_env", "ca_file"):
        if key in raw and not (isinstance(raw[key], str) and raw[key].strip()):
            raise fail(key, "text")
    for key in ("username", "password_env"):
        if key not in raw:
            raise BadInput(f"{where} needs '{key}'")
    tls = raw.get("tls", "ssl")
    if tls not in TLS_MODES:
        raise fail("tls", " or ".join(repr(m) for m in TLS_MODES))
    host = raw["host"].strip()
    if tls == "none" and not _is_loopback(host):
        raise BadInput(f"{where} tls = \"none\" would send your password unencrypted to {host}; it is allowed "
                       "only for a server on this machine (127.0.0.1, localhost). Use \"ssl\" or \"starttls\"")
    port = raw.get("port", DEFAULT_PORTS[tls])
    if isinstance(port, bool) or not isinstance(port, int) or not 1 <= port <= 65535:
        raise fail("port", "a port number 1-65535")
    folders = raw.get("folders", ["INBOX"])
    if not isinstance(folders, list) or not folders or not all(isinstance(f, str) and f.strip() for f in folders):
        raise fail("folders", 'a list of folder names such as ["INBOX"]')
    days_back = raw.get("days_back", 30)
    if isinstance(days_back, bool) or not isinstance(days_back, int) or not 1 <= days_back <= 3650:
        raise fail("days_back", "a whole number of days 1-3650")
    interval = raw.get("interval_minutes")
    if interval is not None and (isinstance(interval, bool) or not isinstance(interval, int)
                                 or not 5 <= interval <= 1440):
        raise fail("interval_minutes", "a whole number of minutes 5-1440")
    timeout = raw.get("timeout", 30)
    if isinstance(timeout, bool) or not isinstance(timeout, int | float) or not 0 < timeout <= 300:
        raise fail("timeout", "seconds, more than 0 and at most 300")
    return TrackingSettings(
        host=host, username=raw["username"].strip(), password_env=raw["password_env"].strip(), port=port, tls=tls,
        folders=tuple(dict.fromkeys(f.strip() for f in folders)), days_back=days_back, interval_minutes=interval,
        timeout=float(timeout), ca_file=raw.get("ca_file"),
    )


def _is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
