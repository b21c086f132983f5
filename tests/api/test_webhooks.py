"""Signed webhooks delivered by the worker to a real HTTP receiver on loopback, which
verifies every delivery with the `standardwebhooks` package and fails some on purpose."""

from __future__ import annotations

import dataclasses

import pytest

from tests.helpers import (
    assert_problem,
)


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
