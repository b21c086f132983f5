"""The case state machine, its guards and the reasons a guard gives when it refuses.

The machine is built on demand around a `Case` row (the row is the machine's model and its
`state` column the machine's state), used for one transition or one question, and dropped.
Guards are plain functions of the case and the instant `now`, so the API's `allowed_events`,
the transition endpoint and the deadline sweep all ask the same questions.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import event
from statemachine import State, StateMachine

from workflow.models import Case

RefusalReason = Callable[[Case, datetime], str]
_REFUSAL_REASONS: dict[Callable, RefusalReason] = {}


def guard(reason: RefusalReason):
    """Register a guard together with the sentence that explains its refusal."""

    def register(predicate):
        _REFUSAL_REASONS[predicate] = reason
        return predicate

    return register


def _day(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%d %H:%M UTC")


@guard(lambda case, now: f"the customer removal window closed on {_day(case.customer_removal_by)}")
def customer_window_open(model: Case, now: datetime) -> bool:
    return now < model.customer_removal_by


@guard(lambda case, now: "the case has no buyer email address: add one with PATCH (buyer.email) first")
def has_buyer_address(model: Case, now: datetime) -> bool:
    return bool(model.buyer_email)


def _unreachable_buyer(case: Case, now: datetime) -> str:
    if case.buyer_opted_out:
        return "the buyer opted out of unsolicited messages: Amazon would bounce a removal request"
    return f"the buyer's address {case.buyer_email} is on the suppression list (GET /v1/suppressions)"


@guard(_unreachable_buyer)
def buyer_can_be_emailed(model: Case, now: datetime) -> bool:
    return not model.buyer_opted_out and not model.buyer_suppressed


@guard(lambda case, now: f"the Amazon removal window closed on {_day(case.amazon_removal_by)}")
def amazon_window_open(model: Case, now: datetime) -> bool:
    return now < model.amazon_removal_by


@guard(
    lambda case, now: (
        "the case has no Amazon removal grounds: the feedback is not 100% product-related, and "
        "neither obscene language nor personal information is asserted (PATCH asserted_grounds)"
    )
)
def has_removal_grounds(model: Case, now: datetime) -> bool:
    return bool(model.amazon_removal_grounds)


@guard(
    lambda case, now: (
        "the customer can still be asked (removal window open until "
        f"{_day(case.customer_removal_by)}): send contact_customer first"
    )
)
def customer_cannot_be_asked(model: Case, now: datetime) -> bool:
    return not (customer_window_open(model, now) and has_buyer_address(model, now))


def hopeless_from(case: Case) -> datetime | None:
    """The instant from which nothing more can be done for an open case: the customer window
    closes with no Amazon ground, or Amazon's window closes. None once Amazon has the request
    (its answer closes the case) or the case is closed."""
    if case.state in ("amazon_removal_requested", "closed"):
        return None
    return case.amazon_removal_by if case.amazon_removal_grounds else case.customer_removal_by


@guard(lambda case, now: "no deadline of this case has passed yet")
def deadline_passed(model: Case, now: datetime) -> bool:
    due = hopeless_from(model)
    return due is not None and now >= due


OUTCOME_OF_EVENT = {
    "customer_removed_feedback": "removed_by_customer",
    "amazon_removed_feedback": "removed_by_amazon",
    "amazon_declined": "amazon_declined",
    "expire": "expired",
}
RESOLUTIONS = ("resolved", "withdrawn")
OUTCOMES = (*OUTCOME_OF_EVENT.values(), *RESOLUTIONS)

# Fields an event takes besides `note`, and whether each is required: `close` must say how the
# case was resolved; `contact_customer` may say what the seller did (service complaints must).
EVENT_FIELDS: dict[str, dict[str, bool]] = {
    "close": {"resolution": True},
    "contact_customer": {"action_taken": False},
}
# Events only the product itself fires (the deadline sweep); the API refuses them.
SYSTEM_EVENTS = frozenset({"expire"})


class CaseMachine(StateMachine):
    """new → contacting_customer → awaiting_removal → amazon_removal_requested → closed."""

    new = State("New", initial=True)
    contacting_customer = State("Contacting customer")
    awaiting_removal = State("Awaiting removal")
    amazon_removal_requested = State("Amazon removal requested")
    closed = State("Closed", final=True)

    # Amazon allows one removal request per order: contact_customer leaves `new`, which no
    # transition re-enters, and an order has one case, so it can fire only once per order.
    contact_customer = new.to(
        contacting_customer, cond=[customer_window_open, has_buyer_address, buyer_can_be_emailed]
    )
    customer_contacted = contacting_customer.to(awaiting_removal)
    customer_removed_feedback = closed.from_(new, contacting_customer, awaiting_removal)
    request_amazon_removal = awaiting_removal.to(
        amazon_removal_requested, cond=[amazon_window_open, has_removal_grounds]
    ) | new.to(
        amazon_removal_requested,
        cond=[amazon_window_open, has_removal_grounds, customer_cannot_be_asked],
    )
    amazon_removed_feedback = amazon_removal_requested.to(closed)
    amazon_declined = amazon_removal_requested.to(closed)
    close = closed.from_(new, contacting_customer, awaiting_removal, amazon_removal_requested)
    expire = closed.from_(new, contacting_customer, awaiting_removal, cond=deadline_passed)

    def on_enter_closed(self, event, resolution: str | None = None) -> None:
        self.model.outcome = resolution or OUTCOME_OF_EVENT[str(event)]


STATES: tuple[str, ...] = tuple(state.id for state in CaseMachine.states)
INITIAL_STATE: str = CaseMachine.initial_state.id
EVENTS: tuple[str, ...] = tuple(event.id for event in CaseMachine._events)  # the class-level event list
OPEN_STATES: tuple[str, ...] = tuple(s for s in STATES if s != CaseMachine.closed.id)
API_EVENTS: tuple[str, ...] = tuple(e for e in EVENTS if e not in SYSTEM_EVENTS)


def machine_for(case: Case, listeners: list[object] | None = None) -> CaseMachine:
    return CaseMachine(case, listeners=listeners)


def enabled_events(case: Case, now: datetime) -> list[str]:
    """Events the API would accept for this case at `now`: those with a transition out of the
    case's state whose guards all hold.

    Reads the machine's own transition table instead of building a machine per case (a
    machine costs ~0.2 ms; a page of 200 cases would spend 40 ms on it). A test holds this
    equal to `CaseMachine.enabled_events()` for every type, state and clock phase.
    """
    return [
        transition.event
        for transition in CaseMachine.states_map[case.state].transitions
        if transition.event not in SYSTEM_EVENTS and all(spec.func(case, now) for spec in transition.cond)
    ]


def refusal_reasons(case: Case, event: str, now: datetime) -> list[str]:
    """Why `event` cannot fire on `case` at `now`: the failing guards, or the wrong state."""
    transitions = [t for t in CaseMachine.states_map[case.state].transitions if t.match(event)]
    if not transitions:
        possible = ", ".join(enabled_events(case, now)) or "none"
        return [f"{event} is not possible when the case is {case.state} (possible now: {possible})"]
    return [
        _REFUSAL_REASONS[spec.func](case, now)
        for transition in transitions
        for spec in transition.cond
        if not spec.func(case, now)
    ]


@event.listens_for(Case, "before_insert")
@event.listens_for(Case, "before_update")
def _schedule_sweep(_mapper, _connection, case: Case) -> None:
    case.sweep_at = hopeless_from(case)
