"""Finding a seller's case: every use case scopes it by seller, and another seller's case is
simply not there (404). These queries run inside their caller's transaction."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflow.errors import NotFound
from workflow.models import Case


def sellers_case(session: Session, seller_id: str, case_id: str, *, for_update: bool = False) -> Case:
    query = select(Case).where(Case.id == case_id, Case.seller_id == seller_id)
    if for_update:
        # PostgreSQL queues concurrent writers on the row; SQLite already holds its write lock.
        query = query.with_for_update()
    case = session.scalar(query)
    if case is None:
        raise NotFound(f"no case {case_id!r}")
    return case


def require_sellers_case(session: Session, seller_id: str, case_id: str) -> None:
    """404 unless the case exists and is the seller's (without loading it)."""
    if session.scalar(select(Case.id).where(Case.id == case_id, Case.seller_id == seller_id)) is None:
        raise NotFound(f"no case {case_id!r}")
