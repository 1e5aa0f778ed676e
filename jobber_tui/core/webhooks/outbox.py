"""Reading and resetting the webhook outbox for people: `jobber webhooks status` and `retry`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..workspace import Workspace


def list_deliveries(ws: Workspace, *, include_delivered: bool = False) -> list[dict[str, Any]]:
    """Newest first; the body is left out (it is in the receiver's hands, or will be)."""
    where = "" if include_delivered else "WHERE status != 'delivered'"
    with ws.store.engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT id, delivery_id, event, label, status, attempts, created_at, next_attempt_at, last_error, "
            f"delivered_at FROM webhook_delivery {where} ORDER BY id DESC"
        ).fetchall()
    keys = (
        "id",
        "deliveryId",
        "event",
        "target",
        "status",
        "attempts",
        "createdAt",
        "nextAttemptAt",
        "lastError",
        "deliveredAt",
    )
    return [dict(zip(keys, row, strict=True)) for row in rows]


def retry_failed(ws: Workspace, ids: list[int] | None = None) -> int:
    """Failed deliveries (all, or these) back to pending with a fresh count; returns how many."""
    from .hooks import iso_ms, utc_now

    sql = (
        "UPDATE webhook_delivery SET status = 'pending', attempts = 0, next_attempt_at = ?, last_error = NULL "
        "WHERE status = 'failed'"
    )
    params: list[Any] = [iso_ms(utc_now())]
    if ids:
        sql += f" AND id IN ({', '.join('?' for _ in ids)})"
        params += ids
    with ws.store.writing() as session:
        result = session.connection().exec_driver_sql(sql, tuple(params))
        return int(result.rowcount or 0)
