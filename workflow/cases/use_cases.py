"""Use cases on feedback cases. Each public function is one database transaction.

A use case either commits everything it changed (the case, its history row, whatever a
machine callback added) or, on any refusal or error, rolls all of it back.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from functools import cache

from sqlalchemy import Integer, Select, bindparam, inspect, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, make_transient, make_transient_to_detached
from statemachine.exceptions import TransitionNotAllowed

from workflow import deadlines, effects
from workflow.cases import classification
from workflow.cases.machine import (
    EVENT_FIELDS,
    INITIAL_STATE,
    SYSTEM_EVENTS,
    TransitionContext,
    machine_for,
    refusal_reasons,
)
from workflow.cases.repository import (
    CASE_ROWS,
    CaseRow,
    buyer_suppressed,
    case_rows,
    insert_new_case,
    require_sellers_case,
    sellers_case,
    sellers_case_row,
    typed_as,
)
from workflow.errors import CaseClosed, DomainError, DuplicateCase, EventRefused, InvalidInput, StaleVersion
from workflow.models import Case, CaseFeedbackType, CaseTransition, know_derived_columns, new_id
from workflow.plugins import ListenerFailed, failing_listener
from workflow.policy import ORDER_ID_PATTERN
from workflow.settings import Settings
from workflow.transactions import read_connection, read_transaction, write_transaction
from workflow.webhooks import events

_ORDER_ID = re.compile(ORDER_ID_PATTERN)
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Buyer:
    email: str | None = None
    name: str | None = None
    language: str | None = None
    opted_out: bool = False


@dataclass(frozen=True)
class CaseDraft:
    order_id: str
    rating: int
    comment: str
    published_at: datetime
    # None: the triage of the comment chooses them.
    feedback_types: list[str] | None = None
    buyer: Buyer = field(default_factory=Buyer)
    marketplace: str | None = None
    # None: the grounds the triage detected in the comment are offered.
    asserted_grounds: list[str] | None = None


@dataclass(frozen=True)
class CaseFilter:
    state: str | None = None
    feedback_type: str | None = None
    due_before: datetime | None = None


def _check_version(case: Case, expected_version: int | None) -> None:
    if expected_version is not None and expected_version != case.version:
        raise StaleVersion(
            f"expected_version is {expected_version} but the case is at version {case.version}: "
            "read it again and retry",
            current_version=case.version,
        )


def open_case(session: Session, seller_id: str, draft: CaseDraft, settings: Settings, now: datetime) -> Case:
    with write_transaction(session):
        errors = []
        if not _ORDER_ID.match(draft.order_id):
            errors.append({"field": "order_id", "message": "must look like 123-1234567-1234567"})
        if draft.published_at > now:
            errors.append({"field": "published_at", "message": "is in the future"})
        customer_removal_by, amazon_removal_by = deadlines.removal_windows(draft.published_at, settings)
        if amazon_removal_by <= now:
            errors.append(
                {
                    "field": "published_at",
                    "message": f"the {settings.amazon_removal_days}-day Amazon removal window closed on "
                    f"{amazon_removal_by.isoformat()}: this feedback can no longer be removed",
                }
            )
        if errors:
            raise InvalidInput(errors)
        case = Case(
            id=new_id("case"),
            seller_id=seller_id,
            order_id=draft.order_id,
            rating=draft.rating,
            comment=draft.comment,
            published_at=draft.published_at,
            marketplace=draft.marketplace,
            buyer_email=draft.buyer.email,
            buyer_name=draft.buyer.name,
            buyer_language=draft.buyer.language,
            buyer_opted_out=draft.buyer.opted_out,
            state=INITIAL_STATE,
            outcome=None,
            customer_removal_by=customer_removal_by,
            amazon_removal_by=amazon_removal_by,
            shipped_on_time_with_buy_shipping=False,
            cancellation_approved_before_assignment=None,
            notices_sent=0,
            source="manual",
            feedback_import_id=None,
            seen_in_import_id=None,
            awaiting_triage=False,
            version=1,
            created_at=now,
            updated_at=now,
        )
        classification.classify_new_case(case, draft.feedback_types, draft.asserted_grounds)
        case.sweep_at, case.next_notice_at = deadlines.schedule_of(case)
        try:
            seller_facts = insert_new_case(session, case)
            events.know_endpoint_presence(session, seller_id, seller_facts.has_webhook_endpoints)
            # A new case has no email yet; only the suppression list is asked.
            know_derived_columns(
                case,
                buyer_suppressed=seller_facts.buyer_suppressed,
                outreach_status=None,
                outreach_error=None,
                outreach_message_id=None,
            )
            events.emit(session, case, "case.created", now)
        except IntegrityError:
            # The (seller, order) unique constraint: Amazon allows one feedback per order.
            session.rollback()
            existing = session.scalar(
                select(Case.id).where(Case.seller_id == seller_id, Case.order_id == draft.order_id)
            )
            if existing is None:
                raise
            raise _duplicate(draft.order_id, existing) from None
    return case


def _duplicate(order_id: str, existing_case_id: str | None) -> DuplicateCase:
    return DuplicateCase(
        f"order {order_id} has case {existing_case_id} already: Amazon allows one feedback per order",
        existing_case_id=existing_case_id,
    )


def update_case(
    session: Session,
    seller_id: str,
    case_id: str,
    *,
    now: datetime,
    expected_version: int | None = None,
    feedback_types: list[str] | None = None,
    asserted_grounds: list[str] | None = None,
    buyer: dict[str, str | None] | None = None,
    cancellation_approved_before_assignment: bool | None = None,
) -> Case:
    """Change the parts of an open case the seller may correct; only given fields change."""
    with write_transaction(session):
        case = sellers_case(session, seller_id, case_id, for_update=True)
        _check_version(case, expected_version)
        if not case.is_open:
            raise CaseClosed(f"case {case_id} is closed ({case.outcome}): it can no longer be changed")
        if feedback_types is not None:
            classification.correct_feedback_types_within(session, case, feedback_types, now=now)
        if asserted_grounds is not None:
            classification.change_asserted_grounds_within(session, case, asserted_grounds, now=now)
        for key, value in (buyer or {}).items():
            setattr(case, f"buyer_{key}", value)
        if buyer and "email" in buyer:
            know_derived_columns(case, buyer_suppressed=buyer_suppressed(session, seller_id, case.buyer_email))
        if cancellation_approved_before_assignment is not None:
            case.cancellation_approved_before_assignment = cancellation_approved_before_assignment
        if session.is_modified(case):
            case.updated_at = now
            events.emit(session, case, "case.updated", now)
    return case


def fire_event(
    session: Session,
    seller_id: str,
    case_id: str,
    event: str,
    *,
    actor: str,
    settings: Settings,
    now: datetime,
    note: str | None = None,
    expected_version: int | None = None,
    fields: dict[str, str] | None = None,
) -> Case:
    fields = {k: v for k, v in (fields or {}).items() if v is not None}
    with write_transaction(session):
        if actor != "system" and event in SYSTEM_EVENTS:
            raise InvalidInput(
                [{"field": "event", "message": f"{event} is fired by the product only, {SYSTEM_EVENTS[event]}"}]
            )
        _check_event_fields(event, fields)
        case = sellers_case(session, seller_id, case_id, for_update=True)
        _check_version(case, expected_version)
        transition_within(session, case, event, actor=actor, settings=settings, now=now, note=note, fields=fields)
    return case


def transition_within(
    session: Session,
    case: Case,
    event: str,
    *,
    actor: str,
    settings: Settings,
    now: datetime,
    note: str | None = None,
    fields: dict[str, str] | None = None,
) -> None:
    """Fire `event` on a case loaded for update, inside the caller's transaction, with every
    listener attached: the built-in ones of workflow/effects.py, then the installed plug-ins."""
    transition, listeners = _listeners(session, actor, settings, now)
    arguments = {"now": now, "note": note, "actor": actor, "session": session, **(fields or {})}
    source = case.state
    try:
        with _listener_failure_explained(settings, event, case):
            machine_for(case, listeners=listeners).send(event, **arguments)
    except TransitionNotAllowed:
        reasons = refusal_reasons(case, event, now)
        raise EventRefused(f"{event} refused: " + "; ".join(reasons), reasons=reasons) from None
    _write_transitioned(session, [case])
    effects.after_transition(transition, case, event, source, note)


def transition_each_within(
    session: Session,
    cases: list[Case],
    event: str,
    *,
    actor: str,
    settings: Settings,
    now: datetime,
    note: str | None = None,
) -> list[Case]:
    """Fire `event` on each of many cases loaded for update (the worker's batches), inside the
    caller's transaction, as transition_within does for one; returns the cases the machine
    moved, and leaves those it refuses as they were. A failing listener raises, as there.

    Cheaper per case than transition_within: one set of listeners serves the batch (each case
    still gets a machine of its own, built from its row), and the moved rows are written with
    one batched UPDATE."""
    transition, listeners = _listeners(session, actor, settings, now)
    arguments = {"now": now, "note": note, "actor": actor, "session": session}
    moved: list[tuple[Case, str]] = []
    for case in cases:
        source = case.state
        try:
            with _listener_failure_explained(settings, event, case):
                machine_for(case, listeners=listeners).send(event, **arguments)
        except TransitionNotAllowed:
            continue
        moved.append((case, source))
    _write_transitioned(session, [case for case, _ in moved])
    for case, source in moved:
        effects.after_transition(transition, case, event, source, note)
    return [case for case, _ in moved]


def _listeners(
    session: Session, actor: str, settings: Settings, now: datetime
) -> tuple[TransitionContext, list[object]]:
    """The context of one transition (or one batch), and its listeners: the built-in ones, then
    the installed ones."""
    transition = TransitionContext(session, actor, settings, now)
    return transition, [effects.BuiltInListeners(transition), *(i.listener for i in settings.listeners)]


@contextmanager
def _listener_failure_explained(settings: Settings, event: str, case: Case) -> Iterator[None]:
    """An installed listener's failure becomes ListenerFailed (logged with its name); the
    domain's own refusals and any other error pass through."""
    try:
        yield
    except DomainError:
        raise
    except Exception as error:
        name = failing_listener(error, settings.listeners)
        if name is None:
            raise
        log.exception("listener %s failed on %s of case %s; the transition is rolled back", name, event, case.id)
        raise ListenerFailed("an installed integration failed during the transition; nothing was changed") from error


# What a transition changes in a case row: the machine's state and outcome, the history's
# updated_at, and the schedule derived from them.
_TRANSITION_COLUMNS = frozenset(("state", "outcome", "updated_at", "sweep_at", "next_notice_at"))
_UPDATE_CASE = update(Case.__table__).where(Case.__table__.c.id == bindparam("case_id"))


def _write_transitioned(session: Session, cases: list[Case]) -> None:
    """Write the rows of transitioned cases (one, or a worker's batch) with one Core UPDATE
    instead of the ORM's unit of work, which costs more than the statement for one row and
    sends one statement per versioned row of a batch: a round trip each on PostgreSQL. The
    caller holds these rows locked since it read them, so the version check the ORM would add
    cannot fail; the version is still raised. A case whose transition changed anything else
    (an installed listener, say) is left to the ORM's own flush, and so is one the ORM wrote
    already (an installed listener's query flushed it)."""
    batch = []
    for case in cases:
        case.sweep_at, case.next_notice_at = deadlines.schedule_of(case)
        state = inspect(case)
        # Assigned since loaded or last flushed (an attribute given its own value counts too).
        touched = set(state.mapper.attrs.keys()).difference(state.unmodified)
        if touched and touched <= _TRANSITION_COLUMNS:
            batch.append(case)
    if not batch:
        return
    rows = [
        {"case_id": case.id, "version": case.version + 1} | {key: getattr(case, key) for key in _TRANSITION_COLUMNS}
        for case in batch
    ]
    session.connection().execute(_UPDATE_CASE, rows)
    for case, row in zip(batch, rows, strict=True):
        case.version = row["version"]
        _as_loaded(session, case)


def _as_loaded(session: Session, case: Case) -> None:
    """The case as it is now becomes its committed state, and the session no longer counts it
    as changed: otherwise the next flush would compare each of a versioned row's forty
    attributes to find nothing to write. SQLAlchemy's public way to do that: detach the case,
    forget its identity, and attach it again as if it had just been loaded."""
    session.expunge(case)
    make_transient(case)
    make_transient_to_detached(case)
    session.add(case)


def _check_event_fields(event: str, fields: dict[str, str]) -> None:
    takes = EVENT_FIELDS.get(event, {})
    errors = [{"field": name, "message": f"{event} takes no {name}"} for name in fields if name not in takes] + [
        {"field": name, "message": f"{event} needs {name}"}
        for name, required in takes.items()
        if required and name not in fields
    ]
    if errors:
        raise InvalidInput(errors)


def get_case(session: Session, seller_id: str, case_id: str) -> CaseRow:
    with read_connection(session) as connection:
        return sellers_case_row(connection, seller_id, case_id)


def case_history(session: Session, seller_id: str, case_id: str) -> list[CaseTransition]:
    with read_transaction(session):
        require_sellers_case(session, seller_id, case_id)
        return list(
            session.scalars(select(CaseTransition).where(CaseTransition.case_id == case_id).order_by(CaseTransition.id))
        )


def list_cases(
    session: Session, seller_id: str, filters: CaseFilter, *, limit: int, after_id: str | None = None
) -> tuple[list[CaseRow], str | None]:
    """One page of the seller's cases in creation order, and the id to continue after (if any)."""
    with read_connection(session) as connection:
        query = _page_query(
            after_id is not None,
            filters.state is not None,
            filters.feedback_type is not None,
            filters.due_before is not None,
        )
        parameters = {
            "seller_id": seller_id,
            "limit": limit + 1,
            "after_id": after_id,
            "state": filters.state,
            "feedback_type": filters.feedback_type,
            "due_before": filters.due_before,
        }
        cases = case_rows(connection, query, parameters)
        if len(cases) > limit:
            return cases[:limit], cases[limit - 1].id
        return cases, None


@cache
def _page_query(after: bool, state: bool, feedback_type: bool, due_before: bool) -> Select:
    """The SELECT of a page for one combination of filters, built once with bound parameters:
    building it and working out its cache key on every request cost as much as running it."""
    query = CASE_ROWS.where(Case.seller_id == bindparam("seller_id")).order_by(Case.id)
    query = query.limit(bindparam("limit", type_=Integer))
    if after:
        query = query.where(Case.id > bindparam("after_id"))
    if state:
        query = query.where(Case.state == bindparam("state"))
    if feedback_type:
        # A join, not `id IN (...)`: the planner then walks the type's index in case order.
        query = query.join(CaseFeedbackType, typed_as(bindparam("seller_id"), bindparam("feedback_type")))
    if due_before:
        query = query.where(
            Case.outcome.is_(None),
            or_(Case.customer_removal_by < bindparam("due_before"), Case.amazon_removal_by < bindparam("due_before")),
        )
    return query
