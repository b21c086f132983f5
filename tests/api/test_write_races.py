"""Identical writes sent at once, from real threads against the real database (SQLite, or
PostgreSQL with TEST_DATABASE_URL): each answers as if it had come alone or after the
others (200, 201, 204, 404), never 500, and the data ends as one request would leave it."""

from __future__ import annotations

from collections import Counter

from tests.api.test_concurrency import race

THREADS = 16


def test_the_same_suppression_added_at_once(client, seller):
    body = {"email": "Buyer@Example.com", "reason": "complaint"}
    assert race(client, [("post", "/v1/suppressions", body)] * THREADS, seller.headers) == Counter({201: THREADS})
    items = client.get("/v1/suppressions", headers=seller.headers).get_json()["items"]
    assert [(i["email"], i["reason"]) for i in items] == [("buyer@example.com", "complaint")]


def test_the_same_suppression_deleted_at_once(client, seller):
    client.post("/v1/suppressions", json={"email": "buyer@example.com"}, headers=seller.headers)
    requests = [("delete", "/v1/suppressions/buyer@example.com", None)] * THREADS
    assert race(client, requests, seller.headers) == Counter({204: 1, 404: THREADS - 1})


def test_the_same_template_override_put_at_once(client, seller):
    path, body = "/v1/templates/subject/en", {"source": "About your order {{ order_id }}"}
    assert race(client, [("put", path, body)] * THREADS, seller.headers) == Counter({201: 1, 200: THREADS - 1})
    assert client.get(path, headers=seller.headers).get_json() == {
        "name": "subject", "language": "en", "source": body["source"], "overridden": True,
    }  # fmt: skip


def test_the_same_template_override_deleted_at_once(client, seller):
    path = "/v1/templates/subject/en"
    client.put(path, json={"source": "About your order {{ order_id }}"}, headers=seller.headers)
    assert race(client, [("delete", path, None)] * THREADS, seller.headers) == Counter({204: 1, 404: THREADS - 1})


def test_the_same_webhook_endpoint_changed_and_deleted_at_once(client, seller):
    hook = {"url": "http://127.0.0.1:9999/hooks", "events": ["*"]}
    created = client.post("/v1/webhooks", json=hook, headers=seller.headers)
    path = f"/v1/webhooks/{created.get_json()['id']}"
    patch = ("patch", path, {"url": "http://127.0.0.1:9998/hooks", "enabled": False})
    assert race(client, [patch] * THREADS, seller.headers) == Counter({200: THREADS})
    rotations = [("post", path + "/rotate-secret", None)] * THREADS
    assert race(client, rotations, seller.headers) == Counter({200: THREADS})
    assert race(client, [("delete", path, None)] * THREADS, seller.headers) == Counter({204: 1, 404: THREADS - 1})
    assert client.get("/v1/webhooks", headers=seller.headers).get_json()["items"] == []
