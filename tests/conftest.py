"""Fixtures: one migrated database per test session (SQLite, or PostgreSQL via
TEST_DATABASE_URL), emptied before every test; a Flask test client; seller accounts."""

from __future__ import annotations

import email
import email.policy
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest
from aiosmtpd.controller import Controller
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from api import create_app
from api.extensions import db
from workflow.accounts import create_seller
from workflow.clock import utcnow
from workflow.metadata import metadata

POSTGRES_URL = os.environ.get("TEST_DATABASE_URL")


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


class RecordingSMTPHandler:
    """A real SMTP server's handler (aiosmtpd): keeps what it receives, and refuses on demand."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.received: list[email.message.EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.refuse_recipients: dict[str, str] = {}  # address -> SMTP reply, e.g. "550 no such user"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        if address in self.refuse_recipients:
            return self.refuse_recipients[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        self.received.append(email.message_from_bytes(envelope.original_content, policy=email.policy.default))
        return "250 Message accepted for delivery"


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


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@dataclass
class SellerAccount:
    id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


def _new_seller(app, name: str) -> SellerAccount:
    with app.app_context():
        seller, token = create_seller(db.session(), name)
        return SellerAccount(seller.id, token)


@pytest.fixture
def seller(app) -> SellerAccount:
    return _new_seller(app, "Acme Outdoor")


@pytest.fixture
def other_seller(app) -> SellerAccount:
    return _new_seller(app, "Other Shop")


def days_ago(days: float) -> datetime:
    return utcnow() - timedelta(days=days)


def case_body(**overrides) -> dict:
    body = {
        "order_id": "114-3941689-8772232",
        "rating": 1,
        "comment": "Arrived two weeks late.",
        "published_at": days_ago(3).isoformat(),
        "feedback_types": ["late_delivery"],
        "buyer": {"email": "q7x2mz@marketplace.amazon.com", "name": "Jo Buyer", "language": "en"},
        "marketplace": "US",
    }
    body.update(overrides)
    return body


@pytest.fixture
def open_case(client, seller):
    """Open a case through the API and return its JSON."""

    def _open(**overrides) -> dict:
        response = client.post("/v1/cases", json=case_body(**overrides), headers=seller.headers)
        assert response.status_code == 201, response.get_json()
        return response.get_json()

    return _open
