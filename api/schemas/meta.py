"""Response models of the endpoints that describe the product (health, policy, workflow)."""

from __future__ import annotations

from pydantic import (
    BaseModel,
)


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
