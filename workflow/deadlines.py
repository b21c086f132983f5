"""The clocks of the product, in one place.

A case has two windows from the feedback's publication: the buyer can remove it for
`customer_removal_days`, Amazon on request for `amazon_removal_days`. From them follow the
instant a case becomes hopeless (the deadline sweep expires it), the deadline notices sent 7
and 1 days before each window closes, and the two schedule columns the worker's queries use
(`sweep_at`, `next_notice_at`), recomputed on every write of a case. A documentation request
has its own clock: the shipper answers within business days, or the request goes overdue.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from workflow.cases import use_cases
from workflow.cases.machine import CaseState, refusal_reasons
from workflow.clock import iso_utc
from workflow.models import Case, CaseFacts, DocumentationRequest
from workflow.settings import Settings
from workflow.shipping.machine import DocumentationRequestStatus, documentation_machine
from workflow.shipping.representation import summary
from workflow.transactions import read_transaction, write_transaction
from workflow.webhooks import events

# The deadline notices: (deadline attribute, days before, bit in Case.notices_sent).
NOTICES = (
    ("customer_removal_by", 7, 1),
    ("customer_removal_by", 1, 2),
    ("amazon_removal_by", 7, 4),
    ("amazon_removal_by", 1, 8),
)


def removal_windows(published_at: datetime, settings: Settings) -> tuple[datetime, datetime]:
    """When the buyer's and Amazon's windows to remove the feedback close."""
    return (
        published_at + timedelta(days=settings.customer_removal_days),
        published_at + timedelta(days=settings.amazon_removal_days),
    )


def hopeless_from(case: CaseFacts) -> datetime | None:
    """The instant from which nothing more can be done for an open case: the customer window
    closes with no Amazon ground, or Amazon's window closes. None once Amazon has the request
    (its answer closes the case) or the case is closed."""
    if case.state in (CaseState.amazon_removal_requested, CaseState.closed):
        return None
    return case.amazon_removal_by if case.amazon_removal_grounds else case.customer_removal_by


def _notice_instants(case: Case) -> list[tuple[datetime, str, int, int]]:
    return [
        (getattr(case, deadline) - timedelta(days=days), deadline, days, bit)
        for deadline, days, bit in NOTICES
        if not (case.notices_sent or 0) & bit
    ]


def schedule_of(case: Case) -> tuple[datetime | None, datetime | None]:
    """The derived schedule columns (`sweep_at`, `next_notice_at`) of a case, or of anything
    with its state, outcome, windows, removal grounds and notices sent (a bulk import's rows)."""
    pending = _notice_instants(case) if case.outcome is None else []
    return hopeless_from(case), min((instant for instant, *_ in pending), default=None)


def keep_schedule(_mapper, _connection, case: Case) -> None:
    """The derived schedule columns, as of the row about to be written (a mapper event of
    every insert and update of a case, attached by Case itself)."""
    case.sweep_at, case.next_notice_at = schedule_of(case)


# --- the sweep ------------------------------------------------------------------------------


def _due_for_sweep(now: datetime) -> Select:
    return select(Case).where(Case.sweep_at <= now).order_by(Case.sweep_at)


def sweep_would_expire(session: Session, now: datetime) -> list[Case]:
    """The cases the sweep would close `expired` at `now`, read only (the worker's dry run)."""
    with read_transaction(session):
        due = session.scalars(_due_for_sweep(now))
        return [case for case in due if not refusal_reasons(case, "expire", now)]


def expire_due(session: Session, settings: Settings, now: datetime, limit: int) -> int:
    """Close up to `limit` hopeless cases `expired` (actor system) in one transaction; returns
    how many. The machine decides each case as ever (a case no longer hopeless, changed since
    its sweep instant was computed, is refused and left); the batch shares the transaction and
    its listeners, and other sweepers skip the rows this one holds."""
    with write_transaction(session):
        due = session.scalars(_due_for_sweep(now).limit(limit).with_for_update(skip_locked=True)).all()
        expired = use_cases.transition_each_within(
            session, due, "expire", actor="system", settings=settings, now=now, note="deadline sweep"
        )
    return len(expired)


# --- deadline notices -----------------------------------------------------------------------


def _due_for_notice(now: datetime, *columns) -> Select:
    return select(*columns).where(Case.next_notice_at <= now).order_by(Case.next_notice_at)


def due_for_notice(session: Session, now: datetime, limit: int) -> list[str]:
    with read_transaction(session):
        return list(session.scalars(_due_for_notice(now, Case.id).limit(limit)))


def _notices_come_due(case: Case, now: datetime) -> list[tuple[str, int, int, bool]]:
    """(deadline, days before, bit, still ahead) of each unsent notice whose instant has come;
    one whose deadline has passed already is only marked sent."""
    return [
        (deadline, days, bit, getattr(case, deadline) > now)
        for instant, deadline, days, bit in _notice_instants(case)
        if instant <= now
    ]


def send_notices(session: Session, case_id: str, now: datetime) -> int:
    """Queue case.deadline_approaching for each notice of the case that has come due while
    its deadline is still ahead; each notice goes out once. Returns how many were queued."""
    queued = 0
    with write_transaction(session):
        case = session.scalar(select(Case).where(Case.id == case_id).with_for_update())
        for deadline, days, bit, ahead in _notices_come_due(case, now):
            case.notices_sent = (case.notices_sent or 0) | bit
            if ahead:
                notice = {"name": deadline, "at": iso_utc(getattr(case, deadline)), "days_before": days}
                events.emit(session, case, "case.deadline_approaching", now, deadline=notice)
                queued += 1
    return queued


def notices_would_send(session: Session, now: datetime) -> list[tuple[Case, str, int]]:
    """(case, deadline, days before) of every notice the worker would send at `now`, read only."""
    with read_transaction(session):
        due = session.scalars(_due_for_notice(now, Case))
        return [
            (case, deadline, days)
            for case in due
            for deadline, days, _bit, ahead in _notices_come_due(case, now)
            if ahead
        ]


# --- documentation requests -----------------------------------------------------------------


def add_business_days(start: datetime, days: int) -> datetime:
    moment = start
    while days > 0:
        moment += timedelta(days=1)
        if moment.weekday() < 5:
            days -= 1
    return moment


def _unanswered_past_deadline(now: datetime) -> Select:
    return (
        select(DocumentationRequest)
        .where(
            DocumentationRequest.status == DocumentationRequestStatus.requested,
            DocumentationRequest.respond_by <= now,
        )
        .order_by(DocumentationRequest.respond_by)
    )


def overdue_requests(session: Session, now: datetime) -> list[DocumentationRequest]:
    """The documentation requests lapse_overdue would mark overdue at `now`, read only."""
    with read_transaction(session):
        return list(session.scalars(_unanswered_past_deadline(now)))


def lapse_overdue(session: Session, now: datetime, limit: int) -> int:
    """Mark documentation requests past their response deadline `overdue`."""
    with write_transaction(session):
        due = list(session.scalars(_unanswered_past_deadline(now).limit(limit).with_for_update(skip_locked=True)))
        if not due:
            return 0
        # The batch's cases in one query, not one each: the event shows the case.
        cases = {case.id: case for case in session.scalars(select(Case).where(Case.id.in_({r.case_id for r in due})))}
        for request in due:
            documentation_machine(request).send("lapse")
            events.emit(
                session, cases[request.case_id], "documentation.overdue", now, documentation_request=summary(request)
            )
        return len(due)
