"""Discovery: fetch every configured board and search at once (bounded), filter, then dedup and store.

A board that fails (timeout, 429 after retries, 5xx, malformed JSON) changes no job: its error is
counted and reported, and the other boards' results are kept. Only a complete, successful listing
of a board expires the jobs that left it; a search is never complete, so it never expires a job.
Each source's filters drop postings before the import (they still count as listed, so a filtered
job is not expired), and its cap on new jobs is applied by the import plan.
"""

from __future__ import annotations

import contextvars
import queue
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, Protocol

from ..infra.errors import Cancelled
from ..infra.http import HttpSettings, PoliteClient, SourceError
from ..infra.logs import get_logger, log_event
from ..infra.progress import OnProgress, ProgressEvent, ignore
from ..workspace import Workspace
from .dedup import ImportPlan, Outcome, SourceCounts
from .searches import SearchSpec
from .searches import specs_from_config as searches_from_config
from .sources import SourceSpec, specs_from_config
from .sources.filters import Filters
from .sources.posting import Listing
from .store import import_listings, known_ids

log = get_logger("discovery")


class Target(Protocol):
    """A board (`SourceSpec`) or a search (`SearchSpec`): what discovery fetches."""

    @property
    def label(self) -> str: ...

    @property
    def blocked(self) -> str | None: ...

    @property
    def filters(self) -> Filters: ...

    def fetch(self, client: PoliteClient, known: frozenset[str] = ...) -> Listing: ...


@dataclass
class DiscoveryResult:
    plan: ImportPlan
    sources: list[SourceCounts] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    """[{step: "discover", source, message}] for every board that failed."""

    @property
    def totals(self) -> dict[str, int]:
        keys = ("fetched", "created", "updated", "unchanged", "duplicates", "invalid", "expired", "filtered", "capped")
        return {k: sum(getattr(s, k) for s in self.sources) for k in keys}


def http_settings(ws: Workspace) -> HttpSettings:
    chosen = ws.settings.discovery
    return HttpSettings(
        timeout=chosen.timeout, retries=chosen.retries, backoff=chosen.backoff, concurrency=chosen.concurrency
    )


def configured_specs(ws: Workspace) -> list[SourceSpec]:
    return specs_from_config(ws.settings.sources)


def configured_searches(ws: Workspace) -> list[SearchSpec]:
    return searches_from_config(ws.settings.searches)


def configured_targets(ws: Workspace) -> list[Target]:
    """Every board, then every search, in config order."""
    return [*configured_specs(ws), *configured_searches(ws)]


def discover(
    ws: Workspace,
    specs: list[Target] | None = None,
    *,
    dry_run: bool = False,
    on_progress: OnProgress = ignore,
    cancel: threading.Event | None = None,
    run_id: int | None = None,
    client: PoliteClient | None = None,
) -> DiscoveryResult:
    """Fetch the boards, then import their listings in one transaction (`dry_run`: plan only)."""
    specs = _unique(configured_targets(ws) if specs is None else specs)
    own = client is None
    client = client or PoliteClient(http_settings(ws), cancel=cancel)
    known = known_ids(ws.store, [(s.kind, s.board) for s in specs if isinstance(s, SourceSpec)])
    try:
        fetched = fetch_all(client, specs, on_progress=on_progress, cancel=cancel, run_id=run_id, known=known)
    finally:
        if own:
            client.close()
    # Config order, not arrival order: which of two cross-board duplicates is kept must not be a race.
    listings = [listing for s in specs if (listing := fetched.get(s.label, (None, None))[0]) is not None]
    on_progress(ProgressEvent("step.started", run_id, step="import", total=len(listings)))
    plan = import_listings(ws.store, listings, dry_run=dry_run)
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
    on_progress(
        ProgressEvent(
            "step.finished", run_id, step="import", done=len(listings), total=len(listings), counts=result.totals
        )
    )
    return result


