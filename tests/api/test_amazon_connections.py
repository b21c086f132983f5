"""/v1/amazon-connections: credentials stored encrypted and never shown again; tenants apart."""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy import select

from api.extensions import db
from tests.conftest import TEST_CREDENTIALS_KEY
from workflow.intake import credentials
from workflow.intake.models import AmazonConnection

SECRET, TOKEN = "lwa-client-secret-4711", "Atzr|IwEBIrefresh-token-0815"


def body(**changes) -> dict:
    return {
        "region": "eu",
        "marketplaces": ["DE", "FR", "IT"],
        "client_id": "amzn1.application-oa2-client.abc",
        "client_secret": SECRET,
        "refresh_token": TOKEN,
    } | changes


def test_a_connection_is_stored_encrypted_and_its_secrets_never_shown(app, client, seller):
    created = client.post("/v1/amazon-connections", json=body(), headers=seller.headers)
    assert created.status_code == 201, created.get_json()
    listed = client.get("/v1/amazon-connections", headers=seller.headers)
    for response in (created, listed):
        assert SECRET not in response.text and TOKEN not in response.text
    (item,) = listed.get_json()["items"]
    assert (item["region"], item["marketplaces"], item["client_id"]) == ("eu", ["DE", "FR", "IT"], body()["client_id"])
    with app.app_context():
        stored = db.session.scalar(select(AmazonConnection))
        assert SECRET not in stored.encrypted_client_secret and TOKEN not in stored.encrypted_refresh_token
        assert credentials.decrypt(TEST_CREDENTIALS_KEY, stored.encrypted_refresh_token) == TOKEN
        assert credentials.decrypt(TEST_CREDENTIALS_KEY, stored.encrypted_client_secret) == SECRET


def test_marketplaces_must_belong_to_the_region(client, seller):
    response = client.post("/v1/amazon-connections", json=body(region="na"), headers=seller.headers)
    assert response.status_code == 422
    assert "DE, FR, IT not served by region na" in response.get_json()["detail"]


def test_without_a_credentials_key_nothing_is_stored(app, client, seller):
    settings = app.config["SETTINGS"]
    app.config["SETTINGS"] = replace(settings, credentials_key="")
    try:
        response = client.post("/v1/amazon-connections", json=body(), headers=seller.headers)
    finally:
        app.config["SETTINGS"] = settings
    assert response.status_code == 503
    assert "feedback-desk amazon new-key" in response.get_json()["detail"]
    assert client.get("/v1/amazon-connections", headers=seller.headers).get_json()["items"] == []


def test_connections_are_the_sellers_own(client, seller, other_seller):
    created = client.post("/v1/amazon-connections", json=body(), headers=seller.headers).get_json()
    assert client.get("/v1/amazon-connections", headers=other_seller.headers).get_json()["items"] == []
    path = f"/v1/amazon-connections/{created['id']}"
    assert client.delete(path, headers=other_seller.headers).status_code == 404
    assert client.delete(path, headers=seller.headers).status_code == 204
    assert client.get("/v1/amazon-connections", headers=seller.headers).get_json()["items"] == []


def test_a_marketplace_is_pulled_by_one_connection(client, seller, other_seller):
    first = client.post("/v1/amazon-connections", json=body(), headers=seller.headers).get_json()
    again = client.post("/v1/amazon-connections", json=body(marketplaces=["ES", "FR"]), headers=seller.headers)
    assert again.status_code == 409
    assert (again.get_json()["connection_id"], again.get_json()["marketplaces"]) == (first["id"], ["FR"])
    assert len(client.get("/v1/amazon-connections", headers=seller.headers).get_json()["items"]) == 1
    assert client.post("/v1/amazon-connections", json=body(), headers=other_seller.headers).status_code == 201
