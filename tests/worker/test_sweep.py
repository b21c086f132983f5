"""The deadline sweep in the worker, and the worker's command line."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
from datetime import timedelta

from aiosmtpd.controller import Controller
from sqlalchemy import select

from api.extensions import db
from tests.helpers import (
    days_ago,
    free_port,
)
from worker.runner import Worker
from workflow.clock import utcnow
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


def test_cli_dry_run_changes_nothing_then_once_does_the_work(app, client, seller, open_case, smtp):
    lost = open_case(order_id="111-0000000-0000001", published_at=days_ago(61).isoformat())
    review = open_case(order_id="111-0000000-0000002", feedback_types=["product_review"])
    client.post(f"/v1/cases/{review['id']}/events", json={"event": "contact_customer"}, headers=seller.headers)
    runner = app.test_cli_runner()
    dry = runner.invoke(args=["worker", "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert f"expire {lost['id']}" in dry.output and "send msg_" in dry.output
    assert state(client, seller, lost["id"]) == ("new", None) and smtp.received == []
    later = (utcnow() + timedelta(minutes=1)).strftime("%Y-%m-%dT%H:%M:%S")
    done = runner.invoke(args=["worker", "--once", "--as-of", later])
    assert done.exit_code == 0, done.output
    assert state(client, seller, lost["id"]) == ("closed", "expired")
    assert len(smtp.received) == 1


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
