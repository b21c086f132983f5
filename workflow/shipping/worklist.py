"""What a shipper works through: its documentation requests, the ones to answer first."""

from __future__ import annotations

from sqlalchemy.orm import Session

from workflow.errors import NotFound
from workflow.shipping.use_cases import requests_for_shipper

OPEN = ("requested", "overdue")


def shipper_worklist(session: Session, shipper_id: str):
    """The shipper's requests: those to answer by their respond_by, then the answered ones,
    newest first."""
    views = requests_for_shipper(session, shipper_id, None)
    open_ = sorted((v for v in views if v.request.status in OPEN), key=lambda v: v.request.respond_by)
    answered = sorted((v for v in views if v.request.status not in OPEN),
                      key=lambda v: v.request.responded_at, reverse=True)  # fmt: skip
    return open_, answered


def shipper_request(session: Session, shipper_id: str, request_id: str):
    """One request of the shipper, as the shipper sees it (404 for anyone else's)."""
    views = requests_for_shipper(session, shipper_id, None, request_id)
    if views:
        return views[0]
    raise NotFound(f"no documentation request {request_id!r}")
