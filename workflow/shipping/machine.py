"""A documentation request's own small state machine, built on demand around its row."""

from __future__ import annotations

from enum import StrEnum

from statemachine import State, StateMachine

from workflow.models import DocumentationRequest


class DocumentationRequestMachine(StateMachine):
    """requested → provided | declined | overdue; a late answer is still taken (overdue →
    provided | declined), and counts as not on time."""

    requested = State("Requested", initial=True)
    provided = State("Provided", final=True)
    declined = State("Declined", final=True)
    overdue = State("Overdue")

    provide = requested.to(provided) | overdue.to(provided)
    decline = requested.to(declined) | overdue.to(declined)
    lapse = requested.to(overdue)


def documentation_machine(request: DocumentationRequest) -> DocumentationRequestMachine:
    return DocumentationRequestMachine(request, state_field="status")


# A request's status values, from its machine; the API's models use them too.
DocumentationRequestStatus = StrEnum(
    "DocumentationRequestStatus", [state.id for state in DocumentationRequestMachine.states]
)
