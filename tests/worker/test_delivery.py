"""Delivery under faults, in process: what is no longer wanted is blocked, a refused
recipient keeps the SMTP session, a failing listener poisons only its own message, a lost
claim cannot record, failed emails can be retried and redelivered webhooks get a new round."""

from __future__ import annotations

import dataclasses
from datetime import timedelta

import pytest

from api.extensions import db
from tests.helpers import ACTION, Receiver, assert_problem, deliveries, free_port, outbox_instant
from worker.runner import Worker
from workflow.clock import utcnow
from workflow.delivery import email as email_delivery
from workflow.delivery import outbox
from workflow.models import OutboxMessage
from workflow.plugins import InstalledListener


@pytest.fixture
def worker(app):
    return Worker(app, batch_size=50)


@pytest.fixture
def contacted(client, seller, open_case):
    def _contacted(n: int = 0, **overrides) -> dict:
        case = open_case(order_id=f"111-0000000-{n:07d}", **overrides)
        response = client.post(
            f"/v1/cases/{case['id']}/events", json={"event": "contact_customer", **ACTION}, headers=seller.headers
        )
        assert response.status_code == 200, response.get_json()
        return response.get_json()

    return _contacted


def get(client, seller, path: str) -> dict:
    response = client.get(path, headers=seller.headers)
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def only_message(client, seller, case_id) -> dict:
    [message] = get(client, seller, f"/v1/cases/{case_id}/messages")["items"]
    return message


@pytest.mark.parametrize(
    "change,reason",
    [
        ({"event": "customer_removed_feedback"}, "the case is closed (removed_by_customer)"),
        ({"event": "close", "resolution": "withdrawn"}, "the case is closed (withdrawn)"),
    ],
)
def test_an_email_of_a_case_closed_meanwhile_is_blocked_not_sent(
    client, seller, contacted, smtp, worker, change, reason
):
    case = contacted()
    assert client.post(f"/v1/cases/{case['id']}/events", json=change, headers=seller.headers).status_code == 200
    worker.run_once(utcnow())
    assert smtp.received == []
    message = only_message(client, seller, case["id"])
    assert message["status"] == "blocked" and message["last_error"].startswith(reason)


def test_an_address_suppressed_meanwhile_is_blocked(client, seller, contacted, smtp, worker):
    case = contacted()
    client.post(
        "/v1/suppressions", json={"email": case["buyer"]["email"], "reason": "complaint"}, headers=seller.headers
    )
    worker.run_once(utcnow())
    assert smtp.received == []
    message = only_message(client, seller, case["id"])
    assert message["status"] == "blocked" and "suppression list" in message["last_error"]


def test_one_refused_recipient_does_not_end_the_smtp_session(client, seller, contacted, smtp, worker):
    cases = [contacted(n, buyer={"email": f"b{n}@marketplace.amazon.com", "language": "en"}) for n in range(12)]
    for n in range(0, 12, 2):
        smtp.refuse_recipients[f"b{n}@marketplace.amazon.com"] = "550 5.1.1 no such mailbox"
    worker.run_once(utcnow())
    statuses = [only_message(client, seller, c["id"])["status"] for c in cases]
    assert statuses == ["failed", "sent"] * 6
    assert len(smtp.received) == 6
    assert len(smtp.sessions) == 1, "every refusal opened a new SMTP session"


def test_each_message_of_a_batch_goes_out_once_to_its_own_buyer(client, seller, contacted, smtp, worker):
    """The next message is rendered while the server answers the one before: none of them
    may go out twice, to another buyer, or under another message's id."""
    cases = [contacted(n, buyer={"email": f"b{n}@marketplace.amazon.com", "language": "en"}) for n in range(7)]
    worker.run_once(utcnow())
    expected = [
        (only_message(client, seller, c["id"])["message_id"], f"b{n}@marketplace.amazon.com")
        for n, c in enumerate(cases)
    ]
    assert sorted((m["Message-ID"], m["To"]) for m in smtp.received) == sorted(expected)


class FailingOn:
    """A listener whose code fails when the worker moves one particular case on."""

    def __init__(self, order_id: str) -> None:
        self.order_id = order_id

    def after_customer_contacted(self, model) -> None:
        if model.order_id == self.order_id:
            raise RuntimeError("the listener's own store is down")


