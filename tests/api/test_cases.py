"""Opening, reading, correcting and listing cases through the HTTP API."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.helpers import (
    assert_problem,
    case_body,
    days_ago,
)
from workflow.cases.representation import CaseOut
from workflow.clock import utcnow


def count_cases(client, seller) -> int:
    return len(client.get("/v1/cases?limit=200", headers=seller.headers).get_json()["items"])


def test_create_returns_the_case_with_deadlines_and_location(client, seller):
    published = days_ago(5).replace(microsecond=0)
    response = client.post("/v1/cases", json=case_body(published_at=published.isoformat()), headers=seller.headers)
    assert response.status_code == 201
    case = response.get_json()
    assert response.headers["Location"] == f"/v1/cases/{case['id']}"
    assert case["state"] == "new" and case["outcome"] is None and case["version"] == 1
    assert case["deadlines"] == {
        "customer_removal_by": (published + timedelta(days=60)).isoformat().replace("+00:00", "Z"),
        "amazon_removal_by": (published + timedelta(days=90)).isoformat().replace("+00:00", "Z"),
    }
    assert case["allowed_events"] == ["contact_customer", "customer_removed_feedback", "close"]
    assert client.get(response.headers["Location"], headers=seller.headers).get_json() == case


def test_published_date_without_time_or_offset_is_utc_midnight(client, seller):
    day = (utcnow() - timedelta(days=2)).date().isoformat()
    case = client.post("/v1/cases", json=case_body(published_at=day), headers=seller.headers).get_json()
    assert case["published_at"] == f"{day}T00:00:00Z"


def test_offsets_are_converted_to_utc(client, seller):
    local = (utcnow() - timedelta(days=2)).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%S") + "+09:00"
    case = client.post("/v1/cases", json=case_body(published_at=local), headers=seller.headers).get_json()
    assert case["published_at"].endswith("Z")
    assert case["published_at"][11:13] != local[11:13]


@pytest.mark.parametrize(
    "overrides,field",
    [
        ({"rating": 3}, "rating"),
        ({"rating": 5}, "rating"),
        ({"order_id": "1234"}, "order_id"),
        ({"feedback_types": ["shipping_was_slow"]}, "feedback_types.0"),
        ({"feedback_types": []}, "feedback_types"),
        ({"published_at": "last tuesday"}, "published_at"),
        ({"comment": ""}, "comment"),
        ({"comment": " \n\t "}, "comment"),
        ({"buyer": {"email": "not an address"}}, "buyer.email"),
        ({"surprise": 1}, "surprise"),
        ({"asserted_grounds": ["rude"]}, "asserted_grounds.0"),
        ({"comment": "nul \u0000 inside"}, "comment"),
        ({"buyer": {"name": "Jo \ud800"}}, "buyer.name"),
    ],
)
def test_bad_input_is_a_422_naming_the_field_and_creates_nothing(client, seller, overrides, field):
    response = client.post("/v1/cases", json=case_body(**overrides), headers=seller.headers)
    assert_problem(response, 422, field)
    assert count_cases(client, seller) == 0


def test_refusals_say_how_to_fix_the_value(client, seller):
    order_id = assert_problem(client.post("/v1/cases", json=case_body(order_id="1234"), headers=seller.headers), 422)
    assert "such as 123-1234567-1234567" in order_id["detail"] and "\\d" not in order_id["detail"]
    blank = assert_problem(client.post("/v1/cases", json=case_body(comment="   "), headers=seller.headers), 422)
    assert blank["errors"] == [{"field": "comment", "message": "must contain text, not only spaces or line breaks"}]


def test_future_and_expired_feedback_are_refused_with_reasons(client, seller):
    future = client.post(
        "/v1/cases", json=case_body(published_at=(utcnow() + timedelta(days=1)).isoformat()), headers=seller.headers
    )
    assert "future" in assert_problem(future, 422, "published_at")["detail"]
    expired = client.post("/v1/cases", json=case_body(published_at=days_ago(91).isoformat()), headers=seller.headers)
    assert "90-day Amazon removal window closed" in assert_problem(expired, 422, "published_at")["detail"]
    assert count_cases(client, seller) == 0


def test_body_that_is_not_json_is_a_clear_422(client, seller):
    response = client.post("/v1/cases", data="order=1", headers=seller.headers, content_type="text/plain")
    body = assert_problem(response, 422, "body")
    assert "JSON object" in body["detail"]


def test_second_case_on_one_order_is_a_409_naming_the_first(client, seller, open_case):
    first = open_case()
    response = client.post("/v1/cases", json=case_body(comment="again"), headers=seller.headers)
    body = assert_problem(response, 409)
    assert body["existing_case_id"] == first["id"]
    assert count_cases(client, seller) == 1


def test_two_sellers_may_each_have_a_case_for_the_same_order_id(client, seller, other_seller, open_case):
    open_case()
    assert client.post("/v1/cases", json=case_body(), headers=other_seller.headers).status_code == 201


def test_patch_corrects_an_open_case_and_bumps_the_version(client, seller, open_case):
    case = open_case(feedback_types=["late_delivery"])
    response = client.patch(
        f"/v1/cases/{case['id']}",
        json={"feedback_types": ["product_review"], "buyer": {"name": None}, "expected_version": 1},
        headers=seller.headers,
    )
    assert response.status_code == 200, response.get_json()
    patched = response.get_json()
    assert patched["version"] == 2
    assert patched["feedback_types"] == ["product_review"]
    assert patched["amazon_removal_grounds"] == ["product_review_only"]
    assert patched["buyer"] == {**case["buyer"], "name": None}


def test_patch_asserted_grounds_adds_amazon_grounds(client, seller, open_case):
    case = open_case()
    patched = client.patch(
        f"/v1/cases/{case['id']}", json={"asserted_grounds": ["personal_information"]}, headers=seller.headers
    ).get_json()
    assert patched["amazon_removal_grounds"] == ["personal_information"]


def test_patch_with_a_stale_version_is_a_409_and_changes_nothing(client, seller, open_case):
    case = open_case()
    client.patch(f"/v1/cases/{case['id']}", json={"feedback_types": ["mistake"]}, headers=seller.headers)
    response = client.patch(
        f"/v1/cases/{case['id']}",
        json={"feedback_types": ["product_review"], "expected_version": 1},
        headers=seller.headers,
    )
    assert assert_problem(response, 409)["current_version"] == 2
    assert client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json()["feedback_types"] == ["mistake"]


def test_patch_of_a_closed_case_is_a_409(client, seller, open_case):
    case = open_case()
    client.post(
        f"/v1/cases/{case['id']}/events", json={"event": "close", "resolution": "withdrawn"}, headers=seller.headers
    )
    response = client.patch(f"/v1/cases/{case['id']}", json={"feedback_types": ["mistake"]}, headers=seller.headers)
    assert "closed" in assert_problem(response, 409)["detail"]


def test_list_filters_by_state_type_and_deadline(client, seller, open_case):
    late = open_case(order_id="111-0000000-0000001", feedback_types=["late_delivery"])
    review = open_case(
        order_id="111-0000000-0000002", feedback_types=["product_review"], published_at=days_ago(59).isoformat()
    )
    closed = open_case(order_id="111-0000000-0000003", feedback_types=["product_review"])
    client.post(
        f"/v1/cases/{closed['id']}/events", json={"event": "close", "resolution": "resolved"}, headers=seller.headers
    )

    def ids(query: str) -> list[str]:
        response = client.get(f"/v1/cases?{query}", headers=seller.headers)
        assert response.status_code == 200, response.get_json()
        return [c["id"] for c in response.get_json()["items"]]

    assert ids("state=closed") == [closed["id"]]
    assert ids("feedback_type=product_review") == [review["id"], closed["id"]]
    assert ids("due_before=" + (utcnow() + timedelta(days=5)).isoformat().replace("+00:00", "Z")) == [review["id"]]
    assert ids("") == [late["id"], review["id"], closed["id"]]


def test_type_filter_follows_corrected_types(client, seller, open_case):
    case = open_case(feedback_types=["late_delivery", "damaged_item"])

    def typed(code: str) -> list[str]:
        response = client.get(f"/v1/cases?feedback_type={code}", headers=seller.headers)
        return [c["id"] for c in response.get_json()["items"]]

    assert typed("damaged_item") == [case["id"]]
    client.patch(f"/v1/cases/{case['id']}", json={"feedback_types": ["product_review"]}, headers=seller.headers)
    assert typed("damaged_item") == typed("late_delivery") == []
    assert typed("product_review") == [case["id"]]


def test_keyset_pagination_walks_every_case_once(client, seller, open_case):
    opened = [open_case(order_id=f"111-0000000-{n:07d}")["id"] for n in range(7)]
    seen, cursor = [], None
    while True:
        query = "limit=3" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(f"/v1/cases?{query}", headers=seller.headers).get_json()
        seen += [c["id"] for c in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == opened


def test_a_page_shows_each_case_byte_for_byte_as_its_own_answer(client, seller, open_case, contacted):
    """A page and a case's own answer come from one representation: the same bytes, for cases
    with a triage, an outreach, a cancellation, asserted grounds, an outcome and none of these;
    and each answer is exactly the documented CaseOut (the representation is built without
    validation)."""
    plain = open_case(order_id="111-0000000-0000001", buyer=None)
    triaged = open_case(order_id="111-0000000-0000002", comment="Arrived two weeks late, the box was crushed.")
    reached = contacted(order_id="111-0000000-0000003")
    cancelled = open_case(order_id="111-0000000-0000004", feedback_types=["cancelled_order_received"])
    grounded = open_case(
        order_id="111-0000000-0000005",
        feedback_types=["poor_customer_service"],
        asserted_grounds=["personal_information"],
    )
    closed = open_case(order_id="111-0000000-0000006")
    client.post(
        f"/v1/cases/{closed['id']}/events", json={"event": "close", "resolution": "resolved"}, headers=seller.headers
    )
    ids = [case["id"] for case in (plain, triaged, reached, cancelled, grounded, closed)]

    page = client.get("/v1/cases?limit=50", headers=seller.headers)
    answers = [client.get(f"/v1/cases/{case_id}", headers=seller.headers).data for case_id in ids]

    assert page.data == b'{"items":[' + b",".join(answers) + b'],"next_cursor":null}'
    for answer in answers:
        assert CaseOut.model_validate_json(answer).model_dump_json().encode() == answer


@pytest.mark.parametrize(
    "query,field",
    [("limit=0", "limit"), ("state=open", "state"), ("cursor=abc", "cursor"), ("due_before=soon", "due_before")],
)
def test_bad_list_queries_are_422(client, seller, query, field):
    assert_problem(client.get(f"/v1/cases?{query}", headers=seller.headers), 422, field)
