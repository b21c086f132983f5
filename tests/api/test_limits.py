"""What one client can make the API do is bounded: request size, JSON depth, dates at the
limits of the calendar, and the rate of failed authentications per address. Every refusal
is a problem body; nothing is written."""

from __future__ import annotations

import io

import pytest

from tests.helpers import assert_problem, case_body, forget_failures


def test_a_body_over_the_maximum_is_a_413_problem(client, seller):
    big = {**case_body(), "comment": "x" * (1024 * 1024)}
    body = assert_problem(client.post("/v1/cases", json=big, headers=seller.headers), 413)
    assert body["type"] == "/problems/request-too-large" and "1,048,576" in body["detail"]
    multipart = client.post(
        "/v1/suppressions", data={"file": (io.BytesIO(b"x" * (1024 * 1024 + 1)), "big.bin")}, headers=seller.headers
    )
    assert assert_problem(multipart, 413)["type"] == "/problems/request-too-large"
    assert client.get("/v1/cases", headers=seller.headers).get_json()["items"] == []


def test_the_maximum_is_a_setting(app, client, seller, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 100)
    assert_problem(
        client.post("/v1/suppressions", json={"email": "x" * 90 + "@example.com"}, headers=seller.headers), 413
    )
    assert client.post("/v1/suppressions", json={"email": "a@example.com"}, headers=seller.headers).status_code == 201


@pytest.mark.parametrize("opening, closing", [("[", "]"), ('{"a":', "}")])
@pytest.mark.parametrize("path", ["/v1/cases", "/v1/suppressions", "/v1/webhooks", "/v1/cases/case_x/events"])
def test_deeply_nested_json_is_a_422(client, seller, opening, closing, path):
    deep = opening * 5000 + "1" + closing * 5000
    body = assert_problem(client.post(path, data=deep, content_type="application/json", headers=seller.headers), 422)
    assert "nested too deeply" in body["detail"]


@pytest.mark.parametrize("path", ["/v1/cases", "/v1/suppressions", "/v1/webhooks"])
@pytest.mark.parametrize("broken", [b'{"order_id":', b"{'a': 1}", b'\xff\xfe{"a": 1}'])
def test_a_body_that_is_not_json_says_so_and_not_to_change_the_content_type(client, seller, path, broken):
    response = client.post(path, data=broken, content_type="application/json", headers=seller.headers)
    body = assert_problem(response, 422)
    assert body["errors"][0]["field"] == "body"
    assert "is not valid JSON" in body["detail"] and "Content-Type" not in body["detail"]


def test_an_empty_json_body_asks_for_an_object(client, seller):
    response = client.post("/v1/suppressions", data=b"", content_type="application/json", headers=seller.headers)
    assert "must be a JSON object" in assert_problem(response, 422)["detail"]


@pytest.mark.parametrize(
    "instant",
    [
        "0001-01-01",
        "0001-01-01T00:00:00+05:00",
        "9999-12-31",
        "9999-12-31T23:59:59-05:00",
        "9999-12-31T23:59:59.999999",
    ],
)
def test_instants_at_the_limits_of_the_calendar_are_a_422(client, seller, instant):
    body = assert_problem(
        client.post("/v1/cases", json={**case_body(), "published_at": instant}, headers=seller.headers),
        422,
        "published_at",
    )
    assert "must lie between 1970-01-01 and 9000-01-01" in body["detail"]
    listing = client.get("/v1/cases", query_string={"due_before": instant}, headers=seller.headers)
    assert_problem(listing, 422, "due_before")


@pytest.fixture
def strict_limit(app, monkeypatch):
    monkeypatch.setitem(app.config, "AUTH_FAILURE_LIMIT", "5 per minute")
    forget_failures(app)
    yield
    forget_failures(app)


def test_failed_authentications_are_limited_per_address(client, seller, strict_limit):
    wrong = {"Authorization": "Bearer wrong-token"}
    for _ in range(5):
        assert_problem(client.get("/v1/cases", headers=wrong), 401)
    refused = client.get("/v1/cases", headers=wrong)
    body = assert_problem(refused, 429)
    assert body["type"] == "/problems/too-many-failed-authentications"
    assert 1 <= int(refused.headers["Retry-After"]) <= 61  # the end of the minute window, in whole seconds
    # The count is per address: the shipper API shares it, another address has its own.
    assert_problem(client.get("/v1/shipper/documentation-requests", headers=wrong), 429)
    other = client.get("/v1/cases", headers=wrong, environ_base={"REMOTE_ADDR": "192.0.2.7"})
    assert_problem(other, 401)


def test_a_valid_token_from_a_limited_address_waits_too(client, seller, strict_limit):
    """Else a guess that happens to be right would get through while the address is limited."""
    for _ in range(5):
        assert_problem(client.get("/v1/cases", headers={"Authorization": "Bearer wrong"}), 401)
    assert_problem(client.get("/v1/cases", headers=seller.headers), 429)
    assert_problem(client.get("/v1/me", headers=seller.headers), 429)


def test_successful_requests_do_not_count(client, seller, strict_limit):
    for _ in range(50):
        assert client.get("/v1/cases", headers=seller.headers).status_code == 200
    for _ in range(5):
        assert_problem(client.get("/v1/cases", headers={"Authorization": "Bearer wrong"}), 401)
    assert_problem(client.get("/v1/cases", headers={"Authorization": "Bearer wrong"}), 429)
