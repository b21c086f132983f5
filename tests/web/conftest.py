"""Fixtures of the web app: people who signed in, and a browser-like client that sends the
form's CSRF token."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest

from api.extensions import db
from tests.helpers import forget_failures
from workflow.accounts import create_shipper, link_shipper
from workflow.clock import utcnow
from workflow.people import invites
from workflow.people.models import SELLER, SHIPPER

PASSWORD = "correct horse battery"
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@pytest.fixture(autouse=True)
def _fresh_limits(request):
    if "app" in request.fixturenames:
        forget_failures(request.getfixturevalue("app"))


def csrf_token(html: str) -> str:
    match = _CSRF.search(html)
    assert match, "the page has no form with a CSRF token"
    return match.group(1)


class Browser:
    """A test client that fills in the CSRF token of the page it last read, as a browser does."""

    def __init__(self, client) -> None:
        self.client = client
        self.token: str | None = None

    def get(self, url: str, **kwargs):
        response = self.client.get(url, **kwargs)
        if "csrf_token" in response.get_data(as_text=True):
            self.token = csrf_token(response.get_data(as_text=True))
        return response

    def post(self, url: str, data: dict | None = None, **kwargs):
        if self.token is None:
            self.get("/app/sign-in")
        response = self.client.post(url, data={"csrf_token": self.token, **(data or {})}, **kwargs)
        if "csrf_token" in response.get_data(as_text=True):
            self.token = csrf_token(response.get_data(as_text=True))
        return response

    def sign_in(self, email: str, password: str = PASSWORD):
        self.get("/app/sign-in")
        return self.post("/app/sign-in", {"email": email, "password": password})


def add_person(app, kind: str, account_id: str, email: str, password: str = PASSWORD) -> str:
    with app.app_context():
        _, token = invites.invite(db.session(), email, kind, account_id, utcnow())
        invites.accept(db.session(), token, password, password, utcnow())
    return email


@pytest.fixture
def browser(client) -> Browser:
    return Browser(client)


@pytest.fixture
def seller_browser(app, seller) -> Browser:
    add_person(app, SELLER, seller.id, "ana@acme-outdoor.example")
    browser = Browser(app.test_client())
    assert browser.sign_in("ana@acme-outdoor.example").status_code == 302
    return browser


@dataclass
class ShipperAccount:
    id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def shipper(app, seller) -> ShipperAccount:
    with app.app_context():
        account, token = create_shipper(db.session(), "Cahoot East")
        link_shipper(db.session(), account.id, seller.id)
    return ShipperAccount(account.id, token)


@pytest.fixture
def shipper_browser(app, shipper) -> Browser:
    add_person(app, SHIPPER, shipper.id, "sam@cahoot.example")
    browser = Browser(app.test_client())
    assert browser.sign_in("sam@cahoot.example").status_code == 302
    return browser
