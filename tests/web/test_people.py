"""People: invitations, passwords, sign-in, sessions, API tokens, /v1/me, account listings."""

from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select

from api.extensions import db
from tests.web.conftest import PASSWORD, Browser, add_person
from workflow.clock import utcnow
from workflow.people import invites
from workflow.people.models import SELLER, Invite, Person

LINK = re.compile(r"http://[^\s<]+/app/invite/([\w-]+)")


def _invite_from_cli(app, *args) -> str:
    result = app.test_cli_runner().invoke(args=["users", "invite", *args])
    assert result.exit_code == 0, result.output
    return LINK.search(result.output).group(1)


def test_cli_invite_set_password_then_sign_in(app, seller, browser):
    token = _invite_from_cli(app, "Ana@Acme-Outdoor.example", "--seller", seller.id)

    page = browser.get(f"/app/invite/{token}")
    assert page.status_code == 200 and "ana@acme-outdoor.example" in page.get_data(as_text=True)
    done = browser.post(f"/app/invite/{token}", {"password": PASSWORD, "password_again": PASSWORD})
    assert done.status_code == 302

    assert browser.sign_in("ana@acme-outdoor.example").status_code == 302
    inbox = browser.get("/app/")
    assert inbox.status_code == 200 and "Inbox" in inbox.get_data(as_text=True)


def test_the_invitation_token_is_stored_hashed_and_works_once(app, seller, browser):
    token = _invite_from_cli(app, "ana@acme-outdoor.example", "--seller", seller.id)
    with app.app_context():
        stored = db.session().scalars(select(Invite.token_hash)).all()
    assert token not in stored and len(stored) == 1

    browser.get(f"/app/invite/{token}")
    browser.post(f"/app/invite/{token}", {"password": PASSWORD, "password_again": PASSWORD})
    again = browser.get(f"/app/invite/{token}")
    assert again.status_code == 410
    assert "used already" in again.get_data(as_text=True)


def test_an_invitation_expires_after_24_hours(app, seller):
    with app.app_context():
        _, token = invites.invite(
            db.session(), "ana@acme-outdoor.example", SELLER, seller.id, utcnow() - timedelta(hours=25)
        )
    page = Browser(app.test_client()).get(f"/app/invite/{token}")
    assert page.status_code == 410 and "expired" in page.get_data(as_text=True)


def test_a_short_or_mismatched_password_is_refused_next_to_its_field(app, seller, browser):
    token = _invite_from_cli(app, "ana@acme-outdoor.example", "--seller", seller.id)
    browser.get(f"/app/invite/{token}")
    short = browser.post(f"/app/invite/{token}", {"password": "short", "password_again": "short"})
    assert short.status_code == 422
    assert 'id="password-error"' in short.get_data(as_text=True)
    assert "at least 10 characters" in short.get_data(as_text=True)
    mismatch = browser.post(f"/app/invite/{token}", {"password": PASSWORD, "password_again": PASSWORD + "x"})
    assert mismatch.status_code == 422 and "does not match" in mismatch.get_data(as_text=True)
    with app.app_context():
        assert db.session().scalar(select(Person.password_hash)) is None


def test_passwords_are_stored_as_argon2_hashes(app, seller):
    add_person(app, SELLER, seller.id, "ana@acme-outdoor.example")
    with app.app_context():
        stored = db.session().scalar(select(Person.password_hash))
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_cli_invite_needs_exactly_one_account_and_a_real_one(app, seller):
    runner = app.test_cli_runner()
    neither = runner.invoke(args=["users", "invite", "ana@acme-outdoor.example"])
    assert neither.exit_code != 0 and "exactly one" in neither.output
    unknown = runner.invoke(args=["users", "invite", "ana@acme-outdoor.example", "--seller", "sel_nope"])
    assert unknown.exit_code == 1 and "no seller 'sel_nope'" in unknown.output
    assert "Traceback" not in unknown.output


