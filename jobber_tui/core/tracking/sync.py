"""One sync: read new mail from each configured folder, classify it, match it to a job, and record it.

Incremental and idempotent: the last UID per folder (with its UIDVALIDITY) is remembered, and every
message's key (a hash of its Message-ID) is stored, so nothing is processed twice, even after the
server renumbers a folder (a UIDVALIDITY change rescans the last `days_back` days and skips what is
known). Read-only: see imap_reader.py.

Routing is automatic only for confident matches to `applied` jobs. A reply that matches a job in
another status (the user forgot to mark it applied), an unsure match, a reply for an unknown company,
or news that would reopen a closed application lands in the review inbox (review.py) instead.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import timedelta
from typing import Any

from ..infra.errors import BadInput, JobberError
from ..infra.logs import get_logger, log_event
from ..infra.scrub import add_secret
from ..jobs.columns import snake_to_camel
from ..jobs.models import TrackedMessage
from ..jobs.states import JobStatus
from ..workspace import Workspace
from . import store
from .classify import ATS_DOMAINS, Category, Classification, classify, ignore_reason, sender_in
from .imap_reader import MailboxReader, RawMail, connect
from .mail_text import MailMessage, parse_mail
from .match import EMPLOYER_NAMED, JobIndex, Match
from .settings import TrackingSettings, tracking_settings
from .stages import change_for, current_stage, target_for

log = get_logger("tracking")


@dataclass(frozen=True)
class SyncProgress:
    """One step of a sync, for a progress bar: `done` of `total` messages in `folder`."""

    folder: str
    done: int
    total: int
    message: str = ""


@dataclass(frozen=True)
class SyncItem:
    """What happened to one message (also in a dry run, where nothing is written)."""

    folder: str
    uid: int
    status: str
    """routed, review, ignored or duplicate."""
    category: str | None = None
    job_id: int | None = None
    subject: str = ""
    reason: str = ""
    stage_change: str | None = None


@dataclass
class SyncReport:
    account: str
    dry_run: bool = False
    folders: list[str] = field(default_factory=list)
    fetched: int = 0
    routed: dict[str, int] = field(default_factory=dict)
    """Routed messages per category."""
    review: int = 0
    ignored: int = 0
    duplicates: int = 0
    """Already known by Message-ID (another folder, an earlier pass before a UIDVALIDITY change)."""
    rescanned: list[str] = field(default_factory=list)
    """Folders whose UIDVALIDITY changed since the last sync."""
    stage_changes: list[str] = field(default_factory=list)
    """"job 3: applied -> interview"."""
    model_error: str | None = None
    """The model failed once; the rest of the sync used the rules alone."""
    cancelled: bool = False
    items: list[SyncItem] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["items"] = [{snake_to_camel(k): v for k, v in item.items()} for item in data["items"]]
        return {snake_to_camel(key): value for key, value in data.items()}


OnProgress = Callable[[SyncProgress], None]


def sync(
    ws: Workspace,
    *,
    dry_run: bool = False,
    progress: OnProgress | None = None,
    cancel: threading.Event | None = None,
    settings: TrackingSettings | None = None,
) -> SyncReport:
    """Sync every configured folder. Safe to run from a worker thread; `cancel` stops between messages
    (all finished messages stay recorded). Raises BadInput when not configured, MailboxError when the
    server cannot be reached or refuses the login (nothing is changed then)."""
    settings = settings or tracking_settings(ws.config)
    if settings is None:
        raise BadInput(
            f"reply tracking is not set up: add a [tracking] section (host, username, password_env) to {ws.config.path}"
        )
    password = settings.password()
    add_secret(password)
    report = SyncReport(account=settings.account, dry_run=dry_run)
    run = _Run(ws, settings, report, dry_run)
    with connect(settings, password) as reader:
        for folder in settings.folders:
            reader.examine(folder)  # a misspelt folder fails here, before anything is recorded
        for folder in settings.folders:
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            run.folder(reader, folder, progress or _ignore, cancel)
    run.close()
    log_event(
        log,
        20,
        "mail synced",
        account=settings.account,
        dryRun=dry_run,
        fetched=report.fetched,
        routed=report.routed,
        review=report.review,
        ignored=report.ignored,
        duplicates=report.duplicates,
        rescanned=report.rescanned,
        cancelled=report.cancelled,
    )
    return report


class _Run:
    """The state of one sync: the job index, the (lazily created) model client, a dry run's pretend stages."""

    def __init__(self, ws: Workspace, settings: TrackingSettings, report: SyncReport, dry_run: bool) -> None:
        self.ws, self.settings, self.report, self.dry_run = ws, settings, report, dry_run
        self.index = JobIndex(store.job_refs(ws))
        self.model = _Model(ws)
        self.pretend: dict[int, str] = {}
        """A dry run's stage per job, so its later messages see the earlier ones' effect."""
        self.seen: set[str] = set()
        self.routed: dict[str, int] = {}
        """Keys routed in this sync (a dry run writes none, yet a later reply in the thread must find them)."""

    def close(self) -> None:
        self.model.close()

    def folder(self, reader: MailboxReader, folder: str, progress: OnProgress, cancel: threading.Event | None) -> None:
        report, account = self.report, self.settings.account
        report.folders.append(folder)
        uidvalidity, uidnext = reader.examine(folder)
        state = store.mailbox_state(self.ws, account, folder)
        since = self.ws.store.today() - timedelta(days=self.settings.days_back)
        if state is not None and state.uidvalidity == uidvalidity:
            # Mail filed into the folder later keeps its old date: days_back bounds every sync, not only the first.
            uids = reader.uids_since(since, after_uid=state.last_uid)
        else:
            if state is not None:
                report.rescanned.append(folder)
                log_event(
                    log, 30, "UIDVALIDITY changed; rescanning", folder=folder, before=state.uidvalidity, now=uidvalidity
                )
            uids = reader.uids_since(since)
        progress(SyncProgress(folder, 0, len(uids), f"{len(uids)} new in {folder}"))
        for done, raw in enumerate(reader.fetch(uids), start=1):
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                return
            report.fetched += 1
            try:
                item = self.message(folder, uidvalidity, raw)
            except _AlreadyKnown:  # another sync (the UI's timer, cron) recorded it a moment ago
                report.duplicates += 1
                item = SyncItem(folder, raw.uid, "duplicate")
            report.items.append(item)
            progress(SyncProgress(folder, done, len(uids), item.subject))
        if not self.dry_run:
            store.finish_folder(self.ws, account, folder, uidvalidity, max([*uids, uidnext - 1, 0]))

    def message(self, folder: str, uidvalidity: int, raw: RawMail) -> SyncItem:
        """Decide what one message is and record it (unless dry run)."""
        msg = parse_mail(
            raw.header, raw.text, fallback_id=f"<{uidvalidity}.{raw.uid}.{folder}@jobber.invalid>", part=raw.part
        )
        position = store.Position(self.settings.account, folder, uidvalidity, raw.uid)
        item = SyncItem(folder, raw.uid, "duplicate", subject=msg.subject)
        if msg.key in self.seen or store.is_known(self.ws, msg.key):
            self.report.duplicates += 1
            return item
        self.seen.add(msg.key)
        row = TrackedMessage(
            message_key=msg.key,
            account=self.settings.account,
            folder=folder,
            uid=raw.uid,
            uidvalidity=uidvalidity,
            status="ignored",
        )
        thread = next((self.routed[k] for k in msg.thread_keys if k in self.routed), None) or store.thread_job(
            self.ws, msg.thread_keys
        )
        waiting = store.thread_review(self.ws, msg.thread_keys) if thread is None else None
        verdict = classify(msg)
        ignored = ignore_reason(msg, verdict, in_thread=thread is not None or waiting is not None)
        match = (
            self.index.match(msg, thread or (waiting[1] if waiting else None)) if not ignored else Match(None, 0.0, "")
        )
        # A job title alone in some mail ("the backend engineer said...") does not make it about an application.
        relevant = (
            (match.job_id is not None and match.score >= EMPLOYER_NAMED)
            or waiting is not None
            or verdict.category is not Category.OTHER
            or sender_in(msg.sender_domain, ATS_DOMAINS)
        )
        if not ignored and not relevant:
            ignored = "not about an application"
        if not ignored and not verdict.sure:
            second = self.model.classify(msg, verdict, self.report)
            ignored, verdict = ("newsletter (model)", verdict) if second is None else (None, second)
        if ignored:
            row.reason = ignored
            self._save(row, position)
            self.report.ignored += 1
            return SyncItem(folder, raw.uid, "ignored", subject=msg.subject, reason=ignored)
        return self._route(msg, verdict, match, row, position, waiting[0] if waiting else None)

    def _route(
        self,
        msg: MailMessage,
        verdict: Classification,
        match: Match,
        row: TrackedMessage,
        position: store.Position,
        waiting: int | None = None,
    ) -> SyncItem:
        target = target_for(verdict.category, screening=verdict.screening)
        row.category, row.target_stage, row.job_id = verdict.category.value, target, match.job_id
        row.confidence, row.sender, row.subject = match.score, msg.sender, msg.subject
        row.sent_at, row.snippet = msg.sent_at, msg.snippet
        review = None
        update = None
        planned = None
        if waiting is not None:
            review = f"in the thread of message {waiting}, which waits for your decision"
        elif match.job_id is None:
            review = "no job matched: an unknown company?"
        elif match.status != JobStatus.APPLIED.value:
            review = f"job {match.job_id} is {match.status}, not applied ({match.reason})"
        elif not match.confident:
            review = f"unsure match ({match.score:.2f}): {match.reason}"
        else:
            stage = self.pretend.get(match.job_id) or store.job_stage(self.ws, match.job_id)
            change = change_for(stage, target, category=verdict.category.value)
            if change.review:
                review = change.review
            elif change.changes and not verdict.sure:
                review = f"unsure category: {verdict.reason}"
            else:
                update = store.JobUpdate(
                    match.job_id,
                    mail_detail(row),
                    change.stage,
                    change.outcome,
                    why=f"{verdict.category.value} mail from {msg.sender_domain}",
                )
                if change.changes:
                    self.pretend[match.job_id] = str(change.stage)
                    planned = f"{current_stage(stage)} -> {change.stage}" + (
                        f" ({change.outcome})" if change.outcome else ""
                    )
        row.status = "review" if review else "routed"
        row.reason = review or match.reason
        changed = self._save(row, position, update) if not self.dry_run else planned
        if review:
            self.report.review += 1
        elif match.job_id is not None:
            self.routed[msg.key] = match.job_id
            self.report.routed[row.category] = self.report.routed.get(row.category, 0) + 1
            if changed:
                self.report.stage_changes.append(f"job {match.job_id}: {changed}")
        return SyncItem(
            position.folder,
            position.uid,
            row.status,
            row.category,
            match.job_id,
            msg.subject,
            row.reason or "",
            changed,
        )

    def _save(self, row: TrackedMessage, position: store.Position, update: store.JobUpdate | None = None) -> str | None:
        """Record the message (never in a dry run); returns the stage change it made."""
        if self.dry_run:
            return None
        if not store.record(self.ws, row, position, update):
            raise _AlreadyKnown
        return row.stage_change


