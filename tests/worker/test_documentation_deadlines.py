"""The worker marks unanswered documentation requests overdue, and documentation events
reach webhooks."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy import event

from tests.helpers import (
    Receiver,
    ask,
    drain,
    provide,
)
from worker.runner import Worker
from workflow import deadlines


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


def test_documentation_events_reach_webhooks(app, client, seller, shipper, open_case):
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


def test_several_overdue_requests_load_their_cases_in_one_query(client, seller, shipper, open_case, session):
    requests = [ask(client, seller, open_case(order_id=f"111-0000000-000000{n}")["id"]).get_json() for n in (1, 2, 3)]
    last_deadline = max(datetime.fromisoformat(r["respond_by"].replace("Z", "+00:00")) for r in requests)
    statements = []

    def record(_connection, _cursor, statement, *_args) -> None:
        statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", record)
    try:
        lapsed = deadlines.lapse_overdue(session, last_deadline + timedelta(minutes=1), limit=10)
    finally:
        event.remove(engine, "before_cursor_execute", record)

    assert lapsed == 3
    assert len([s for s in statements if re.search(r"\bFROM cases\b", s)]) == 1
    overdue = client.get("/v1/shipper/documentation-requests?status=overdue", headers=shipper.headers).get_json()
    assert sorted(r["id"] for r in overdue["items"]) == sorted(r["id"] for r in requests)
