"""The shipper's side, table-driven from the policy table: what may be asked, what a fault
costs, who sees what, and when evidence opens Amazon's strike-through ground."""

from __future__ import annotations

import itertools

import pytest

from tests.helpers import (
    answer,
    ask,
    assert_problem,
    new_shipper,
    provide,
)
from worker.runner import Worker
from workflow.clock import utcnow
from workflow.policy import FAULTS, FEEDBACK_TYPES


@pytest.mark.parametrize("feedback_type", FEEDBACK_TYPES, ids=lambda t: t.code)
def test_documentation_may_be_asked_exactly_where_the_shipper_has_a_duty(
    client, seller, shipper, open_case, feedback_type
):
    case = open_case(feedback_types=[feedback_type.code])
    response = ask(client, seller, case["id"], note="Please send the packing record")
    if feedback_type.shipper_owes_documentation:
        assert response.status_code == 201, response.get_json()
        request = response.get_json()
        assert set(request["evidence_requested"]) == {e.value for e in feedback_type.evidence}
        assert request["status"] == "requested" and request["shipper_id"] == shipper.id
    else:
        body = assert_problem(response, 409)
        assert feedback_type.code in body["detail"]
        assert (
            client.get(f"/v1/cases/{case['id']}/documentation-requests", headers=seller.headers).get_json()["items"]
            == []
        )


OWED = [t for t in FEEDBACK_TYPES if t.shipper_owes_documentation]


@pytest.mark.parametrize(
    "feedback_type,fault", list(itertools.product(OWED, FAULTS)), ids=lambda v: getattr(v, "code", v)
)
def test_a_fulfilment_center_fault_is_a_penalty_only_where_the_seed_says_so(
    client, seller, shipper, open_case, feedback_type, fault
):
    case = open_case(feedback_types=[feedback_type.code])
    request = ask(client, seller, case["id"]).get_json()
    response = provide(client, shipper, request["id"], fault=fault)
    assert response.status_code == 200, response.get_json()
    card = client.get(f"/v1/shippers/{shipper.id}/scorecard", headers=seller.headers).get_json()
    penalised = fault == "fulfillment_center" and feedback_type.penalty_on_fulfilment_fault
    assert card["penalties_by_type"] == ({feedback_type.code: 1} if penalised else {})
    assert card["faults"] == {fault: 1}
    assert card["answered_on_time"] == 1 and card["by_status"] == {"provided": 1}


def test_a_mixed_case_asks_only_for_the_owed_types(client, seller, shipper, open_case):
    case = open_case(feedback_types=["poor_customer_service", "wrong_item", "poor_packaging"])
    request = ask(client, seller, case["id"]).get_json()
    assert request["feedback_types"] == ["wrong_item", "poor_packaging"]
    assert request["evidence_requested"] == ["correct_contents", "protective_packaging"]
    assert request["evidence_given"] is None
    provide(client, shipper, request["id"], packaging_description="Double-wall carton")
    [answered] = client.get(f"/v1/cases/{case['id']}/documentation-requests", headers=seller.headers).get_json()[
        "items"
    ]
    assert answered["evidence_requested"] == ["correct_contents", "protective_packaging"]
    assert answered["evidence_given"]["packaging_description"] == "Double-wall carton"


@pytest.mark.parametrize(
    "types,evidence,ground",
    [
        (["late_delivery"], {}, True),
        (["late_delivery"], {"shipped_on": "2026-11-04"}, False),  # shipped after the ship-by date
        (["late_delivery"], {"buy_shipping_label": False}, False),
        (["late_delivery", "damaged_item"], {}, False),  # not entirely about delivery
    ],
)
def test_buy_shipping_ground_only_with_on_time_evidence_on_a_pure_late_delivery_case(
    app, client, seller, shipper, open_case, smtp, types, evidence, ground
):
    case = open_case(feedback_types=types)
    client.post(
        f"/v1/cases/{case['id']}/events",
        json={"event": "contact_customer", "action_taken": "We checked the carrier scans."},
        headers=seller.headers,
    )
    Worker(app).run_once(utcnow())  # the email goes out: the case awaits removal
    request = ask(client, seller, case["id"]).get_json()
    assert provide(client, shipper, request["id"], fault="carrier", **evidence).status_code == 200
    after = client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json()
    assert ("buy_shipping_on_time" in after["amazon_removal_grounds"]) is ground
    assert ("request_amazon_removal" in after["allowed_events"]) is ground


