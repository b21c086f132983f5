"""Delivery bookkeeping for the outbox and the deadline sweep; the worker drives both.

A worker claims due messages for a while (`claimed_until`), delivers them, and records each
outcome in its own transaction. A worker that dies mid-batch loses nothing: its claims run
out and another worker takes the messages. The one window left is a crash between the SMTP
server accepting a message and the worker recording it; such a message goes out again with
the same Message-ID, which mail systems use to recognise duplicates.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from workflow.errors import EventRefused
from workflow.models import Case, OutboxMessage
from workflow.outreach import suppress_within
from workflow.services import transition
from workflow.settings import Settings
from workflow.transactions import write_transaction


@dataclass(frozen=True)
class Delivery:
    """What the worker needs to send one message, detached from the session."""

    id: str
    recipient: str
    subject: str
    text_body: str
    html_body: str
    message_id: str


def claim_due(session: Session, now: datetime, limit: int, settings: Settings) -> list[Delivery]:
    """Claim up to `limit` queued messages that are due and not claimed by a live worker.

    PostgreSQL skips rows another worker is claiming (FOR UPDATE SKIP LOCKED); SQLite runs the
    claim under its single write lock, so two claims can never take the same row."""
    with write_transaction(session):
        messages = list(
            session.scalars(
                select(OutboxMessage)
                .where(
                    OutboxMessage.status == "queued",
                    OutboxMessage.next_attempt_at <= now,
                    or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
                )
                .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
                .limit(limit)
                .with_for_update(skip_locked=True)
            )
        )
        for message in messages:
            message.claimed_until = now + timedelta(seconds=settings.outbox_claim_seconds)
        return [
            Delivery(m.id, m.recipient, m.subject, m.text_body, m.html_body, m.message_id) for m in messages
        ]


def _claimed(session: Session, message_id: str) -> OutboxMessage:
    return session.scalar(select(OutboxMessage).where(OutboxMessage.id == message_id).with_for_update())


def record_sent(session: Session, message_id: str, settings: Settings, now: datetime) -> None:
    """The message went out: mark it and move its case on (customer_contacted, actor system)."""
    with write_transaction(session):
        message = _claimed(session, message_id)
        message.status, message.sent_at, message.claimed_until = "sent", now, None
        message.attempts += 1
        message.last_error = None
        case = session.scalar(select(Case).where(Case.id == message.case_id).with_for_update())
        if case.state == "contacting_customer":
            transition(session, case, "customer_contacted", actor="system", settings=settings, now=now)


def retry_delay(attempts: int, settings: Settings) -> float:
    """Exponential backoff with full jitter in its upper half: base·2^(n-1), capped."""
    ceiling = min(settings.outbox_retry_max_seconds, settings.outbox_retry_base_seconds * 2 ** (attempts - 1))
    return random.uniform(ceiling / 2, ceiling)


def record_failure(
    session: Session,
    message_id: str,
    error: str,
    *,
    permanent: bool,
    settings: Settings,
    now: datetime,
    bounce: bool = False,
) -> str:
    """Count a failed attempt. A permanent rejection, or the last attempt, makes the message
    `failed` (its case stays in contacting_customer, with the error visible); otherwise it is
    queued again after a backoff. A bounced address goes on the seller's suppression list.
    Returns the message's new status."""
    with write_transaction(session):
        message = _claimed(session, message_id)
        message.attempts += 1
        message.last_error = error[:2000]
        message.claimed_until = None
        if permanent or message.attempts >= settings.outbox_max_attempts:
            message.status = "failed"
            if bounce:
                suppress_within(session, message.seller_id, message.recipient, "bounce", now)
        else:
            message.next_attempt_at = now + timedelta(seconds=retry_delay(message.attempts, settings))
        return message.status


def release(session: Session, message_ids: list[str]) -> None:
    """Give claims back unattempted (the worker is stopping)."""
    with write_transaction(session):
        for message_id in message_ids:
            _claimed(session, message_id).claimed_until = None


def due_messages(session: Session, now: datetime) -> list[OutboxMessage]:
    return list(
        session.scalars(
            select(OutboxMessage)
            .where(OutboxMessage.status == "queued", OutboxMessage.next_attempt_at <= now)
            .order_by(OutboxMessage.next_attempt_at)
        )
    )


def due_for_sweep(session: Session, now: datetime, limit: int) -> list[str]:
    """Ids of cases whose sweep instant has come, through the index on `sweep_at`."""
    return list(
        session.scalars(select(Case.id).where(Case.sweep_at <= now).order_by(Case.sweep_at).limit(limit))
    )


def expire_case(session: Session, case_id: str, settings: Settings, now: datetime) -> bool:
    """Close a hopeless case `expired` (actor system); False if it no longer is hopeless."""
    with write_transaction(session):
        case = session.scalar(select(Case).where(Case.id == case_id).with_for_update())
        try:
            transition(session, case, "expire", actor="system", settings=settings, now=now, note="deadline sweep")
        except EventRefused:
            return False
    return True
