"""Who owns a job in `processing`: a lease that a reused process id cannot impersonate.

A pid alone is not enough: in a container Jobber is PID 1 after every restart, and on a host PID 1
(init) is always alive, so a build killed mid-way would look alive forever. The lease adds the
boot id and the process's start time (Linux: /proc), so a new process with the same pid, or any
process after a reboot, does not match. Where /proc is missing (macOS, BSD) the lease falls back
to the pid, and `jobber jobs reset ID` is the way out.
"""

from __future__ import annotations

import os
from functools import cache


@cache
def _boot_id() -> str:
    try:
        with open("/proc/sys/kernel/random/boot_id", encoding="ascii") as handle:
            return handle.read().strip()
    except OSError:
        return "-"


def _start_time(pid: int) -> str:
    """Clock ticks since boot when `pid` started (field 22 of /proc/PID/stat), or "-" if unknown."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as handle:
            stat = handle.read()
    except OSError:
        return "-"
    # The command name (field 2) is in parentheses and may hold spaces: split after its last ")".
    fields = stat[stat.rfind(")") + 2 :].split()
    return fields[19] if len(fields) > 19 else "-"


def current_lease() -> str:
    pid = os.getpid()
    return f"{_boot_id()}:{pid}:{_start_time(pid)}"


def lease_alive(lease: str | None, pid: int | None) -> bool:
    """Whether the process that took the lease still runs (the same process, not a namesake)."""
    if lease:
        boot, _, rest = lease.partition(":")
        pid_text, _, started = rest.partition(":")
        try:
            pid = int(pid_text)
        except ValueError:
            return False
        if boot != "-" and boot != _boot_id():
            return False  # the machine restarted since
        if started != "-":
            return _start_time(pid) == started
    return _pid_alive(pid)


def _pid_alive(pid: int | None) -> bool:
    if not pid:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
