"""Discovery: fetch every configured board at once (bounded), then dedup and store what they list.

A board that fails (timeout, 429 after retries, 5xx, malformed JSON) changes no job: its error is
counted and reported, and the other boards' results are kept. Only a complete, successful listing
expires the jobs that left its board.
"""

from __future__ import annotations

import contextvars
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from .dedup import ImportPlan, Outcome, SourceCounts
from .errors import Cancelled
from .logs import get_logger, log_event
from .progress import OnProgress, ProgressEvent, ignore
from .sources import SourceSpec, source_module, specs_from_config
from .sources.http import HttpSettings, PoliteClient, SourceError
from .sources.posting import Listing
from .workspace import Workspace

log = get_logger("discovery")


@dataclass
class DiscoveryResult:
    plan: ImportPlan
    sources: list[SourceCounts] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    """[{step: "discover", source, message}] for every board that failed."""

    @property
    def totals(self) -> dict[str, int]:
        keys = ("fetched", "created", "updated", "unchanged", "duplicates", "invalid", "expired")
        return {k: sum(getattr(s, k) for s in self.sources) for k in keys}


def http_settings(ws: Workspace) -> HttpSettings:
    chosen = ws.settings.discovery
    return HttpSettings(timeout=chosen.timeout, retries=chosen.retries, backoff=chosen.backoff,
                        concurrency=chosen.concurrency)


def configured_specs(ws: Workspace) -> list[SourceSpec]:
    return specs_from_config(ws.settings.sources)


def discover(ws: Workspace, specs: list[SourceSpec] | None = None, *, dry_run: bool = False,
             on_progress: OnProgress = ignore, cancel: threading.Event | None = None, run_id: int | None = None,
             client: PoliteClient | None = None) -> DiscoveryResult:
    """Fetch the boards, then import their listings in one transaction (`dry_run`: plan only)."""
    specs = _unique(configured_specs(ws) if specs is None else specs)
    own = client is None
    client = client or PoliteClient(http_settings(ws), cancel=cancel)
    try:
        fetched = fetch_all(client, specs, on_progress=on_progress, cancel=cancel, run_id=run_id)
    finally:
        if own:
            client.close()
    # Config order, not arrival order: which of two cross-board duplicates is kept must not be a race.
    listings = [fetched[s.label][0] for s in specs if fetched.get(s.label, (None, None))[0] is not None]
    on_progress(ProgressEvent("step.started", run_id, step="import", total=len(listings)))
    plan = ws.store.import_listings(listings, dry_run=dry_run)
    result = DiscoveryResult(plan)
    for spec in specs:
        listing, error = fetched.get(spec.label, (None, "not fetched (cancelled)"))
        counts = plan.counts.get(spec.label) or SourceCounts(spec.label)
        counts.error = error
        result.sources.append(counts)
        if error:
            result.errors.append({"step": "discover", "source": spec.label, "message": error})
            log_event(log, 30, "source failed", source=spec.label, error=error)
        else:
            log_event(log, 20, "source imported", dryRun=dry_run, **counts.as_dict())
    on_progress(ProgressEvent("step.finished", run_id, step="import", done=len(listings), total=len(listings),
                              counts=result.totals))
    return result


def fetch_all(client: PoliteClient, specs: list[SourceSpec], *, on_progress: OnProgress = ignore,
              cancel: threading.Event | None = None, run_id: int | None = None
              ) -> dict[str, tuple[Listing | None, str | None]]:
    """label -> (listing, None) or (None, error). Progress events come from this (the calling) thread."""
    specs = _unique(specs)
    events: queue.Queue[tuple[str, SourceSpec, Any]] = queue.Queue()
    results: dict[str, tuple[Listing | None, str | None]] = {}
    on_progress(ProgressEvent("step.started", run_id, step="discover", total=len(specs)))
    if not specs:
        on_progress(ProgressEvent("step.finished", run_id, step="discover"))
        return results
    pool = ThreadPoolExecutor(max_workers=max(1, client.settings.concurrency), thread_name_prefix="jobber-source")
    try:
        for spec in specs:
            # Each worker runs in a copy of our context, so its log lines carry the pipelineRunId too.
            pool.submit(contextvars.copy_context().run, _fetch_one, client, spec, events, cancel)
        while len(results) < len(specs):
            if cancel is not None and cancel.is_set():
                raise Cancelled("cancelled while fetching sources")
            try:
                kind, spec, value = events.get(timeout=0.05)
            except queue.Empty:
                continue
            if kind == "started":
                on_progress(ProgressEvent("source.started", run_id, step="discover", source=spec.label,
                                          done=len(results), total=len(specs)))
                continue
            listing, error, seconds = value
            results[spec.label] = (listing, error)
            if error:
                on_progress(ProgressEvent("source.failed", run_id, step="discover", source=spec.label,
                                          done=len(results), total=len(specs), message=error))
            else:
                on_progress(ProgressEvent("source.finished", run_id, step="discover", source=spec.label,
                                          done=len(results), total=len(specs),
                                          message=f"{len(listing.postings)} jobs in {seconds:.1f} s",
                                          counts={"fetched": len(listing.postings) + len(listing.problems),
                                                  "invalid": len(listing.problems)}))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    on_progress(ProgressEvent("step.finished", run_id, step="discover", done=len(specs), total=len(specs)))
    return results


def _unique(specs: list[SourceSpec]) -> list[SourceSpec]:
    """A board configured twice is fetched once (the first entry wins)."""
    found: dict[str, SourceSpec] = {}
    for spec in specs:
        found.setdefault(spec.label, spec)
    return list(found.values())


def _fetch_one(client: PoliteClient, spec: SourceSpec, events: queue.Queue[tuple[str, SourceSpec, Any]],
               cancel: threading.Event | None) -> None:
    if cancel is not None and cancel.is_set():
        return
    events.put(("started", spec, None))
    start = time.monotonic()
    listing: Listing | None = None
    error: str | None = "stopped unexpectedly"
    try:
        listing = source_module(spec.kind).fetch_listing(client, spec)
        error = None
    except SourceError as exc:
        error = str(exc)
    except Cancelled:
        error = "cancelled"
    except Exception as exc:  # noqa: BLE001 - one board's surprise must not lose the others
        log.error("source crashed", exc_info=exc)
        error = f"unexpected {type(exc).__name__}: {exc}"[:300]
    finally:  # always report, so the caller never waits for a board that will not answer
        if error and not error.startswith(spec.label):
            error = f"{spec.label}: {error}"
        events.put(("finished", spec, (listing if error is None else None, error, time.monotonic() - start)))


def import_url(ws: Workspace, url: str, *, client: PoliteClient | None = None) -> Outcome:
    """`jobber import url`: read one posting and store it through the same dedup as discovery."""
    from .sources.url_import import posting_from_url

    own = client is None
    client = client or PoliteClient(http_settings(ws))
    try:
        found = posting_from_url(client, url, configured_specs(ws))
    finally:
        if own:
            client.close()
    listing = Listing(found.source, found.board or "", postings=[found], complete=False)
    plan = ws.store.import_listings([listing])
    outcome = plan.outcomes[0]
    log_event(log, 20, "url imported", outcome=outcome.kind, jobIdCreated=outcome.job_id, source=found.label)
    return outcome
