"""What a person working cases sees: the inbox ordered by the next deadline, what each case
waits for, the events on offer with the guards' sentences, and one timeline per case.

Read models for the web app; every rule they show comes from the machine, the guards and
the policy table, never from a second copy.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import and_, exists, func, select
from sqlalchemy import case as sql_case
from sqlalchemy.orm import Session

from workflow.cases import use_cases
from workflow.cases.classification import TRIAGE
from workflow.cases.guards import customer_cannot_be_asked
from workflow.cases.machine import SYSTEM_EVENTS, CaseMachine, enabled_events, refusal_reasons
from workflow.cases.removal_request import RemovalRequestText, removal_request_of
from workflow.cases.repository import sellers_case, typed_as
from workflow.errors import DomainError
from workflow.models import Case, CaseTransition, DocumentationRequest, OutboxMessage, Penalty, ShipperLink
from workflow.outreach.use_cases import action_taken_required
from workflow.settings import Settings
from workflow.shipping.use_cases import owed_types
from workflow.transactions import read_transaction

PAGE_SIZE = 50
DUE_SOON = timedelta(days=7)


def time_left(until: datetime, now: datetime) -> str:
    """A duration in words, rounded down: "9 days", "5 hours", "less than an hour"."""
    seconds = (until - now).total_seconds()
    if seconds >= 2 * 86_400:
        return f"{math.floor(seconds / 86_400)} days"
    if seconds >= 86_400:
        return "1 day"
    if seconds >= 2 * 3600:
        return f"{math.floor(seconds / 3600)} hours"
    if seconds >= 3600:
        return "1 hour"
    return "less than an hour"


@dataclass(frozen=True)
class NextStep:
    """What an open case waits for, by when, in a sentence."""

    waiting_for: str
    due: datetime | None
    urgent: bool = False


def next_step(case: Case, now: datetime) -> NextStep:
    if not case.is_open:
        return NextStep(f"closed: {case.outcome.replace('_', ' ')}", None)
    customer_open = now < case.customer_removal_by
    amazon_open = now < case.amazon_removal_by and bool(case.amazon_removal_grounds)
    step = None
    if case.state == "amazon_removal_requested":
        step = NextStep("waiting for Amazon's answer", None)
    elif case.state == "contacting_customer":
        if case.outreach_status == "failed":
            step = NextStep("the email to the buyer failed: " + (case.outreach_error or "see the timeline"), None, True)
        else:
            step = NextStep("the email to the buyer is on its way", None)
    elif case.state == "new" and customer_open and not customer_cannot_be_asked(case, now):
        step = NextStep(f"{time_left(case.customer_removal_by, now)} left to ask the buyer", case.customer_removal_by)
    elif case.state == "new" and customer_open:
        step = NextStep(
            f"add the buyer's address: {time_left(case.customer_removal_by, now)} left to ask the buyer",
            case.customer_removal_by,
        )
    elif case.state == "awaiting_removal" and customer_open:
        step = NextStep(
            f"the buyer can remove it for {time_left(case.customer_removal_by, now)} more", case.customer_removal_by
        )
    elif amazon_open:
        step = NextStep(f"Amazon window closes in {time_left(case.amazon_removal_by, now)}", case.amazon_removal_by)
    else:
        step = NextStep("no window left: the deadline sweep closes it", None)
    if step.due is not None and step.due - now < timedelta(days=3):
        step = NextStep(step.waiting_for, step.due, True)
    return step


def next_deadline(now: datetime):
    """SQL: the next deadline of an open case (the buyer's window while open, then Amazon's)."""
    return sql_case((Case.customer_removal_by > now, Case.customer_removal_by), else_=Case.amazon_removal_by)


@dataclass(frozen=True)
class InboxFilter:
    state: str | None = None
    feedback_type: str | None = None
    marketplace: str | None = None
    due_this_week: bool = False
    order_id: str | None = None
    # Only cases whose types the triage chose and the seller has not corrected.
    typed_by_triage: bool = False


@dataclass(frozen=True)
class InboxRow:
    case: Case
    step: NextStep


@dataclass(frozen=True)
class InboxPage:
    rows: list[InboxRow]
    total: int
    page: int
    pages: int
    marketplaces: list[str] = field(default_factory=list)


def inbox(session: Session, seller_id: str, filters: InboxFilter, now: datetime, page: int = 1) -> InboxPage:
    """The seller's open cases, the most pressing deadline first, one page of PAGE_SIZE."""
    with read_transaction(session):
        return _inbox_within(session, seller_id, filters, now, page)


def _inbox_within(session: Session, seller_id: str, filters: InboxFilter, now: datetime, page: int) -> InboxPage:
    conditions = [Case.seller_id == seller_id, Case.outcome.is_(None)]
    if filters.state:
        conditions.append(Case.state == filters.state)
    if filters.feedback_type:
        conditions.append(exists().where(typed_as(seller_id, filters.feedback_type)))
    if filters.marketplace:
        conditions.append(Case.marketplace == filters.marketplace)
    if filters.due_this_week:
        conditions.append(next_deadline(now) < now + DUE_SOON)
    if filters.typed_by_triage:
        conditions.append(Case.feedback_types_source == TRIAGE)
    if filters.order_id:
        conditions.append(Case.order_id.contains(filters.order_id.strip(), autoescape=True))
    where = and_(*conditions)
    total = session.scalar(select(func.count()).select_from(Case).where(where))
    pages = max(1, math.ceil(total / PAGE_SIZE))
    page = min(max(page, 1), pages)
    # The page's ids first, then its cases: sorting all open cases with their derived
    # columns (suppression, latest email) would compute those for every case, not 50.
    ids = list(
        session.scalars(
            select(Case.id)
            .where(where)
            .order_by(next_deadline(now), Case.id)
            .offset((page - 1) * PAGE_SIZE)
            .limit(PAGE_SIZE)
        )
    )
    by_id = {case.id: case for case in session.scalars(select(Case).where(Case.id.in_(ids)))}
    cases = [by_id[case_id] for case_id in ids]
    marketplaces = session.scalars(
        select(Case.marketplace).where(Case.seller_id == seller_id, Case.marketplace.is_not(None)).distinct()
    )
    return InboxPage([InboxRow(c, next_step(c, now)) for c in cases], total, page, pages, sorted(marketplaces))


