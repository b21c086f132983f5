"""Signed webhooks after the Standard Webhooks specification: endpoints, the events written
into the delivery outbox in the transaction of the change they report, signing, and the
delivery bookkeeping the worker drives.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import ipaddress
import json
import random
import secrets
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from sqlalchemy import event, exists, or_, select, text
from sqlalchemy.orm import Session, aliased

from workflow.clock import iso_utc
from workflow.errors import DomainError, NotFound
from workflow.models import DERIVED_CASE_COLUMNS, Case, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from workflow.representation import case_representation
from workflow.settings import Settings
from workflow.transactions import write_transaction

EVENT_TYPES = (
    "case.created",
    "case.updated",
    "case.transitioned",
    "case.closed",
    "case.deadline_approaching",
    "message.sent",
    "message.failed",
    "documentation.requested",
    "documentation.provided",
    "documentation.declined",
    "documentation.overdue",
)
ALL_EVENTS = "*"
SECRET_PREFIX = "whsec_"
# Standard Webhooks' suggested schedule: about a day and a half of attempts after the first.
RETRY_SCHEDULE_SECONDS = (5, 300, 1800, 7200, 18000, 36000, 36000)
MAX_RETRY_AFTER_SECONDS = 86_400
# The deadline notices: (deadline attribute, days before, bit in Case.notices_sent).
NOTICES = (
    ("customer_removal_by", 7, 1),
    ("customer_removal_by", 1, 2),
    ("amazon_removal_by", 7, 4),
    ("amazon_removal_by", 1, 8),
)


class UnsafeWebhookUrl(DomainError):
    status = 422
    slug = "unsafe-webhook-url"
    title = "The webhook URL is not allowed"


# --- endpoints ------------------------------------------------------------------------------


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def check_url(url: str, allow_private: bool) -> None:
    """http(s) only; every address the host resolves to must be public, unless private
    networks are allowed (tests, local set-ups). Called on save and before every delivery."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise UnsafeWebhookUrl(f"{url!r} is not an http(s) URL with a host")
    if allow_private:
        return
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, port, proto=socket.IPPROTO_TCP)}
    except (OSError, ValueError, UnicodeError) as error:
        raise UnsafeWebhookUrl(f"the host of {url!r} does not resolve: {error}") from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global or ip.is_multicast:
            raise UnsafeWebhookUrl(
                f"{parts.hostname} resolves to {ip}, a loopback, link-local or private address; "
                "webhooks go to public addresses only"
            )


def _event_types_csv(event_types: list[str]) -> str:
    if ALL_EVENTS in event_types:
        return ALL_EVENTS
    return ",".join(e for e in EVENT_TYPES if e in event_types)


def _endpoint(session: Session, seller_id: str, endpoint_id: str) -> WebhookEndpoint:
    endpoint = session.scalar(
        select(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.seller_id == seller_id)
    )
    if endpoint is None:
        raise NotFound(f"no webhook endpoint {endpoint_id!r}")
    return endpoint


def create_endpoint(
    session: Session, seller_id: str, url: str, event_types: list[str], enabled: bool, settings: Settings
) -> WebhookEndpoint:
    check_url(url, settings.webhook_allow_private_networks)
    with write_transaction(session):
        endpoint = WebhookEndpoint(
            seller_id=seller_id, url=url, event_types_csv=_event_types_csv(event_types), enabled=enabled, secret=new_secret()
        )
        session.add(endpoint)
    return endpoint


def get_endpoint(session: Session, seller_id: str, endpoint_id: str) -> WebhookEndpoint:
    return _endpoint(session, seller_id, endpoint_id)


def list_endpoints(session: Session, seller_id: str) -> list[WebhookEndpoint]:
    return list(
        session.scalars(select(WebhookEndpoint).where(WebhookEndpoint.seller_id == seller_id).order_by(WebhookEndpoint.id))
    )


def update_endpoint(
    session: Session,
    seller_id: str,
    endpoint_id: str,
    settings: Settings,
    *,
    url: str | None = None,
    event_types: list[str] | None = None,
    enabled: bool | None = None,
) -> WebhookEndpoint:
    if url is not None:
        check_url(url, settings.webhook_allow_private_networks)
    with write_transaction(session):
        endpoint = _endpoint(session, seller_id, endpoint_id)
        if url is not None:
            endpoint.url = url
        if event_types is not None:
            endpoint.event_types_csv = _event_types_csv(event_types)
        if enabled is not None:
            endpoint.enabled = enabled
            endpoint.disabled_reason = None if enabled else "disabled by the seller"
    return endpoint


def delete_endpoint(session: Session, seller_id: str, endpoint_id: str) -> None:
    with write_transaction(session):
        session.delete(_endpoint(session, seller_id, endpoint_id))


