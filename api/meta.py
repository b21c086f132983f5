"""Endpoints that describe the product itself: health, policy table, workflow."""

from __future__ import annotations

from flask_openapi3 import APIBlueprint, Tag

from api.auth import current_settings
from api.schemas.common import json_response
from api.schemas.meta import FeedbackTypeOut, GroundOut, Health, PolicyOut, Workflow, WorkflowTransition
from workflow.cases.machine import API_EVENTS, EVENTS, STATES, SYSTEM_EVENTS, CaseMachine
from workflow.policy import ASSERTABLE_GROUNDS, FEEDBACK_TYPES, GROUND_DESCRIPTIONS

blueprint = APIBlueprint("meta", __name__, abp_tags=[Tag(name="meta")])


@blueprint.get("/healthz", responses={200: Health})
def healthz():
    """Report that the service is up."""
    return json_response(Health(status="ok"))


@blueprint.get("/v1/policy", responses={200: PolicyOut})
def policy():
    """Show the fulfilment network's policy table and Amazon's removal grounds, as the product applies them."""
    settings = current_settings()
    return json_response(
        PolicyOut(
            feedback_types=[
                FeedbackTypeOut(
                    code=t.code,
                    label=t.label,
                    shipper_duty=t.shipper_duty,
                    seller_duty=t.seller_duty,
                    evidence=[e.value for e in t.evidence],
                    no_fault=t.no_fault,
                    product_related=t.product_related,
                    penalty_on_fulfilment_fault=t.penalty_on_fulfilment_fault,
                    shipper_owes_documentation=t.shipper_owes_documentation,
                )
                for t in FEEDBACK_TYPES
            ],
            removal_grounds=[
                GroundOut(code=g.value, description=text, asserted_by_seller=g in ASSERTABLE_GROUNDS)
                for g, text in GROUND_DESCRIPTIONS.items()
            ],
            customer_removal_days=settings.customer_removal_days,
            amazon_removal_days=settings.amazon_removal_days,
        )
    )


def workflow_description() -> Workflow:
    return Workflow(
        states=list(STATES),
        events=list(API_EVENTS),
        system_events=sorted(SYSTEM_EVENTS),
        transitions=[
            WorkflowTransition(
                event=event,
                from_state=state.id,
                to_state=transition.target.id,
                guards=[str(spec) for spec in transition.cond],
            )
            for event in EVENTS
            for state in CaseMachine.states
            for transition in state.transitions
            if transition.match(event)
        ],
        mermaid=format(CaseMachine, "mermaid"),
    )


@blueprint.get("/v1/workflow", responses={200: Workflow})
def workflow():
    """Describe the states, events and guarded transitions, with a Mermaid diagram generated from the machine."""
    return json_response(workflow_description())
