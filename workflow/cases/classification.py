"""A case's feedback types and grounds: from the triage of its comment, unless the seller says
otherwise; a seller's correction is written into the case's history."""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy.orm import Session

from workflow.cases.history import record_change
from workflow.errors import InvalidInput
from workflow.models import Case
from workflow.policy import ASSERTABLE_GROUNDS, in_policy_order
from workflow.triage import TriageResult, triage

TRIAGE = "triage"
SELLER = "seller"
_ASSERTABLE = {ground.value for ground in ASSERTABLE_GROUNDS}


def triage_into(case: Case) -> TriageResult:
    """Triage the case's comment and keep the result with the case."""
    result = triage(case.comment, case.rating, marketplace=case.marketplace)
    case.triage_json = json.dumps(result.as_dict(), ensure_ascii=False)
    return result


def offered_grounds(result: TriageResult) -> list[str]:
    """The detected grounds a seller asserts; the others follow from the feedback types."""
    return [code for code in result.ground_codes if code in _ASSERTABLE]


def classify_new_case(case: Case, feedback_types: list[str] | None, asserted_grounds: list[str] | None) -> None:
    """Keep the triage with the case; the seller's types and grounds stand when given, the
    triage's otherwise."""
    result = triage_into(case)
    if feedback_types:
        case.feedback_types, case.feedback_types_source = feedback_types, SELLER
    elif result.type_codes:
        case.feedback_types, case.feedback_types_source = result.type_codes, TRIAGE
    else:
        raise InvalidInput(
            [
                {
                    "field": "feedback_types",
                    "message": "the triage found no feedback type in the comment: give feedback_types "
                    f"({result.explanation})",
                }
            ]
        )
    if asserted_grounds is None:
        asserted_grounds = offered_grounds(result)
    case.asserted_grounds = asserted_grounds


def correct_feedback_types_within(session: Session, case: Case, feedback_types: list[str], *, now: datetime) -> None:
    before, after = case.feedback_types, in_policy_order(feedback_types)
    if before == after:
        return
    case.feedback_types, case.feedback_types_source = after, SELLER
    _record(session, case, "feedback_types_corrected", f"feedback types {_listed(before)} -> {_listed(after)}", now)


def change_asserted_grounds_within(session: Session, case: Case, grounds: list[str], *, now: datetime) -> None:
    before, after = set(case.asserted_grounds), set(grounds)
    if before == after:
        return
    case.asserted_grounds = grounds
    changes = [f"asserted {g}" for g in sorted(after - before)] + [f"withdrew {g}" for g in sorted(before - after)]
    _record(session, case, "grounds_changed", "; ".join(changes), now)


def _listed(codes: list[str]) -> str:
    return ", ".join(codes) or "none"


def _record(session: Session, case: Case, what: str, note: str, now: datetime) -> None:
    """A correction is a history row that leaves the state as it is."""
    record_change(session, case, what, actor=SELLER, note=note, now=now)
