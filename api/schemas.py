"""Request and response models: they validate input and produce the OpenAPI document."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Annotated, Any, Literal

from flask import Response
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainValidator,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from workflow.cases.machine import API_EVENTS, RESOLUTIONS, STATES
from workflow.cases.representation import BuyerOut, CaseOut, Deadlines, Outreach  # noqa: F401 - part of the API's schema
from workflow.models import CASE_ID_PATTERN
from workflow.outreach.compliance import LANGUAGES
from workflow.outreach.messages import TEMPLATE_NAMES
from workflow.policy import ASSERTABLE_GROUNDS, FAULTS, FEEDBACK_TYPE_CODES, ORDER_ID_PATTERN
from workflow.webhooks.events import ALL_EVENTS, EVENT_TYPES

FeedbackTypeCode = Literal[FEEDBACK_TYPE_CODES]
AssertedGround = Literal[tuple(g.value for g in ASSERTABLE_GROUNDS)]
StateName = Literal[STATES]
ApiEvent = Literal[API_EVENTS]
# Amazon marketplaces by country code; the buyer's language falls back to the marketplace's.
Marketplace = Literal[
    "US", "CA", "MX", "BR", "UK", "IE", "DE", "FR", "IT", "ES", "NL", "BE", "SE", "PL",
    "TR", "AE", "SA", "EG", "IN", "JP", "AU", "SG",
]  # fmt: skip

OrderId = Annotated[str, Field(pattern=ORDER_ID_PATTERN, examples=["114-3941689-8772232"])]
# Compared case-insensitively with the suppression list, so kept in lower case.
Email = Annotated[str, Field(max_length=320, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$"), AfterValidator(str.lower)]
Language = Annotated[str, Field(max_length=35, pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$", examples=["de"])]
FeedbackTypes = Annotated[list[FeedbackTypeCode], Field(min_length=1, max_length=len(FEEDBACK_TYPE_CODES))]
Version = Annotated[int, Field(ge=1, le=2**31 - 1)]


def _storable(value: Any) -> Any:
    """Text must survive every database: no NUL characters, no unpaired surrogates."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("must not contain NUL (\\u0000) characters")
        if any("\ud800" <= character <= "\udfff" for character in value):
            raise ValueError("must be valid Unicode text (it contains an unpaired surrogate)")
    elif isinstance(value, list):
        for item in value:
            _storable(item)
    return value


class Input(BaseModel):
    """Every request part (path, query, body) is checked for text no database would store."""

    _text_is_storable = field_validator("*", mode="after")(_storable)


class Strict(Input):
    model_config = ConfigDict(extra="forbid")


class BuyerIn(Strict):
    email: Email | None = Field(None, description="The buyer's (relay) address, needed to contact them.")
    name: Annotated[str, Field(max_length=200)] | None = None
    language: Language | None = Field(None, description="BCP 47 language tag, e.g. en, de, ja.")
    opted_out: bool = Field(False, description="The buyer opted out of unsolicited messages: never emailed.")


def _parse_instant(value: Any) -> datetime:
    """An ISO 8601 datetime (UTC when it has no offset) or date (UTC midnight), in UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise ValueError("must be an ISO 8601 date or datetime, e.g. 2026-11-20 or 2026-11-20T14:30:00Z") from None
    elif isinstance(value, date) and not isinstance(value, datetime):
        value = datetime.combine(value, time())
    elif not isinstance(value, datetime):
        raise ValueError("must be an ISO 8601 date or datetime string")
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


Instant = Annotated[
    datetime,
    PlainValidator(_parse_instant),
    WithJsonSchema({"anyOf": [{"type": "string", "format": "date-time"}, {"type": "string", "format": "date"}]}),
]


class CaseCreate(Strict):
    order_id: OrderId
    rating: int = Field(json_schema_extra={"minimum": 1, "maximum": 2}, description="1 or 2 stars.")
    comment: Annotated[str, Field(min_length=1, max_length=5000)]
    published_at: Instant = Field(description="ISO 8601 date or datetime; UTC when no offset is given.")
    feedback_types: FeedbackTypes
    buyer: BuyerIn | None = None
    marketplace: Marketplace | None = None
    asserted_grounds: list[AssertedGround] = Field(default_factory=list, max_length=len(ASSERTABLE_GROUNDS))

    @field_validator("rating")
    @classmethod
    def _negative_only(cls, rating: int) -> int:
        if rating not in (1, 2):
            raise ValueError(f"only negative feedback (1 or 2 stars) becomes a case, not {rating}")
        return rating


class CasePatch(Strict):
    expected_version: Version | None = None
    feedback_types: FeedbackTypes | None = None
    asserted_grounds: Annotated[list[AssertedGround], Field(max_length=len(ASSERTABLE_GROUNDS))] | None = None
    buyer: BuyerIn | None = Field(None, description="Only the buyer fields given change; null clears one.")
    cancellation_before_assignment: bool | None = Field(
        None,
        description="Cancelled order still received: was the cancellation approved before the order was "
        "assigned to a fulfilment center and excluded with the shipper? If not, it is handled as a return.",
    )


class EventIn(Strict):
    event: ApiEvent
    note: Annotated[str, Field(max_length=2000)] | None = None
    expected_version: Version | None = None
    resolution: Literal[RESOLUTIONS] | None = Field(None, description="Required by close.")
    action_taken: Annotated[str, Field(min_length=1, max_length=2000)] | None = Field(
        None,
        description="contact_customer: what you did or will do to resolve the buyer's problem; "
        "the email says it before it mentions the feedback. Required for service complaints.",
    )


class CasePath(Input):
    case_id: Annotated[str, Field(max_length=40)]


class CaseQuery(Strict):
    state: StateName | None = None
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


class Problem(BaseModel):
    """RFC 9457 problem details; `errors` lists each invalid field as {field, message}."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[dict[str, str]] | None = None
    reasons: list[str] | None = None
    existing_case_id: str | None = None
    current_version: int | None = None


