"""Removal-request emails end to end: contact_customer queues in the outbox, the worker
delivers through a real SMTP server (aiosmtpd), retries, gives up, and moves the case on."""

from __future__ import annotations

import pytest

from tests.helpers import (
    ACTION,
    assert_problem,
    get_case,
    messages,
)


def test_contact_queues_one_message_and_sends_nothing_from_the_request(client, seller, contacted, smtp):
    case = contacted()
    assert case["state"] == "contacting_customer"
    [message] = messages(client, seller, case["id"])
    assert case["outreach"] == {"status": "queued", "error": None, "message": message["id"]}
    assert (message["status"], message["attempts"], message["recipient"]) == (
        "queued",
        0,
        "q7x2mz@marketplace.amazon.com",
    )
    assert smtp.received == []


def test_opted_out_buyer_is_never_contacted(client, seller, open_case):
    case = open_case()
    patched = client.patch(
        f"/v1/cases/{case['id']}", json={"buyer": {"opted_out": True}}, headers=seller.headers
    ).get_json()
    assert "contact_customer" not in patched["allowed_events"]
    body = assert_problem(
        client.post(
            f"/v1/cases/{case['id']}/events", json={"event": "contact_customer", **ACTION}, headers=seller.headers
        ),
        409,
    )
    assert "opted out" in body["detail"]
    assert messages(client, seller, case["id"]) == []


def test_suppressed_address_is_never_contacted(client, seller, open_case):
    response = client.post(
        "/v1/suppressions",
        json={"email": "Q7X2MZ@marketplace.amazon.com", "reason": "complaint"},
        headers=seller.headers,
    )
    assert response.status_code == 201
    case = open_case()
    assert case["buyer"]["suppressed"] is True and "contact_customer" not in case["allowed_events"]
    body = assert_problem(
        client.post(
            f"/v1/cases/{case['id']}/events", json={"event": "contact_customer", **ACTION}, headers=seller.headers
        ),
        409,
    )
    assert "suppression list" in body["detail"]
    assert client.delete("/v1/suppressions/q7x2mz@marketplace.amazon.com", headers=seller.headers).status_code == 204
    assert "contact_customer" in get_case(client, seller, case["id"])["allowed_events"]


def test_correcting_the_buyer_address_answers_with_its_suppression(client, seller, open_case):
    case = open_case()
    assert case["buyer"]["suppressed"] is False
    client.post(
        "/v1/suppressions", json={"email": "gone@marketplace.amazon.com", "reason": "bounce"}, headers=seller.headers
    )
    patched = client.patch(
        f"/v1/cases/{case['id']}", json={"buyer": {"email": "gone@marketplace.amazon.com"}}, headers=seller.headers
    )
    assert patched.get_json()["buyer"]["suppressed"] is True
    assert "contact_customer" not in patched.get_json()["allowed_events"]


def test_suppressions_are_per_seller(client, seller, other_seller):
    client.post("/v1/suppressions", json={"email": "a@marketplace.amazon.com"}, headers=seller.headers)
    assert client.get("/v1/suppressions", headers=other_seller.headers).get_json()["items"] == []
    assert_problem(client.delete("/v1/suppressions/a@marketplace.amazon.com", headers=other_seller.headers), 404)


def test_a_message_that_breaks_the_rules_is_refused_and_nothing_is_queued(client, seller, open_case):
    case = open_case(feedback_types=["late_delivery"])
    response = client.post(
        f"/v1/cases/{case['id']}/events",
        json={
            "event": "contact_customer",
            "action_taken": "We will refund you in full once the feedback is gone, see www.acme-outdoor.example",
        },
        headers=seller.headers,
    )
    body = assert_problem(response, 409)
    assert any("refund" in r for r in body["reasons"]) and any("www." in r for r in body["reasons"])
    assert get_case(client, seller, case["id"]) == case
    assert messages(client, seller, case["id"]) == []


def test_a_blank_action_taken_is_refused(client, seller, open_case):
    case = open_case(feedback_types=["late_delivery"])
    body = {"event": "contact_customer", "action_taken": " \n "}
    response = client.post(f"/v1/cases/{case['id']}/events", json=body, headers=seller.headers)
    assert_problem(response, 422, "action_taken")
    assert messages(client, seller, case["id"]) == []


