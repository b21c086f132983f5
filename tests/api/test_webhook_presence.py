"""Whether a seller has webhook endpoints is kept on the seller's row and read with the case a
write changes: the writes of a seller without endpoints queue nothing, and an endpoint gets
the events of every write that began after its creation was answered, also while writes are
under way from other threads (real threads, the real database: SQLite or PostgreSQL)."""

from __future__ import annotations

import threading
import time
from collections import defaultdict

from tests.helpers import case_body, drain

CLOSE = {"event": "close", "resolution": "resolved"}


def _types_by_case(receiver) -> dict[str, list[str]]:
    received = defaultdict(list)
    for delivery in receiver.received:
        received[delivery["data"]["id"]].append(delivery["type"])
    return received


def _open_and_close(client, seller, order_id: str) -> str:
    case = client.post("/v1/cases", json=case_body(order_id=order_id), headers=seller.headers).get_json()
    client.post(f"/v1/cases/{case['id']}/events", json=CLOSE, headers=seller.headers)
    return case["id"]


def test_events_follow_the_endpoints_as_they_are_added_disabled_enabled_and_deleted(
    app, client, seller, receiver, endpoint
):
    before = _open_and_close(client, seller, "111-0000000-0000001")
    first = endpoint()
    with_first = _open_and_close(client, seller, "111-0000000-0000002")
    client.patch(f"/v1/webhooks/{first['id']}", json={"enabled": False}, headers=seller.headers)
    while_disabled = _open_and_close(client, seller, "111-0000000-0000003")
    client.patch(f"/v1/webhooks/{first['id']}", json={"enabled": True}, headers=seller.headers)
    enabled_again = _open_and_close(client, seller, "111-0000000-0000004")
    endpoint()
    drain(app)  # a deleted endpoint's deliveries go with it
    client.delete(f"/v1/webhooks/{first['id']}", headers=seller.headers)
    with_the_second_only = _open_and_close(client, seller, "111-0000000-0000005")
    drain(app)

    received = _types_by_case(receiver)
    every_event = ["case.created", "case.transitioned", "case.closed"]
    assert received[with_first] == received[enabled_again] == received[with_the_second_only] == every_event
    assert before not in received and while_disabled not in received
    assert len(receiver.received) == 3 * len(every_event)  # the second endpoint was not there before


def test_an_endpoint_gone_leaves_the_sellers_other_endpoint_its_events(app, client, seller, receiver, endpoint):
    endpoint(events=["case.created"])
    endpoint(events=["case.closed"])
    receiver.answers.append((410, {}))  # the only delivery: case.created, to the first endpoint
    client.post("/v1/cases", json=case_body(order_id="111-0000000-0000001"), headers=seller.headers)
    drain(app)
    later = _open_and_close(client, seller, "111-0000000-0000002")
    drain(app)
    assert _types_by_case(receiver)[later] == ["case.closed"]


def test_an_endpoint_created_while_cases_are_written_gets_every_event_of_the_writes_after_it(
    app, client, seller, receiver
):
    threads, stop = 4, threading.Event()
    requests: list[tuple[float, str, str]] = []  # (began at, case id, event type it causes)

    def write_cases(thread: int) -> None:
        n = 0
        while not stop.is_set():
            began = time.monotonic()
            order_id = f"222-{thread:07d}-{n:07d}"
            case = client.post("/v1/cases", json=case_body(order_id=order_id), headers=seller.headers).get_json()
            requests.append((began, case["id"], "case.created"))
            began = time.monotonic()
            client.post(f"/v1/cases/{case['id']}/events", json=CLOSE, headers=seller.headers)
            requests.append((began, case["id"], "case.closed"))
            n += 1

    writers = [threading.Thread(target=write_cases, args=(n,)) for n in range(threads)]
    for writer in writers:
        writer.start()
    while len(requests) < 8:
        time.sleep(0.01)
    created = client.post("/v1/webhooks", json={"url": receiver.url, "events": ["*"]}, headers=seller.headers)
    answered = time.monotonic()
    receiver.secrets.append(created.get_json()["secret"])
    while sum(1 for began, _, _ in requests if began > answered) < 24:
        time.sleep(0.01)
    stop.set()
    for writer in writers:
        writer.join(timeout=60)
    drain(app)

    received = _types_by_case(receiver)
    after = [(case_id, event_type) for began, case_id, event_type in requests if began > answered]
    assert [(case_id, t) for case_id, t in after if t not in received[case_id]] == []
