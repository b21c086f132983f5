"""Tenants never see each other's cases; no token, no API."""

from __future__ import annotations

import pytest

from tests.helpers import (
    assert_problem,
)

CASE_ENDPOINTS = [
    ("get", "/v1/cases/{id}", None),
    ("patch", "/v1/cases/{id}", {"feedback_types": ["mistake"]}),
    ("post", "/v1/cases/{id}/events", {"event": "close", "resolution": "withdrawn"}),
    ("get", "/v1/cases/{id}/history", None),
    ("get", "/v1/cases/{id}/amazon-removal-request", None),
]


@pytest.mark.parametrize("method,path,body", CASE_ENDPOINTS)
def test_another_sellers_case_is_a_404_and_stays_untouched(client, seller, other_seller, open_case, method, path, body):
    case = open_case()
    response = getattr(client, method)(path.format(id=case["id"]), json=body, headers=other_seller.headers)
    assert_problem(response, 404)
    assert client.get(f"/v1/cases/{case['id']}", headers=seller.headers).get_json() == case


def test_another_sellers_cases_are_not_listed(client, seller, other_seller, open_case):
    open_case()
    assert client.get("/v1/cases", headers=other_seller.headers).get_json()["items"] == []


def test_a_missing_case_is_a_404(client, seller):
    assert_problem(client.get("/v1/cases/case_doesnotexist", headers=seller.headers), 404)


@pytest.mark.parametrize(
    "headers",
    [{}, {"Authorization": "Bearer fd_wrong"}, {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer"}],
)
@pytest.mark.parametrize("method,path,body", [("get", "/v1/cases", None), ("post", "/v1/cases", {}), *CASE_ENDPOINTS])
def test_missing_or_wrong_token_is_a_401(client, seller, open_case, headers, method, path, body):
    case = open_case()
    response = getattr(client, method)(path.format(id=case["id"]), json=body, headers=headers)
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_tokens_are_stored_only_as_digests(app, seller):
    from api.extensions import db
    from workflow.models import ApiToken

    with app.app_context():
        stored = [row.token_hash for row in db.session.query(ApiToken)]
    assert seller.token not in stored
    assert all(len(h) == 64 for h in stored)
