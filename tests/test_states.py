"""Every allowed and refused move of the state table, through the store and the CLI."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from jobber_tui.core.infra.errors import BadInput
from jobber_tui.core.jobs.states import MOVES, JobStatus, allowed_targets, check_move
from jobber_tui.core.jobs.store import JobStore

S = JobStatus
EXPECTED = {
    (S.DISCOVERED, S.PROCESSING),
    (S.DISCOVERED, S.SKIPPED),
    (S.DISCOVERED, S.APPLIED),
    (S.DISCOVERED, S.EXPIRED),
    (S.PROCESSING, S.READY),
    (S.PROCESSING, S.DISCOVERED),
    (S.READY, S.APPLIED),
    (S.READY, S.SKIPPED),
    (S.READY, S.EXPIRED),
    (S.READY, S.DISCOVERED),
    (S.APPLIED, S.DISCOVERED),
    (S.SKIPPED, S.DISCOVERED),
    (S.EXPIRED, S.DISCOVERED),
}


def test_table_is_exactly_the_documented_moves() -> None:
    table = {(a, b) for a, targets in MOVES.items() for b in targets}
    assert table == EXPECTED


@pytest.mark.parametrize("current,target", sorted(itertools.product(S, S)))
def test_every_pair_is_allowed_or_refused_by_the_system(current: JobStatus, target: JobStatus) -> None:
    if (current, target) in EXPECTED:
        check_move(current, target, by_user=False)
    else:
        with pytest.raises(BadInput):
            check_move(current, target, by_user=False)


def test_processing_is_never_set_or_left_by_hand() -> None:
    for current in S:
        assert S.PROCESSING not in allowed_targets(current, by_user=True)
    assert allowed_targets(S.PROCESSING, by_user=True) == []
    with pytest.raises(BadInput, match="processing is set only by `jobs process`"):
        check_move(S.DISCOVERED, S.PROCESSING)


def test_refusal_names_current_status_and_allowed_targets() -> None:
    with pytest.raises(BadInput) as info:
        check_move(S.APPLIED, S.READY, job_id=7)
    message = str(info.value)
    assert "job 7" in message and "from applied to ready" in message
    assert message.endswith("allowed from applied: discovered")


def _store_with_job_in(tmp_path: Path, status: JobStatus) -> tuple[JobStore, int]:
    """Reach `status` only along real moves, as a user's job would."""
    store = JobStore(tmp_path / "jobs.db")
    job_id = store.add_jobs([{"title": "T", "employer": "E"}]).created[0]
    path = {
        S.DISCOVERED: [],
        S.PROCESSING: [S.PROCESSING],
        S.READY: [S.PROCESSING, S.READY],
        S.APPLIED: [S.APPLIED],
        S.SKIPPED: [S.SKIPPED],
        S.EXPIRED: [S.EXPIRED],
    }[status]
    for step in path:
        store.move(job_id, step, by_user=False)
    return store, job_id


@pytest.mark.parametrize("current,target", sorted(itertools.product(S, S)))
def test_store_applies_allowed_moves_and_refuses_the_rest(
    tmp_path: Path, current: JobStatus, target: JobStatus
) -> None:
    store, job_id = _store_with_job_in(tmp_path, current)
    events_before = len(store.events(job_id))
    if (current, target) in EXPECTED:
        job = store.move(job_id, target, by_user=False)
        assert store.get(job_id).status == target.value == job.status
        last = store.events(job_id)[-1]
        assert (last.from_status, last.to_status) == (current.value, target.value)
    else:
        with pytest.raises(BadInput):
            store.move(job_id, target, by_user=False)
        assert store.get(job_id).status == current.value
        assert len(store.events(job_id)) == events_before


def test_ready_and_applied_timestamps(tmp_path: Path) -> None:
    store, job_id = _store_with_job_in(tmp_path, S.READY)
    assert store.get(job_id).ready_at
    assert store.get(job_id).applied_at is None
    store.move(job_id, S.APPLIED)
    assert store.get(job_id).applied_at
