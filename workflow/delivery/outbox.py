"""The one outbox mechanism both channels (emails, webhooks) use: claim, fence, record, retry.

A worker claims a batch of due rows: each becomes `sending` under a fresh claim id (the
fencing token) until `claimed_until`. While it works it renews the claim; a worker that
dies stops renewing, the claim lapses and another worker takes the rows over with a new
claim id. Every outcome is recorded with an UPDATE conditional on the claim id, so a worker
whose claim lapsed and was taken over cannot record over the new holder: its write changes
nothing, and it learns so. Outcomes are recorded one at a time as the far side answers, so
a crash re-sends at most the message that was in flight.
"""

from __future__ import annotations

import functools
import logging
import random
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, and_, bindparam, or_, update
from sqlalchemy.orm import Session

from workflow.models import MessageStatus, new_id
from workflow.settings import Settings
from workflow.transactions import write_transaction, write_transaction_on

# The states the mechanism moves rows between; both channels' status enums have them.
QUEUED, SENDING, FAILED = MessageStatus.queued, MessageStatus.sending, MessageStatus.failed
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Claim:
    id: str
    until: datetime


def new_claim(now: datetime, settings: Settings) -> Claim:
    return Claim(new_id("clm"), now + timedelta(seconds=settings.outbox_claim_seconds))


def claimable(table, now: datetime):
    """Due and queued, or `sending` under a claim that lapsed (its worker died or hung)."""
    return or_(
        and_(table.status == QUEUED, table.next_attempt_at <= now),
        and_(table.status == SENDING, table.claimed_until < now),
    )


def take(row, claim: Claim) -> None:
    row.status, row.claim_id, row.claimed_until = SENDING, claim.id, claim.until


# What a row keeps of an error: a mail server's or receiver's answer can be long.
ERROR_LENGTH = 2000


def record(connection: Connection, table, claim_id: str, row_id: str, **values) -> bool:
    """Write one row's outcome, in the caller's transaction, if the claim is still ours.
    False if another worker took the row over (the write changed nothing). A Core statement
    built once per table and set of columns: this runs once per message, and building and
    coercing a statement each time cost more than the write. An error is kept to its first
    ERROR_LENGTH characters."""
    if values.get("last_error"):
        values["last_error"] = values["last_error"][:ERROR_LENGTH]
    statement = _record_statement(table, tuple(sorted(values)))
    parameters = {"row_id": row_id, "held_claim": claim_id} | {f"new_{name}": value for name, value in values.items()}
    return connection.execute(statement, parameters).rowcount == 1


@functools.cache
def _record_statement(table, columns: tuple[str, ...]):
    c = table.__table__.c
    return (
        update(table.__table__)
        .where(c.id == bindparam("row_id"), c.claim_id == bindparam("held_claim"), c.status == SENDING)
        .values(claim_id=None, claimed_until=None, **{name: bindparam(f"new_{name}") for name in columns})
    )


def renew(session: Session, table, claim: Claim, row_ids: list[str], now: datetime, settings: Settings) -> set[str]:
    """Extend the claim on the rows still held; returns their ids. A row missing from the
    answer was taken over after our claim lapsed: it must not be sent by us."""
    if not row_ids:
        return set()
    with write_transaction(session):
        return set(
            session.scalars(
                update(table)
                .where(table.id.in_(row_ids), table.claim_id == claim.id, table.status == SENDING)
                .values(claimed_until=now + timedelta(seconds=settings.outbox_claim_seconds))
                .returning(table.id)
                .execution_options(synchronize_session=False)
            )
        )


def release(session: Session, table, claim: Claim, row_ids: list[str], not_before: datetime | None = None) -> None:
    """Hand rows back unattempted (the worker is stopping, or the far side cannot be reached:
    then not before `not_before`, so a dead receiver is not tried again at once)."""
    if not row_ids:
        return
    values = {"status": QUEUED, "claim_id": None, "claimed_until": None}
    if not_before is not None:
        values["next_attempt_at"] = not_before
    with write_transaction(session):
        session.execute(
            update(table)
            .where(table.id.in_(row_ids), table.claim_id == claim.id, table.status == SENDING)
            .values(**values)
            .execution_options(synchronize_session=False)
        )


def backoff(attempts: int, base_seconds: float, max_seconds: float) -> float:
    """Exponential backoff with jitter in the upper half: base·2^(n-1), capped."""
    ceiling = min(max_seconds, base_seconds * 2 ** (attempts - 1))
    return random.uniform(ceiling / 2, ceiling)


class Clock:
    """The instant a pass started, moving on with the real time: a pass run `--as-of` some
    instant records its outcomes and renews its claims at that instant plus the time taken."""

    def __init__(self, start: datetime) -> None:
        self.start, self.started = start, time.monotonic()

    def now(self) -> datetime:
        return self.start + timedelta(seconds=time.monotonic() - self.started)


class HeldClaim:
    """A claim as the worker working through it sees it: renewed whenever less than two
    thirds of it is left, so it never lapses while the worker is alive, and told which rows
    are done. Renewal runs between sends: a claim must outlast the longest single attempt."""

    def __init__(self, session: Session, table, claim: Claim, row_ids: list[str], clock: Clock, settings: Settings):
        self.session, self.table, self.settings, self.clock = session, table, settings, clock
        self.claim = claim
        self.until = claim.until
        self.held = set(row_ids)

    def still_ours(self, row_id: str) -> bool:
        """Whether the row may still be sent by us (renewing the claim first if it is due)."""
        now = self.clock.now()
        if (self.until - now).total_seconds() < self.settings.outbox_claim_seconds * 2 / 3:
            self.held = renew(self.session, self.table, self.claim, sorted(self.held), now, self.settings)
            self.until = now + timedelta(seconds=self.settings.outbox_claim_seconds)
        return row_id in self.held

    def done(self, row_id: str) -> None:
        self.held.discard(row_id)


def mark_failed(connection: Connection, table, claim: Claim, row_id: str, error: str | None) -> bool:
    """Last resort when recording an outcome raised: take the row out of the delivery loop,
    `failed` with the error, so it cannot stop the rest of the batch (poison isolation)."""
    values = {"status": FAILED} | ({"last_error": error} if error is not None else {})
    try:
        with write_transaction_on(connection):
            return record(connection, table, claim.id, row_id, **values)
    except Exception:  # noqa: BLE001 - the database itself is failing: the claim will lapse
        log.exception("marking %s failed did not work either; its claim will lapse and it is tried again", row_id)
        return False