@dataclass(frozen=True)
class EventOption:
    event: str
    allowed: bool
    reasons: list[str]


def event_options(case: Case, now: datetime) -> list[EventOption]:
    """Every event a person may fire from the case's state, allowed or not, with the guards'
    refusal sentences."""
    allowed = set(enabled_events(case, now))
    events = dict.fromkeys(
        t.event for t in CaseMachine.states_map[case.state].transitions if t.event not in SYSTEM_EVENTS
    )
    return [
        EventOption(event, event in allowed, [] if event in allowed else refusal_reasons(case, event, now))
        for event in events
    ]


@dataclass(frozen=True)
class TimelineEntry:
    at: datetime
    kind: str  # "transition", "email", "documentation"
    item: object
    penalties: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Passage:
    """A stretch of the comment, and what the triage found in it (nothing: plain text)."""

    text: str
    findings: tuple[str, ...] = ()


def highlighted_comment(case: Case) -> list[Passage]:
    """The comment cut where the triage's evidence begins and ends, each piece with the
    types and grounds it is evidence of."""
    triage = case.triage
    if not triage:
        return [Passage(case.comment)]
    spans = [(s["start"], s["end"], f["code"]) for f in triage["feedback_types"] for s in f["spans"]]
    spans += [(s["start"], s["end"], g["code"]) for g in triage["grounds"] for s in g["spans"]]
    spans += [(s["start"], s["end"], "mistake") for s in triage["mistake"]["spans"]]
    cuts = sorted({0, len(case.comment), *(p for start, end, _ in spans for p in (start, end))})
    passages = []
    for start, end in zip(cuts, cuts[1:], strict=False):
        found = tuple(dict.fromkeys(code for s, e, code in spans if s <= start and end <= e))
        passages.append(Passage(case.comment[start:end], found))
    return passages


@dataclass(frozen=True)
class CaseFile:
    case: Case
    step: NextStep
    comment: list[Passage]
    removal_request: RemovalRequestText | None
    events: list[EventOption]
    timeline: list[TimelineEntry]
    needs_action_taken: bool
    # Why the buyer cannot be contacted now (empty: they can).
    contact_refused: list[str]
    documentation_owed_for: list[str]
    shippers: list[str]


def case_file(session: Session, seller_id: str, case_id: str, now: datetime) -> CaseFile:
    """Everything the case page shows, newest timeline entry first."""
    with read_transaction(session):
        return _case_file_within(session, seller_id, case_id, now)


def _case_file_within(session: Session, seller_id: str, case_id: str, now: datetime) -> CaseFile:
    case = sellers_case(session, seller_id, case_id)
    transitions = session.scalars(select(CaseTransition).where(CaseTransition.case_id == case_id))
    messages = session.scalars(select(OutboxMessage).where(OutboxMessage.case_id == case_id))
    requests = session.scalars(select(DocumentationRequest).where(DocumentationRequest.case_id == case_id))
    penalties: dict[str, list[str]] = {}
    for penalty in session.scalars(select(Penalty).where(Penalty.case_id == case_id)):
        penalties.setdefault(penalty.request_id, []).append(penalty.feedback_type)
    timeline = [TimelineEntry(t.at, "transition", t) for t in transitions]
    timeline += [TimelineEntry(m.sent_at or m.created_at, "email", m) for m in messages]
    timeline += [
        TimelineEntry(r.responded_at or r.created_at, "documentation", r, penalties.get(r.id, [])) for r in requests
    ]
    timeline.sort(key=lambda entry: entry.at, reverse=True)
    shippers = list(session.scalars(select(ShipperLink.shipper_id).where(ShipperLink.seller_id == seller_id)))
    return CaseFile(
        case=case,
        step=next_step(case, now),
        comment=highlighted_comment(case),
        removal_request=removal_request_of(case) if case.is_open and case.amazon_removal_grounds else None,
        events=event_options(case, now) if case.is_open else [],
        timeline=timeline,
        needs_action_taken=action_taken_required(case.feedback_types),
        contact_refused=[]
        if "contact_customer" in enabled_events(case, now)
        else refusal_reasons(case, "contact_customer", now),
        documentation_owed_for=owed_types(case.feedback_types),
        shippers=shippers,
    )


@dataclass(frozen=True)
class BulkResult:
    done: list[str]
    refused: dict[str, str]  # case id -> the refusal's sentence


def close_cases(
    session: Session, seller_id: str, case_ids: list[str], resolution: str, *, settings: Settings, now: datetime
) -> BulkResult:
    """Close several cases with one resolution; each is its own transaction, and a refused one
    (closed already, someone else's) says why without stopping the others."""
    done, refused = [], {}
    for case_id in dict.fromkeys(case_ids):
        try:
            use_cases.fire_event(
                session, seller_id, case_id, "close", actor="seller", settings=settings, now=now,
                fields={"resolution": resolution},
            )  # fmt: skip
            done.append(case_id)
        except DomainError as refusal:
            refused[case_id] = refusal.detail
    return BulkResult(done, refused)
