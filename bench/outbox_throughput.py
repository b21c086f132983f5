"""Worker delivery rate against bare Flask-Mail, same messages, same SMTP sink, same run.

Queues N removal requests (N cases in contacting_customer, one outbox message each) in a
fresh SQLite database, starts an aiosmtpd sink in its own process, then times
  1. bare Flask-Mail sending the N messages over one reused connection, and
  2. the worker delivering the N queued messages (claim, send, record, customer_contacted),
and prints messages/s for both and their ratio. Not a test: `make bench`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

SINK = """
import asyncio, sys
from aiosmtpd.controller import Controller
class Discard:
    async def handle_DATA(self, server, session, envelope):
        return "250 OK"
controller = Controller(Discard(), hostname="127.0.0.1", port=int(sys.argv[1]))
controller.start()
print("ready", flush=True)
sys.stdin.read()
controller.stop()
"""


def start_sink(port: int) -> subprocess.Popen:
    sink = subprocess.Popen(
        [sys.executable, "-c", SINK, str(port)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert sink.stdout.readline().strip() == "ready"
    return sink


def queue_messages(app, count: int) -> list:
    from flask_migrate import upgrade
    from sqlalchemy import insert

    from api.extensions import db
    from workflow.accounts import create_seller
    from workflow.clock import utcnow
    from workflow.models import Case, OutboxMessage, new_id
    from workflow.outreach.messages import render_removal_request

    with app.app_context():
        upgrade()
        seller, _ = create_seller(db.session(), "Benchmark Seller")
        now = utcnow()
        published = now - timedelta(days=2)
        rendered = render_removal_request(
            order_id="900-0000000-0000000", feedback_date=published.date(), feedback_types=["late_delivery"],
            seller_name=seller.name,
            buyer_name="Jo Buyer", buyer_language="en", marketplace="US", action_taken="We sent a replacement.",
        )  # fmt: skip
        cases, messages = [], []
        for n in range(count):
            case_id, message_id = new_id("case"), new_id("msg")
            cases.append(
                {
                    "id": case_id, "seller_id": seller.id, "order_id": f"900-0000000-{n:07d}", "rating": 1,
                    "comment": "Late.", "published_at": published, "buyer_email": f"b{n}@marketplace.amazon.com",
                    "feedback_types_csv": "late_delivery", "asserted_grounds_csv": "", "state": "contacting_customer",
                    "customer_removal_by": published + timedelta(days=60),
                    "amazon_removal_by": published + timedelta(days=90),
                    "sweep_at": published + timedelta(days=60), "version": 2, "created_at": now, "updated_at": now,
                }
            )  # fmt: skip
            messages.append(
                {
                    "id": message_id, "seller_id": seller.id, "case_id": case_id, "kind": "email",
                    "recipient": f"b{n}@marketplace.amazon.com", "language": "en", "subject": rendered.subject,
                    "text_body": rendered.text, "html_body": rendered.html,
                    "message_id": f"<{message_id}@bench.localhost>", "status": "queued", "attempts": 0,
                    "next_attempt_at": now, "created_at": now,
                }
            )  # fmt: skip
        db.session.execute(insert(Case), cases)
        db.session.execute(insert(OutboxMessage), messages)
        db.session.commit()
        return messages


def bare_flask_mail(app, messages) -> float:
    from flask_mail import Message

    from api.extensions import mail

    with app.app_context():
        started = time.perf_counter()
        with mail.connect() as connection:
            for m in messages:
                message = Message(subject=m["subject"], recipients=[m["recipient"]], body=m["text_body"],
                                  html=m["html_body"], sender=app.config["MAIL_DEFAULT_SENDER"])  # fmt: skip
                message.msgId = m["message_id"]
                connection.send(message)
        return time.perf_counter() - started


def worker_delivery(app, batch_size: int) -> float:
    from worker.runner import Worker
    from workflow.clock import utcnow

    worker = Worker(app, batch_size=batch_size)
    started = time.perf_counter()
    while worker.run_once(utcnow()):
        pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=100)
    args = parser.parse_args()

    from api import create_app
    from tests.conftest import free_port

    port = free_port()
    sink = start_sink(port)
    workdir = Path(tempfile.mkdtemp(prefix="feedback-desk-outbox-bench-"))
    try:
        app = create_app({
            "SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/bench.db", "MAIL_SERVER": "127.0.0.1",
            "MAIL_PORT": port, "MAIL_DEFAULT_SENDER": "Bench <bench@bench.localhost>",
        })  # fmt: skip
        messages = queue_messages(app, args.messages)
        bare = bare_flask_mail(app, messages)
        worker = worker_delivery(app, args.batch_size)
    finally:
        sink.communicate("")
        shutil.rmtree(workdir, ignore_errors=True)
    bare_rate, worker_rate = args.messages / bare, args.messages / worker
    print(f"{args.messages} messages, SQLite, aiosmtpd sink in its own process, {os.cpu_count()} cores")
    print(f"bare Flask-Mail, one connection  {bare_rate:8.0f} messages/s")
    print(f"worker (batch {args.batch_size:3d})              {worker_rate:8.0f} messages/s")
    print(f"ratio worker/bare                {worker_rate / bare_rate:8.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
