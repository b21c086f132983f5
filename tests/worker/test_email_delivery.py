"""The worker delivers removal-request emails through a real SMTP server (aiosmtpd): once,
retrying with backoff, giving up, suppressing bounced addresses, and moving the case on."""

from __future__ import annotations

import threading
from datetime import timedelta

from api.extensions import db
from tests.helpers import (
    free_port,
    get_case,
    messages,
    outbox_instant,
)
from worker.runner import Worker
from workflow.clock import utcnow
from workflow.delivery import email as email_delivery


def test_worker_delivers_once_and_moves_the_case_on(client, seller, contacted, smtp, worker):
    case = contacted()
    worker.run_once(utcnow())
    worker.run_once(utcnow())
    [received] = smtp.received
    [message] = messages(client, seller, case["id"])
    assert message["status"] == "sent" and message["sent_at"]
    assert received["Message-ID"] == message["message_id"]
    assert received["To"] == "q7x2mz@marketplace.amazon.com"
    assert "114-3941689-8772232" in received["Subject"]
    assert received.get_body(("plain",)).get_content().startswith("Dear Jo Buyer,")
    assert "<p" in received.get_body(("html",)).get_content()
    after = get_case(client, seller, case["id"])
    assert (after["state"], after["outreach"]["status"]) == ("awaiting_removal", "sent")
    history = client.get(f"/v1/cases/{case['id']}/history", headers=seller.headers).get_json()["items"]
    assert [(h["event"], h["actor"]) for h in history] == [
        ("contact_customer", "seller"),
        ("customer_contacted", "system"),
    ]


def test_message_is_in_the_buyers_language(client, seller, contacted, smtp, worker):
    contacted(buyer={"email": "k@marketplace.amazon.de", "language": "de"}, marketplace="DE")
    worker.run_once(utcnow())
    [received] = smtp.received
    assert received["Subject"].startswith("Ihre Bestellung 114-3941689-8772232")


def test_hostile_buyer_name_never_becomes_a_header_or_markup(client, seller, contacted, smtp, worker):
    name = "Jo\r\nX-Injected: yes\r\n\r\n<b>bold</b> 山田 " + "ü" * 150
    contacted(buyer={"email": "y@marketplace.amazon.com", "name": name, "language": "en"})
    worker.run_once(utcnow())
    [received] = smtp.received
    assert received["X-Injected"] is None
    assert smtp.envelopes[0][1] == ["y@marketplace.amazon.com"]
    plain = received.get_body(("plain",)).get_content()
    assert plain.startswith("Dear Jo X-Injected: yes <b>bold</b> 山田 üüü")
    html = received.get_body(("html",)).get_content()
    assert "<b>bold</b>" not in html and "&lt;b&gt;bold&lt;/b&gt; 山田" in html


def test_mail_server_down_loses_nothing_and_sends_once_it_is_back(
    app, client, seller, contacted, smtp, worker, monkeypatch
):
    case = contacted()
    mail_state = app.extensions["mail"]
    monkeypatch.setattr(mail_state, "port", free_port())  # nothing listens there
    start = utcnow()
    for minute in range(0, 10):
        worker.run_once(start + timedelta(minutes=minute))
    [message] = messages(client, seller, case["id"])
    assert message["status"] == "queued" and message["attempts"] >= 2
    assert "cannot reach the mail server" in message["last_error"]
    assert get_case(client, seller, case["id"])["state"] == "contacting_customer"
    monkeypatch.undo()
    worker.run_once(start + timedelta(hours=2))
    assert len(smtp.received) == 1
    assert messages(client, seller, case["id"])[0]["status"] == "sent"


