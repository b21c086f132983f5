"""Bringing feedback in: a seller feedback report becomes cases, once per order.

An import reads the report as a stream and writes it one chunk of rows per transaction, with
one look-up of the chunk's order ids and one bulk insert of its new cases, so a report of any
size costs memory for one chunk. Every negative row opens a case unless its order has one; an
open case whose feedback changed is updated (and says so in its history); a row back at 3 stars
or more closes its open case, through the case machine like any transition. When the import
states the period it covers, open cases of that period the file no longer has were removed.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import BinaryIO

from sqlalchemy import Row, String, any_, bindparam, insert, select, update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session, selectinload

from workflow import deadlines
from workflow.accounts import require_seller
from workflow.cases import use_cases as case_use_cases
from workflow.cases.classification import TRIAGE
from workflow.cases.history import record_change
from workflow.cases.machine import INITIAL_STATE, OPEN_STATES, CaseState
from workflow.errors import InvalidInput, NotFound
from workflow.intake.models import FeedbackImport, FeedbackImportRejection
from workflow.intake.report import FeedbackReport, FeedbackRow, RejectedRow
from workflow.models import Case, new_id
from workflow.outreach.messages import MARKETPLACE_LANGUAGES
from workflow.settings import Settings
from workflow.transactions import read_transaction, write_transaction
from workflow.webhooks import events

# Rejected rows kept per import (all are counted): enough to fix a file, bounded for a broken one.
MAX_STORED_REJECTIONS = 1000
# Report dates are the marketplace's local days: a case published within a day of either end of
# the period may sit on the other side of it in the file, so absence says nothing about it.
PERIOD_MARGIN = timedelta(days=1)


@dataclass(frozen=True)
class _NewCase:
    """What the deadline rules read of a case about to be inserted in bulk: untyped until the
    triage, so without any removal ground yet."""

    state: str
    customer_removal_by: datetime
    amazon_removal_by: datetime
    amazon_removal_grounds: tuple[str, ...] = ()
    outcome: None = None
    notices_sent: int = 0


def _actor(import_id: str) -> str:
    return f"import:{import_id}"


def _check_period(covers_from: date | None, covers_to: date | None, now: datetime) -> None:
    errors = []
    if covers_from and covers_to and covers_from > covers_to:
        errors.append({"field": "covers_from", "message": f"is after covers_to ({covers_to.isoformat()})"})
    if covers_to and covers_to > now.date():
        errors.append({"field": "covers_to", "message": "is in the future: a report covers days that have passed"})
    if (covers_from is None) != (covers_to is None):
        missing = "covers_to" if covers_to is None else "covers_from"
        errors.append({"field": missing, "message": "give both ends of the period the report covers, or neither"})
    if errors:
        raise InvalidInput(errors)


def import_report(
    session: Session,
    seller_id: str,
    stream: BinaryIO,
    marketplace: str,
    covers_from: date | None,
    covers_to: date | None,
    settings: Settings,
    now: datetime,
    *,
    charset: str | None = None,
    filename: str | None = None,
    origin: str = "upload",
) -> FeedbackImport:
    """Import one report file. A file that cannot be read at all is refused (MalformedReport)
    before anything is written; rows that cannot be read are listed on the import."""
    _check_period(covers_from, covers_to, now)
    report = FeedbackReport(
        stream, marketplace, today=now.date(), covers_from=covers_from, covers_to=covers_to, charset=charset
    )
    feedback_import = FeedbackImport(
        seller_id=seller_id,
        marketplace=marketplace,
        origin=origin,
        covers_from=covers_from,
        covers_to=covers_to,
        filename=filename,
        encoding=report.encoding,
        layout_columns=report.layout,
        created_at=now,
    )
    return _run(session, feedback_import, report, settings, now)


def import_no_rows(
    session: Session,
    seller_id: str,
    marketplace: str,
    covers_from: date,
    covers_to: date,
    settings: Settings,
    now: datetime,
) -> FeedbackImport:
    """Amazon answered that the period has no 1-3 star feedback (a CANCELLED report): an import
    of no rows, whose period still says what is no longer there."""
    _check_period(covers_from, covers_to, now)
    feedback_import = FeedbackImport(
        seller_id=seller_id,
        marketplace=marketplace,
        origin="amazon",
        covers_from=covers_from,
        covers_to=covers_to,
        created_at=now,
    )
    return _run(session, feedback_import, [], settings, now)


def _run(
    session: Session,
    feedback_import: FeedbackImport,
    items: Iterable[FeedbackRow | RejectedRow],
    settings: Settings,
    now: datetime,
) -> FeedbackImport:
    with write_transaction(session):
        require_seller(session, feedback_import.seller_id)
        session.add(feedback_import)
    for chunk in _chunks(items, settings.import_chunk_rows):
        with write_transaction(session):
            _Chunk(session, feedback_import, settings, now).write(chunk)
    if feedback_import.covers_from is not None:
        _close_disappeared(session, feedback_import, settings, now)
    with write_transaction(session):
        feedback_import.status = "completed"
        feedback_import.completed_at = now
        session.refresh(feedback_import, ["rejections"])  # what the caller shows, read in this same transaction
    return feedback_import


def _chunks(items: Iterable, size: int) -> Iterator[list]:
    iterator = iter(items)
    while chunk := list(itertools.islice(iterator, size)):
        yield chunk


class _Chunk:
    """One transaction's worth of rows."""

    def __init__(self, session: Session, feedback_import: FeedbackImport, settings: Settings, now: datetime) -> None:
        self.session = session
        self.imp = feedback_import
        self.settings = settings
        self.now = now
        self.actor = _actor(feedback_import.id)

    def write(self, chunk: list[FeedbackRow | RejectedRow]) -> None:
        rows: dict[str, FeedbackRow] = {}  # by order: a later row of the same order wins
        rejected: list[RejectedRow] = []
        for item in chunk:
            if isinstance(item, RejectedRow):
                rejected.append(item)
            else:
                rows[item.order_id] = item
        self._reject(rejected)
        known = self._known_cases(list(rows))
        new_rows, changed, raised = [], [], []
        negative = neutral = already_known = 0
        for order_id, row in rows.items():
            case = known.get(order_id)
            if row.rating <= 2:
                negative += 1
                if case is None:
                    new_rows.append(row)
                elif case.state in OPEN_STATES and (case.rating, case.comment) != (row.rating, row.comment):
                    changed.append((case.id, row))
                else:
                    already_known += 1
            else:
                neutral += row.rating == 3
                if case is not None and case.state in OPEN_STATES:
                    raised.append((case.id, row))
        imp = self.imp
        imp.rows_read += len(chunk)
        imp.negative_rows += negative
        imp.neutral_rows += neutral
        imp.positive_rows += len(rows) - negative - neutral
        imp.cases_known += already_known
        self._open(new_rows)
        self._update(changed)
        self._close_raised(raised)
        if imp.covers_from is not None and known:
            # New cases were inserted already marked as seen by this import.
            seen = [case.id for case in known.values()]
            self.session.execute(update(Case).where(Case.id.in_(seen)).values(seen_in_import_id=imp.id))

    def _reject(self, rejected: list[RejectedRow]) -> None:
        room = max(0, MAX_STORED_REJECTIONS - self.imp.rejected_rows)
        if rejected[:room]:
            self.session.execute(
                insert(FeedbackImportRejection),
                [{"import_id": self.imp.id, "line": r.line, "reason": r.reason} for r in rejected[:room]],
            )
        self.imp.rejected_rows += len(rejected)

    def _known_cases(self, order_ids: list[str]) -> dict[str, Row]:
        """The seller's cases of these orders, as (id, order_id, state, rating, comment) rows."""
        if not order_ids:
            return {}
        cases = Case.__table__.c
        connection = self.session.connection()
        if connection.dialect.name == "postgresql":
            # One array parameter: thousands of IN placeholders cost more to send than the rows.
            among = cases.order_id == any_(bindparam("order_ids", order_ids, type_=ARRAY(String)))
        else:
            among = cases.order_id.in_(order_ids)
        found = connection.execute(
            select(cases.id, cases.order_id, cases.state, cases.rating, cases.comment).where(
                cases.seller_id == self.imp.seller_id, among
            )
        )
        return {row.order_id: row for row in found.all()}  # all at once: psycopg fetches one by one otherwise

    def _open(self, rows: list[FeedbackRow]) -> None:
        """Insert the chunk's new cases in one statement; each starts without a type, until the
        worker's triage of its comment (workflow/intake/classify.py) gives it one."""
        if not rows:
            return
        imp, settings = self.imp, self.settings
        schedules: dict[date, tuple] = {}
        values = []
        for row in rows:
            published_at = datetime.combine(row.published_on, time(), tzinfo=UTC)
            customer_removal_by, amazon_removal_by = deadlines.removal_windows(published_at, settings)
            if row.published_on not in schedules:
                schedules[row.published_on] = deadlines.schedule_of(
                    _NewCase(INITIAL_STATE, customer_removal_by, amazon_removal_by)
                )
            sweep_at, next_notice_at = schedules[row.published_on]
            values.append(
                {
                    "id": new_id("case"),
                    "seller_id": imp.seller_id,
                    "order_id": row.order_id,
                    "rating": row.rating,
                    "comment": row.comment,
                    "published_at": published_at,
                    "marketplace": imp.marketplace,
                    "buyer_email": row.rater_email,
                    # The report has no language column: the marketplace's language stands in.
                    "buyer_language": MARKETPLACE_LANGUAGES.get(imp.marketplace),
                    "buyer_opted_out": False,
                    "feedback_types": "",
                    "asserted_grounds": "",
                    "state": INITIAL_STATE,
                    "customer_removal_by": customer_removal_by,
                    "amazon_removal_by": amazon_removal_by,
                    "sweep_at": sweep_at,
                    "next_notice_at": next_notice_at,
                    "notices_sent": 0,
                    "shipped_on_time_with_buy_shipping": False,
                    "source": "amazon_report",
                    "feedback_import_id": imp.id,
                    "seen_in_import_id": imp.id if imp.covers_from else None,
                    "awaiting_triage": True,
                    "version": 1,
                    "created_at": self.now,
                    "updated_at": self.now,
                }
            )
        self.session.execute(insert(Case.__table__), values)
        imp.cases_opened += len(values)
        new_ids = [v["id"] for v in values]
        if events.wanted(self.session, imp.seller_id, "case.created"):
            for case in self.session.scalars(select(Case).where(Case.id.in_(new_ids))):
                events.emit(self.session, case, "case.created", self.now)

    def _cases(self, pairs: list[tuple[str, FeedbackRow]]) -> Iterator[tuple[Case, FeedbackRow]]:
        if not pairs:
            return
        by_id = dict(pairs)
        for case in self.session.scalars(select(Case).where(Case.id.in_(by_id)).with_for_update()):
            yield case, by_id[case.id]

    def _update(self, changed: list[tuple[str, FeedbackRow]]) -> None:
        """The buyer edited the feedback: the open case follows, and its history says how."""
        for case, row in self._cases(changed):
            parts = []
            if case.rating != row.rating:
                parts.append(f"rating {case.rating} → {row.rating} stars")
            if case.comment != row.comment:
                parts.append("comment changed")
            note = f"the buyer changed the feedback ({', '.join(parts)}); it was: {case.comment}"
            case.rating, case.comment = row.rating, row.comment
            # Types the seller chose stand; those of the triage follow the new comment.
            case.awaiting_triage = case.needs_classification or case.feedback_types_source == TRIAGE
            record_change(self.session, case, "feedback_changed", actor=self.actor, note=note, now=self.now)
            events.emit(self.session, case, "case.updated", self.now)
            self.imp.cases_updated += 1

    def _close_raised(self, raised: list[tuple[str, FeedbackRow]]) -> None:
        for case, row in self._cases(raised):
            note = (
                f"the buyer raised the rating to {row.rating} stars (report line {row.line}): "
                "the feedback is no longer negative"
            )
            case_use_cases.transition_within(
                self.session,
                case,
                _removal_event(case),
                actor=self.actor,
                settings=self.settings,
                now=self.now,
                note=note,
            )
            self.imp.cases_closed_by_rating += 1


