"""/v1/cases: open, read, correct and move feedback cases."""

from __future__ import annotations

from flask import g, url_for
from flask_openapi3 import Tag

from api.auth import authenticated_blueprint, current_settings
from api.extensions import db
from api.schemas.cases import (
    CaseCreate,
    CaseList,
    CaseOut,
    CasePatch,
    CasePath,
    CaseQuery,
    EventIn,
    History,
    TransitionOut,
)
from api.schemas.common import PROBLEM_RESPONSE, json_response
from workflow.cases import use_cases
from workflow.cases.removal_request import RemovalRequestText, removal_request_text
from workflow.cases.representation import case_representation
from workflow.clock import utcnow

blueprint = authenticated_blueprint("cases", Tag(name="cases"))


@blueprint.post("/cases", responses={201: CaseOut, 409: PROBLEM_RESPONSE})
def create_case(body: CaseCreate):
    """Open a case for one negative feedback."""
    now = utcnow()
    buyer = body.buyer.model_dump() if body.buyer else {}
    draft = use_cases.CaseDraft(**body.model_dump(exclude={"buyer"}), buyer=use_cases.Buyer(**buyer))
    case = use_cases.open_case(db.session(), g.seller_id, draft, current_settings(), now)
    location = url_for("cases.get_case", case_id=case.id)
    return json_response(case_representation(case, now), 201, {"Location": location})


@blueprint.get("/cases", responses={200: CaseList})
def list_cases(query: CaseQuery):
    """List the seller's cases in creation order, filtered, one page at a time."""
    filters = use_cases.CaseFilter(query.state, query.feedback_type, query.due_before)
    cases, next_cursor = use_cases.list_cases(
        db.session(), g.seller_id, filters, limit=query.limit, after_id=query.cursor
    )
    now = utcnow()
    return json_response({"items": [case_representation(c, now) for c in cases], "next_cursor": next_cursor})


@blueprint.get("/cases/<case_id>", responses={200: CaseOut, 404: PROBLEM_RESPONSE})
def get_case(path: CasePath):
    """Show one case with its deadlines, allowed events and outreach."""
    case = use_cases.get_case(db.session(), g.seller_id, path.case_id)
    return json_response(case_representation(case, utcnow()))


@blueprint.patch("/cases/<case_id>", responses={200: CaseOut, 404: PROBLEM_RESPONSE, 409: PROBLEM_RESPONSE})
def patch_case(path: CasePath, body: CasePatch):
    """Correct an open case: feedback types, asserted removal grounds, buyer details."""
    now = utcnow()
    case = use_cases.update_case(
        db.session(),
        g.seller_id,
        path.case_id,
        now=now,
        expected_version=body.expected_version,
        feedback_types=body.feedback_types,
        asserted_grounds=body.asserted_grounds,
        buyer=body.buyer.model_dump(include=body.buyer.model_fields_set) if body.buyer else None,
        cancellation_approved_before_assignment=(
            body.cancellation.approved_before_assignment if body.cancellation else None
        ),
    )
    return json_response(case_representation(case, now))


@blueprint.post("/cases/<case_id>/events", responses={200: CaseOut, 404: PROBLEM_RESPONSE, 409: PROBLEM_RESPONSE})
def post_event(path: CasePath, body: EventIn):
    """Fire one event of the workflow.

    A refusal is a 409 that says which guard refused it and why."""
    now = utcnow()
    case = use_cases.fire_event(
        db.session(),
        g.seller_id,
        path.case_id,
        body.event,
        actor="seller",
        settings=current_settings(),
        now=now,
        note=body.note,
        expected_version=body.expected_version,
        fields=body.model_dump(exclude={"event", "note", "expected_version"}),
    )
    return json_response(case_representation(case, now))


@blueprint.get("/cases/<case_id>/history", responses={200: History, 404: PROBLEM_RESPONSE})
def get_history(path: CasePath):
    """List the case's transitions, oldest first."""
    transitions = use_cases.case_history(db.session(), g.seller_id, path.case_id)
    return json_response(History(items=[TransitionOut.model_validate(t, from_attributes=True) for t in transitions]))


@blueprint.get(
    "/cases/<case_id>/amazon-removal-request",
    responses={200: RemovalRequestText, 404: PROBLEM_RESPONSE, 409: PROBLEM_RESPONSE},
)
def get_amazon_removal_request(path: CasePath):
    """Write the text for Feedback Manager's removal request in the marketplace's language.

    It names each ground, quotes the comment's evidence and says where in Seller Central to file
    it; a case without removal grounds is a 409 that says why."""
    return json_response(removal_request_text(db.session(), g.seller_id, path.case_id))