def test_missing_evidence_is_a_422_naming_each_field(client, seller, shipper, open_case):
    case = open_case(feedback_types=["damaged_item"])
    request = ask(client, seller, case["id"]).get_json()
    response = answer(client, shipper, request["id"], decision="provided", fault="none", evidence={"notes": "fine"})
    body = assert_problem(response, 422, "evidence.item_condition", "evidence.packaging_description")
    assert "new condition item" in body["detail"]
    assert (
        client.get(f"/v1/cases/{case['id']}/documentation-requests", headers=seller.headers).get_json()["items"][0][
            "status"
        ]
        == "requested"
    )


def test_decline_and_answer_only_once(client, seller, shipper, open_case):
    case = open_case()
    request = ask(client, seller, case["id"]).get_json()
    refused = assert_problem(answer(client, shipper, request["id"], decision="declined"), 422, "body")
    assert refused["errors"] == [{"field": "body", "message": "a declined answer needs a reason"}]
    declined = answer(client, shipper, request["id"], decision="declined", reason="The order left another warehouse")
    assert declined.status_code == 200 and declined.get_json()["status"] == "declined"
    assert_problem(provide(client, shipper, request["id"]), 409)


def test_the_shipper_sees_no_buyer_details_and_the_comment_only_when_shared(client, seller, shipper, open_case):
    private = open_case(order_id="111-0000000-0000001")
    shared = open_case(order_id="111-0000000-0000002")
    ask(client, seller, private["id"])
    ask(client, seller, shared["id"], share_comment=True)
    items = client.get("/v1/shipper/documentation-requests", headers=shipper.headers).get_json()["items"]
    assert [(i["order_id"], i["comment"]) for i in items] == [
        ("111-0000000-0000001", None),
        ("111-0000000-0000002", shared["comment"]),
    ]
    assert all("buyer" not in i and "q7x2mz" not in str(i) for i in items)


def test_shippers_and_sellers_are_isolated(app, client, seller, other_seller, shipper, open_case):
    stranger = new_shipper(app, "Other Network", other_seller)
    case = open_case()
    request = ask(client, seller, case["id"]).get_json()
    assert client.get("/v1/shipper/documentation-requests", headers=stranger.headers).get_json()["items"] == []
    assert_problem(provide(client, stranger, request["id"]), 404)
    assert_problem(ask(client, other_seller, case["id"]), 404)
    assert_problem(client.get(f"/v1/shippers/{stranger.id}/scorecard", headers=seller.headers), 404)
    assert_problem(ask(client, seller, case["id"], shipper_id=stranger.id), 404)
    assert_problem(client.get("/v1/shipper/documentation-requests", headers=seller.headers), 401)
    assert_problem(client.get("/v1/cases", headers=shipper.headers), 401)


def test_a_cancellation_not_approved_before_assignment_is_a_return(client, seller, shipper, open_case):
    case = open_case(feedback_types=["cancelled_order_received"])
    assert case["cancellation"] == {"approved_before_assignment": None, "handled_as": None}
    patched = client.patch(
        f"/v1/cases/{case['id']}", json={"cancellation": {"approved_before_assignment": False}}, headers=seller.headers
    ).get_json()
    assert patched["cancellation"] == {"approved_before_assignment": False, "handled_as": "return"}
    assert "cancelled_order_received" in assert_problem(ask(client, seller, case["id"]), 409)["detail"]


def test_several_shippers_mean_the_seller_names_one(app, client, seller, shipper, open_case):
    new_shipper(app, "Second Network", seller)
    case = open_case()
    assert_problem(ask(client, seller, case["id"]), 422, "shipper_id")
    assert ask(client, seller, case["id"], shipper_id=shipper.id).status_code == 201
