"""Webhook events: written into the webhook outbox in the caller's transaction, one row per
subscribed endpoint, for the worker to deliver (workflow/delivery/webhook.py)."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import event, select
from sqlalchemy.orm import Session

from workflow.cases.machine import TransitionContext
from workflow.cases.representation import case_representation
from workflow.clock import iso_utc
from workflow.models import DERIVED_CASE_COLUMNS, Case, WebhookDelivery, WebhookEndpoint

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


_SUBSCRIBERS = "webhook_subscribers"


@event.listens_for(Session, "after_transaction_end")
def _forget_subscribers(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_SUBSCRIBERS, None)


def know_endpoint_presence(session: Session, seller_id: str, has_webhook_endpoints: bool) -> None:
    """The caller read `sellers.has_webhook_endpoints` in this transaction, with the case it
    writes: a seller without endpoints has no subscribers, and its events need no look-up."""
    if not has_webhook_endpoints:
        session.info.setdefault(_SUBSCRIBERS, {})[seller_id] = []


def _subscribers(session: Session, seller_id: str, event_type: str) -> list[str]:
    """Ids of the seller's enabled endpoints that want `event_type`, read once per transaction
    (a worker batch emits for many messages of the same sellers), and not at all when the
    seller is known to have none (know_endpoint_presence). A plain two-column query, no ORM
    objects."""
    known = session.info.setdefault(_SUBSCRIBERS, {})
    if seller_id not in known:
        known[seller_id] = session.execute(
            select(WebhookEndpoint.id, WebhookEndpoint.event_types_csv).where(
                WebhookEndpoint.seller_id == seller_id, WebhookEndpoint.enabled.is_(True)
            )
        ).all()
    return [
        endpoint_id
        for endpoint_id, event_types_csv in known[seller_id]
        if event_types_csv == ALL_EVENTS or event_type in event_types_csv.split(",")
    ]


def wanted(session: Session, seller_id: str, event_type: str) -> bool:
    """Whether any endpoint of the seller takes `event_type` (a bulk writer skips the work if not)."""
    return bool(_subscribers(session, seller_id, event_type))


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
        for endpoint_id in endpoints:
            session.add(
                WebhookDelivery(
                    endpoint_id=endpoint_id,
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

    def __init__(self, transition: TransitionContext) -> None:
        self.session = transition.session
        self.now = transition.now
        self.pending: list[tuple[Case, tuple[str, ...], dict]] = []

    def after_transition(self, event, source, target, model: Case, actor: str, note: str | None = None) -> None:
        transition = {"event": str(event), "from_state": source.id, "to_state": target.id, "actor": actor, "note": note}
        event_types = ("case.transitioned", "case.closed") if target.final else ("case.transitioned",)
        self.pending.append((model, event_types, {"transition": transition}))

    def after_send(self) -> None:
        for case, event_types, extra in self.pending:
            _emit_all(self.session, case, event_types, self.now, extra)
        self.pending.clear()