def test_a_failing_listener_while_recording_fails_only_its_message_and_the_worker_goes_on(
    app, client, seller, contacted, smtp, worker, monkeypatch, caplog
):
    cases = [contacted(n) for n in range(6)]
    poisoned = cases[2]
    listener = InstalledListener("flaky", FailingOn(poisoned["order_id"]))
    monkeypatch.setitem(app.config, "SETTINGS", dataclasses.replace(app.config["SETTINGS"], listeners=(listener,)))
    worker.run_once(utcnow())  # returns: the worker survives
    assert len(smtp.received) == 6
    bad = only_message(client, seller, poisoned["id"])
    assert bad["status"] == "failed"
    assert "after the mail server accepted it" in bad["last_error"] and "store is down" in bad["last_error"]
    assert "recording the outcome of message" in caplog.text
    after = get(client, seller, f"/v1/cases/{poisoned['id']}")
    assert after["state"] == "contacting_customer"
    assert after["outreach"]["status"] == "failed" and after["outreach"]["message"] == bad["id"]
    assert "close" in after["allowed_events"]  # never silently stuck
    for case in cases[:2] + cases[3:]:
        assert get(client, seller, f"/v1/cases/{case['id']}")["state"] == "awaiting_removal"
        assert only_message(client, seller, case["id"])["status"] == "sent"
    assert worker.run_once(utcnow()) == 0  # nothing left over, nothing sent twice
    assert len(smtp.received) == 6


def test_a_worker_whose_claim_lapsed_cannot_record_over_the_new_holder(app, contacted):
    contacted()
    settings = app.config["SETTINGS"]
    now = utcnow()
    with app.app_context():
        session = db.session()
        first = email_delivery.claim_due(session, now, 10, settings)
        later = now + timedelta(seconds=settings.outbox_claim_seconds + 1)
        second = email_delivery.claim_due(session, later, 10, settings)  # the first worker hung
        assert [e.id for e in second.emails] == [e.id for e in first.emails]
        [mail] = first.emails
        held = outbox.HeldClaim(session, OutboxMessage, first.claim, [mail.id], outbox.Clock(later), settings)
        assert not held.still_ours(mail.id)  # renewing tells the first worker not to send
        with db.engine.connect() as outcomes:
            recorded = email_delivery.record_outcome(
                outcomes, first.claim, mail, email_delivery.EmailOutcome(), later, settings
            )
            assert recorded is False
            assert session.get(OutboxMessage, mail.id, populate_existing=True).status == "sending"
            session.rollback()
            recorded = email_delivery.record_outcome(
                outcomes, second.claim, mail, email_delivery.EmailOutcome(), later, settings
            )
            assert recorded is True
            assert session.get(OutboxMessage, mail.id, populate_existing=True).status == "sent"
            session.rollback()


def test_a_failed_email_can_be_retried_while_the_window_is_open(client, seller, other_seller, contacted, smtp, worker):
    smtp.refuse_recipients["q7x2mz@marketplace.amazon.com"] = "550 5.1.1 mailbox full"
    case = contacted()
    worker.run_once(utcnow())
    failed = only_message(client, seller, case["id"])
    assert failed["status"] == "failed"
    retry = f"/v1/cases/{case['id']}/messages/{failed['id']}/retry"
    assert "suppression list" in assert_problem(client.post(retry, headers=seller.headers), 409)["detail"]
    assert_problem(client.post(retry, headers=other_seller.headers), 404)
    assert_problem(client.post(f"/v1/cases/{case['id']}/messages/msg_nope/retry", headers=seller.headers), 404)
    client.delete("/v1/suppressions/q7x2mz@marketplace.amazon.com", headers=seller.headers)
    smtp.refuse_recipients.clear()
    response = client.post(retry, headers=seller.headers)
    assert response.status_code == 200 and response.get_json()["status"] == "queued"
    assert get(client, seller, f"/v1/cases/{case['id']}")["outreach"]["status"] == "queued"
    worker.run_once(utcnow())
    assert [m["Message-ID"] for m in smtp.received] == [failed["message_id"]]
    assert get(client, seller, f"/v1/cases/{case['id']}")["state"] == "awaiting_removal"
    again = assert_problem(client.post(retry, headers=seller.headers), 409)
    assert "is sent: only a failed message can be retried" in again["detail"]


def test_a_failed_email_of_a_closed_case_cannot_be_retried(client, seller, contacted, smtp, worker):
    smtp.refuse_recipients["q7x2mz@marketplace.amazon.com"] = "554 5.7.1 rejected"
    case = contacted()
    worker.run_once(utcnow())
    message = only_message(client, seller, case["id"])
    client.post(
        f"/v1/cases/{case['id']}/events", json={"event": "close", "resolution": "withdrawn"}, headers=seller.headers
    )
    body = assert_problem(
        client.post(f"/v1/cases/{case['id']}/messages/{message['id']}/retry", headers=seller.headers), 409
    )
    assert "the case is closed" in body["detail"]


