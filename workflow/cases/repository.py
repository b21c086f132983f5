"""Finding a seller's case: every use case scopes it by seller, and another seller's case is
simply not there (404). These queries run inside their caller's transaction."""

from __future__ import annotations

from collections import namedtuple
from functools import cache
from typing import NamedTuple

from sqlalchemy import Connection, Select, and_, bindparam, exists, insert, inspect, select
from sqlalchemy.orm import Session, make_transient_to_detached

from workflow.errors import NotFound
from workflow.models import Case, CaseFacts, CaseFeedbackType, Seller, Suppression, feedback_type_rows
from workflow.webhooks import events

# Built once: a case's SELECT carries the derived columns' subqueries, and building it and
# computing its cache key anew on every request cost a third of loading the case.
_SELLERS_CASE = select(Case).where(Case.id == bindparam("case_id"), Case.seller_id == bindparam("seller_id"))
# A case about to be written, with whether its seller has webhook endpoints (the write's
# events are then queued without looking them up, or not at all). PostgreSQL queues
# concurrent writers on the case's row, not on the seller's; SQLite already holds its write lock.
_SELLERS_CASE_FOR_UPDATE = (
    select(Case, Seller.has_webhook_endpoints)
    .join(Seller, Seller.id == Case.seller_id)
    .where(Case.id == bindparam("case_id"), Case.seller_id == bindparam("seller_id"))
    .with_for_update(of=Case)
)


def sellers_case(session: Session, seller_id: str, case_id: str, *, for_update: bool = False) -> Case:
    if not for_update:
        case = session.scalar(_SELLERS_CASE, {"case_id": case_id, "seller_id": seller_id})
        if case is None:
            raise NotFound(f"no case {case_id!r}")
        return case
    row = session.execute(_SELLERS_CASE_FOR_UPDATE, {"case_id": case_id, "seller_id": seller_id}).one_or_none()
    if row is None:
        raise NotFound(f"no case {case_id!r}")
    case, has_webhook_endpoints = row
    events.know_endpoint_presence(session, seller_id, has_webhook_endpoints)
    return case


class CaseRow(CaseFacts, namedtuple("CaseColumns", Case.__mapper__.columns.keys())):
    """A case as the API's reads show it, read-only: every column of `Case` under the same
    name, the derived ones included, and the facts `Case` derives from them (CaseFacts), so the
    representation and the guards take either. Read by a Core SELECT in a read_connection:
    the ORM's object building and identity map cost more than the SQL."""

    __slots__ = ()


# The SELECT of CaseRow's columns, in its order, that every read of case rows starts from.
CASE_ROWS: Select = select(*(column.label(key) for key, column in Case.__mapper__.columns.items()))
_SELLERS_CASE_ROW = CASE_ROWS.where(Case.id == bindparam("case_id"), Case.seller_id == bindparam("seller_id"))


def sellers_case_row(connection: Connection, seller_id: str, case_id: str) -> CaseRow:
    """The seller's case as CaseRow, for showing it."""
    found = connection.execute(_SELLERS_CASE_ROW, {"case_id": case_id, "seller_id": seller_id})
    row = found.one_or_none()
    if row is None:
        raise NotFound(f"no case {case_id!r}")
    return CaseRow._make(row)


def case_rows(connection: Connection, query: Select, parameters: dict[str, object]) -> list[CaseRow]:
    """The rows of a query built on CASE_ROWS, as CaseRow."""
    return [CaseRow._make(row) for row in connection.execute(query, parameters)]


def require_sellers_case(session: Session, seller_id: str, case_id: str) -> None:
    """404 unless the case exists and is the seller's (without loading it)."""
    if session.scalar(select(Case.id).where(Case.id == case_id, Case.seller_id == seller_id)) is None:
        raise NotFound(f"no case {case_id!r}")


def typed_as(seller_id: str, feedback_type: str):
    """SQL: a case's row of one feedback type, served by that table's index (types are not
    searched in the case's text column)."""
    return and_(
        CaseFeedbackType.case_id == Case.id,
        CaseFeedbackType.seller_id == seller_id,
        CaseFeedbackType.feedback_type == feedback_type,
    )


def _on_suppression_list(seller_id, buyer_email):
    """Whether the address is on the seller's suppression list, as an EXISTS of the two."""
    return exists().where(Suppression.seller_id == seller_id, Suppression.email == buyer_email)


# Built once, as the case's SELECT above.
_IS_BUYER_SUPPRESSED = select(_on_suppression_list(bindparam("seller_id"), bindparam("buyer_email")))


def buyer_suppressed(session: Session, seller_id: str, buyer_email: str | None) -> bool:
    """Whether the address is on the seller's suppression list (a case's buyer changed)."""
    found = session.connection().execute(_IS_BUYER_SUPPRESSED, {"seller_id": seller_id, "buyer_email": buyer_email})
    return bool(found.scalar())


@cache
def _stored_columns() -> tuple[tuple[str, str], ...]:
    """The case's own columns (not the derived ones, read through subqueries), as (attribute
    name, column name). Asked on first use: the mapping is complete only once every module is in."""
    return tuple(
        (attribute.key, attribute.columns[0].key)
        for attribute in Case.__mapper__.column_attrs
        if attribute.columns[0].table is Case.__table__
    )


class SellerFacts(NamedTuple):
    """What a new case needs to know about its seller."""

    buyer_suppressed: bool
    has_webhook_endpoints: bool


# Built once. The case's INSERT returns its seller's facts, read by subqueries in the same
# statement, instead of a query of their own after it: one statement (on PostgreSQL one round
# trip) less per new case. The subqueries take the seller and the address as parameters of
# their own: SQLAlchemy does not correlate a RETURNING clause with the inserted row.
_INSERT_CASE = insert(Case.__table__).returning(
    _on_suppression_list(bindparam("facts_seller_id"), bindparam("facts_buyer_email")),
    select(Seller.has_webhook_endpoints).where(Seller.id == bindparam("facts_seller_id")).scalar_subquery(),
)
_INSERT_TYPES = insert(CaseFeedbackType.__table__)


def insert_new_case(session: Session, case: Case) -> SellerFacts:
    """Write a new case with two Core INSERTs (its row, its feedback type rows) instead of a
    unit-of-work flush or the ORM's bulk insert, whose bookkeeping cost more than the INSERTs;
    the object then joins the session as if it had been loaded. No default or mapper event
    runs: `case` must have every column set, its schedule columns included
    (deadlines.schedule_of): a column left unset would be read again after the commit, in a
    transaction of its own. Answers whether the buyer's address is on the seller's suppression
    list and whether the seller has webhook endpoints."""
    values = inspect(case).dict
    unset = [key for key, _column in _stored_columns() if key not in values]
    if unset:
        raise ValueError(f"a new case must have every column set; unset: {', '.join(unset)}")
    connection = session.connection()
    row = {column: values[key] for key, column in _stored_columns()}
    inserted = connection.execute(
        _INSERT_CASE, row | {"facts_seller_id": case.seller_id, "facts_buyer_email": case.buyer_email}
    )
    buyer_suppressed, has_webhook_endpoints = inserted.one()
    type_rows = feedback_type_rows(case.id, case.seller_id, case.feedback_types_csv)
    if type_rows:
        connection.execute(_INSERT_TYPES, type_rows)
    make_transient_to_detached(case)
    session.add(case)
    return SellerFacts(bool(buyer_suppressed), bool(has_webhook_endpoints))
