"""Signed webhooks delivered by the worker to a real HTTP receiver on loopback, which
verifies every delivery with the `standardwebhooks` package and fails some on purpose."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from datetime import datetime, timedelta

from standardwebhooks import Webhook

from tests.helpers import (
    days_ago,
    deliveries,
    drain,
)
from worker.runner import Worker
from workflow.clock import utcnow


def test_every_event_arrives_verified_in_order_per_case_with_stable_ids(
    app, client, seller, open_case, endpoint, receiver, smtp
):
    hook = endpoint()
    receiver.fail_first_attempt_of_every = 3
    expected: dict[str, list[str]] = {}
    for n, types in enumerate([["product_review"], ["mistake"], ["product_review", "mistake"]]):
        case = open_case(order_id=f"111-0000000-{n:07d}", feedback_types=types)
        client.patch(f"/v1/cases/{case['id']}", json={"buyer": {"name": "Sam"}}, headers=seller.headers)
        client.post(f"/v1/cases/{case['id']}/events", json={"event": "contact_customer"}, headers=seller.headers)
        expected[case["id"]] = ["case.created", "case.updated", "case.transitioned"]
    drain(app)
    for case_id in expected:
        client.post(
            f"/v1/cases/{case_id}/events", json={"event": "close", "resolution": "resolved"}, headers=seller.headers
        )
        expected[case_id] += ["message.sent", "case.transitioned", "case.transitioned", "case.closed"]
    drain(app)

    assert receiver.rejected == []
    log = deliveries(client, seller, hook["id"])
    assert all(d["status"] == "delivered" for d in log)
    retried = [d for d in log if d["attempts"] > 1]
    assert retried, "the receiver failed some first attempts on purpose"
    for d in retried:
        assert [a["status_code"] for a in d["log"]] == [500, 204]
        assert sum(1 for r in receiver.received if r["id"] == d["id"]) == 2  # same webhook-id on the retry
    by_case: dict[str, list[dict]] = defaultdict(list)
    delivered_ids = set()
    for item in receiver.received:
        if item["id"] in delivered_ids:
            continue
        if next(d for d in log if d["id"] == item["id"])["attempts"] == item["attempt"]:
            delivered_ids.add(item["id"])
            by_case[item["data"]["id"]].append(item)
    for case_id, events in expected.items():
        assert [e["type"] for e in by_case[case_id]] == events
        versions = [e["data"]["version"] for e in by_case[case_id]]
        assert versions == sorted(versions)
    closing = by_case[next(iter(expected))][-1]
    assert closing["data"]["outcome"] == "resolved" and closing["data"]["transition"]["event"] == "close"
    sent = by_case[next(iter(expected))][3]
    assert sent["data"]["message"]["status"] == "sent"


def test_endpoint_receives_only_its_event_types(client, seller, open_case, endpoint, receiver, app):
    endpoint(events=["case.closed"])
    case = open_case()
    client.post(
        f"/v1/cases/{case['id']}/events", json={"event": "close", "resolution": "withdrawn"}, headers=seller.headers
    )
    drain(app)
    assert [r["type"] for r in receiver.received] == ["case.closed"]


def test_after_rotation_both_secrets_sign_until_the_grace_period_ends(
    app, client, seller, open_case, endpoint, receiver
):
    hook = endpoint()
    old_secret = receiver.secrets[0]
    rotated = client.post(f"/v1/webhooks/{hook['id']}/rotate-secret", headers=seller.headers).get_json()
    assert rotated["secret"] != old_secret
    open_case()
    drain(app)
    [delivery] = receiver.received
    assert len(delivery["headers"]["webhook-signature"].split(" ")) == 2
    for secret in (old_secret, rotated["secret"]):  # each secret alone verifies the delivery
        assert Webhook(secret).verify(delivery["raw"], delivery["headers"])["type"] == "case.created"


def test_gone_disables_the_endpoint(app, client, seller, open_case, endpoint, receiver):
    hook = endpoint()
    receiver.answers.append((410, {}))
    open_case()
    drain(app)
    after = client.get(f"/v1/webhooks/{hook['id']}", headers=seller.headers).get_json()
    assert after["enabled"] is False and "410" in after["disabled_reason"]
    [delivery] = deliveries(client, seller, hook["id"])
    assert delivery["status"] == "failed"


def test_retry_after_is_honoured(app, client, seller, open_case, endpoint, receiver):
    hook = endpoint()
    receiver.answers.append((429, {"Retry-After": "600"}))
    open_case()
    now = utcnow()
    Worker(app).run_once(now)
    [delivery] = deliveries(client, seller, hook["id"])
    assert delivery["status"] == "queued" and delivery["log"][0]["status_code"] == 429

    wait = datetime.fromisoformat(delivery["next_attempt_at"].replace("Z", "+00:00")) - now
    assert timedelta(seconds=600) <= wait <= timedelta(seconds=601)


def test_redirects_are_not_followed(app, client, seller, open_case, endpoint, receiver):
    hook = endpoint()
    receiver.answers.append((302, {"Location": receiver.url + "/elsewhere"}))
    open_case()
    Worker(app).run_once(utcnow())
    [delivery] = deliveries(client, seller, hook["id"])
    assert delivery["log"][0]["status_code"] == 302 and delivery["status"] == "queued"
    assert len(receiver.received) == 1


def test_redeliver_sends_the_same_webhook_id_again(app, client, seller, open_case, endpoint, receiver):
    hook = endpoint()
    open_case()
    drain(app)
    [delivery] = deliveries(client, seller, hook["id"])
    response = client.post(f"/v1/webhooks/{hook['id']}/deliveries/{delivery['id']}/redeliver", headers=seller.headers)
    assert response.status_code == 202
    drain(app)
    assert [r["id"] for r in receiver.received] == [delivery["id"], delivery["id"]]


def test_deadline_notices_go_out_once_each(app, client, seller, open_case, endpoint, receiver):
    endpoint(events=["case.deadline_approaching"])
    case = open_case(published_at=days_ago(55).isoformat())  # customer deadline in 5 days
    worker = Worker(app)
    worker.run_once(utcnow())
    worker.run_once(utcnow())
    drain(app, hours=1)
    assert [(r["data"]["deadline"]["name"], r["data"]["deadline"]["days_before"]) for r in receiver.received] == [
        ("customer_removal_by", 7)
    ]
    receiver.received.clear()
    worker.run_once(utcnow() + timedelta(days=4, hours=1))
    drain(app, start=utcnow() + timedelta(days=4, hours=1), hours=1)
    assert [r["data"]["deadline"]["days_before"] for r in receiver.received] == [1]
    assert receiver.received[0]["data"]["id"] == case["id"]


def test_addresses_are_checked_again_at_delivery_time(app, client, seller, open_case, endpoint, receiver, monkeypatch):
    hook = endpoint()
    open_case()
    monkeypatch.setitem(
        app.config, "SETTINGS", dataclasses.replace(app.config["SETTINGS"], webhook_allow_private_networks=False)
    )
    Worker(app).run_once(utcnow())
    [delivery] = deliveries(client, seller, hook["id"])
    assert receiver.received == []
    assert "127.0.0.1 is a loopback address" in delivery["log"][0]["error"]
