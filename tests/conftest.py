"""Fixtures: one migrated database per test session (SQLite, or PostgreSQL via
TEST_DATABASE_URL), emptied before every test; a Flask test client; a real SMTP server;
seller and shipper accounts; a worker; a webhook receiver; the Amazon stand-in. Helpers are in
tests/helpers.py."""

from __future__ import annotations

import os
from dataclasses import replace

import pytest
from aiosmtpd.controller import Controller
from flask_migrate import upgrade
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from api import create_app
from api.extensions import db
from tests.amazon_standin import AmazonStandIn
from tests.helpers import (
    ACTION,
    Receiver,
    RecordingSMTPHandler,
    SellerAccount,
    case_body,
    free_port,
    new_seller,
    new_shipper,
)
from worker.runner import Worker
from workflow.metadata import metadata

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")
# A fixed Fernet key, so the tests can read what is stored encrypted.
TEST_CREDENTIALS_KEY = "x0vDvd7qKQ9T3dK0pYt7v3yD3n2vX1o6mJ8w2cQyQ7E="


def _reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> str:
    if POSTGRES_URL:
        _reset_postgres(POSTGRES_URL)
        return POSTGRES_URL
    return "sqlite:///" + str(tmp_path_factory.mktemp("db") / "feedback-desk.db")


@pytest.fixture(scope="session")
def smtp_server():
    handler = RecordingSMTPHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def smtp(smtp_server) -> RecordingSMTPHandler:
    smtp_server.handler.reset()
    return smtp_server.handler


@pytest.fixture(scope="session")
def app(database_url, smtp_server):
    app = create_app(
        {
            "TESTING": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": smtp_server.port,
            "MAIL_DEFAULT_SENDER": "Acme Outdoor <service@acme-outdoor.example>",
            # The webhook receiver of the tests listens on loopback.
            "WEBHOOK_ALLOW_PRIVATE_NETWORKS": True,
            # Many tests send wrong tokens on purpose from one address; test_limits lowers it.
            "AUTH_FAILURE_LIMIT": "100000 per minute",
            "CREDENTIALS_KEY": TEST_CREDENTIALS_KEY,
        }
    )
    with app.app_context():
        upgrade()
    return app


@pytest.fixture(autouse=True)
def _empty_tables(request):
    """Every test starts from empty tables of the migrated schema."""
    if "app" not in request.fixturenames:
        yield
        return
    app = request.getfixturevalue("app")
    with app.app_context():
        with db.engine.begin() as connection:
            for table in reversed(metadata.sorted_tables):
                connection.execute(table.delete())
    yield


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def seller(app) -> SellerAccount:
    return new_seller(app, "Acme Outdoor")


@pytest.fixture
def other_seller(app) -> SellerAccount:
    return new_seller(app, "Other Shop")


@pytest.fixture
def open_case(client, seller):
    """Open a case through the API and return its JSON."""

    def _open(**overrides) -> dict:
        response = client.post("/v1/cases", json=case_body(**overrides), headers=seller.headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return _open


@pytest.fixture
def worker(app):
    return Worker(app, batch_size=10)


@pytest.fixture
def contacted(client, seller, open_case):
    """A case whose removal request has been queued."""

    def _contacted(**overrides) -> dict:
        case = open_case(**overrides)
        response = client.post(
            f"/v1/cases/{case['id']}/events", json={"event": "contact_customer", **ACTION}, headers=seller.headers
        )
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return _contacted


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


@pytest.fixture
def shipper(app, seller):
    return new_shipper(app, "Cahoot", seller)


@pytest.fixture
def session(app):
    """A plain SQLAlchemy session on the migrated database, outside any Flask context: how the
    use cases are called by anything that is not the API (the worker, the commands, tests)."""
    with app.app_context():
        engine = db.engine
    plain = Session(engine, expire_on_commit=False)
    yield plain
    plain.close()


@pytest.fixture(scope="session")
def amazon_standin():
    server = AmazonStandIn().start()
    yield server
    server.stop()


@pytest.fixture
def amazon(amazon_standin) -> AmazonStandIn:
    """The Amazon stand-in with nothing scripted or recorded."""
    amazon_standin.reset()
    return amazon_standin


@pytest.fixture
def app_calls_amazon(app, amazon):
    """The app's Amazon endpoints pointed at the stand-in for the test."""
    settings = app.config["SETTINGS"]
    app.config["SETTINGS"] = replace(
        settings, amazon_api_endpoint=amazon.url, amazon_token_endpoint=amazon.token_endpoint
    )
    yield amazon
    app.config["SETTINGS"] = settings
