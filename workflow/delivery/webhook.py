"""Webhook delivery bookkeeping the worker drives: claim due deliveries (in order per case),
sign each request (Standard Webhooks), record each attempt and retry with backoff."""

from __future__ import annotations

import base64
import hashlib
import hmac
import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Select, exists, or_, select, text
from sqlalchemy.orm import Session, aliased

from workflow.models import WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint
from workflow.settings import Settings
from workflow.transactions import read_transaction, write_transaction
from workflow.webhooks.endpoints import SECRET_PREFIX

# Standard Webhooks' suggested schedule: about a day and a half of attempts after the first.
RETRY_SCHEDULE_SECONDS = (5, 300, 1800, 7200, 18000, 36000, 36000)
MAX_RETRY_AFTER_SECONDS = 86_400


@dataclass(frozen=True)
class WebhookRequest:
    delivery_id: str
    url: str
    payload: str
    secrets: tuple[str, ...]
    # Deliveries with the same key (endpoint, case) must arrive in order.
    order_key: tuple[str, str | None]


@dataclass(frozen=True)
class WebhookResult:
    delivery_id: str
    status_code: int | None
    duration_ms: int
    error: str | None = None
    retry_after_seconds: float | None = None
    attempted: bool = True

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
        earlier.status == WebhookDeliveryStatus.queued,
        or_(earlier.next_attempt_at > now, earlier.claimed_until > now),
    )
    return (
        select(WebhookDelivery, WebhookEndpoint)
        .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
        .where(
            WebhookDelivery.status == WebhookDeliveryStatus.queued,
            WebhookDelivery.next_attempt_at <= now,
            or_(WebhookDelivery.claimed_until.is_(None), WebhookDelivery.claimed_until < now),
            WebhookEndpoint.enabled.is_(True),
            ~waiting_before,
        )
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


def claim_due(session: Session, now: datetime, limit: int, settings: Settings) -> list[WebhookRequest]:
    """Claim due deliveries of enabled endpoints, oldest first, never one that an earlier
    undelivered event of the same endpoint and case is still waiting before (per-case order)."""
    with write_transaction(session):
        if session.get_bind().dialect.name == "postgresql":
            # Serialise claims, so two workers never split one case's events between them.
            session.execute(text("SELECT pg_advisory_xact_lock(7261)"))
        rows = session.execute(_due(now).limit(limit)).all()
        requests = []
        for delivery, endpoint in rows:
            delivery.claimed_until = now + timedelta(seconds=settings.outbox_claim_seconds)
            keys = (endpoint.secret,)
            if (
                endpoint.previous_secret
                and endpoint.previous_secret_expires_at
                and endpoint.previous_secret_expires_at > now
            ):
                keys += (endpoint.previous_secret,)
            requests.append(
                WebhookRequest(delivery.id, endpoint.url, delivery.payload, keys, (endpoint.id, delivery.case_id))
            )
        return requests


def retry_delay(attempts: int) -> float | None:
    """Seconds before the next attempt after `attempts` failures (with jitter), or None when
    the schedule is spent."""
    if attempts > len(RETRY_SCHEDULE_SECONDS):
        return None
    base = RETRY_SCHEDULE_SECONDS[attempts - 1]
    return random.uniform(base * 0.8, base * 1.2)


def record_results(session: Session, results: list[WebhookResult], now: datetime) -> None:
    """Record a batch of attempts in one transaction: the delivery log, the delivery's state,
    and on 410 Gone the endpoint's end."""
    if not results:
        return
    with write_transaction(session):
        deliveries = {
            d.id: d
            for d in session.scalars(
                select(WebhookDelivery)
                .where(WebhookDelivery.id.in_([r.delivery_id for r in results]))
                .with_for_update()
            )
        }
        for result in results:
            delivery = deliveries[result.delivery_id]
            delivery.claimed_until = None
            if not result.attempted:
                continue
            delivery.attempts += 1
            session.add(
                WebhookAttempt(
                    delivery_id=delivery.id,
                    attempt=delivery.attempts,
                    status_code=result.status_code,
                    duration_ms=result.duration_ms,
                    error=result.error,
                    at=now,
                )  # fmt: skip
            )
            if result.delivered:
                delivery.status, delivery.delivered_at = WebhookDeliveryStatus.delivered, now
            elif result.status_code == 410:
                delivery.status = WebhookDeliveryStatus.failed
                endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
                endpoint.enabled, endpoint.disabled_reason = False, "the receiver answered 410 Gone"
            else:
                delay = retry_delay(delivery.attempts)
                if delay is None:
                    delivery.status = WebhookDeliveryStatus.failed
                else:
                    if result.retry_after_seconds is not None:
                        delay = min(max(delay, result.retry_after_seconds), MAX_RETRY_AFTER_SECONDS)
                    delivery.next_attempt_at = now + timedelta(seconds=delay)