def _removal_event(case: Case) -> str:
    """How a negative feedback that is gone closes its case: Amazon's doing while a removal
    request is with it, the buyer's otherwise."""
    return (
        "amazon_removed_feedback" if case.state == CaseState.amazon_removal_requested else "customer_removed_feedback"
    )


def _close_disappeared(session: Session, imp: FeedbackImport, settings: Settings, now: datetime) -> None:
    """Open cases of the seller and marketplace published inside the period (away from its
    edges) that the file did not have: the feedback was removed, by Amazon if it has a request,
    else by the buyer."""
    start = datetime.combine(imp.covers_from, time(), tzinfo=UTC) + PERIOD_MARGIN
    end = datetime.combine(imp.covers_to, time(), tzinfo=UTC) + timedelta(days=1) - PERIOD_MARGIN
    period = f"{imp.covers_from.isoformat()} to {imp.covers_to.isoformat()}"
    while True:
        with write_transaction(session):
            cases = list(
                session.scalars(
                    select(Case)
                    .where(
                        Case.seller_id == imp.seller_id,
                        Case.marketplace == imp.marketplace,
                        Case.state.in_(OPEN_STATES),
                        Case.published_at >= start,
                        Case.published_at < end,
                        (Case.seen_in_import_id.is_(None)) | (Case.seen_in_import_id != imp.id),
                        Case.created_at <= imp.created_at,
                    )
                    .order_by(Case.id)
                    .limit(settings.import_chunk_rows)
                    .with_for_update()
                )
            )
            for case in cases:
                event = _removal_event(case)
                who = (
                    "Amazon removed it (a removal request was with Amazon)"
                    if event == "amazon_removed_feedback"
                    else "the buyer removed it"
                )
                note = f"the feedback is no longer in the {imp.marketplace} report for {period}: {who}"
                case_use_cases.transition_within(
                    session, case, event, actor=_actor(imp.id), settings=settings, now=now, note=note
                )
            imp.cases_closed_by_disappearance += len(cases)
        if len(cases) < settings.import_chunk_rows:
            return


# --- reading --------------------------------------------------------------------------------


def get_import(session: Session, seller_id: str, import_id: str) -> FeedbackImport:
    """The seller's import with its rejected rows."""
    with read_transaction(session):
        found = session.scalar(
            select(FeedbackImport)
            .where(FeedbackImport.id == import_id, FeedbackImport.seller_id == seller_id)
            .options(selectinload(FeedbackImport.rejections))
        )
        if found is None:
            raise NotFound(f"no feedback import {import_id!r}")
        return found


def list_imports(
    session: Session, seller_id: str, *, limit: int, after_id: str | None = None
) -> tuple[list[FeedbackImport], str | None]:
    """One page of the seller's imports, newest first, and the id to continue after."""
    query = (
        select(FeedbackImport)
        .where(FeedbackImport.seller_id == seller_id)
        .order_by(FeedbackImport.id.desc())
        .limit(limit + 1)
    )
    if after_id is not None:
        query = query.where(FeedbackImport.id < after_id)
    with read_transaction(session):
        found = list(session.scalars(query))
    if len(found) > limit:
        return found[:limit], found[limit - 1].id
    return found, None
