"""Real worker processes against a real, slow SMTP server and real HTTP receivers: killed with
SIGKILL mid-batch, racing a second worker with claims shorter than a batch, and sharing the
machine with another tenant's endpoint that never answers. Slow: `make test-all` runs them."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import Counter

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from api.extensions import db
from tests.helpers import Receiver, case_body, free_port
from workflow.models import OutboxMessage

pytestmark = pytest.mark.slow
FINAL = ("sent", "failed", "blocked")


class SlowRecordingSMTPHandler:
    """Accepts every message after `delay` seconds and records its Message-ID."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.message_ids: list[str] = []
        self.accepted_at: dict[str, float] = {}

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        await asyncio.sleep(self.delay)
        for line in envelope.original_content.decode(errors="replace").splitlines():
            if line.lower().startswith("message-id:"):
                message_id = line.split(":", 1)[1].strip()
                self.message_ids.append(message_id)
                self.accepted_at.setdefault(message_id, time.monotonic())
                break
        return "250 OK"


@pytest.fixture
def slow_smtp():
    servers = []

    def start(delay: float) -> tuple[SlowRecordingSMTPHandler, int]:
        handler = SlowRecordingSMTPHandler(delay)
        controller = Controller(handler, hostname="127.0.0.1", port=free_port())
        controller.start()
        servers.append(controller)
        return handler, controller.port

    yield start
    for controller in servers:
        controller.stop()