def rotate_secret(session: Session, seller_id: str, endpoint_id: str, settings: Settings, now: datetime) -> WebhookEndpoint:
    """A new secret; the old one keeps signing (both signatures sent) for the grace period."""
    with write_transaction(session):
        endpoint = _endpoint(session, seller_id, endpoint_id)
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_expires_at = now + timedelta(seconds=settings.webhook_secret_grace_seconds)
        endpoint.secret = new_secret()
    return endpoint


def deliveries_of(session: Session, seller_id: str, endpoint_id: str, limit: int = 100):
    """The endpoint's latest deliveries, newest first, each with its attempts."""
    _endpoint(session, seller_id, endpoint_id)
    deliveries = list(
        session.scalars(
            select(WebhookDelivery)
            .where(WebhookDelivery.endpoint_id == endpoint_id)
            .order_by(WebhookDelivery.seq.desc())
            .limit(limit)
        )
    )
    attempts: dict[str, list[WebhookAttempt]] = {d.id: [] for d in deliveries}
    for attempt in session.scalars(
        select(WebhookAttempt).where(WebhookAttempt.delivery_id.in_(attempts)).order_by(WebhookAttempt.id)
    ):
        attempts[attempt.delivery_id].append(attempt)
    return [(delivery, attempts[delivery.id]) for delivery in deliveries]


def redeliver(session: Session, seller_id: str, endpoint_id: str, delivery_id: str, now: datetime) -> WebhookDelivery:
    """Queue a delivery again, with the same webhook-id, for one more round of attempts."""
    with write_transaction(session):
        _endpoint(session, seller_id, endpoint_id)
        delivery = session.scalar(
            select(WebhookDelivery).where(WebhookDelivery.id == delivery_id, WebhookDelivery.endpoint_id == endpoint_id)
        )
        if delivery is None:
            raise NotFound(f"no delivery {delivery_id!r} for endpoint {endpoint_id!r}")
        delivery.status, delivery.next_attempt_at, delivery.claimed_until = "queued", now, None
    return delivery


# --- emitting -------------------------------------------------------------------------------


_SUBSCRIBERS = "webhook_subscribers"


@event.listens_for(Session, "after_transaction_end")
def _forget_subscribers(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_SUBSCRIBERS, None)


def _subscribers(session: Session, seller_id: str, event_type: str) -> list[WebhookEndpoint]:
    """The seller's enabled endpoints that want `event_type`, read once per transaction (a
    worker batch emits for many messages of the same sellers)."""
    known = session.info.setdefault(_SUBSCRIBERS, {})
    if seller_id not in known:
        known[seller_id] = list(
            session.scalars(
                select(WebhookEndpoint).where(WebhookEndpoint.seller_id == seller_id, WebhookEndpoint.enabled.is_(True))
            )
        )
    return [
        endpoint
        for endpoint in known[seller_id]
        if endpoint.event_types_csv == ALL_EVENTS or event_type in endpoint.events
    ]


def emit(session: Session, case: Case, event_type: str, now: datetime, **extra) -> None:
    """Queue `event_type` about `case` for every endpoint of its seller that wants it, in the
    caller's transaction. `data` is the case as the API shows it, plus `extra` members."""
    _emit_all(session, case, (event_type,), now, extra)


def _emit_all(session: Session, case: Case, event_types: tuple[str, ...], now: datetime, extra: dict) -> None:
    """Several events about one moment of one case: the case is shown once for all of them."""
    wanted = [(event_type, _subscribers(session, case.seller_id, event_type)) for event_type in event_types]
    if not any(endpoints for _, endpoints in wanted):
        return
    session.flush()  # version and timestamps as they will be committed
    session.expire(case, DERIVED_CASE_COLUMNS)
    data = case_representation(case, now).model_dump(mode="json") | extra
    for event_type, endpoints in wanted:
        payload = json.dumps({"type": event_type, "timestamp": iso_utc(now), "data": data})
        for endpoint in endpoints:
            session.add(
                WebhookDelivery(
                    endpoint_id=endpoint.id,
                    seller_id=case.seller_id,
                    case_id=case.id,
                    event_type=event_type,
                    payload=payload,
                    next_attempt_at=now,
                    created_at=now,
                )
            )


