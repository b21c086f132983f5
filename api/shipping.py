"""The shipper's side: sellers ask for documentation and read scorecards; shippers answer."""

from __future__ import annotations

from flask import g, url_for
from flask_openapi3 import Tag

from api.auth import authenticate_shipper, authenticated_blueprint, current_settings
from api.extensions import db
from api.schemas.cases import CasePath
from api.schemas.common import PROBLEM_RESPONSE, json_response
from api.schemas.shipping import (
    DocumentationRequestIn,
    DocumentationRequestList,
    DocumentationRequestOut,
    DocumentationResponseIn,
    Scorecard,
    ShipperPath,
    ShipperRequestList,
    ShipperRequestOut,
    ShipperRequestPath,
    ShipperRequestQuery,
)
from workflow.clock import utcnow
from workflow.models import DocumentationRequest
from workflow.shipping import scorecards, use_cases
from workflow.shipping.representation import ShipperRequestView

seller_blueprint = authenticated_blueprint("documentation", Tag(name="shipper documentation"))
shipper_blueprint = authenticated_blueprint(
    "shipper",
    Tag(name="shipper API", description="For fulfilment networks, with a shipper token."),
    url_prefix="/v1/shipper",
    authenticate=authenticate_shipper,
)


def _request_out(request: DocumentationRequest) -> DocumentationRequestOut:
    return DocumentationRequestOut.model_validate(request, from_attributes=True)


def _shipper_view(view: ShipperRequestView) -> ShipperRequestOut:
    request = view.request
    return ShipperRequestOut(
        id=request.id,
        seller_id=request.seller_id,
        order_id=view.order_id,
        status=request.status,
        feedback_types=request.feedback_types,
        evidence_requested=request.evidence_requested,
        note=request.note,
        comment=view.comment,
        respond_by=request.respond_by,
        created_at=request.created_at,
        responded_at=request.responded_at,
        fault=request.fault,
    )


@seller_blueprint.post(
    "/cases/<case_id>/documentation-requests",
    responses={201: DocumentationRequestOut, 404: PROBLEM_RESPONSE, 409: PROBLEM_RESPONSE},
)
def request_documentation(path: CasePath, body: DocumentationRequestIn):
    """Ask the shipper for the evidence the policy table names for the case's types.

    409 when it names none (poor customer service, cancelled order, mistake, product review)."""
    request = use_cases.request_documentation(
        db.session(),
        g.seller_id,
        path.case_id,
        shipper_id=body.shipper_id,
        note=body.note,
        share_comment=body.share_comment,
        settings=current_settings(),
        now=utcnow(),
    )
    location = url_for("documentation.list_documentation_requests", case_id=path.case_id)
    return json_response(_request_out(request), 201, {"Location": location})


@seller_blueprint.get(
    "/cases/<case_id>/documentation-requests", responses={200: DocumentationRequestList, 404: PROBLEM_RESPONSE}
)
def list_documentation_requests(path: CasePath):
    """List the case's documentation requests and the shipper's answers."""
    requests = use_cases.requests_of_case(db.session(), g.seller_id, path.case_id)
    return json_response(DocumentationRequestList(items=[_request_out(r) for r in requests]))


@seller_blueprint.get("/shippers/<shipper_id>/scorecard", responses={200: Scorecard, 404: PROBLEM_RESPONSE})
def seller_scorecard(path: ShipperPath):
    """Show how a shipper that serves this seller answered this seller's requests."""
    return json_response(Scorecard(**scorecards.scorecard_for_seller(db.session(), g.seller_id, path.shipper_id)))


@shipper_blueprint.get("/documentation-requests", responses={200: ShipperRequestList})
def shipper_requests(query: ShipperRequestQuery):
    """List the requests from the sellers this shipper serves."""
    views = use_cases.requests_for_shipper(db.session(), g.shipper_id, query.status)
    return json_response(ShipperRequestList(items=[_shipper_view(view) for view in views]))


@shipper_blueprint.post(
    "/documentation-requests/<request_id>/response",
    responses={200: ShipperRequestOut, 404: PROBLEM_RESPONSE, 409: PROBLEM_RESPONSE},
)
def shipper_response(path: ShipperRequestPath, body: DocumentationResponseIn):
    """Provide the evidence with a fault finding, or decline with a reason."""
    view = use_cases.respond(
        db.session(),
        g.shipper_id,
        path.request_id,
        evidence=body.evidence_given(),
        fault=body.fault,
        decline_reason=body.reason,
        now=utcnow(),
    )
    return json_response(_shipper_view(view))


@shipper_blueprint.get("/scorecard", responses={200: Scorecard})
def shipper_scorecard():
    """Show this shipper's record across all the sellers it serves."""
    return json_response(Scorecard(**scorecards.scorecard(db.session(), g.shipper_id)))
