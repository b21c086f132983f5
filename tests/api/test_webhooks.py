"""Signed webhooks delivered by the worker to a real HTTP receiver on loopback, which
verifies every delivery with the `standardwebhooks` package and fails some on purpose."""

from __future__ import annotations

import dataclasses

import pytest

from tests.helpers import (
    assert_problem,
)


@pytest.mark.parametrize(
    "url, reason",
    [
        ("http://127.0.0.1/hooks", "loopback address"),
        ("http://10.1.2.3/x", "private address"),
        ("http://[::1]/x", "loopback address"),
        ("http://169.254.169.254/latest", "link-local address"),
        ("ftp://example.com/x", "not an http or https URL"),
        ("http://localhost:9/x", "port 9 is not allowed"),
        ("http://127.0.0.1:8431\\@hooks.example.net/x", "backslash"),
        ("http://[::ffff:127.0.0.1]:8431/x", "wrapping 127.0.0.1"),
    ],
)
def test_private_and_non_http_urls_are_refused(app, client, seller, endpoint, monkeypatch, url, reason):
    hook = endpoint()
    monkeypatch.setitem(
        app.config, "SETTINGS", dataclasses.replace(app.config["SETTINGS"], webhook_allow_private_networks=False)
    )
    body = assert_problem(client.post("/v1/webhooks", json={"url": url, "events": ["*"]}, headers=seller.headers), 422)
    assert body["type"].endswith("unsafe-webhook-url") and reason in body["detail"]
    body = assert_problem(client.patch(f"/v1/webhooks/{hook['id']}", json={"url": url}, headers=seller.headers), 422)
    assert body["type"].endswith("unsafe-webhook-url") and reason in body["detail"]
    assert [h["url"] for h in client.get("/v1/webhooks", headers=seller.headers).get_json()["items"]] == [hook["url"]]


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
