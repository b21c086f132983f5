"""The case machine, table-driven: every feedback type x every open state x every clock phase
x with and without a buyer address, against the rules of the workflow written out below."""

from __future__ import annotations

import itertools
from datetime import timedelta

import pytest
from statemachine.exceptions import TransitionNotAllowed

from workflow.cases.machine import (
    EVENTS,
    OPEN_STATES,
    SYSTEM_EVENTS,
    enabled_events,
    machine_for,
    refusal_reasons,
)
from workflow.clock import utcnow
from workflow.models import Case
from workflow.policy import FEEDBACK_TYPES
from workflow.settings import Settings

WINDOWS = Settings()
# Days since publication: both windows open; only Amazon's open; both closed.
PHASES = {"both_open": 10, "customer_closed": 75, "both_closed": 95}


def make_case(types, state="new", days=10, buyer_email="b@marketplace.amazon.com", asserted=()):
    now = utcnow()
    published = now - timedelta(days=days)
    case = Case(
        id="case_test",
        state=state,
        published_at=published,
        customer_removal_by=published + timedelta(days=WINDOWS.customer_removal_days),
        amazon_removal_by=published + timedelta(days=WINDOWS.amazon_removal_days),
        buyer_email=buyer_email,
        asserted_grounds_csv="",
    )
    case.feedback_types = list(types)
    case.asserted_grounds = list(asserted)
    return case, now


def expected_events(feedback_type, state, phase, has_buyer) -> set[str]:
    """The workflow's rules, as the issue states them."""
    customer_open = phase == "both_open"
    amazon_open = phase != "both_closed"
    grounds = feedback_type.product_related
    expected = {"close"}
    if state == "new" and customer_open and has_buyer:
        expected.add("contact_customer")
    if state in ("new", "contacting_customer", "awaiting_removal"):
        expected.add("customer_removed_feedback")
    if amazon_open and grounds:
        if state == "awaiting_removal" or (state == "new" and not (customer_open and has_buyer)):
            expected.add("request_amazon_removal")
    if state == "amazon_removal_requested":
        expected |= {"amazon_removed_feedback", "amazon_declined"}
    return expected


MATRIX = list(itertools.product(FEEDBACK_TYPES, OPEN_STATES, PHASES, (True, False)))


@pytest.mark.parametrize(
    "feedback_type,state,phase,has_buyer",
    MATRIX,
    ids=[f"{t.code}-{s}-{p}-{'buyer' if b else 'nobuyer'}" for t, s, p, b in MATRIX],
)
def test_every_event_is_allowed_exactly_when_the_rules_say(feedback_type, state, phase, has_buyer):
    case, now = make_case([feedback_type.code], state, PHASES[phase], "b@x.example" if has_buyer else None)
    expected = expected_events(feedback_type, state, phase, has_buyer)
    assert set(enabled_events(case, now)) == expected
    engine_answer = {e.id for e in machine_for(case).enabled_events(now=now)} - set(SYSTEM_EVENTS)
    assert set(enabled_events(case, now)) == engine_answer

    for event in EVENTS:
        trial, _ = make_case([feedback_type.code], state, PHASES[phase], case.buyer_email)
        fields = {"resolution": "resolved"} if event == "close" else {}
        if event in expected:
            machine_for(trial).send(event, now=now, **fields)
            assert trial.state != state
        elif event not in SYSTEM_EVENTS:
            with pytest.raises(TransitionNotAllowed):
                machine_for(trial).send(event, now=now, **fields)
            assert trial.state == state
            assert refusal_reasons(trial, event, now), f"{event} refused without a reason"


@pytest.mark.parametrize("feedback_type", FEEDBACK_TYPES, ids=lambda t: t.code)
def test_asserted_grounds_open_amazon_removal_for_every_type(feedback_type):
    case, now = make_case([feedback_type.code], "awaiting_removal", asserted=["obscene_language"])
    assert "request_amazon_removal" in enabled_events(case, now)


def test_mixed_product_and_service_complaint_is_refused_with_the_reason():
    case, now = make_case(["product_review", "poor_packaging"], "awaiting_removal")
    assert "request_amazon_removal" not in enabled_events(case, now)
    [reason] = refusal_reasons(case, "request_amazon_removal", now)
    assert "not 100% product-related" in reason


def test_closed_window_reason_names_the_date():
    case, now = make_case(["mistake"], "new", days=61)
    reasons = refusal_reasons(case, "contact_customer", now)
    assert reasons == [f"the customer removal window closed on {case.customer_removal_by:%Y-%m-%d %H:%M} UTC"]


@pytest.mark.parametrize(
    "types,days,asserted,passed",
    [
        (["late_delivery"], 10, (), False),  # customer can still be asked
        (["late_delivery"], 61, (), True),  # customer window gone and no grounds
        (["product_review"], 61, (), False),  # Amazon can still remove it
        (["late_delivery"], 61, ("personal_information",), False),
        (["product_review"], 91, (), True),  # both windows gone
    ],
)
def test_expire_only_once_nothing_more_can_be_done(types, days, asserted, passed):
    case, now = make_case(types, "awaiting_removal", days=days, asserted=asserted)
    if passed:
        machine_for(case).send("expire", now=now)
        assert (case.state, case.outcome) == ("closed", "expired")
    else:
        with pytest.raises(TransitionNotAllowed):
            machine_for(case).send("expire", now=now)


@pytest.mark.parametrize(
    "event,state,outcome",
    [
        ("customer_removed_feedback", "awaiting_removal", "removed_by_customer"),
        ("amazon_removed_feedback", "amazon_removal_requested", "removed_by_amazon"),
        ("amazon_declined", "amazon_removal_requested", "amazon_declined"),
    ],
)
def test_closing_events_set_their_outcome(event, state, outcome):
    case, now = make_case(["product_review"], state)
    machine_for(case).send(event, now=now)
    assert (case.state, case.outcome) == ("closed", outcome)


@pytest.mark.parametrize("resolution", ["resolved", "withdrawn"])
def test_close_records_the_resolution(resolution):
    case, now = make_case(["mistake"], "contacting_customer")
    machine_for(case).send("close", now=now, resolution=resolution)
    assert case.outcome == resolution


def test_a_closed_case_takes_no_event():
    case, now = make_case(["mistake"], "closed")
    assert enabled_events(case, now) == []
    for event in EVENTS:
        with pytest.raises(TransitionNotAllowed):
            machine_for(case).send(event, now=now, resolution="resolved")
