"""The case state machine.

The machine is built on demand around a `Case` row (the row is the machine's model and its
`state` column the machine's state), used for one transition or one question, and dropped.
Its guards, and the sentences they refuse with, are in guards.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session
from statemachine import State, StateMachine

from workflow.cases.guards import (
    REFUSAL_REASONS,
    amazon_window_open,
    buyer_can_be_emailed,
    customer_cannot_be_asked,
    customer_window_open,
    deadline_passed,
    has_buyer_address,
    has_removal_grounds,
    is_classified,
)
from workflow.models import Case, CaseFacts
from workflow.settings import Settings

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
# Events only the product itself fires, and when; the API refuses them.
SYSTEM_EVENTS = {
    "expire": "by the deadline sweep",
    "customer_contacted": "by the worker once the mail server has accepted the removal request",
}


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
        contacting_customer, cond=[is_classified, customer_window_open, has_buyer_address, buyer_can_be_emailed]
    )
    customer_contacted = contacting_customer.to(awaiting_removal)
    customer_removed_feedback = closed.from_(new, contacting_customer, awaiting_removal)
    request_amazon_removal = awaiting_removal.to(
        amazon_removal_requested, cond=[is_classified, amazon_window_open, has_removal_grounds]
    ) | new.to(
        amazon_removal_requested,
        cond=[is_classified, amazon_window_open, has_removal_grounds, customer_cannot_be_asked],
    )
    amazon_removed_feedback = amazon_removal_requested.to(closed)
    amazon_declined = amazon_removal_requested.to(closed)
    close = closed.from_(new, contacting_customer, awaiting_removal, amazon_removal_requested)
    expire = closed.from_(new, contacting_customer, awaiting_removal, cond=deadline_passed)

    def on_enter_closed(self, event, resolution: str | None = None) -> None:
        self.model.outcome = resolution or OUTCOME_OF_EVENT[str(event)]


STATES: tuple[str, ...] = tuple(state.id for state in CaseMachine.states)
INITIAL_STATE: str = CaseMachine.initial_state.id
EVENTS: tuple[str, ...] = tuple(event.id for event in CaseMachine.events)
OPEN_STATES: tuple[str, ...] = tuple(s for s in STATES if s != CaseMachine.closed.id)
API_EVENTS: tuple[str, ...] = tuple(e for e in EVENTS if e not in SYSTEM_EVENTS)

# The status values of a case as enums, taken from the machine so they cannot drift from it;
# the API's models use them too.
CaseState = StrEnum("CaseState", STATES)
CaseOutcome = StrEnum("CaseOutcome", OUTCOMES)
Resolution = StrEnum("Resolution", RESOLUTIONS)


@dataclass(frozen=True)
class TransitionContext:
    """What a built-in listener (workflow/effects.py) is built with for one transition."""

    session: Session
    actor: str
    settings: Settings
    now: datetime


def machine_for(case: Case, listeners: list[object] | None = None) -> CaseMachine:
    return CaseMachine(case, listeners=listeners)


# The machine's own transition table, read once: for each state, the events the API may send
# from it and the guards of each. enabled_events() asks these guards instead of building a
# machine per case (a machine costs ~0.2 ms; a page of 200 cases would spend 40 ms on it), and
# instead of walking the machine's transition objects per case (a third of a page's time).
_GUARDED_EVENTS: dict[str, list[tuple[str, tuple]]] = {
    state.id: [
        (transition.event, tuple(spec.func for spec in transition.cond))
        for transition in state.transitions
        if transition.event not in SYSTEM_EVENTS
    ]
    for state in CaseMachine.states
}


def enabled_events(case: CaseFacts, now: datetime) -> list[str]:
    """Events the API would accept for this case at `now`: those with a transition out of the
    case's state whose guards all hold. A test holds this equal to
    `CaseMachine.enabled_events()` for every type, state and clock phase."""
    return [event for event, guards in _GUARDED_EVENTS[case.state] if all(guard(case, now) for guard in guards)]


def refusal_reasons(case: CaseFacts, event: str, now: datetime) -> list[str]:
    """Why `event` cannot fire on `case` at `now`: the failing guards, or the wrong state."""
    transitions = [t for t in CaseMachine.states_map[case.state].transitions if t.match(event)]
    if not transitions:
        possible = ", ".join(enabled_events(case, now)) or "none"
        return [f"{event} is not possible when the case is {case.state} (possible now: {possible})"]
    return [
        REFUSAL_REASONS[spec.func](case, now)
        for transition in transitions
        for spec in transition.cond
        if not spec.func(case, now)
    ]