def test_wrong_password_is_refused_without_saying_which_part_was_wrong(app, seller, browser):
    add_person(app, SELLER, seller.id, "ana@acme-outdoor.example")
    wrong = browser.sign_in("ana@acme-outdoor.example", "not the password")
    unknown = browser.sign_in("nobody@acme-outdoor.example", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    assert "the email address or the password is not right" in wrong.get_data(as_text=True)
    assert browser.get("/app/").status_code == 302


def test_failed_sign_ins_are_rate_limited_but_successful_ones_are_not(app, seller, browser):
    add_person(app, SELLER, seller.id, "ana@acme-outdoor.example")
    for _ in range(3):
        assert browser.sign_in("ana@acme-outdoor.example").status_code == 302
    for _ in range(5):
        assert browser.sign_in("ana@acme-outdoor.example", "guess").status_code == 401
    limited = browser.sign_in("ana@acme-outdoor.example")
    assert limited.status_code == 429
    assert "Too many failed sign-ins" in limited.get_data(as_text=True)


def test_forms_without_the_csrf_token_are_refused(app, seller_browser):
    response = seller_browser.client.post("/app/settings/tokens", data={"label": "sync"})
    assert response.status_code == 400
    assert "reload the page" in response.get_data(as_text=True)


def test_pages_need_a_signed_in_person(client):
    response = client.get("/app/")
    assert response.status_code == 302 and "/app/sign-in" in response.headers["Location"]


def test_sign_out_everywhere_ends_every_session(app, seller):
    add_person(app, SELLER, seller.id, "ana@acme-outdoor.example")
    laptop, phone = Browser(app.test_client()), Browser(app.test_client())
    laptop.sign_in("ana@acme-outdoor.example")
    phone.sign_in("ana@acme-outdoor.example")
    assert phone.get("/app/").status_code == 200

    laptop.get("/app/settings")
    assert laptop.post("/app/sign-out-everywhere").status_code == 302
    assert phone.get("/app/").status_code == 302
    assert laptop.get("/app/").status_code == 302


def test_tokens_are_made_with_a_label_shown_once_used_and_revoked(app, client, seller_browser):
    page = seller_browser.post("/app/settings/tokens", {"label": "order sync"})
    assert page.status_code == 201
    token = re.search(r'<code id="new-token">(fd_[^<]+)</code>', page.get_data(as_text=True)).group(1)

    me = client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert me.status_code == 200 and me.get_json()["kind"] == "seller" and me.get_json()["name"] == "Acme Outdoor"

    settings = seller_browser.get("/app/settings").get_data(as_text=True)
    assert "order sync" in settings and token not in settings and "never" not in settings.split("order sync")[1][:300]

    digest = re.search(
        r'name="token" value="([0-9a-f]{64})"[^>]*>\s*<button[^>]*aria-label="Revoke order sync', settings
    )
    assert seller_browser.post("/app/settings/tokens/revoke", {"token": digest.group(1)}).status_code == 302
    assert client.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401


def test_a_token_label_is_required(seller_browser):
    page = seller_browser.post("/app/settings/tokens", {"label": "  "})
    assert page.status_code == 422 and 'id="label-error"' in page.get_data(as_text=True)


def test_v1_me_for_a_shipper_token_and_without_a_token(client, shipper):
    me = client.get("/v1/me", headers=shipper.headers)
    assert me.get_json() == {"id": shipper.id, "name": "Cahoot East", "kind": "shipper"}
    refused = client.get("/v1/me")
    assert refused.status_code == 401 and refused.mimetype == "application/problem+json"


def test_the_api_neither_reads_nor_sends_the_web_session(seller_browser):
    """A signed-in browser's cookie does not authenticate an API call, and no API answer
    carries a cookie: sessions belong to the web app."""
    refused = seller_browser.client.get("/v1/cases")
    assert refused.status_code == 401 and "Set-Cookie" not in refused.headers
    assert "Set-Cookie" not in seller_browser.client.get("/healthz").headers
    assert seller_browser.get("/app/").status_code == 200


def test_sellers_and_shippers_list_their_ids(app, seller, shipper):
    runner = app.test_cli_runner()
    assert f"{seller.id}\tAcme Outdoor" in runner.invoke(args=["sellers", "list"]).output
    assert f"{shipper.id}\tCahoot East" in runner.invoke(args=["shippers", "list"]).output


def test_people_invite_colleagues_from_settings(app, seller_browser):
    page = seller_browser.post("/app/settings/people", {"email": "ben@acme-outdoor.example"})
    assert page.status_code == 201
    token = LINK.search(page.get_data(as_text=True)).group(1)
    newcomer = Browser(app.test_client())
    newcomer.get(f"/app/invite/{token}")
    newcomer.post(f"/app/invite/{token}", {"password": PASSWORD, "password_again": PASSWORD})
    assert newcomer.sign_in("ben@acme-outdoor.example").status_code == 302


def test_a_person_with_a_password_cannot_be_invited_again(seller_browser):
    page = seller_browser.post("/app/settings/people", {"email": "ana@acme-outdoor.example"})
    assert page.status_code == 409 and "has an account already" in page.get_data(as_text=True)


def test_sign_in_returns_only_to_a_page_of_this_app(app, seller, browser):
    add_person(app, SELLER, seller.id, "ana@acme-outdoor.example")
    browser.get("/app/sign-in")
    inside = browser.post(
        "/app/sign-in?next=/app/insights", {"email": "ana@acme-outdoor.example", "password": PASSWORD}
    )
    assert inside.headers["Location"].endswith("/app/insights")
    browser.get("/app/sign-in")
    outside = browser.post(
        "/app/sign-in?next=//evil.example/app/", {"email": "ana@acme-outdoor.example", "password": PASSWORD}
    )
    assert outside.headers["Location"] == "/app/"


def test_the_api_records_when_a_token_was_last_used(app, client, seller, seller_browser):
    before = seller_browser.get("/app/settings").get_data(as_text=True)
    assert "never" in before
    assert client.get("/v1/me", headers=seller.headers).status_code == 200
    after = seller_browser.get("/app/settings").get_data(as_text=True)
    assert "never" not in after
