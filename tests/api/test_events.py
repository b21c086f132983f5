"""Moving cases through the workflow over HTTP: every path to `closed`, and every refusal
answered with a reason and no change."""

from __future__ import annotations

import pytest

from tests.helpers import (
    assert_problem,
    days_ago,
)
from worker.runner import Worker
from workflow.clock import utcnow

# What the seller did about a service complaint: the email says it before mentioning feedback.
CONTACT = ("contact_customer", {"action_taken": "We sent a replacement by express delivery."})


@pytest.fixture
def fire(client, seller):
    def _fire(case_id: str, event: str, **fields):
        return client.post(f"/v1/cases/{case_id}/events", json={"event": event, **fields}, headers=seller.headers)

    return _fire


@pytest.fixture
def walk(app, client, seller, smtp, fire):
    """Fire events in order, each must succeed; return the final case. `customer_contacted`
    is the worker's: the step runs it, and the mail server must accept the email."""

    def _walk(case: dict, *steps) -> dict:
        for step in steps:
            event, fields = (step, {}) if isinstance(step, str) else step
            if event == "customer_contacted":
                Worker(app).run_once(utcnow())
                case = client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json()
                assert case["state"] == "awaiting_removal", case
                continue
            response = fire(case["id"], event, **fields)
            assert response.status_code == 200, (event, response.get_json())
            case = response.get_json()
        return case

    return _walk


def history(client, seller, case_id):
    response = client.get(f"/v1/cases/{case_id}/history", headers=seller.headers)
    assert response.status_code == 200
    return response.get_json()["items"]


@pytest.mark.parametrize(
    "types,steps,outcome",
    [
        (["late_delivery"], [CONTACT, "customer_contacted", "customer_removed_feedback"], "removed_by_customer"),
        (
            ["product_review"],
            ["contact_customer", "customer_contacted", "request_amazon_removal", "amazon_removed_feedback"],
            "removed_by_amazon",
        ),
        (
            ["inaccurate_description"],
            ["contact_customer", "customer_contacted", "request_amazon_removal", "amazon_declined"],
            "amazon_declined",
        ),
        (["mistake"], [("close", {"resolution": "resolved", "note": "buyer updated to 5 stars"})], "resolved"),
        (["poor_customer_service"], [CONTACT, ("close", {"resolution": "withdrawn"})], "withdrawn"),
    ],
)
def test_every_path_to_closed_records_its_history(client, seller, open_case, walk, types, steps, outcome):
    case = open_case(feedback_types=types)
    closed = walk(case, *steps)
    assert (closed["state"], closed["outcome"], closed["allowed_events"]) == ("closed", outcome, [])
    assert closed["version"] == 1 + len(steps)
    rows = history(client, seller, case["id"])
    assert [r["event"] for r in rows] == [s if isinstance(s, str) else s[0] for s in steps]
    assert rows[0]["from_state"] == "new" and rows[-1]["to_state"] == "closed"
    assert all(r["actor"] == ("system" if r["event"] == "customer_contacted" else "seller") for r in rows)
    assert [r["to_state"] for r in rows[:-1]] == [r["from_state"] for r in rows[1:]]


def test_straight_to_amazon_when_the_buyer_cannot_be_asked(open_case, walk):
    no_buyer = open_case(order_id="111-0000000-0000001", feedback_types=["product_review"], buyer=None)
    assert walk(no_buyer, "request_amazon_removal")["state"] == "amazon_removal_requested"
    late = open_case(
        order_id="111-0000000-0000002", feedback_types=["product_review"], published_at=days_ago(70).isoformat()
    )
    assert walk(late, "request_amazon_removal")["state"] == "amazon_removal_requested"


