"""Signed webhooks delivered by the worker to a real HTTP receiver on loopback, which
verifies every delivery with the `standardwebhooks` package and fails some on purpose."""

from __future__ import annotations

import dataclasses
import threading
from collections import defaultdict
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from standardwebhooks import Webhook

from tests.api.test_cases import assert_problem
from tests.conftest import days_ago
from worker.runner import Worker
from workflow.clock import utcnow


class Receiver:
    """An HTTP endpoint that verifies Standard Webhooks signatures and answers as told."""

    def __init__(self) -> None:
        self.secrets: list[str] = []
        self.received: list[dict] = []  # every verified request, in arrival order
        self.rejected: list[str] = []  # requests whose signature did not verify
        self.answers: list[tuple[int, dict]] = []  # scripted answers, used first
        self.fail_first_attempt_of_every: int | None = None
        self._attempts: dict[str, int] = defaultdict(int)
        self._lock = threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's hook name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                status, headers = receiver.answer(body, dict(self.headers))
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, body: bytes, headers: dict) -> tuple[int, dict]:
        headers = {name.lower(): value for name, value in headers.items()}
        with self._lock:
            verified = None
            for secret in self.secrets:
                try:
                    verified = Webhook(secret).verify(body, headers)
                    break
                except Exception:  # noqa: BLE001 - try the next secret
                    continue
            if verified is None:
                self.rejected.append(headers.get("webhook-id", "?"))
                return 401, {}
            webhook_id = headers["webhook-id"]
            self._attempts[webhook_id] += 1
            self.received.append(
                {"id": webhook_id, "attempt": self._attempts[webhook_id], "headers": headers, "raw": body, **verified}
            )
            if self.answers:
                return self.answers.pop(0)
            every = self.fail_first_attempt_of_every
            if every and self._attempts[webhook_id] == 1 and len(self._attempts) % every == 0:
                return 500, {}
            return 204, {}


@pytest.fixture
def receiver():
    r = Receiver()
    yield r
    r.server.shutdown()


@pytest.fixture
def endpoint(client, seller, receiver):
    def _endpoint(events=("*",)) -> dict:
        response = client.post(
            "/v1/webhooks", json={"url": receiver.url, "events": list(events)}, headers=seller.headers
        )
        assert response.status_code == 201, response.get_json()
        created = response.get_json()
        assert created["secret"].startswith("whsec_")
        receiver.secrets.append(created["secret"])
        return created

    return _endpoint


def drain(app, start=None, hours=48):
    """Run worker passes, moving the clock on, until nothing more is due."""
    worker = Worker(app, batch_size=20)
    now = start or utcnow()
    for _ in range(200):
        if not worker.run_once(now):
            now += timedelta(minutes=30)
            if now > (start or utcnow()) + timedelta(hours=hours):
                return
    raise AssertionError("the worker never ran dry")


def deliveries(client, seller, webhook_id) -> list[dict]:
    response = client.get(f"/v1/webhooks/{webhook_id}/deliveries", headers=seller.headers)
    assert response.status_code == 200
    return response.get_json()["items"]


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
    from datetime import datetime

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


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hooks",
        "http://10.1.2.3/x",
        "http://[::1]/x",
        "http://169.254.169.254/latest",
        "ftp://example.com/x",
        "http://localhost:9/x",
    ],
)
def test_private_and_non_http_urls_are_refused(app, client, seller, monkeypatch, url):
    monkeypatch.setitem(
        app.config, "SETTINGS", dataclasses.replace(app.config["SETTINGS"], webhook_allow_private_networks=False)
    )
    body = assert_problem(client.post("/v1/webhooks", json={"url": url, "events": ["*"]}, headers=seller.headers), 422)
    assert body["type"].endswith("unsafe-webhook-url")
    assert client.get("/v1/webhooks", headers=seller.headers).get_json()["items"] == []


def test_addresses_are_checked_again_at_delivery_time(app, client, seller, open_case, endpoint, receiver, monkeypatch):
    hook = endpoint()
    open_case()
    monkeypatch.setitem(
        app.config, "SETTINGS", dataclasses.replace(app.config["SETTINGS"], webhook_allow_private_networks=False)
    )
    Worker(app).run_once(utcnow())
    [delivery] = deliveries(client, seller, hook["id"])
    assert receiver.received == []
    assert "private address" in delivery["log"][0]["error"]


def test_webhooks_are_per_seller(client, seller, other_seller, endpoint):
    hook = endpoint()
    assert client.get("/v1/webhooks", headers=other_seller.headers).get_json()["items"] == []
    for method, path in [
        ("get", ""),
        ("patch", ""),
        ("delete", ""),
        ("post", "/rotate-secret"),
        ("get", "/deliveries"),
    ]:
        response = getattr(client, method)(
            f"/v1/webhooks/{hook['id']}{path}", json={} if method == "patch" else None, headers=other_seller.headers
        )
        assert_problem(response, 404)
    assert "secret" not in client.get(f"/v1/webhooks/{hook['id']}", headers=seller.headers).get_json()
