"""Request and response models of /v1/cases."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    Field,
    WithJsonSchema,
    field_validator,
)

from api.schemas.common import Email, Input, Instant, NotBlank, Strict, Version
from workflow.cases.machine import API_EVENTS, CaseState, Resolution

# Part of the API's schema: the domain shows a case the same way in answers and webhook payloads.
from workflow.cases.representation import BuyerOut, CaseOut, Deadlines, Outreach  # noqa: F401
from workflow.models import CASE_ID_PATTERN
from workflow.policy import ASSERTABLE_GROUNDS, FEEDBACK_TYPE_CODES, ORDER_ID_PATTERN

FeedbackTypeCode = Literal[FEEDBACK_TYPE_CODES]


AssertedGround = Literal[tuple(g.value for g in ASSERTABLE_GROUNDS)]


ApiEvent = Literal[API_EVENTS]


# Amazon marketplaces by country code; the buyer's language falls back to the marketplace's.
Marketplace = Literal[
    "US", "CA", "MX", "BR", "UK", "IE", "DE", "FR", "IT", "ES", "NL", "BE", "SE", "PL",
    "TR", "AE", "SA", "EG", "IN", "JP", "AU", "SG",
]  # fmt: skip


def _order_id(value: str) -> str:
    if not re.fullmatch(ORDER_ID_PATTERN, value):
        raise ValueError("must be an Amazon order id such as 123-1234567-1234567 (3, 7 and 7 digits)")
    return value


# Checked by a validator rather than `pattern`, so that a refusal shows an example, not a regex.
OrderId = Annotated[
    str,
    AfterValidator(_order_id),
    WithJsonSchema({"type": "string", "pattern": ORDER_ID_PATTERN, "examples": ["114-3941689-8772232"]}),
]


Language = Annotated[str, Field(max_length=35, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", examples=["de"])]


FeedbackTypes = Annotated[list[FeedbackTypeCode], Field(min_length=1, max_length=len(FEEDBACK_TYPE_CODES))]


class BuyerIn(Strict):
    email: Email | None = Field(None, description="The buyer's (relay) address, needed to contact them.")
    name: Annotated[str, Field(max_length=200)] | None = None
    language: Language | None = Field(None, description="BCP 47 language tag, e.g. en, de, ja.")
    opted_out: bool = Field(False, description="The buyer opted out of unsolicited messages: never emailed.")


class CaseCreate(Strict):
    order_id: OrderId
    rating: int = Field(json_schema_extra={"minimum": 1, "maximum": 2}, description="1 or 2 stars.")
    comment: Annotated[str, Field(min_length=1, max_length=5000), NotBlank]
    published_at: Instant = Field(description="ISO 8601 date or datetime; UTC when no offset is given.")
    feedback_types: FeedbackTypes | None = Field(
        None, description="Left out: the triage of the comment chooses them. Given: the seller's types stand."
    )
    buyer: BuyerIn | None = None
    marketplace: Marketplace | None = None
    asserted_grounds: Annotated[list[AssertedGround], Field(max_length=len(ASSERTABLE_GROUNDS))] | None = Field(
        None, description="Left out: the grounds the triage detected in the comment are offered."
    )

    @field_validator("rating")
    @classmethod
    def _negative_only(cls, rating: int) -> int:
        if rating not in (1, 2):
            raise ValueError(f"only negative feedback (1 or 2 stars) becomes a case, not {rating}")
        return rating


class CancellationIn(Strict):
    approved_before_assignment: bool = Field(
        description="Cancelled order still received: was the cancellation approved before the order was "
        "assigned to a fulfilment center and excluded with the shipper? If not, it is handled as a return."
    )


class CasePatch(Strict):
    expected_version: Version | None = None
    feedback_types: FeedbackTypes | None = None
    asserted_grounds: Annotated[list[AssertedGround], Field(max_length=len(ASSERTABLE_GROUNDS))] | None = None
    buyer: BuyerIn | None = Field(None, description="Only the buyer fields given change; null clears one.")
    cancellation: CancellationIn | None = Field(None, description="Only for cancelled_order_received cases.")


class EventIn(Strict):
    event: ApiEvent
    note: Annotated[str, Field(max_length=2000)] | None = None
    expected_version: Version | None = None
    resolution: Resolution | None = Field(None, description="Required by close.")
    action_taken: Annotated[str, Field(min_length=1, max_length=2000), NotBlank] | None = Field(
        None,
        description="contact_customer: what you did or will do to resolve the buyer's problem; "
        "the email says it before it mentions the feedback. Required for service complaints.",
    )


class CasePath(Input):
    case_id: Annotated[str, Field(max_length=40)]


class CaseQuery(Strict):
    state: CaseState | None = None
    feedback_type: FeedbackTypeCode | None = None
    due_before: Instant | None = Field(None, description="Open cases with a deadline before this instant.")
    limit: int = Field(50, ge=1, le=200)
    cursor: Annotated[str, Field(pattern=CASE_ID_PATTERN)] | None = Field(
        None, description="next_cursor of the previous page, passed unchanged."
    )


class CaseList(BaseModel):
    items: list[CaseOut]
    next_cursor: str | None


class TransitionOut(BaseModel):
    event: str
    from_state: str
    to_state: str
    actor: str
    at: datetime
    note: str | None


class History(BaseModel):
    items: list[TransitionOut]
