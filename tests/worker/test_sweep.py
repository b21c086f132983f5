"""The deadline sweep in the worker, and the worker's command line."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from datetime import datetime, timedelta

from aiosmtpd.controller import Controller
from sqlalchemy import select

from api.extensions import db
from tests.helpers import ask, days_ago, deliveries, free_port
from worker.runner import Worker
from workflow.clock import utcnow
from workflow.metadata import metadata
from workflow.models import Case


def state(client, seller, case_id) -> tuple[str, str | None]:
    case = client.get(f"/v1/cases/{case_id}", headers=seller.headers).get_json()
    return case["state"], case["outcome"]


def test_sweep_expires_exactly_the_hopeless_cases(app, client, seller, open_case):
    service_lost = open_case(order_id="111-0000000-0000001", published_at=days_ago(61).isoformat())
    service_alive = open_case(order_id="111-0000000-0000002", published_at=days_ago(59).isoformat())
    review_alive = open_case(
        order_id="111-0000000-0000003", feedback_types=["product_review"], published_at=days_ago(61).isoformat()
    )
    asserted_alive = open_case(
        order_id="111-0000000-0000004", published_at=days_ago(61).isoformat(), asserted_grounds=["obscene_language"]
    )
    Worker(app).run_once(utcnow())
    assert state(client, seller, service_lost["id"]) == ("closed", "expired")
    for alive in (service_alive, review_alive, asserted_alive):
        assert state(client, seller, alive["id"]) == ("new", None)
    history = client.get(f"/v1/cases/{service_lost['id']}/history", headers=seller.headers).get_json()["items"]
    assert [(h["event"], h["actor"], h["note"]) for h in history] == [("expire", "system", "deadline sweep")]


def test_an_expiry_with_a_webhook_endpoint_raises_the_version_once_and_says_so(
    app, client, seller, open_case, endpoint, receiver
):
    endpoint()
    lost = open_case(order_id="111-0000000-0000001", published_at=days_ago(61).isoformat())
    Worker(app).run_once(utcnow())  # the sweep expires it, emitting case.transitioned and case.closed
    Worker(app).run_once(utcnow())  # and those are delivered
    after = client.get(f"/v1/cases/{lost['id']}", headers=seller.headers).get_json()
    assert (after["state"], after["version"]) == ("closed", lost["version"] + 1)
    closed = [r["data"] for r in receiver.received if r["type"] == "case.closed"]
    assert [(data["id"], data["outcome"], data["version"]) for data in closed] == [
        (lost["id"], "expired", after["version"])
    ]


def test_sweep_as_of_a_later_instant_and_amazon_requests_are_left_alone(app, client, seller, open_case):
    review = open_case(
        order_id="111-0000000-0000001", feedback_types=["product_review"], published_at=days_ago(70).isoformat()
    )
    requested = open_case(
        order_id="111-0000000-0000002",
        feedback_types=["product_review"],
        published_at=days_ago(70).isoformat(),
        buyer=None,
    )
    client.post(f"/v1/cases/{requested['id']}/events", json={"event": "request_amazon_removal"}, headers=seller.headers)
    Worker(app).run_once(utcnow() + timedelta(days=21))
    assert state(client, seller, review["id"]) == ("closed", "expired")
    assert state(client, seller, requested["id"]) == ("amazon_removal_requested", None)


def test_asserting_grounds_moves_the_sweep_to_amazons_deadline(app, client, seller, open_case):
    case = open_case(published_at=days_ago(50).isoformat())
    client.patch(f"/v1/cases/{case['id']}", json={"asserted_grounds": ["personal_information"]}, headers=seller.headers)
    with app.app_context():
        sweep_at = db.session().scalar(select(Case.sweep_at).where(Case.id == case["id"]))
    assert sweep_at.isoformat().replace("+00:00", "Z") == case["deadlines"]["amazon_removal_by"]


def _every_row(app) -> dict[str, list]:
    """Every row of every table: what a dry run must leave as it found it."""
    with app.app_context():
        session = db.session()
        rows = {t.name: sorted(map(tuple, session.execute(t.select()).all()), key=repr) for t in metadata.sorted_tables}
        session.rollback()
    return rows


def test_dry_run_lists_everything_a_run_does_and_changes_nothing(
    app, client, seller, open_case, smtp, receiver, endpoint, shipper
):
    hook = endpoint()
    lost = open_case(order_id="111-0000000-0000001", published_at=days_ago(61).isoformat())
    noticed = open_case(order_id="111-0000000-0000002", published_at=days_ago(55).isoformat())
    contacted = open_case(order_id="111-0000000-0000003", feedback_types=["product_review"])
    client.post(f"/v1/cases/{contacted['id']}/events", json={"event": "contact_customer"}, headers=seller.headers)
    [message] = client.get(f"/v1/cases/{contacted['id']}/messages", headers=seller.headers).get_json()["items"]
    asked = open_case(order_id="111-0000000-0000004")
    request = ask(client, seller, asked["id"]).get_json()
    queued_webhooks = [d["id"] for d in deliveries(client, seller, hook["id"])]
    respond_by = datetime.fromisoformat(request["respond_by"].replace("Z", "+00:00"))
    as_of = (respond_by + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S")
    before = _every_row(app)

    runner = app.test_cli_runner()
    dry = runner.invoke(args=["worker", "--once", "--dry-run", "--as-of", as_of])
    assert dry.exit_code == 0, dry.output
    lines = dry.output.splitlines()
    assert f"send {message['id']} to q7x2mz@marketplace.amazon.com: {message['subject']!r} (attempt 1)" in lines
    assert sorted(line.split()[2] for line in lines if line.startswith("deliver webhook ")) == sorted(queued_webhooks)
    assert [line.split()[1] for line in lines if line.startswith("expire ")] == [lost["id"]]
    assert {line.split()[1] for line in lines if line.startswith("notify ")} == {noticed["id"]}
    assert any(
        line.startswith(f"mark documentation request {request['id']} (case {asked['id']}) overdue") for line in lines
    )
    assert _every_row(app) == before and smtp.received == [] and receiver.received == []

    done = runner.invoke(args=["worker", "--once", "--as-of", as_of])
    assert done.exit_code == 0, done.output
    assert [m["Message-ID"] for m in smtp.received] == [message["message_id"]]
    assert state(client, seller, lost["id"]) == ("closed", "expired")
    overdue = client.get(f"/v1/cases/{asked['id']}/documentation-requests", headers=seller.headers).get_json()["items"]
    assert [r["status"] for r in overdue] == ["overdue"]
    arrived = {(r["type"], r["data"]["id"]) for r in receiver.received}
    assert {
        ("case.closed", lost["id"]),
        ("case.deadline_approaching", noticed["id"]),
        ("documentation.overdue", asked["id"]),
    } <= arrived
    assert set(queued_webhooks) <= {r["id"] for r in receiver.received}
    again = runner.invoke(args=["worker", "--once", "--dry-run", "--as-of", as_of])
    assert again.output.splitlines() == ["nothing is due"]


class SlowSMTPHandler:
    """Takes two seconds to accept a message, and says when one is in hand."""

    def __init__(self) -> None:
        self.in_hand = threading.Event()
        self.accepted = 0

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.in_hand.set()
        await asyncio.sleep(2)
        self.accepted += 1
        return "250 OK"


def test_sigterm_finishes_the_message_in_hand_then_exits(database_url, client, seller, open_case):
    case = open_case(feedback_types=["product_review"])
    client.post(f"/v1/cases/{case['id']}/events", json={"event": "contact_customer"}, headers=seller.headers)
    handler = SlowSMTPHandler()
    slow = Controller(handler, hostname="127.0.0.1", port=free_port())
    slow.start()
    try:
        env = {**os.environ, "DATABASE_URL": database_url, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": str(slow.port)}
        executable = os.path.join(os.path.dirname(sys.executable), "feedback-desk")
        process = subprocess.Popen([executable, "worker", "--poll-seconds", "0.2"], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT)  # fmt: skip
        assert handler.in_hand.wait(timeout=30), "the worker never sent the message"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0, process.stdout.read()
    finally:
        slow.stop()
    assert handler.accepted == 1
    [message] = client.get(f"/v1/cases/{case['id']}/messages", headers=seller.headers).get_json()["items"]
    assert message["status"] == "sent"
    assert state(client, seller, case["id"]) == ("awaiting_removal", None)
