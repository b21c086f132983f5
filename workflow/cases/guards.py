"""The guards of the case machine, each with the sentence that explains its refusal.

Guards are plain functions of the case and the instant `now`, so the API's `allowed_events`,
the transition endpoint and the deadline sweep all ask the same questions. They read only a
case's columns and its CaseFacts, so they answer for the ORM's `Case` and a read `CaseRow` alike.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from workflow.models import CaseFacts

RefusalReason = Callable[[CaseFacts, datetime], str]
REFUSAL_REASONS: dict[Callable, RefusalReason] = {}


def guard(reason: RefusalReason):
    """Register a guard together with the sentence that explains its refusal."""

    def register(predicate):
        REFUSAL_REASONS[predicate] = reason
        return predicate

    return register


def _day(instant: datetime) -> str:
    return instant.strftime("%Y-%m-%d %H:%M UTC")


@guard(
    lambda case, now: (
        "the case has no feedback type yet (it came from a feedback report and needs classification): "
        "set feedback_types with PATCH first"
    )
)
def is_classified(model: CaseFacts, now: datetime) -> bool:
    return not model.needs_classification


@guard(lambda case, now: f"the customer removal window closed on {_day(case.customer_removal_by)}")
def customer_window_open(model: CaseFacts, now: datetime) -> bool:
    return now < model.customer_removal_by


@guard(lambda case, now: "the case has no buyer email address: add one with PATCH (buyer.email) first")
def has_buyer_address(model: CaseFacts, now: datetime) -> bool:
    return bool(model.buyer_email)


def _unreachable_buyer(case: CaseFacts, now: datetime) -> str:
    if case.buyer_opted_out:
        return "the buyer opted out of unsolicited messages: Amazon would bounce a removal request"
    return f"the buyer's address {case.buyer_email} is on the suppression list (GET /v1/suppressions)"


@guard(_unreachable_buyer)
def buyer_can_be_emailed(model: CaseFacts, now: datetime) -> bool:
    return not model.buyer_opted_out and not model.buyer_suppressed


@guard(lambda case, now: f"the Amazon removal window closed on {_day(case.amazon_removal_by)}")
def amazon_window_open(model: CaseFacts, now: datetime) -> bool:
    return now < model.amazon_removal_by


@guard(
    lambda case, now: (
        "the case has no Amazon removal grounds: the feedback is not 100% product-related, and "
        "neither obscene language nor personal information is asserted (PATCH asserted_grounds)"
    )
)
def has_removal_grounds(model: CaseFacts, now: datetime) -> bool:
    return bool(model.amazon_removal_grounds)


@guard(
    lambda case, now: (
        "the customer can still be asked (removal window open until "
        f"{_day(case.customer_removal_by)}): send contact_customer first"
    )
)
def customer_cannot_be_asked(model: CaseFacts, now: datetime) -> bool:
    return not (customer_window_open(model, now) and has_buyer_address(model, now))


@guard(lambda case, now: "no deadline of this case has passed yet")
def deadline_passed(model: CaseFacts, now: datetime) -> bool:
    # Imported here: deadlines.py runs its sweep through the case machine built on these guards.
    from workflow.deadlines import hopeless_from

    due = hopeless_from(model)
    return due is not None and now >= due
