"""The triage of imported cases' comments, done by the worker a batch at a time.

An import opens its cases without a type so that a large report goes in at the speed of its
inserts; here each gets the triage of its comment, kept with the case as for a case opened by
hand: the types the triage recognises (none recognised: the case keeps `needs_classification`)
and the grounds it detects, offered as asserted."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from workflow.cases.classification import TRIAGE, offered_grounds, triage_into
from workflow.cases.history import record_change
from workflow.models import Case
from workflow.transactions import read_transaction, write_transaction
from workflow.webhooks import events


def _awaiting(limit: int) -> Select:
    return select(Case).where(Case.awaiting_triage.is_(True)).order_by(Case.id).limit(limit)


def awaiting_triage(session: Session, limit: int) -> list[Case]:
    """The imported cases the next triage batch takes (for the worker's dry run)."""
    with read_transaction(session):
        return list(session.scalars(_awaiting(limit)))


def triage_imported(session: Session, now: datetime, limit: int) -> int:
    """Triage up to `limit` imported cases waiting for it, in one transaction; how many."""
    with write_transaction(session):
        cases = list(session.scalars(_awaiting(limit).with_for_update(skip_locked=True)))
        for case in cases:
            case.awaiting_triage = False
            if case.is_open:
                _apply(session, case, now)
    return len(cases)


def _apply(session: Session, case: Case, now: datetime) -> None:
    result = triage_into(case)
    if result.type_codes:
        case.feedback_types, case.feedback_types_source = result.type_codes, TRIAGE
    offered = offered_grounds(result)
    if offered:
        case.asserted_grounds = sorted(set(case.asserted_grounds) | set(offered))
    found = ", ".join(case.feedback_types) or "no type recognised: set feedback_types"
    record_change(session, case, "triaged", actor="system", note=f"triage of the comment: {found}", now=now)
    events.emit(session, case, "case.updated", now)
