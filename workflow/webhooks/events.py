"""Webhook events: written into the webhook outbox in the caller's transaction, one row per
subscribed endpoint, for the worker to deliver (workflow/delivery/webhook.py)."""

from __future__ import annotations

import json
from datetime import datetime

from pydantic_core import to_jsonable_python
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from workflow.cases.machine import CaseMachine
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
    data = to_jsonable_python(case_representation(case, now)) | extra
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


def emit_transition(
    session: Session, case: Case, event: str, source: str, *, actor: str, note: str | None, now: datetime
) -> None:
    """Queue case.transitioned, and case.closed when the case closed, for a transition from
    `source` the machine has just made, with all its listeners' changes in the session."""
    transition = {"event": event, "from_state": source, "to_state": case.state, "actor": actor, "note": note}
    final = CaseMachine.states_map[case.state].final
    event_types = ("case.transitioned", "case.closed") if final else ("case.transitioned",)
    _emit_all(session, case, event_types, now, {"transition": transition})
