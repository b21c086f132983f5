"""Concurrent requests on one case, from real threads against the real database file (or
PostgreSQL): exactly one wins, the others get a 409, and the history shows one transition."""

from __future__ import annotations

import threading
from collections import Counter

THREADS = 8


def race(client, requests: list[tuple[str, str, dict]], headers) -> Counter:
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []

    def run(method, path, body):
        barrier.wait()
        statuses.append(getattr(client, method)(path, json=body, headers=headers).status_code)

    threads = [threading.Thread(target=run, args=r) for r in requests]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    return Counter(statuses)


def test_the_same_event_eight_times_at_once_wins_once(client, seller, open_case):
    case = open_case()
    path = f"/v1/cases/{case['id']}/events"
    statuses = race(client, [("post", path, {"event": "close", "resolution": "resolved"})] * THREADS, seller.headers)
    assert statuses == Counter({200: 1, 409: THREADS - 1})
    history = client.get(f"/v1/cases/{case['id']}/history", headers=seller.headers).get_json()["items"]
    assert [h["event"] for h in history] == ["close"]
    assert client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json()["version"] == 2


def test_competing_closing_events_one_wins(client, seller, open_case):
    case = open_case()
    path = f"/v1/cases/{case['id']}/events"
    requests = [
        ("post", path, {"event": "customer_removed_feedback"}),
        ("post", path, {"event": "close", "resolution": "withdrawn"}),
    ] * (THREADS // 2)
    assert race(client, requests, seller.headers) == Counter({200: 1, 409: THREADS - 1})
    assert len(client.get(f"/v1/cases/{case['id']}/history", headers=seller.headers).get_json()["items"]) == 1


def test_patches_from_the_same_version_one_wins(client, seller, open_case):
    case = open_case()
    requests = [("patch", f"/v1/cases/{case['id']}", {"feedback_types": ["mistake"], "expected_version": 1})] * THREADS
    assert race(client, requests, seller.headers) == Counter({200: 1, 409: THREADS - 1})


def test_the_same_order_opened_at_once_gives_one_case(client, seller):
    from tests.conftest import case_body

    assert race(client, [("post", "/v1/cases", case_body())] * THREADS, seller.headers) == Counter(
        {201: 1, 409: THREADS - 1}
    )
    assert len(client.get("/v1/cases", headers=seller.headers).get_json()["items"]) == 1