def test_a_refund_already_given_is_reported_in_the_message(client, seller, open_case):
    case = open_case(feedback_types=["late_delivery"])
    action = {"action_taken": "We refunded the shipping cost."}
    preview = client.post(f"/v1/cases/{case['id']}/messages/preview", json=action, headers=seller.headers).get_json()
    assert preview["compliant"] and "To put this right: We refunded the shipping cost." in preview["text"]
    response = client.post(
        f"/v1/cases/{case['id']}/events",
        json={"event": "contact_customer", "action_taken": "We refunded the shipping cost."},
        headers=seller.headers,
    )
    assert response.status_code == 200, response.get_json()
    assert [m["status"] for m in messages(client, seller, case["id"])] == ["queued"]


def test_preview_renders_without_queueing(client, seller, open_case):
    case = open_case(feedback_types=["product_review", "mistake"])
    response = client.post(f"/v1/cases/{case['id']}/messages/preview", json={"language": "fr"}, headers=seller.headers)
    preview = response.get_json()
    assert response.status_code == 200 and preview["compliant"] and preview["language"] == "fr"
    assert preview["subject"].startswith("Votre commande 114-3941689-8772232")
    assert messages(client, seller, case["id"]) == []


def test_template_override_is_checked_used_and_private(client, seller, other_seller, open_case):
    path = "/v1/templates/subject/en"
    bad = client.put(path, json={"source": "Claim your coupon for order {{ order_id }}"}, headers=seller.headers)
    assert "coupon" in assert_problem(bad, 422)["detail"]
    escape = client.put(path, json={"source": "{{ ''.__class__.__mro__ }}"}, headers=seller.headers)
    assert_problem(escape, 422)
    assert (
        client.put(path, json={"source": "About your order {{ order_id }}"}, headers=seller.headers).status_code == 201
    )
    assert client.put(path, json={"source": "About order {{ order_id }}"}, headers=seller.headers).status_code == 200
    assert client.get(path, headers=seller.headers).get_json()["overridden"] is True
    assert client.get(path, headers=other_seller.headers).get_json()["overridden"] is False
    case = open_case(feedback_types=["product_review"])
    preview = client.post(f"/v1/cases/{case['id']}/messages/preview", json={}, headers=seller.headers).get_json()
    assert preview["subject"] == "About order 114-3941689-8772232"
    assert client.delete(path, headers=seller.headers).status_code == 204
    assert client.get(path, headers=seller.headers).get_json()["overridden"] is False
    assert_problem(client.delete(path, headers=seller.headers), 404)


def test_each_removal_request_uses_the_override_in_force_when_it_is_queued(client, seller, open_case):
    path = "/v1/templates/subject/en"
    subjects = []
    for order_id, source in (
        ("114-0000000-0000001", "About your order {{ order_id }}"),
        ("114-0000000-0000002", "About order {{ order_id }}"),
    ):
        assert client.put(path, json={"source": source}, headers=seller.headers).status_code in (200, 201)
        case = open_case(order_id=order_id, feedback_types=["product_review"])
        event = {"event": "contact_customer"}
        assert client.post(f"/v1/cases/{case['id']}/events", json=event, headers=seller.headers).status_code == 200
        [queued] = messages(client, seller, case["id"])
        subjects.append(queued["subject"].removesuffix(case["order_id"]))
    assert subjects == ["About your order ", "About order "]


def test_a_part_override_of_plain_text_is_refused_with_the_macros_to_write(client, seller):
    path = "/v1/templates/product/en"
    refused = assert_problem(client.put(path, json={"source": "We can help."}, headers=seller.headers), 422)
    assert refused["type"] == "/problems/invalid-template"
    assert "{% macro body() %}" in refused["detail"] and "{% macro closing() %}" in refused["detail"]
    assert client.get(path, headers=seller.headers).get_json()["overridden"] is False
    built_in = client.get(path, headers=seller.headers).get_json()["source"]
    edited = built_in.replace("we will gladly help", "we are glad to help")
    assert client.put(path, json={"source": edited}, headers=seller.headers).status_code == 201


def test_messages_of_another_sellers_case_are_a_404(client, seller, other_seller, contacted):
    case = contacted()
    assert_problem(client.get(f"/v1/cases/{case['id']}/messages", headers=other_seller.headers), 404)
    assert_problem(client.post(f"/v1/cases/{case['id']}/messages/preview", json={}, headers=other_seller.headers), 404)


@pytest.mark.parametrize(
    "address", ["a/b@example.com", "dept/../x@example.com", "o'hara+tag%x@example.com", "x?y#z@example.com"]
)
def test_any_address_on_the_suppression_list_can_be_deleted(client, seller, address):
    created = client.post("/v1/suppressions", json={"email": address}, headers=seller.headers)
    assert created.status_code == 201
    assert client.delete(created.headers["Location"], headers=seller.headers).status_code == 204
    assert client.get("/v1/suppressions", headers=seller.headers).get_json()["items"] == []
