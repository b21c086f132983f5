"""How a documentation request is shown: summarised in webhook payloads, and as its shipper sees it."""

from __future__ import annotations

from dataclasses import dataclass

from workflow.clock import iso_utc
from workflow.models import Case, DocumentationRequest


@dataclass(frozen=True)
class ShipperRequestView:
    """A documentation request as its shipper sees it: the order id but nothing of the buyer,
    and the buyer's comment only when the seller chose to share it."""

    request: DocumentationRequest
    order_id: str
    comment: str | None


def shipper_view(request: DocumentationRequest, case: Case) -> ShipperRequestView:
    return ShipperRequestView(request, case.order_id, case.comment if request.share_comment else None)


def summary(request: DocumentationRequest) -> dict:
    return {
        "id": request.id,
        "status": request.status,
        "shipper_id": request.shipper_id,
        "feedback_types": request.feedback_types,
        "evidence_requested": request.evidence_requested,
        "respond_by": iso_utc(request.respond_by),
        "fault": request.fault,
    }
