"""How a documentation request is summarised in webhook payloads."""

from __future__ import annotations

from workflow.clock import iso_utc
from workflow.models import DocumentationRequest


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