PROBLEM_RESPONSE = {
    "description": "RFC 9457 problem details",
    "content": {"application/problem+json": {"schema": Problem.model_json_schema()}},
}


class Health(BaseModel):
    status: str


class WorkflowTransition(BaseModel):
    event: str
    from_state: str
    to_state: str
    guards: list[str]


class Workflow(BaseModel):
    states: list[str]
    events: list[str]
    system_events: list[str]
    transitions: list[WorkflowTransition]
    mermaid: str


class FeedbackTypeOut(BaseModel):
    code: str
    label: str
    shipper_duty: str | None
    seller_duty: str | None
    evidence: list[str]
    no_fault: bool
    product_related: bool
    penalty_on_fulfilment_fault: bool
    shipper_owes_documentation: bool


class GroundOut(BaseModel):
    code: str
    description: str
    asserted_by_seller: bool


class PolicyOut(BaseModel):
    feedback_types: list[FeedbackTypeOut]
    removal_grounds: list[GroundOut]
    customer_removal_days: int
    amazon_removal_days: int


def json_response(model: BaseModel, status: int = 200, headers: dict[str, Any] | None = None) -> Response:
    return Response(model.model_dump_json(), status=status, mimetype="application/json", headers=headers)


class MessageOut(BaseModel):
    id: str
    status: Literal["queued", "sent", "failed", "blocked"]
    recipient: str
    language: str
    subject: str
    message_id: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime
    created_at: datetime
    sent_at: datetime | None


class MessageList(BaseModel):
    items: list[MessageOut]


class PreviewIn(Strict):
    action_taken: Annotated[str, Field(min_length=1, max_length=2000)] | None = None
    language: Literal[LANGUAGES] | None = Field(None, description="Render in this language instead of the buyer's.")


class PreviewOut(BaseModel):
    language: str
    subject: str
    text: str
    html: str
    compliant: bool
    violations: list[str]


class TemplatePath(Input):
    name: Literal[TEMPLATE_NAMES]
    language: Literal[LANGUAGES]


class TemplateIn(Strict):
    source: Annotated[str, Field(min_length=1, max_length=20_000)]


class TemplateOut(BaseModel):
    name: str
    language: str
    source: str
    overridden: bool


class OverrideOut(BaseModel):
    name: str
    language: str
    updated_at: datetime


class TemplateList(BaseModel):
    names: list[str]
    languages: list[str]
    overrides: list[OverrideOut]


class SuppressionIn(Strict):
    email: Email
    reason: Literal["bounce", "complaint", "seller"] = "seller"


class SuppressionOut(BaseModel):
    email: str
    reason: str
    created_at: datetime


class SuppressionList(BaseModel):
    items: list[SuppressionOut]


class SuppressionPath(Input):
    email: Annotated[str, Field(max_length=320)]


WebhookEventType = Literal[(*EVENT_TYPES, ALL_EVENTS)]
WebhookUrl = Annotated[str, Field(min_length=8, max_length=2000, examples=["https://hooks.example.com/feedback-desk"])]


class WebhookIn(Strict):
    url: WebhookUrl
    events: Annotated[list[WebhookEventType], Field(min_length=1, max_length=len(EVENT_TYPES) + 1)] = Field(
        description='Event types to receive, or ["*"] for all.'
    )
    enabled: bool = True


class WebhookPatch(Strict):
    url: WebhookUrl | None = None
    events: Annotated[list[WebhookEventType], Field(min_length=1, max_length=len(EVENT_TYPES) + 1)] | None = None
    enabled: bool | None = None


