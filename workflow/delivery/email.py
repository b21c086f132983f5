"""The email channel of the outbox: which removal requests go out, what each answer of the
mail server does to the message and its case, and requeueing a failed one by hand.

Each message's outcome is written in its own small transaction the moment the SMTP server
has answered (fenced by the claim, see `workflow.delivery.outbox`). Its effects — the case
moving on with `customer_contacted`, the `message.sent`/`message.failed` webhook event, a
bounce's suppression — are applied afterwards for a group of messages in one transaction
(`apply_effects`); a message whose effects fail is marked `failed` with the error, alone.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial

from sqlalchemy import Connection, Select, select
from sqlalchemy.orm import Session

from workflow.cases.machine import CaseState
from workflow.cases.repository import sellers_case
from workflow.cases.use_cases import transition_each_within
from workflow.clock import iso_utc
from workflow.delivery import outbox
from workflow.errors import DomainError, NotFound
from workflow.models import Case, MessageStatus, OutboxMessage
from workflow.outreach.use_cases import suppress_within
from workflow.settings import Settings
from workflow.transactions import read_transaction, write_transaction, write_transaction_on
from workflow.webhooks import events

log = logging.getLogger(__name__)
# The last attempt is made this long before the customer window closes, never after.
LAST_ATTEMPT_MARGIN = timedelta(minutes=1)


class MessageNotRetryable(DomainError):
    status = 409
    slug = "message-not-retryable"
    title = "The message cannot be retried now"


@dataclass(frozen=True)
class ClaimedEmail:
    """What the worker needs to send one message, detached from the session."""

    id: str
    seller_id: str
    recipient: str
    subject: str
    text_body: str
    html_body: str
    message_id: str
    attempts: int  # before this one
    window_closes_at: datetime  # the customer removal window of its case


@dataclass(frozen=True)
class EmailBatch:
    claim: outbox.Claim
    emails: list[ClaimedEmail]


@dataclass(frozen=True)
class EmailOutcome:
    """The mail server's answer to one message: accepted (no error) or refused."""

    error: str | None = None
    permanent: bool = False  # a 5xx answer: retrying cannot help
    bounce: bool = False  # the recipient was refused for good: suppress the address


def no_longer_wanted(case: Case, now: datetime) -> str | None:
    """Why a queued removal request must not go out (any more), checked again at send time."""
    if case.state != CaseState.contacting_customer:
        closed = f" ({case.outcome})" if case.outcome else ""
        return f"the case is {case.state}{closed}, no longer waiting for the customer to be contacted"
    if case.buyer_opted_out:
        return "the buyer opted out of unsolicited messages"
    if case.buyer_suppressed:
        return f"the address {case.buyer_email} is on the suppression list"
    if now >= case.customer_removal_by:
        return f"the customer removal window closed on {iso_utc(case.customer_removal_by)}"
    return None


def _due(now: datetime) -> Select:
    """Messages whose time has come and that no live worker holds, oldest first."""
    return (
        select(OutboxMessage)
        .where(outbox.claimable(OutboxMessage, now))
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
    )


def _cases_of(session: Session, messages: list[OutboxMessage]) -> dict[str, Case]:
    return {c.id: c for c in session.scalars(select(Case).where(Case.id.in_({m.case_id for m in messages})))}


def claim_due(session: Session, now: datetime, limit: int, settings: Settings) -> EmailBatch:
    """Claim up to `limit` due messages; those no longer wanted become `blocked` instead.

    PostgreSQL skips rows another worker is claiming (FOR UPDATE SKIP LOCKED); SQLite runs the
    claim under its single write lock, so two claims can never take the same row."""
    claim = outbox.new_claim(now, settings)
    with write_transaction(session):
        messages = list(session.scalars(_due(now).limit(limit).with_for_update(skip_locked=True)))
        cases = _cases_of(session, messages)
        emails = []
        for message in messages:
            case = cases[message.case_id]
            reason = no_longer_wanted(case, now)
            if reason:
                message.status, message.last_error = MessageStatus.blocked, reason
                message.claim_id = message.claimed_until = None
                continue
            outbox.take(message, claim)
            emails.append(
                ClaimedEmail(
                    message.id,
                    message.seller_id,
                    message.recipient,
                    message.subject,
                    message.text_body,
                    message.html_body,
                    message.message_id,
                    message.attempts,
                    case.customer_removal_by,
                )
            )
        return EmailBatch(claim, emails)


def record_outcome(
    connection: Connection,
    claim: outbox.Claim,
    email: ClaimedEmail,
    outcome: EmailOutcome,
    now: datetime,
    settings: Settings,
) -> bool:
    """Write one message's outcome in its own transaction; False if the claim was lost.

    Accepted: `sent`. Refused for good (5xx), or no time left before the customer window
    closes: `failed` (a bounce also suppresses the address). Otherwise queued again after a
    backoff, the last attempt just before the window closes.

    It runs once per message between two sends, so it writes on a connection the worker holds
    for the batch, with no session: that cost more than the write (the rare bounce borrows
    one for the suppression)."""
    attempts = email.attempts + 1
    record = partial(outbox.record, connection, OutboxMessage, claim.id, email.id)
    with write_transaction_on(connection):
        if outcome.error is None:
            return record(
                status=MessageStatus.sent,
                sent_at=now,
                attempts=attempts,
                last_error=None,
                effects_pending=True,
            )
        error = outcome.error
        last_chance = email.window_closes_at - LAST_ATTEMPT_MARGIN
        if outcome.permanent or now >= last_chance:
            if not outcome.permanent:
                error = f"{error} (no retry: the customer removal window closes {iso_utc(email.window_closes_at)})"
            recorded = record(
                status=MessageStatus.failed,
                attempts=attempts,
                last_error=error,
                effects_pending=True,
            )
            if recorded and outcome.bounce:
                with Session(connection) as session:  # joins the transaction, leaves its end to us
                    suppress_within(session, email.seller_id, email.recipient, "bounce", now)
            return recorded
        delay = outbox.backoff(attempts, settings.outbox_retry_base_seconds, settings.outbox_retry_max_seconds)
        return record(
            status=MessageStatus.queued,
            attempts=attempts,
            last_error=error,
            next_attempt_at=min(now + timedelta(seconds=delay), last_chance),
        )


