"""How a case is shown to sellers and integrators: the API's answers and webhook payloads.

`CaseOut` documents the shape (the API's schema); `case_representation` builds it as plain
values in CaseOut's order, which pydantic's serializer writes (`pydantic_core.to_json`) without
validating them first: on a page of cases, validating the cases we built cost more than
building them. A test holds the answers valid against CaseOut and equal to it byte for byte.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from workflow.cases.machine import CaseOutcome, CaseState, enabled_events
from workflow.models import CaseFacts, MessageStatus
from workflow.policy import RemovalGround
from workflow.triage.representation import TriageOut, triage_representation


class BuyerOut(BaseModel):
    email: str | None
    name: str | None
    language: str | None
    opted_out: bool
    suppressed: bool = Field(description="The address is on the seller's suppression list.")


class Outreach(BaseModel):
    """How the latest removal-request email fares. A `failed` one holds the case in
    contacting_customer: retry it (POST .../messages/{message}/retry) or close the case."""

    status: MessageStatus
    error: str | None
    message: str = Field(description="The id of the latest message, as GET .../messages lists it.")


class Cancellation(BaseModel):
    """Cancelled order still received: a cancellation approved before the order was assigned
    to a fulfilment center and excluded with the shipper stays a cancellation; otherwise the
    order is handled as a return, and the shipper owes no documentation either way."""

    approved_before_assignment: bool | None
    handled_as: Literal["cancellation", "return"] | None


class Deadlines(BaseModel):
    customer_removal_by: datetime
    amazon_removal_by: datetime


class CaseOut(BaseModel):
    id: str
    order_id: str
    rating: int
    comment: str
    published_at: datetime
    marketplace: str | None
    feedback_types: list[str]
    feedback_types_source: Literal["triage", "seller"] = Field(
        description="triage: the types were taken from the triage of the comment; seller: the seller chose them."
    )
    triage: TriageOut | None = Field(description="The triage of the comment when the case was opened.")
    needs_classification: bool = Field(
        description="The case has no feedback type yet: set feedback_types before contacting the buyer or Amazon."
    )
    source: Literal["manual", "amazon_report"]
    feedback_import_id: str | None = Field(description="The feedback import the case came from.")
    buyer: BuyerOut
    asserted_grounds: list[str]
    state: CaseState
    outcome: CaseOutcome | None
    deadlines: Deadlines
    amazon_removal_grounds: list[Literal[tuple(g.value for g in RemovalGround)]]
    allowed_events: list[str]
    outreach: Outreach | None
    cancellation: Cancellation | None = Field(description="Only for cancelled_order_received cases.")
    version: int
    created_at: datetime
    updated_at: datetime


def case_representation(case: CaseFacts, now: datetime) -> dict[str, Any]:
    """The case as shown at `now`, CaseOut's fields in its order, from the ORM's `Case` (after a
    write) or a read `CaseRow`. Instants stay datetimes: the serializer writes them with a Z."""
    return {
        "id": case.id,
        "order_id": case.order_id,
        "rating": case.rating,
        "comment": case.comment,
        "published_at": case.published_at,
        "marketplace": case.marketplace,
        "feedback_types": case.feedback_types,
        "feedback_types_source": case.feedback_types_source,
        "triage": triage_representation(case.triage).model_dump() if case.triage_json else None,
        "needs_classification": case.needs_classification,
        "source": case.source,
        "feedback_import_id": case.feedback_import_id,
        "buyer": {
            "email": case.buyer_email,
            "name": case.buyer_name,
            "language": case.buyer_language,
            "opted_out": case.buyer_opted_out,
            "suppressed": bool(case.buyer_suppressed),
        },
        "asserted_grounds": case.asserted_grounds,
        "state": case.state,
        "outcome": case.outcome,
        "deadlines": {"customer_removal_by": case.customer_removal_by, "amazon_removal_by": case.amazon_removal_by},
        "amazon_removal_grounds": case.amazon_removal_grounds,
        "allowed_events": enabled_events(case, now),
        "outreach": (
            {"status": case.outreach_status, "error": case.outreach_error, "message": case.outreach_message_id}
            if case.outreach_status
            else None
        ),
        "cancellation": _cancellation(case),
        "version": case.version,
        "created_at": case.created_at,
        "updated_at": case.updated_at,
    }


def _cancellation(case: CaseFacts) -> dict[str, Any] | None:
    if "cancelled_order_received" not in case.feedback_types:
        return None
    approved = case.cancellation_approved_before_assignment
    handled_as = None if approved is None else ("cancellation" if approved else "return")
    return {"approved_before_assignment": approved, "handled_as": handled_as}
