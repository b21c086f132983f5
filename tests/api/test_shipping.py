"""The shipper's side, table-driven from the policy table: what may be asked, what a fault
costs, who sees what, and when evidence opens Amazon's strike-through ground."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from api.extensions import db
from tests.api.test_cases import assert_problem
from tests.conftest import SellerAccount
from worker.runner import Worker
from workflow import accounts, deadlines
from workflow.policy import FAULTS, FEEDBACK_TYPES

# Evidence that satisfies every kind a request can ask for: shipped on time, with Buy Shipping.
FULL_EVIDENCE = {
    "shipped_on": "2026-11-02",
    "ship_by": "2026-11-03",
    "carrier": "UPS",
    "tracking_number": "1Z999AA10123456784",
    "buy_shipping_label": True,
    "contents_verified": True,
    "packaging_description": "Double-wall carton, air pillows on all sides",
    "item_condition": "New, sealed in the manufacturer's packaging",
    "notes": "Pick and pack video reviewed",
    "attachments": ["wms://orders/114-3941689-8772232/packing-photo-1.jpg"],
}


@pytest.fixture
def shipper(app, seller):
    return _shipper(app, "Cahoot", seller)


def _shipper(app, name, *sellers):
    with app.app_context():
        created, token = accounts.create_shipper(db.session(), name)
        for s in sellers:
            accounts.link_shipper(db.session(), created.id, s.id)
        return SellerAccount(created.id, token)


def ask(client, seller, case_id, **body):
    return client.post(f"/v1/cases/{case_id}/documentation-requests", json=body, headers=seller.headers)


def answer(client, shipper, request_id, **body):
    return client.post(f"/v1/shipper/documentation-requests/{request_id}/response", json=body, headers=shipper.headers)


def provide(client, shipper, request_id, fault="none", **evidence):
    return answer(client, shipper, request_id, decision="provided", fault=fault, evidence={**FULL_EVIDENCE, **evidence})


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
    client, seller, shipper, open_case, types, evidence, ground
):
    case = open_case(feedback_types=types)
    client.post(
        f"/v1/cases/{case['id']}/events",
        json={"event": "contact_customer", "action_taken": "We checked the carrier scans."},
        headers=seller.headers,
    )
    client.post(f"/v1/cases/{case['id']}/events", json={"event": "customer_contacted"}, headers=seller.headers)
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
    assert_problem(answer(client, shipper, request["id"], decision="declined"), 422)
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
    stranger = _shipper(app, "Other Network", other_seller)
    case = open_case()
    request = ask(client, seller, case["id"]).get_json()
    assert client.get("/v1/shipper/documentation-requests", headers=stranger.headers).get_json()["items"] == []
    assert_problem(provide(client, stranger, request["id"]), 404)
    assert_problem(ask(client, other_seller, case["id"]), 404)
    assert_problem(client.get(f"/v1/shippers/{stranger.id}/scorecard", headers=seller.headers), 404)
    assert_problem(ask(client, seller, case["id"], shipper_id=stranger.id), 404)
    assert_problem(client.get("/v1/shipper/documentation-requests", headers=seller.headers), 401)
    assert_problem(client.get("/v1/cases", headers=shipper.headers), 401)


def test_unanswered_requests_go_overdue_and_a_late_answer_is_not_on_time(app, client, seller, shipper, open_case):
    case = open_case()
    request = ask(client, seller, case["id"]).get_json()
    respond_by = datetime.fromisoformat(request["respond_by"].replace("Z", "+00:00"))
    Worker(app).run_once(respond_by + timedelta(minutes=1))
    assert (
        client.get("/v1/shipper/documentation-requests?status=overdue", headers=shipper.headers).get_json()["items"][0][
            "id"
        ]
        == request["id"]
    )
    assert provide(client, shipper, request["id"]).status_code == 200
    card = client.get("/v1/shipper/scorecard", headers=shipper.headers).get_json()
    assert (card["answered"], card["answered_on_time"], card["by_status"]) == (1, 0, {"provided": 1})


def test_response_deadline_counts_business_days():
    friday = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    assert deadlines.add_business_days(friday, 2) == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # Tuesday


def test_a_cancellation_not_approved_before_assignment_is_a_return(client, seller, shipper, open_case):
    case = open_case(feedback_types=["cancelled_order_received"])
    assert case["cancellation"] == {"approved_before_assignment": None, "handled_as": None}
    patched = client.patch(
        f"/v1/cases/{case['id']}", json={"cancellation_before_assignment": False}, headers=seller.headers
    ).get_json()
    assert patched["cancellation"] == {"approved_before_assignment": False, "handled_as": "return"}
    assert "cancelled_order_received" in assert_problem(ask(client, seller, case["id"]), 409)["detail"]


def test_several_shippers_mean_the_seller_names_one(app, client, seller, shipper, open_case):
    _shipper(app, "Second Network", seller)
    case = open_case()
    assert_problem(ask(client, seller, case["id"]), 422, "shipper_id")
    assert ask(client, seller, case["id"], shipper_id=shipper.id).status_code == 201


def test_cli_creates_and_links_shippers(app, seller):
    runner = app.test_cli_runner()
    created = runner.invoke(args=["shippers", "create", "Cahoot"])
    assert created.exit_code == 0, created.output
    token = created.output.strip().splitlines()[-1]
    shipper_id = created.output.split()[1]
    assert token.startswith("fds_")
    linked = runner.invoke(args=["shippers", "link", shipper_id, seller.id])
    assert linked.exit_code == 0, linked.output
    with app.test_client() as client:
        assert client.get("/v1/shipper/scorecard", headers={"Authorization": f"Bearer {token}"}).status_code == 200


def test_documentation_events_reach_webhooks(app, client, seller, shipper, open_case):
    from tests.api.test_webhooks import Receiver, drain

    receiver = Receiver()
    try:
        hook = client.post(
            "/v1/webhooks",
            json={
                "url": receiver.url,
                "events": ["documentation.requested", "documentation.provided", "documentation.overdue"],
            },
            headers=seller.headers,
        ).get_json()
        receiver.secrets.append(hook["secret"])
        answered, lapsed = open_case(order_id="111-0000000-0000001"), open_case(order_id="111-0000000-0000002")
        first = ask(client, seller, answered["id"]).get_json()
        second = ask(client, seller, lapsed["id"]).get_json()
        provide(client, shipper, first["id"], fault="fulfillment_center")
        drain(app, hours=1)
        respond_by = datetime.fromisoformat(second["respond_by"].replace("Z", "+00:00"))
        drain(app, start=respond_by + timedelta(minutes=1), hours=1)
        seen = [(r["type"], r["data"]["documentation_request"]["id"]) for r in receiver.received]
        assert seen == [
            ("documentation.requested", first["id"]),
            ("documentation.requested", second["id"]),
            ("documentation.provided", first["id"]),
            ("documentation.overdue", second["id"]),
        ]
        assert receiver.received[2]["data"]["documentation_request"]["fault"] == "fulfillment_center"
    finally:
        receiver.server.shutdown()
