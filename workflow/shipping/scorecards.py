"""Scorecards: how a shipper answered documentation requests, for all its sellers or one."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflow.accounts import shipper_serves_within
from workflow.errors import NotFound
from workflow.models import DocumentationRequest, Penalty
from workflow.transactions import read_transaction


def scorecard(session: Session, shipper_id: str) -> dict:
    """The shipper's record across all the sellers it serves."""
    with read_transaction(session):
        return scorecard_within(session, shipper_id)


def scorecard_for_seller(session: Session, seller_id: str, shipper_id: str) -> dict:
    """How a shipper that serves the seller answered the seller's requests."""
    with read_transaction(session):
        if not shipper_serves_within(session, shipper_id, seller_id):
            raise NotFound(f"no shipper {shipper_id!r} serves this seller")
        return scorecard_within(session, shipper_id, seller_id)


def scorecard_within(session: Session, shipper_id: str, seller_id: str | None = None) -> dict:
    """Penalties by type, faults, answers on time and the average response time, for all the
    shipper's sellers or for one."""
    query = select(DocumentationRequest).where(DocumentationRequest.shipper_id == shipper_id)
    penalties = select(Penalty.feedback_type).where(Penalty.shipper_id == shipper_id)
    if seller_id is not None:
        query = query.where(DocumentationRequest.seller_id == seller_id)
        penalties = penalties.where(Penalty.seller_id == seller_id)
    requests = list(session.scalars(query))
    answered = [r for r in requests if r.responded_at is not None]
    on_time = [r for r in answered if r.answered_on_time]
    hours = [(r.responded_at - r.created_at).total_seconds() / 3600 for r in answered]
    return {
        "shipper_id": shipper_id,
        "requests": len(requests),
        "by_status": dict(Counter(r.status for r in requests)),
        "answered": len(answered),
        "answered_on_time": len(on_time),
        "on_time_rate": round(len(on_time) / len(requests), 3) if requests else None,
        "average_response_hours": round(sum(hours) / len(hours), 2) if hours else None,
        "faults": dict(Counter(r.fault for r in answered if r.fault)),
        "penalties_by_type": {code: n for code, n in sorted(Counter(session.scalars(penalties)).items())},
    }