def apply_effects(session: Session, now: datetime, settings: Settings, limit: int = 100) -> int:
    """Apply the effects of recorded outcomes, up to `limit` messages in one transaction.

    A sent message emits `message.sent` and moves its case on (`customer_contacted`, actor
    system); a failed one emits `message.failed`. The group's effects run in one savepoint;
    if they fail, each message's are applied again in a savepoint of its own, so the one that
    fails (a listener raising, say) is rolled back alone and its message marked `failed` with
    the error, and the others are applied. Returns how many messages were settled."""
    with write_transaction(session):
        pending = session.execute(
            select(OutboxMessage.id, OutboxMessage.case_id)
            .where(OutboxMessage.effects_pending.is_(True))
            .order_by(OutboxMessage.id)
            .limit(limit)
        ).all()
        if not pending:
            return 0
        # Cases before messages, the order in which the API's use cases lock them.
        case_ids = sorted({case_id for _, case_id in pending})
        cases = {
            c.id: c
            for c in session.scalars(select(Case).where(Case.id.in_(case_ids)).order_by(Case.id).with_for_update())
        }
        messages = list(
            session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.id.in_([id_ for id_, _ in pending]), OutboxMessage.effects_pending.is_(True))
                .order_by(OutboxMessage.id)
                .with_for_update(skip_locked=True)
            )
        )
        try:
            with session.begin_nested():  # the whole group at once, as cheap as it gets
                _apply_within(session, messages, cases, now, settings)
        except Exception:  # noqa: BLE001 - one of them is poison: find it by applying one at a time
            for row in (*cases.values(), *messages):
                session.expire(row)  # the group's batched writes were rolled back under the ORM
            for message in messages:
                _apply_isolated_within(session, message, cases[message.case_id], now, settings)
        for message in messages:
            message.effects_pending = False
        return len(messages)


def _apply_isolated_within(
    session: Session, message: OutboxMessage, case: Case, now: datetime, settings: Settings
) -> None:
    """One message's effects in a savepoint of their own: if they fail, they are rolled back
    alone and the message is marked `failed` with the error."""
    try:
        with session.begin_nested():
            _apply_within(session, [message], {case.id: case}, now, settings)
    except Exception as error:  # noqa: BLE001 - poison: isolate the message, keep the group
        log.exception("recording the outcome of message %s failed; it is marked failed", message.id)
        # The savepoint took back the case's row; the transition's writer left the row's new
        # values in memory as if committed, so they are forgotten and read again when asked.
        session.expire(case)
        message.status = MessageStatus.failed
        accepted = " after the mail server accepted it" if message.sent_at else ""
        message.last_error = f"recording the outcome{accepted} failed: {_describe(error)}"[: outbox.ERROR_LENGTH]


def _apply_within(
    session: Session, messages: list[OutboxMessage], cases: dict[str, Case], now: datetime, settings: Settings
) -> None:
    """Emit each message's event; then the cases of the sent ones that wait for it move on,
    decided by the machine as one batch."""
    for message in messages:
        event_type = "message.sent" if message.status == MessageStatus.sent else "message.failed"
        events.emit(session, cases[message.case_id], event_type, now, message=summary(message))
    contacted = [
        cases[message.case_id]
        for message in messages
        if message.status == MessageStatus.sent and cases[message.case_id].state == CaseState.contacting_customer
    ]
    transition_each_within(session, contacted, "customer_contacted", actor="system", settings=settings, now=now)


def _describe(error: BaseException) -> str:
    """The error and what caused it (a listener's failure arrives wrapped in ListenerFailed)."""
    text = f"{type(error).__name__}: {error}"
    return text if error.__cause__ is None else f"{text} ({_describe(error.__cause__)})"


def summary(message: OutboxMessage) -> dict:
    return {
        "id": message.id,
        "status": message.status,
        "attempts": message.attempts,
        "last_error": message.last_error,
        "message_id": message.message_id,
    }


def retry(session: Session, seller_id: str, case_id: str, message_id: str, now: datetime) -> OutboxMessage:
    """Queue a `failed` removal request again, due now, while it can still do good: the case
    waits for it (contacting_customer), the customer window is open and the buyer reachable."""
    with write_transaction(session):
        case = sellers_case(session, seller_id, case_id, for_update=True)
        message = session.scalar(
            select(OutboxMessage).where(OutboxMessage.id == message_id, OutboxMessage.case_id == case_id)
        )
        if message is None:
            raise NotFound(f"case {case_id} has no message {message_id!r}")
        if message.status != MessageStatus.failed:
            raise MessageNotRetryable(f"message {message_id} is {message.status}: only a failed message can be retried")
        reason = no_longer_wanted(case, now)
        if reason:
            raise MessageNotRetryable(f"message {message_id} cannot be sent any more: {reason}")
        message.status, message.next_attempt_at = MessageStatus.queued, now
    return message


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
            DueMessage(m.id, m.recipient, m.subject, m.attempts + 1, no_longer_wanted(cases[m.case_id], now))
            for m in messages
        ]