def test_redelivery_starts_a_full_new_round_of_attempts(app, client, seller, open_case):
    receiver = Receiver()
    try:
        hook = client.post(
            "/v1/webhooks", json={"url": receiver.url, "events": ["case.created"]}, headers=seller.headers
        ).get_json()
        receiver.secrets.append(hook["secret"])
        receiver.answers = [(500, {})] * 100
        open_case()
        worker, now = Worker(app), utcnow()
        for _ in range(12):
            worker.run_once(now)
            now += timedelta(hours=11)
        [delivery] = deliveries(client, seller, hook["id"])
        assert (delivery["status"], delivery["attempts"]) == ("failed", 8)  # the first and 7 retries
        redeliver = f"/v1/webhooks/{hook['id']}/deliveries/{delivery['id']}/redeliver"
        assert client.post(redeliver, headers=seller.headers).status_code == 202
        for _ in range(12):
            worker.run_once(now)
            now += timedelta(hours=11)
        [delivery] = deliveries(client, seller, hook["id"])
        assert (delivery["status"], delivery["attempts"]) == ("failed", 8)
        assert len(receiver.received) == 16
    finally:
        receiver.server.shutdown()


def _fail_attempt_log_inserts_for(connection, delivery_id: str) -> None:
    """A real fault in recording: the database refuses the attempt-log row of one delivery."""
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql(
            f"CREATE TRIGGER poison BEFORE INSERT ON webhook_attempts WHEN NEW.delivery_id = '{delivery_id}' "
            "BEGIN SELECT RAISE(ABORT, 'the attempt log refuses this row'); END"
        )
    else:
        connection.exec_driver_sql(
            "CREATE FUNCTION poison() RETURNS trigger AS $$ BEGIN "
            f"IF NEW.delivery_id = '{delivery_id}' THEN RAISE EXCEPTION 'the attempt log refuses this row'; END IF; "
            "RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        connection.exec_driver_sql(
            "CREATE TRIGGER poison BEFORE INSERT ON webhook_attempts FOR EACH ROW EXECUTE FUNCTION poison()"
        )


def _heal_attempt_log(connection) -> None:
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("DROP TRIGGER poison")
    else:
        connection.exec_driver_sql("DROP TRIGGER poison ON webhook_attempts")
        connection.exec_driver_sql("DROP FUNCTION poison()")


def test_a_webhook_whose_attempt_cannot_be_recorded_fails_alone_and_the_worker_goes_on(
    app, client, seller, open_case, caplog
):
    receiver = Receiver()
    try:
        hook = client.post(
            "/v1/webhooks", json={"url": receiver.url, "events": ["case.created"]}, headers=seller.headers
        ).get_json()
        receiver.secrets.append(hook["secret"])
        for n in range(3):
            open_case(order_id=f"111-0000000-{n:07d}")
        poisoned = deliveries(client, seller, hook["id"])[1]["id"]
        with app.app_context(), db.engine.begin() as connection:
            _fail_attempt_log_inserts_for(connection, poisoned)
        try:
            assert Worker(app).run_once(utcnow()) >= 3  # returns: the worker survives
        finally:
            with app.app_context(), db.engine.begin() as connection:
                _heal_attempt_log(connection)
        statuses = {d["id"]: d["status"] for d in deliveries(client, seller, hook["id"])}
        assert statuses.pop(poisoned) == "failed"
        assert list(statuses.values()) == ["delivered", "delivered"]
        assert len(receiver.received) == 3  # each sent once; the poisoned one is not retried
        assert f"recording webhook delivery {poisoned} failed" in caplog.text
        assert Worker(app).run_once(utcnow()) == 0
    finally:
        receiver.server.shutdown()


def test_an_unreachable_endpoint_costs_one_attempt_and_its_other_events_wait_for_the_next(
    app, client, seller, open_case
):
    dead = f"http://127.0.0.1:{free_port()}/hooks"  # nothing listens there
    hook = client.post("/v1/webhooks", json={"url": dead, "events": ["case.created"]}, headers=seller.headers)
    for n in range(4):
        open_case(order_id=f"111-0000000-{n:07d}")
    now = utcnow()
    Worker(app).run_once(now)
    log = deliveries(client, seller, hook.get_json()["id"])
    tried = [d for d in log if d["attempts"]]
    assert len(tried) == 1 and "ConnectionError" in tried[0]["log"][0]["error"]
    waiting = [d for d in log if not d["attempts"]]
    assert len(waiting) == 3 and all(d["status"] == "queued" for d in waiting)
    assert {d["next_attempt_at"] for d in waiting} == {tried[0]["next_attempt_at"]}
    assert 4 <= (outbox_instant(tried[0]["next_attempt_at"]) - now).total_seconds() <= 7