def fetch_all(
    client: PoliteClient,
    specs: list[Target],
    *,
    on_progress: OnProgress = ignore,
    cancel: threading.Event | None = None,
    run_id: int | None = None,
    known: dict[tuple[str, str], frozenset[str]] | None = None,
) -> dict[str, tuple[Listing | None, str | None]]:
    """label -> (listing, None) or (None, error). Progress events come from this (the calling) thread.
    `known`: the stored job ids of each (kind, board), for boards read one request per posting."""
    specs = _unique(specs)
    events: queue.Queue[tuple[str, Target, Any]] = queue.Queue()
    results: dict[str, tuple[Listing | None, str | None]] = {}
    on_progress(ProgressEvent("step.started", run_id, step="discover", total=len(specs)))
    if not specs:
        on_progress(ProgressEvent("step.finished", run_id, step="discover"))
        return results
    pool = ThreadPoolExecutor(max_workers=max(1, client.settings.concurrency), thread_name_prefix="jobber-source")
    try:
        for spec in specs:
            if spec.blocked:  # a robots.txt opt-in or a key is missing: said, never fetched
                events.put(("finished", spec, (None, f"{spec.label}: {spec.blocked}", 0.0)))
                continue
            ids = (
                (known or {}).get((spec.kind, spec.board), frozenset()) if isinstance(spec, SourceSpec) else frozenset()
            )
            # Each worker runs in a copy of our context, so its log lines carry the pipelineRunId too.
            pool.submit(contextvars.copy_context().run, _fetch_one, client, spec, ids, events, cancel)
        while len(results) < len(specs):
            if cancel is not None and cancel.is_set():
                raise Cancelled("cancelled while fetching sources")
            try:
                kind, spec, value = events.get(timeout=0.05)
            except queue.Empty:
                continue
            if kind == "started":
                on_progress(
                    ProgressEvent(
                        "source.started",
                        run_id,
                        step="discover",
                        source=spec.label,
                        done=len(results),
                        total=len(specs),
                    )
                )
                continue
            listing, error, seconds = value
            results[spec.label] = (listing, error)
            if error:
                on_progress(
                    ProgressEvent(
                        "source.failed",
                        run_id,
                        step="discover",
                        source=spec.label,
                        done=len(results),
                        total=len(specs),
                        message=error,
                    )
                )
            else:
                on_progress(
                    ProgressEvent(
                        "source.finished",
                        run_id,
                        step="discover",
                        source=spec.label,
                        done=len(results),
                        total=len(specs),
                        message=_fetched(listing, seconds),
                        counts={
                            "fetched": len(listing.postings) + len(listing.problems) + listing.filtered,
                            "kept": len(listing.postings),
                            "filtered": listing.filtered,
                            "invalid": len(listing.problems),
                        },
                    )
                )
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
    on_progress(ProgressEvent("step.finished", run_id, step="discover", done=len(specs), total=len(specs)))
    return results


def _fetched(listing: Listing, seconds: float) -> str:
    """ "12 jobs in 0.4 s (3 filtered out; 40 left for the next run)"."""
    extra = [f"{listing.filtered} filtered out"] if listing.filtered else []
    extra += listing.notes
    return f"{len(listing.postings)} jobs in {seconds:.1f} s" + (f" ({'; '.join(extra)})" if extra else "")


def _unique(specs: list[Target]) -> list[Target]:
    """A board or search configured twice is fetched once (the first entry wins)."""
    found: dict[str, Target] = {}
    for spec in specs:
        found.setdefault(spec.label, spec)
    return list(found.values())


def _fetch_one(
    client: PoliteClient,
    spec: Target,
    known: frozenset[str],
    events: queue.Queue[tuple[str, Target, Any]],
    cancel: threading.Event | None,
) -> None:
    if cancel is not None and cancel.is_set():
        return
    events.put(("started", spec, None))
    start = time.monotonic()
    listing: Listing | None = None
    error: str | None = "stopped unexpectedly"
    try:
        listing = spec.fetch(client, known)
        spec.filters.apply(listing)
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
    plan = import_listings(ws.store, [listing])
    outcome = plan.outcomes[0]
    log_event(log, 20, "url imported", outcome=outcome.kind, jobIdCreated=outcome.job_id, source=found.label)
    return outcome