class WebhookEmitter:
    """Machine listener: every transition queues case.transitioned, and case.closed when the
    case closes, once the transition's changes are flushed."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session = session
        self.now = now
        self.pending: list[tuple[Case, tuple[str, ...], dict]] = []

    def after_transition(self, event, source, target, model: Case, actor: str, note: str | None = None) -> None:
        transition = {"event": str(event), "from_state": source.id, "to_state": target.id, "actor": actor, "note": note}
        event_types = ("case.transitioned", "case.closed") if target.final else ("case.transitioned",)
        self.pending.append((model, event_types, {"transition": transition}))

    def emit_pending(self) -> None:
        for case, event_types, extra in self.pending:
            _emit_all(self.session, case, event_types, self.now, extra)
        self.pending.clear()


# --- deadline notices -----------------------------------------------------------------------


def _notice_instants(case: Case) -> list[tuple[datetime, str, int, int]]:
    return [
        (getattr(case, deadline) - timedelta(days=days), deadline, days, bit)
        for deadline, days, bit in NOTICES
        if not (case.notices_sent or 0) & bit
    ]


@event.listens_for(Case, "before_insert")
@event.listens_for(Case, "before_update")
def _schedule_notices(_mapper, _connection, case: Case) -> None:
    pending = _notice_instants(case) if case.outcome is None else []
    case.next_notice_at = min((instant for instant, *_ in pending), default=None)


def due_for_notice(session: Session, now: datetime, limit: int) -> list[str]:
    with session.begin():
        return list(
            session.scalars(
                select(Case.id).where(Case.next_notice_at <= now).order_by(Case.next_notice_at).limit(limit)
            )
        )


def send_notices(session: Session, case_id: str, now: datetime) -> int:
    """Queue case.deadline_approaching for each notice of the case that has come due while
    its deadline is still ahead; each notice goes out once. Returns how many were queued."""
    queued = 0
    with write_transaction(session):
        case = session.scalar(select(Case).where(Case.id == case_id).with_for_update())
        for instant, deadline, days, bit in _notice_instants(case):
            if instant > now:
                continue
            case.notices_sent = (case.notices_sent or 0) | bit
            if getattr(case, deadline) > now:
                notice = {"name": deadline, "at": iso_utc(getattr(case, deadline)), "days_before": days}
                emit(session, case, "case.deadline_approaching", now, deadline=notice)
                queued += 1
    return queued


# --- delivery -------------------------------------------------------------------------------


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
        "webhook-signature": " ".join(signature(s, request.delivery_id, timestamp, request.payload) for s in request.secrets),
    }


def claim_due(session: Session, now: datetime, limit: int, settings: Settings) -> list[WebhookRequest]:
    """Claim due deliveries of enabled endpoints, oldest first, never one that an earlier
    undelivered event of the same endpoint and case is still waiting before (per-case order)."""
    with write_transaction(session):
        if session.get_bind().dialect.name == "postgresql":
            # Serialise claims, so two workers never split one case's events between them.
            session.execute(text("SELECT pg_advisory_xact_lock(7261)"))
        earlier = aliased(WebhookDelivery)
        waiting_before = exists().where(
            earlier.endpoint_id == WebhookDelivery.endpoint_id,
            earlier.case_id == WebhookDelivery.case_id,
            earlier.seq < WebhookDelivery.seq,
            earlier.status == "queued",
            or_(earlier.next_attempt_at > now, earlier.claimed_until > now),
        )
        rows = session.execute(
            select(WebhookDelivery, WebhookEndpoint)
            .join(WebhookEndpoint, WebhookEndpoint.id == WebhookDelivery.endpoint_id)
            .where(
                WebhookDelivery.status == "queued",
                WebhookDelivery.next_attempt_at <= now,
                or_(WebhookDelivery.claimed_until.is_(None), WebhookDelivery.claimed_until < now),
                WebhookEndpoint.enabled.is_(True),
                ~waiting_before,
            )
            .order_by(WebhookDelivery.seq)
            .limit(limit)
        ).all()
        requests = []
        for delivery, endpoint in rows:
            delivery.claimed_until = now + timedelta(seconds=settings.outbox_claim_seconds)
            keys = (endpoint.secret,)
            if endpoint.previous_secret and endpoint.previous_secret_expires_at and endpoint.previous_secret_expires_at > now:
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
                select(WebhookDelivery).where(WebhookDelivery.id.in_([r.delivery_id for r in results])).with_for_update()
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
                    delivery_id=delivery.id, attempt=delivery.attempts, status_code=result.status_code,
                    duration_ms=result.duration_ms, error=result.error, at=now,
                )  # fmt: skip
            )
            if result.delivered:
                delivery.status, delivery.delivered_at = "delivered", now
            elif result.status_code == 410:
                delivery.status = "failed"
                endpoint = session.get(WebhookEndpoint, delivery.endpoint_id)
                endpoint.enabled, endpoint.disabled_reason = False, "the receiver answered 410 Gone"
            else:
                delay = retry_delay(delivery.attempts)
                if delay is None:
                    delivery.status = "failed"
                else:
                    if result.retry_after_seconds is not None:
                        delay = min(max(delay, result.retry_after_seconds), MAX_RETRY_AFTER_SECONDS)
                    delivery.next_attempt_at = now + timedelta(seconds=delay)
