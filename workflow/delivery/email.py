"""Email delivery bookkeeping the worker drives: claim due outbox messages, record each outcome,
retry with backoff.

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

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from workflow.cases.machine import CaseState
from workflow.cases.use_cases import transition_within
from workflow.models import Case, MessageStatus, OutboxMessage
from workflow.outreach.use_cases import suppress_within
from workflow.settings import Settings
from workflow.transactions import read_transaction, write_transaction
from workflow.webhooks import events


@dataclass(frozen=True)
class ClaimedEmail:
    """What the worker needs to send one message, detached from the session."""

    id: str
    recipient: str
    subject: str
    text_body: str
    html_body: str
    message_id: str


def _due(now: datetime) -> Select:
    """Queued messages whose time has come and that no live worker holds, oldest first."""
    return (
        select(OutboxMessage)
        .where(
            OutboxMessage.status == MessageStatus.queued,
            OutboxMessage.next_attempt_at <= now,
            or_(OutboxMessage.claimed_until.is_(None), OutboxMessage.claimed_until < now),
        )
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
    )


def _cases_of(session: Session, messages: list[OutboxMessage]) -> dict[str, Case]:
    return {c.id: c for c in session.scalars(select(Case).where(Case.id.in_({m.case_id for m in messages})))}


def claim_due(session: Session, now: datetime, limit: int, settings: Settings) -> list[ClaimedEmail]:
    """Claim up to `limit` queued messages that are due and not claimed by a live worker.

    PostgreSQL skips rows another worker is claiming (FOR UPDATE SKIP LOCKED); SQLite runs the
    claim under its single write lock, so two claims can never take the same row."""
    with write_transaction(session):
        messages = list(session.scalars(_due(now).limit(limit).with_for_update(skip_locked=True)))
        cases = _cases_of(session, messages)
        claimed = []
        for message in messages:
            reason = _no_longer_allowed(cases[message.case_id])
            if reason:
                message.status, message.last_error = MessageStatus.blocked, reason
                continue
            message.claimed_until = now + timedelta(seconds=settings.outbox_claim_seconds)
            claimed.append(
                ClaimedEmail(
                    message.id,
                    message.recipient,
                    message.subject,
                    message.text_body,
                    message.html_body,
                    message.message_id,
                )  # fmt: skip
            )
        return claimed


def _no_longer_allowed(case: Case) -> str | None:
    """Why a queued message must not go out after all: the buyer opted out, or the address was
    suppressed, after it was queued."""
    if case.buyer_opted_out:
        return "the buyer opted out of unsolicited messages after the email was queued"
    if case.buyer_suppressed:
        return "the address was put on the suppression list after the email was queued"
    return None


@dataclass(frozen=True)
class EmailOutcome:
    """What became of one claimed message: sent (no error), failed, or not attempted."""

    email_id: str
    error: str | None = None
    permanent: bool = False  # a 5xx answer: retrying cannot help
    bounce: bool = False  # the recipient was refused for good: suppress the address
    attempted: bool = True


def retry_delay(attempts: int, settings: Settings) -> float:
    """Exponential backoff with jitter in the upper half: base·2^(n-1), capped."""
    ceiling = min(settings.outbox_retry_max_seconds, settings.outbox_retry_base_seconds * 2 ** (attempts - 1))
    return random.uniform(ceiling / 2, ceiling)


def record_outcomes(session: Session, outcomes: list[EmailOutcome], settings: Settings, now: datetime) -> None:
    """Record a batch's outcomes in one transaction.

    A sent message is marked and its case moves on (customer_contacted, actor system). A
    failed one counts an attempt: a permanent rejection, or the last attempt, makes it
    `failed` (the case stays in contacting_customer with the error visible), otherwise it is
    queued again after a backoff; a bounced address goes on the suppression list. One not
    attempted is handed back for the next pass."""
    if not outcomes:
        return
    with write_transaction(session):
        ids = [o.email_id for o in outcomes]
        messages = {
            m.id: m for m in session.scalars(select(OutboxMessage).where(OutboxMessage.id.in_(ids)).with_for_update())
        }
        contacted_case_ids = {messages[o.email_id].case_id for o in outcomes if o.attempted and o.error is None}
        cases = {
            c.id: c for c in session.scalars(select(Case).where(Case.id.in_(contacted_case_ids)).with_for_update())
        }
        for outcome in outcomes:
            message = messages[outcome.email_id]
            message.claimed_until = None
            if not outcome.attempted:
                continue
            message.attempts += 1
            if outcome.error is None:
                message.status, message.sent_at, message.last_error = MessageStatus.sent, now, None
                case = cases[message.case_id]
                events.emit(session, case, "message.sent", now, message=_summary(message))
                if case.state == CaseState.contacting_customer:
                    transition_within(session, case, "customer_contacted", actor="system", settings=settings, now=now)
                continue
            message.last_error = outcome.error[:2000]
            if outcome.permanent or message.attempts >= settings.outbox_max_attempts:
                message.status = MessageStatus.failed
                if outcome.bounce:
                    suppress_within(session, message.seller_id, message.recipient, "bounce", now)
                case = cases.get(message.case_id) or session.get(Case, message.case_id)
                events.emit(session, case, "message.failed", now, message=_summary(message))
            else:
                message.next_attempt_at = now + timedelta(seconds=retry_delay(message.attempts, settings))


def _summary(message: OutboxMessage) -> dict:
    return {
        "id": message.id,
        "status": message.status,
        "attempts": message.attempts,
        "last_error": message.last_error,
        "message_id": message.message_id,
    }


@dataclass(frozen=True)
class DueMessage:
    """A message claim_due would take at some instant: sent, or blocked for `blocked_because`."""

    id: str
    recipient: str
    subject: str
    attempt: int
    blocked_because: str | None


def due_messages(session: Session, now: datetime) -> list[DueMessage]:
    """Every message claim_due would take at `now`, read only (the worker's dry run)."""
    with read_transaction(session):
        messages = list(session.scalars(_due(now)))
        cases = _cases_of(session, messages)
        return [
            DueMessage(m.id, m.recipient, m.subject, m.attempts + 1, _no_longer_allowed(cases[m.case_id]))
            for m in messages
        ]
