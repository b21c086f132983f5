"""What a shipper works through: its documentation requests, the ones to answer first."""

from __future__ import annotations

from sqlalchemy.orm import Session

from workflow.errors import NotFound
from workflow.shipping.use_cases import requests_for_shipper

OPEN = ("requested", "overdue")


def shipper_worklist(session: Session, shipper_id: str):
    """The shipper's requests: those to answer by their respond_by, then the answered ones,
    newest first."""
    pairs = requests_for_shipper(session, shipper_id, None)
    open_ = sorted((p for p in pairs if p[0].status in OPEN), key=lambda p: p[0].respond_by)
    answered = sorted((p for p in pairs if p[0].status not in OPEN),
                      key=lambda p: p[0].responded_at, reverse=True)  # fmt: skip
    return open_, answered


def shipper_request(session: Session, shipper_id: str, request_id: str):
    """One request of the shipper, with its case (404 for anyone else's)."""
    for request, case in requests_for_shipper(session, shipper_id, None):
        if request.id == request_id:
            return request, case
    raise NotFound(f"no documentation request {request_id!r}")
