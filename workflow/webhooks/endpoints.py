"""Webhook endpoints of a seller: registration, signing secrets and their rotation, the
delivery log and redelivery (Standard Webhooks)."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import exists, select, update
from sqlalchemy.orm import Session

from workflow.errors import DomainError, NotFound
from workflow.models import Seller, WebhookAttempt, WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint
from workflow.settings import Settings
from workflow.transactions import read_transaction, write_transaction
from workflow.webhooks.destinations import resolve_destination
from workflow.webhooks.events import ALL_EVENTS, EVENT_TYPES

SECRET_PREFIX = "whsec_"


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(24)).decode()


def _event_types_csv(event_types: list[str]) -> str:
    if ALL_EVENTS in event_types:
        return ALL_EVENTS
    return ",".join(e for e in EVENT_TYPES if e in event_types)


@contextmanager
def changing_endpoints_within(session: Session, seller_id: str) -> Iterator[None]:
    """Around every change that adds, removes, enables or disables an endpoint of the seller:
    `sellers.has_webhook_endpoints` then says whether the seller has an enabled one, as of the
    commit. A write of a case reads that flag with the case and queues events only when it is
    true, so an endpoint misses no event of a write that reads the case after its creation
    committed.

    The seller's row is locked first (FOR NO KEY UPDATE: new cases and deliveries, which only
    refer to the row, go on), so two changes of one seller's endpoints take turns; the flag is
    then counted afresh in a statement of its own, which on PostgreSQL sees every change
    committed before the lock was granted."""
    seller = select(Seller.id).where(Seller.id == seller_id)
    session.execute(seller.with_for_update(key_share=True))
    yield
    session.flush()
    enabled_endpoint = exists().where(WebhookEndpoint.seller_id == seller_id, WebhookEndpoint.enabled.is_(True))
    session.execute(
        update(Seller)
        .where(Seller.id == seller_id)
        .values(has_webhook_endpoints=enabled_endpoint)
        .execution_options(synchronize_session=False)
    )


def _endpoint(session: Session, seller_id: str, endpoint_id: str, *, lock: bool = False) -> WebhookEndpoint:
    """The seller's endpoint; with `lock`, row-locked for the transaction, so that concurrent
    changes of one endpoint take turns and one that comes after a deletion finds nothing."""
    query = select(WebhookEndpoint).where(WebhookEndpoint.id == endpoint_id, WebhookEndpoint.seller_id == seller_id)
    endpoint = session.scalar(query.with_for_update() if lock else query)
    if endpoint is None:
        raise NotFound(f"no webhook endpoint {endpoint_id!r}")
    return endpoint


def create_endpoint(
    session: Session, seller_id: str, url: str, event_types: list[str], enabled: bool, settings: Settings
) -> WebhookEndpoint:
    url = resolve_destination(url, settings.webhook_allow_private_networks).url
    with write_transaction(session), changing_endpoints_within(session, seller_id):
        endpoint = WebhookEndpoint(
            seller_id=seller_id,
            url=url,
            event_types_csv=_event_types_csv(event_types),
            enabled=enabled,
            secret=new_secret(),
        )
        session.add(endpoint)
    return endpoint


def get_endpoint(session: Session, seller_id: str, endpoint_id: str) -> WebhookEndpoint:
    with read_transaction(session):
        return _endpoint(session, seller_id, endpoint_id)


def list_endpoints(session: Session, seller_id: str) -> list[WebhookEndpoint]:
    with read_transaction(session):
        return list(
            session.scalars(
                select(WebhookEndpoint).where(WebhookEndpoint.seller_id == seller_id).order_by(WebhookEndpoint.id)
            )
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
        url = resolve_destination(url, settings.webhook_allow_private_networks).url
    with write_transaction(session), changing_endpoints_within(session, seller_id):
        endpoint = _endpoint(session, seller_id, endpoint_id, lock=True)
        if url is not None:
            endpoint.url = url
        if event_types is not None:
            endpoint.event_types_csv = _event_types_csv(event_types)
        if enabled is not None:
            endpoint.enabled = enabled
            endpoint.disabled_reason = None if enabled else "disabled by the seller"
    return endpoint


def delete_endpoint(session: Session, seller_id: str, endpoint_id: str) -> None:
    with write_transaction(session), changing_endpoints_within(session, seller_id):
        session.delete(_endpoint(session, seller_id, endpoint_id, lock=True))


def rotate_secret(
    session: Session, seller_id: str, endpoint_id: str, settings: Settings, now: datetime
) -> WebhookEndpoint:
    """A new secret; the old one keeps signing (both signatures sent) for the grace period."""
    with write_transaction(session):
        endpoint = _endpoint(session, seller_id, endpoint_id, lock=True)
        endpoint.previous_secret = endpoint.secret
        endpoint.previous_secret_expires_at = now + timedelta(seconds=settings.webhook_secret_grace_seconds)
        endpoint.secret = new_secret()
    return endpoint


def deliveries_of(session: Session, seller_id: str, endpoint_id: str, limit: int = 100):
    """The endpoint's latest deliveries, newest first, each with its attempts."""
    with read_transaction(session):
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


class DeliveryInFlight(DomainError):
    status = 409
    slug = "delivery-in-flight"
    title = "The delivery is being attempted right now"


def redeliver(session: Session, seller_id: str, endpoint_id: str, delivery_id: str, now: datetime) -> WebhookDelivery:
    """Queue a delivery again, with the same webhook-id, for a full new round of attempts."""
    with write_transaction(session):
        _endpoint(session, seller_id, endpoint_id)
        delivery = session.scalar(
            select(WebhookDelivery).where(WebhookDelivery.id == delivery_id, WebhookDelivery.endpoint_id == endpoint_id)
        )
        if delivery is None:
            raise NotFound(f"no delivery {delivery_id!r} for endpoint {endpoint_id!r}")
        if delivery.status == WebhookDeliveryStatus.sending:
            raise DeliveryInFlight(f"delivery {delivery_id} is being attempted right now: look at its log in a moment")
        delivery.status, delivery.next_attempt_at, delivery.attempts = WebhookDeliveryStatus.queued, now, 0
    return delivery
