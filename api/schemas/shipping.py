"""Request and response models of documentation requests, the shipper API and scorecards."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    Field,
    model_validator,
)

from api.schemas.common import Input, Strict
from workflow.policy import FAULTS
from workflow.shipping.machine import DocumentationRequestStatus
from workflow.shipping.use_cases import EvidenceGiven


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
    status: DocumentationRequestStatus
    feedback_types: list[str] = Field(description="The case's types the shipper owes documentation for.")
    evidence_requested: list[str]
    note: str | None
    share_comment: bool
    respond_by: datetime
    created_at: datetime
    responded_at: datetime | None
    evidence_given: dict[str, Any] | None = Field(description="The evidence as the shipper gave it.")
    fault: str | None
    decline_reason: str | None


class DocumentationRequestList(BaseModel):
    items: list[DocumentationRequestOut]


class ShipperRequestOut(BaseModel):
    """What a shipper sees of a request: no buyer details; the comment only if shared."""

    id: str
    seller_id: str
    order_id: str
    status: DocumentationRequestStatus
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
    status: DocumentationRequestStatus | None = None


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
            raise ValueError("a provided answer needs evidence and a fault finding")
        if self.decision == "declined" and self.reason is None:
            raise ValueError("a declined answer needs a reason")
        if self.decision == "declined" and (self.evidence or self.fault):
            raise ValueError("a declined answer carries no evidence or fault finding; send decision provided with them")
        return self

    def evidence_given(self) -> EvidenceGiven | None:
        """The evidence as the domain takes it."""
        if self.evidence is None:
            return None
        given = self.evidence.model_dump()
        return EvidenceGiven(**{**given, "attachments": tuple(given["attachments"])})


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