@pytest.fixture
def start_worker(database_url):
    processes: list[subprocess.Popen] = []

    def start(mail_port: int, **settings: str) -> subprocess.Popen:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": str(mail_port),
            "WEBHOOK_ALLOW_PRIVATE_NETWORKS": "true",
            **settings,
        }
        executable = os.path.join(os.path.dirname(sys.executable), "feedback-desk")
        process = subprocess.Popen(
            [executable, "worker", "--poll-seconds", "0.1", "--batch-size", "20"],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        processes.append(process)
        return process

    yield start
    for process in processes:
        if process.poll() is None:
            process.kill()
        process.wait()


def queue_emails(client, seller, open_case, count: int) -> None:
    for n in range(count):
        case = open_case(order_id=f"111-0000000-{n:07d}", feedback_types=["product_review"])
        response = client.post(
            f"/v1/cases/{case['id']}/events", json={"event": "contact_customer"}, headers=seller.headers
        )
        assert response.status_code == 200


def statuses(app) -> dict[str, str]:
    with app.app_context():
        with db.session.begin():
            return dict(db.session.execute(select(OutboxMessage.message_id, OutboxMessage.status)).all())


def wait_until_settled(app, timeout: float) -> dict[str, str]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        now = statuses(app)
        with app.app_context(), db.session.begin():
            pending = db.session.scalar(
                select(func.count()).select_from(OutboxMessage).where(OutboxMessage.effects_pending.is_(True))
            )
        if all(status in FINAL for status in now.values()) and not pending:
            return now
        time.sleep(0.2)
    raise AssertionError(f"not settled: {Counter(statuses(app).values())}")


def test_sigkill_mid_batch_duplicates_at_most_one_message_per_kill_and_loses_none(
    app, client, seller, open_case, slow_smtp, start_worker
):
    queue_emails(client, seller, open_case, 150)
    handler, port = slow_smtp(0.05)  # a batch of 20 takes a second: every kill lands mid-batch
    kills = 0
    rng = random.Random(12)
    for _ in range(6):
        before = len(handler.message_ids)
        worker = start_worker(port, OUTBOX_CLAIM_SECONDS="1")
        deadline = time.monotonic() + 60
        while len(handler.message_ids) == before and time.monotonic() < deadline:
            time.sleep(0.01)  # the worker is up and sending
        time.sleep(rng.uniform(0.0, 0.5))
        worker.send_signal(signal.SIGKILL)
        worker.wait()
        kills += 1
        time.sleep(1.1)  # the dead worker's claim lapses
    sent_before_last_worker = len(set(handler.message_ids))
    start_worker(port, OUTBOX_CLAIM_SECONDS="1")
    final = wait_until_settled(app, timeout=120)

    sent = Counter(handler.message_ids)
    duplicates = sum(copies - 1 for copies in sent.values())
    lost = [m for m, status in final.items() if status == "sent" and m not in sent]
    print(f"\nchaos: {len(final)} messages, {kills} SIGKILLs, {duplicates} duplicates, {len(lost)} lost")
    print(f"chaos: {sent_before_last_worker} sent before the last worker started, final {Counter(final.values())}")
    assert 0 < sent_before_last_worker < len(final), "the kills did not land while the batch was under way"
    assert set(final.values()) == {"sent"}
    assert lost == [] and set(sent) == set(final)
    assert duplicates <= kills
    with app.app_context(), db.session.begin():
        assert Counter(state for (state,) in db.session.execute(select(OutboxMessage.status))) == {"sent": 150}


def test_two_workers_with_a_claim_shorter_than_a_batch_send_each_message_once(
    app, client, seller, open_case, slow_smtp, start_worker
):
    queue_emails(client, seller, open_case, 80)
    handler, port = slow_smtp(0.05)  # a batch of 20 takes about a second, the claim lasts 0.6 s
    start_worker(port, OUTBOX_CLAIM_SECONDS="0.6")
    start_worker(port, OUTBOX_CLAIM_SECONDS="0.6")
    final = wait_until_settled(app, timeout=120)
    sent = Counter(handler.message_ids)
    print(f"\ntwo workers: {len(final)} messages, {sum(sent.values())} sends, {len(sent)} distinct")
    assert set(final.values()) == {"sent"}
    assert sum(sent.values()) == len(sent) == 80


class SilentEndpoint:
    """Accepts connections and never answers (nor closes them)."""

    def __init__(self) -> None:
        self.socket = socket.socket()
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/hooks"
        self.held: list[socket.socket] = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            self.held.append(connection)

    def close(self) -> None:
        self.socket.close()
        for connection in self.held:
            connection.close()


def test_a_tenant_whose_endpoint_never_answers_does_not_delay_another_tenant(
    app, client, seller, other_seller, open_case, slow_smtp, start_worker
):
    silent, receiver = SilentEndpoint(), Receiver()
    try:
        client.post("/v1/webhooks", json={"url": silent.url, "events": ["*"]}, headers=seller.headers)
        for n in range(10):  # ten events, each attempt waits the whole 10 s for an answer
            open_case(order_id=f"111-0000000-{n:07d}", feedback_types=["product_review"])
        hook = client.post("/v1/webhooks", json={"url": receiver.url, "events": ["*"]}, headers=other_seller.headers)
        receiver.secrets.append(hook.get_json()["secret"])
        handler, port = slow_smtp(0.0)
        start_worker(port)
        deadline = time.monotonic() + 60
        while not silent.held and time.monotonic() < deadline:
            time.sleep(0.01)
        time.sleep(0.5)  # the worker is up, its first attempt at the silent endpoint hangs
        started = time.monotonic()
        case = client.post(
            "/v1/cases",
            json=case_body(order_id="222-0000000-0000001", feedback_types=["product_review"]),
            headers=other_seller.headers,
        ).get_json()
        client.post(f"/v1/cases/{case['id']}/events", json={"event": "contact_customer"}, headers=other_seller.headers)
        deadline = started + 8
        while time.monotonic() < deadline and not (
            handler.message_ids and any(r["type"] == "message.sent" for r in receiver.received)
        ):
            time.sleep(0.05)
        assert handler.message_ids, "the other tenant's email did not go out within 8 s"
        email_after = min(handler.accepted_at.values()) - started
        webhook_after = time.monotonic() - started
        print(f"\nfairness: other tenant's email after {email_after:.2f} s, its webhooks by {webhook_after:.2f} s")
        assert [r["type"] for r in receiver.received][:2] == ["case.created", "case.transitioned"]
        assert webhook_after < 5 and email_after < 5
    finally:
        silent.close()
        receiver.server.shutdown()