class _AlreadyKnown(Exception):
    """Raised before any count changes when the store already has the message."""


class _Model:
    """The model for unsure messages: created on first need, dropped after its first failure."""

    def __init__(self, ws: Workspace) -> None:
        self.ws = ws
        self.client: Any = None
        self.failed = False
        self.user_name: str | None = None

    def classify(self, msg: MailMessage, verdict: Classification, report: SyncReport) -> Classification | None:
        if self.failed:
            return verdict
        if self.client is None:
            from ..llm.settings import llm_settings

            settings = llm_settings(self.ws.config)
            if settings is None:
                self.failed = True
                return verdict
            from ..llm.client import LlmClient

            self.client = LlmClient(settings)
            self.user_name = _user_name(self.ws)
        from .llm_classify import llm_classify

        try:
            return llm_classify(self.client, msg, user_name=self.user_name)
        except JobberError as exc:
            self.failed = True
            report.model_error = str(exc)
            log_event(log, 30, "model classification failed; using the rules", error=str(exc))
            return verdict

    def close(self) -> None:
        if self.client is not None:
            self.client.close()


def mail_detail(row: TrackedMessage) -> str:
    """The timeline line of a routed message: category · sender · subject · date · snippet."""
    parts = [
        row.category or "other",
        row.sender or "",
        row.subject or "(no subject)",
        row.sent_at or "",
        row.snippet or "",
    ]
    return " · ".join(part for part in parts if part)


def _user_name(ws: Workspace) -> str | None:
    """The user's own name, scrubbed from what the model sees ("Dear Alex Doe")."""
    from ..llm.profile import user_name
    from ..resume.base import load_resume

    try:
        return user_name(load_resume(ws.home))
    except (JobberError, OSError, ValueError):
        return None


def _ignore(_progress: SyncProgress) -> None:
    """The default progress callback."""
