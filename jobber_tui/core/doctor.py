"""`jobber doctor`: check the home piece by piece and say what is wrong and how to fix it.

Every check runs on its own (a damaged store does not hide a broken config), reads only, and ends
in a Finding: ok, warning or problem, with the fix where there is one.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .infra.errors import JobberError
from .infra.json_values import object_at
from .infra.paths import Home, display_path


@dataclass(frozen=True)
class Finding:
    level: str
    """"ok", "warning" or "problem"."""
    area: str
    message: str
    fix: str | None = None


def run_checks(home: Home) -> list[Finding]:
    findings: list[Finding] = []
    checks: list[Callable[[Home], list[Finding]]] = [
        _config,
        _store,
        _stuck_jobs,
        _resume,
        _templates,
        _permissions,
        _webhooks,
        _disk,
    ]
    for check in checks:
        try:
            findings.extend(check(home))
        except Exception as exc:  # noqa: BLE001 - one failing check must not stop the others
            findings.append(Finding("problem", check.__name__.strip("_"), f"{type(exc).__name__}: {exc}"))
    return findings


def _config(home: Home) -> list[Finding]:
    from .infra.config import load_config
    from .workspace import check_template_settings

    try:
        config = load_config(home.config_file)
        check_template_settings(home, config)
    except JobberError as exc:
        return [Finding("problem", "config", str(exc), "fix the line it names (see docs/reference/configuration.md)")]
    where = display_path(home.config_file) if home.config_file.exists() else "defaults (no config.toml)"
    return [Finding("ok", "config", f"{where}: valid")]


def _store(home: Home) -> list[Finding]:
    from .infra.store_file import StoreDamaged, check_store_file
    from .jobs.migrations import LATEST

    db = home.db_file
    if not db.exists():
        return [Finding("ok", "store", f"{display_path(db)}: not created yet (the first command makes it)")]
    try:
        check_store_file(db)
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            result = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if not version:  # release 0.1.0 kept its schema number in `meta`
                row = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                version = int(row[0]) if row else 0
            jobs = conn.execute("SELECT count(*) FROM job").fetchone()[0] if result == ["ok"] else None
        finally:
            conn.close()
    except (StoreDamaged, sqlite3.DatabaseError) as exc:
        return [Finding("problem", "store", str(exc), "restore a backup (`jobber backup` makes them)")]
    if result != ["ok"]:
        return [
            Finding(
                "problem",
                "store",
                f"{display_path(db)}: integrity check failed: {'; '.join(result[:3])}",
                f"restore a backup, or try `sqlite3 {display_path(db)} .recover` on a copy",
            )
        ]
    note = "" if version == LATEST else f" (schema {version}; the next command upgrades it to {LATEST})"
    return [Finding("ok", "store", f"{display_path(db)}: intact, {jobs} jobs{note}")]


def _stuck_jobs(home: Home) -> list[Finding]:
    from .jobs.lease import lease_alive

    if not home.db_file.exists():
        return []
    conn = sqlite3.connect(f"file:{home.db_file}?mode=ro", uri=True, timeout=5)
    try:
        rows = conn.execute(
            "SELECT id, title, processing_pid, processing_lease FROM job WHERE status = 'processing'"
        ).fetchall()
    except sqlite3.DatabaseError:
        return []  # an old schema or a damaged store: the store check reports it
    finally:
        conn.close()
    findings = []
    for job_id, title, pid, lease in rows:
        if lease_alive(lease, pid):
            findings.append(Finding("ok", "jobs", f"job {job_id} ({title}) is being built by process {pid}"))
        else:
            findings.append(
                Finding(
                    "warning",
                    "jobs",
                    f"job {job_id} ({title}) is stuck in processing: its process {pid} is gone",
                    f"jobber jobs reset {job_id}",
                )
            )
    return findings


def _resume(home: Home) -> list[Finding]:
    from .resume.base import load_resume

    if not home.resume_file.exists():
        return [
            Finding(
                "warning", "resume", f"no base resume at {display_path(home.resume_file)}", "jobber resume import FILE"
            )
        ]
    try:
        resume = load_resume(home)
    except JobberError as exc:
        return [Finding("problem", "resume", str(exc), "jobber resume import FILE (the old file is kept until then)")]
    basics = object_at(resume, "basics")
    name = basics.get("name") or "(no name)"
    return [
        Finding(
            "ok", "resume", f"{display_path(home.resume_file)}: {name}, {len(resume.get('work') or [])} work entries"
        )
    ]


def _templates(home: Home) -> list[Finding]:
    """Each resume template compiles with your resume (nothing is written); fonts come with it."""
    from .jobs.models import Job
    from .resume.base import load_resume
    from .resume.data import build_resume_data
    from .resume.processing import RENDERER
    from .resume.templates import list_templates

    try:
        resume = load_resume(home)
    except JobberError:
        resume = {"basics": {"name": "Sample Person"}}
    findings = []
    for template in list_templates(home):
        try:
            sample = Job(id=0, title="Sample Role", employer="Sample Employer")
            RENDERER.render(template, build_resume_data(resume, sample, template.name))
        except JobberError as exc:
            findings.append(Finding("problem", "templates", f"{template.name} ({template.origin}): {exc}"))
            continue
        fonts = sorted(p.name for p in template.fonts.iterdir()) if template.fonts.is_dir() else []
        extra = f", fonts: {', '.join(fonts)}" if fonts else ", Typst's built-in fonts"
        findings.append(Finding("ok", "templates", f"{template.name} ({template.origin}) compiles{extra}"))
    return findings


def _permissions(home: Home) -> list[Finding]:
    private = [
        home.db_file,
        home.db_file.with_name("jobber.db-wal"),
        home.db_file.with_name("jobber.db-shm"),
        home.resume_file,
        home.pdf_dir,
        home.log_dir,
    ]
    from .infra.config import holds_secret, load_config

    try:
        if home.config_file.exists() and holds_secret(load_config(home.config_file).raw):
            private.append(home.config_file)
    except JobberError:
        pass
    loose = [p for p in private if p.exists() and p.stat().st_mode & 0o077]
    if not loose:
        return [Finding("ok", "permissions", "your data is readable by you only")]
    names = ", ".join(display_path(p) for p in loose)
    return [
        Finding(
            "warning",
            "permissions",
            f"readable by other users: {names}",
            "chmod 600 the files and 700 the folders (any Jobber command that writes fixes the store's)",
        )
    ]


def _webhooks(home: Home) -> list[Finding]:
    if not home.db_file.exists():
        return []
    conn = sqlite3.connect(f"file:{home.db_file}?mode=ro", uri=True, timeout=5)
    try:
        failed, pending = conn.execute(
            "SELECT sum(status = 'failed'), sum(status = 'pending') FROM webhook_delivery"
        ).fetchone()
    except sqlite3.DatabaseError:
        return []
    finally:
        conn.close()
    if failed:
        return [
            Finding(
                "warning", "webhooks", f"{failed} deliveries failed", "jobber webhooks status; jobber webhooks retry"
            )
        ]
    if pending:
        return [Finding("ok", "webhooks", f"{pending} deliveries waiting to be sent")]
    return []


def _disk(home: Home) -> list[Finding]:
    folder = home.data_dir if home.data_dir.exists() else Path.home()
    free = shutil.disk_usage(folder).free
    if free < 50_000_000:
        return [Finding("problem", "disk", f"only {free // 1_000_000} MB free under {display_path(folder)}")]
    if not os.access(folder, os.W_OK):
        return [Finding("warning", "disk", f"{display_path(folder)} is read-only: Jobber can show, not change")]
    return []