class WebhookOut(BaseModel):
    id: str
    url: str
    events: list[str]
    enabled: bool
    disabled_reason: str | None
    previous_secret_expires_at: datetime | None
    created_at: datetime
    updated_at: datetime


class WebhookCreated(WebhookOut):
    secret: str = Field(description="whsec_ + base64: shown only now. Verify deliveries with it.")


class WebhookList(BaseModel):
    items: list[WebhookOut]


class SecretOut(BaseModel):
    secret: str = Field(description="The new secret, shown only now; the old one signs too until previous_secret_expires_at.")
    previous_secret_expires_at: datetime


class AttemptOut(BaseModel):
    attempt: int
    status_code: int | None
    duration_ms: int
    error: str | None
    at: datetime


class DeliveryOut(BaseModel):
    id: str = Field(description="The webhook-id header: the same on every attempt.")
    event_type: str
    status: Literal["queued", "delivered", "failed"]
    attempts: int
    next_attempt_at: datetime
    created_at: datetime
    delivered_at: datetime | None
    log: list[AttemptOut]


class DeliveryList(BaseModel):
    items: list[DeliveryOut]


class WebhookPath(Input):
    webhook_id: Annotated[str, Field(max_length=40)]


class DeliveryPath(WebhookPath):
    delivery_id: Annotated[str, Field(max_length=40)]


class DocumentationRequestIn(Strict):
    shipper_id: Annotated[str, Field(max_length=40)] | None = Field(
        None, description="Which linked shipper to ask; may be left out when one shipper serves the seller."
    )
    note: Annotated[str, Field(max_length=2000)] | None = None
    share_comment: bool = Field(False, description="Let the shipper read the buyer's comment.")


class DocumentationRequestOut(BaseModel):
    id: str
    case_id: str
    shipper_id: str
    status: Literal["requested", "provided", "declined", "overdue"]
    feedback_types: list[str] = Field(description="The case's types the shipper owes documentation for.")
    evidence_requested: list[str]
    note: str | None
    share_comment: bool
    respond_by: datetime
    created_at: datetime
    responded_at: datetime | None
    evidence: dict[str, Any] | None
    fault: str | None
    decline_reason: str | None


class DocumentationRequestList(BaseModel):
    items: list[DocumentationRequestOut]


class ShipperRequestOut(BaseModel):
    """What a shipper sees of a request: no buyer details; the comment only if shared."""

    id: str
    seller_id: str
    order_id: str
    status: Literal["requested", "provided", "declined", "overdue"]
    feedback_types: list[str]
    evidence_requested: list[str]
    note: str | None
    comment: str | None
    respond_by: datetime
    created_at: datetime
    responded_at: datetime | None
    fault: str | None


class ShipperRequestList(BaseModel):
    items: list[ShipperRequestOut]


class ShipperRequestQuery(Strict):
    status: Literal["requested", "provided", "declined", "overdue"] | None = None


class ShipperRequestPath(Input):
    request_id: Annotated[str, Field(max_length=40)]


class ShipperPath(Input):
    shipper_id: Annotated[str, Field(max_length=40)]


ShortText = Annotated[str, Field(min_length=1, max_length=200)]
LongText = Annotated[str, Field(min_length=1, max_length=4000)]


class EvidenceIn(Strict):
    shipped_on: date | None = Field(None, description="When the package left the fulfilment center.")
    ship_by: date | None = Field(None, description="The promised ship-by date.")
    carrier: ShortText | None = None
    tracking_number: ShortText | None = None
    buy_shipping_label: bool = Field(False, description="The label was bought with Amazon Buy Shipping.")
    contents_verified: bool | None = None
    packaging_description: LongText | None = None
    item_condition: LongText | None = None
    notes: LongText | None = None
    attachments: Annotated[list[Annotated[str, Field(min_length=1, max_length=500)]], Field(max_length=20)] = Field(
        default_factory=list, description="References to documents kept elsewhere (photos, scans, logs)."
    )


class DocumentationResponseIn(Strict):
    decision: Literal["provided", "declined"]
    evidence: EvidenceIn | None = None
    fault: Literal[FAULTS] | None = Field(None, description="Who caused the problem, as the evidence shows.")
    reason: LongText | None = Field(None, description="Why the shipper declines (with decision declined).")

    @model_validator(mode="after")
    def _decision_fields(self):
        if self.decision == "provided" and (self.evidence is None or self.fault is None):
            raise ValueError("a provided answer carries evidence and a fault finding")
        if self.decision == "declined" and (self.reason is None or self.evidence or self.fault):
            raise ValueError("a declined answer carries a reason and no evidence or fault")
        return self


class Scorecard(BaseModel):
    shipper_id: str
    requests: int
    by_status: dict[str, int]
    answered: int
    answered_on_time: int
    on_time_rate: float | None
    average_response_hours: float | None
    faults: dict[str, int]
    penalties_by_type: dict[str, int]
