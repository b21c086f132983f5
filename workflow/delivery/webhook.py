"""The webhook channel of the outbox: claiming deliveries in each case's order, signing each
request (Standard Webhooks), and what a receiver's answer does to a delivery (see
docs/webhooks.md for the retry schedule).

Each attempt is recorded in its own small transaction as soon as the receiver answered,
fenced by the claim (see `workflow.delivery.outbox`).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, and_, exists, insert, or_, select, text, update
from sqlalchemy.orm import Session, aliased

from workflow.delivery import outbox
from workflow.models import WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint
from workflow.settings import Settings
from workflow.transactions import read_transaction, write_transaction
from workflow.webhooks.endpoints import SECRET_PREFIX, changing_endpoints_within

# Standard Webhooks' suggested schedule: about a day and a half of attempts after the first.
RETRY_SCHEDULE_SECONDS = (5, 300, 1800, 7200, 18000, 36000, 36000)
MAX_RETRY_AFTER_SECONDS = 86_400
# Built once: it runs once per attempt.
_LOG_ATTEMPT = insert(WebhookAttempt.__table__)


@dataclass(frozen=True)
class WebhookRequest:
    delivery_id: str
    endpoint_id: str
    case_id: str | None
    url: str
    payload: str
    secrets: tuple[str, ...]
    attempts: int  # in this round, before this one


@dataclass(frozen=True)
class WebhookBatch:
    claim: outbox.Claim
    requests: list[WebhookRequest]


@dataclass(frozen=True)
class WebhookResult:
    status_code: int | None
    duration_ms: int
    error: str | None = None
    retry_after_seconds: float | None = None

    @property
    def delivered(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def signature(secret: str, webhook_id: str, timestamp: int, payload: str) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    digest = hmac.new(key, f"{webhook_id}.{timestamp}.{payload}".encode(), hashlib.sha256).digest()
    return "v1," + base64.b64encode(digest).decode()


def signed_headers(request: WebhookRequest, timestamp: int) -> dict[str, str]:
    return {
        "content-type": "application/json",
        "webhook-id": request.delivery_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": " ".join(
            signature(s, request.delivery_id, timestamp, request.payload) for s in request.secrets
        ),
    }


def _due(now: datetime) -> Select:
    """Due deliveries of enabled endpoints with their endpoint, oldest first, never one that an
    earlier undelivered event of the same endpoint and case is still waiting before."""
    earlier = aliased(WebhookDelivery)
    waiting_before = exists().where(
        earlier.endpoint_id == WebhookDelivery.endpoint_id,
        earlier.case_id == WebhookDelivery.case_id,
        earlier.seq < WebhookDelivery.seq,
        or_(
            and_(earlier.status == outbox.QUEUED, earlier.next_attempt_at > now),
            and_(earlier.status == outbox.SENDING, earlier.claimed_until >= now),
        ),
    )
    return (
        select(WebhookDelivery, WebhookEndpoint)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(outbox.claimable(WebhookDelivery, now), WebhookEndpoint.enabled.is_(True), ~waiting_before)
        .order_by(WebhookDelivery.seq)
    )


@dataclass(frozen=True)
class DueDelivery:
    """A delivery claim_due would take at some instant."""

    id: str
    event_type: str
    url: str
    attempt: int


def due_deliveries(session: Session, now: datetime) -> list[DueDelivery]:
    """Every delivery claim_due would take at `now`, read only (the worker's dry run)."""
    with read_transaction(session):
        rows = session.execute(_due(now)).all()
        return [DueDelivery(d.id, d.event_type, e.url, d.attempts + 1) for d, e in rows]


def claim_due(
    session: Session, now: datetime, limit: int, settings: Settings, busy_endpoints: Collection[str] = ()
) -> WebhookBatch:
    """Claim due deliveries of enabled endpoints, oldest first, never one that an earlier
    undelivered event of the same endpoint and case is still waiting before (per-case order).
    Endpoints in `busy_endpoints` (this worker is delivering to them) are left alone."""
    claim = outbox.new_claim(now, settings)
    with write_transaction(session):
        if session.get_bind().dialect.name == "postgresql":
            # Serialise claims, so two workers never split one case's events between them.
            session.execute(text("SELECT pg_advisory_xact_lock(7261)"))
        query = _due(now).limit(limit)
        if busy_endpoints:
            query = query.where(WebhookDelivery.endpoint_id.not_in(list(busy_endpoints)))
        requests = []
        for delivery, endpoint in session.execute(query).all():
            outbox.take(delivery, claim)
            keys = (endpoint.secret,)
            if (
                endpoint.previous_secret
                and endpoint.previous_secret_expires_at
                and endpoint.previous_secret_expires_at > now
            ):
                keys += (endpoint.previous_secret,)
            requests.append(
                WebhookRequest(
                    delivery.id, endpoint.id, delivery.case_id, endpoint.url, delivery.payload, keys, delivery.attempts
                )
            )
        return WebhookBatch(claim, requests)


def retry_delay(attempts: int) -> float | None:
    """Seconds before the next attempt after `attempts` failures in this round (with jitter),
    or None when the schedule is spent."""
    if attempts > len(RETRY_SCHEDULE_SECONDS):
        return None
    base = RETRY_SCHEDULE_SECONDS[attempts - 1]
    return random.uniform(base * 0.8, base * 1.2)


@dataclass(frozen=True)
class RecordedAttempt:
    retry_at: datetime | None  # when the delivery is tried again, if it is


def record_result(
    session: Session, claim: outbox.Claim, request: WebhookRequest, result: WebhookResult, now: datetime
) -> RecordedAttempt | None:
    """Record one attempt in its own transaction, if the claim is still ours: the delivery log
    row, the delivery's state, and on 410 Gone the endpoint's end. None if the claim was lost."""
    delivery_id, attempts = request.delivery_id, request.attempts + 1
    values: dict = {"attempts": attempts}
    if result.delivered:
        values |= {"status": WebhookDeliveryStatus.delivered, "delivered_at": now}
    elif result.status_code == 410:
        values |= {"status": WebhookDeliveryStatus.failed}
    else:
        delay = retry_delay(attempts)
        if delay is None:
            values |= {"status": WebhookDeliveryStatus.failed}
        else:
            if result.retry_after_seconds is not None:
                delay = min(max(delay, result.retry_after_seconds), MAX_RETRY_AFTER_SECONDS)
            values |= {"status": WebhookDeliveryStatus.queued, "next_attempt_at": now + timedelta(seconds=delay)}
    with write_transaction(session):
        if not outbox.record(session.connection(), WebhookDelivery, claim.id, delivery_id, **values):
            return None
        session.connection().execute(
            _LOG_ATTEMPT,
            {
                "delivery_id": delivery_id,
                "attempt": attempts,
                "status_code": result.status_code,
                "duration_ms": result.duration_ms,
                "error": result.error,
                "at": now,
            },
        )
        if result.status_code == 410:
            endpoint_id, seller_id = session.execute(
                select(WebhookDelivery.endpoint_id, WebhookDelivery.seller_id).where(WebhookDelivery.id == delivery_id)
            ).one()
            with changing_endpoints_within(session, seller_id):
                session.execute(
                    update(WebhookEndpoint)
                    .where(WebhookEndpoint.id == endpoint_id)
                    .values(enabled=False, disabled_reason="the receiver answered 410 Gone")
                    .execution_options(synchronize_session=False)
                )
    return RecordedAttempt(values.get("next_attempt_at"))