def test_refused_event_says_which_guard_failed_and_changes_nothing(client, seller, open_case, fire):
    case = open_case(feedback_types=["late_delivery", "product_review"])
    response = fire(case["id"], "request_amazon_removal")
    body = assert_problem(response, 409)
    assert any("not 100% product-related" in r for r in body["reasons"])
    assert any("customer can still be asked" in r for r in body["reasons"])
    after = client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json()
    assert after == case
    assert history(client, seller, case["id"]) == []


def test_contacting_after_the_customer_window_names_the_closing_date(open_case, fire):
    case = open_case(published_at=days_ago(61).isoformat())
    body = assert_problem(fire(case["id"], "contact_customer"), 409)
    assert body["detail"].startswith("contact_customer refused: the customer removal window closed on ")
    assert case["deadlines"]["customer_removal_by"][:10] in body["detail"]


def test_no_buyer_address_means_no_contact(open_case, fire):
    case = open_case(buyer={"name": "Jo"})
    body = assert_problem(fire(case["id"], "contact_customer"), 409)
    assert "no buyer email address" in body["detail"]


def test_contact_customer_only_once_per_order(open_case, fire, walk):
    case = walk(open_case(), CONTACT, "customer_contacted")
    assert_problem(fire(case["id"], *CONTACT[:1], **CONTACT[1]), 409)


def test_a_service_complaint_needs_to_say_what_was_done(open_case, fire):
    case = open_case(feedback_types=["damaged_item"])
    body = assert_problem(fire(case["id"], "contact_customer"), 422, "action_taken")
    assert "what you did or will do" in body["detail"]


def test_expire_is_refused_from_the_api(open_case, fire):
    case = open_case(published_at=days_ago(80).isoformat())
    assert_problem(fire(case["id"], "expire"), 422, "event")


def test_customer_contacted_is_the_workers_alone(client, seller, open_case, fire, walk, smtp):
    """Amazon removal must not be requested before the buyer was emailed: the seller cannot
    claim the contact while the email is still queued."""
    case = walk(open_case(feedback_types=["product_review"]), "contact_customer")
    assert "customer_contacted" not in case["allowed_events"]
    assert_problem(fire(case["id"], "customer_contacted"), 422, "event")
    after = client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json()
    assert (after["state"], after["version"]) == ("contacting_customer", case["version"])
    assert smtp.received == []


@pytest.mark.parametrize(
    "payload,field",
    [
        ({"event": "teleport"}, "event"),
        ({"event": "close"}, "resolution"),
        ({"event": "close", "resolution": "forgotten"}, "resolution"),
        ({"event": "contact_customer", "resolution": "resolved"}, "resolution"),
        ({"event": "contact_customer", "colour": "red"}, "colour"),
        ({"event": "contact_customer", "expected_version": "one"}, "expected_version"),
    ],
)
def test_unknown_events_and_bad_fields_are_422_and_change_nothing(client, seller, open_case, payload, field):
    case = open_case()
    response = client.post(f"/v1/cases/{case['id']}/events", json=payload, headers=seller.headers)
    assert_problem(response, 422, field)
    assert client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json() == case


def test_stale_expected_version_is_a_409(open_case, fire, walk):
    case = walk(open_case(), CONTACT)
    body = assert_problem(fire(case["id"], "close", resolution="resolved", expected_version=1), 409)
    assert body["current_version"] == 2
    assert fire(case["id"], "close", resolution="resolved", expected_version=2).status_code == 200


def test_allowed_events_give_the_same_answer_as_the_endpoint(open_case, fire):
    for n, types in enumerate([["late_delivery"], ["product_review"], ["mistake", "inaccurate_description"]]):
        case = open_case(order_id=f"111-0000000-{n:07d}", feedback_types=types, buyer=None)
        for event in [
            "contact_customer",
            "customer_removed_feedback",
            "request_amazon_removal",
            "amazon_declined",
        ]:
            allowed = event in case["allowed_events"]
            response = fire(case["id"], event, **(CONTACT[1] if event == "contact_customer" else {}))
            assert (response.status_code == 200) == allowed, (types, event, response.get_json())
            if allowed:
                break