def test_permanent_rejection_fails_at_once_and_suppresses_the_address(client, seller, contacted, smtp, worker):
    smtp.refuse_recipients["q7x2mz@marketplace.amazon.com"] = "550 5.1.1 no such mailbox"
    case = contacted()
    worker.run_once(utcnow())
    worker.run_once(utcnow() + timedelta(days=1))
    [message] = messages(client, seller, case["id"])
    assert (message["status"], message["attempts"]) == ("failed", 1)
    assert "550" in message["last_error"]
    after = get_case(client, seller, case["id"])
    assert after["state"] == "contacting_customer"
    assert after["outreach"] == {"status": "failed", "error": message["last_error"], "message": message["id"]}
    assert after["buyer"]["suppressed"] is True
    suppressions = client.get("/v1/suppressions", headers=seller.headers).get_json()["items"]
    assert [(s["email"], s["reason"]) for s in suppressions] == [("q7x2mz@marketplace.amazon.com", "bounce")]


def test_temporary_rejection_is_retried_with_backoff_until_the_customer_window_closes(
    client, seller, contacted, smtp, worker
):
    smtp.refuse_recipients["q7x2mz@marketplace.amazon.com"] = "451 4.3.0 try again later"
    case = contacted()
    window_closes = outbox_instant(case["deadlines"]["customer_removal_by"])
    now = utcnow()
    worker.run_once(now)
    first = messages(client, seller, case["id"])[0]
    assert (first["status"], first["attempts"]) == ("queued", 1)
    delay = (outbox_instant(first["next_attempt_at"]) - now).total_seconds()
    assert 15 <= delay <= 30  # base 30 s, jitter in the upper half
    worker.run_once(now)  # not due yet: nothing happens
    assert messages(client, seller, case["id"])[0]["attempts"] == 1
    for days in (1, 10, 30):  # weeks of outage: still queued, an hour apart at most
        worker.run_once(now + timedelta(days=days))
        message = messages(client, seller, case["id"])[0]
        assert message["status"] == "queued"
        assert outbox_instant(message["next_attempt_at"]) - (now + timedelta(days=days)) <= timedelta(hours=1)
    worker.run_once(window_closes - timedelta(minutes=5))
    last_chance = outbox_instant(messages(client, seller, case["id"])[0]["next_attempt_at"])
    assert window_closes - timedelta(minutes=2) <= last_chance < window_closes  # capped to the window's end
    worker.run_once(last_chance)
    last = messages(client, seller, case["id"])[0]
    assert (last["status"], last["attempts"]) == ("failed", 6)
    assert "451" in last["last_error"] and "window closes" in last["last_error"]
    assert smtp.received == []


def test_two_workers_at_once_send_every_message_exactly_once(app, client, seller, open_case, smtp):
    cases = [open_case(order_id=f"111-0000000-{n:07d}", feedback_types=["product_review"]) for n in range(12)]
    for case in cases:
        client.post(f"/v1/cases/{case['id']}/events", json={"event": "contact_customer"}, headers=seller.headers)
    barrier = threading.Barrier(2)

    def drain():
        worker = Worker(app, batch_size=3)
        barrier.wait()
        while worker.run_once(utcnow()):
            pass

    threads = [threading.Thread(target=drain) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=60)
    ids = sorted(m["Message-ID"] for m in smtp.received)
    assert len(ids) == 12 and len(set(ids)) == 12


def test_a_worker_that_dies_holding_a_claim_loses_nothing(app, client, seller, contacted, smtp, worker):
    case = contacted()
    now = utcnow()
    with app.app_context():
        batch = email_delivery.claim_due(db.session(), now, 10, app.config["SETTINGS"])  # ...and then the worker dies
    assert len(batch.emails) == 1
    worker.run_once(now)
    assert smtp.received == []  # the claim still holds
    worker.run_once(now + timedelta(seconds=app.config["SETTINGS"].outbox_claim_seconds + 1))
    assert [m["Message-ID"] for m in smtp.received] == [messages(client, seller, case["id"])[0]["message_id"]]


def test_opting_out_after_queueing_blocks_the_message(client, seller, contacted, smtp, worker):
    case = contacted()
    client.patch(f"/v1/cases/{case['id']}", json={"buyer": {"opted_out": True}}, headers=seller.headers)
    worker.run_once(utcnow())
    assert smtp.received == []
    [message] = messages(client, seller, case["id"])
    assert message["status"] == "blocked" and "opted out" in message["last_error"]
    assert get_case(client, seller, case["id"])["outreach"]["status"] == "blocked"
