"""Webhook deliveries per second from one worker, against a plain `requests` loop posting the
same bodies to the same local receiver, in the same run.

Queues N deliveries (one endpoint, N cases, so no per-case ordering holds any back) in a
fresh SQLite database, starts a keep-alive HTTP receiver that answers 204 in its own
process, then times
  1. a plain loop: one requests.Session, POST each payload, and
  2. the worker: claim, check the URL, sign, POST, record the attempt and the outcome,
and prints both rates and their ratio (target >= 0.7). Not a test: `make bench`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

RECEIVER = """
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        self.rfile.read(int(self.headers["Content-Length"]))
        self.send_response(204)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
server = HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_port, flush=True)
server.serve_forever()
"""


def queue_deliveries(app, count: int, url: str) -> list[str]:
    from flask_migrate import upgrade
    from sqlalchemy import insert

    from api.extensions import db
    from workflow.accounts import create_seller
    from workflow.clock import utcnow
    from workflow.models import WebhookDelivery, WebhookEndpoint, new_id
    from workflow.webhooks import endpoints

    with app.app_context():
        upgrade()
        seller, _ = create_seller(db.session(), "Benchmark Seller")
        endpoint = endpoints.create_endpoint(db.session(), seller.id, url, ["*"], True, app.config["SETTINGS"])
        now = utcnow()
        payload = (
            '{"type": "case.transitioned", "timestamp": "2026-11-26T10:00:00Z", '
            '"data": {"id": "%s", "state": "closed"}}'
        )
        rows = [
            {
                "id": new_id("msg"), "endpoint_id": endpoint.id, "seller_id": seller.id, "case_id": f"case_{n:028x}",
                "event_type": "case.transitioned", "payload": payload % f"case_{n:028x}", "status": "queued",
                "attempts": 0, "next_attempt_at": now, "created_at": now,
            }
            for n in range(count)
        ]  # fmt: skip
        db.session.execute(insert(WebhookDelivery), rows)
        db.session.commit()
        assert db.session.get(WebhookEndpoint, endpoint.id).enabled
        return [row["payload"] for row in rows]


def plain_requests(url: str, payloads: list[str]) -> float:
    import requests

    http = requests.Session()
    started = time.perf_counter()
    for payload in payloads:
        response = http.post(url, data=payload.encode(), headers={"content-type": "application/json"}, timeout=10)
        assert response.status_code == 204
    return time.perf_counter() - started


def worker_delivery(app, batch_size: int) -> float:
    from worker.runner import Worker
    from workflow.clock import utcnow

    worker = Worker(app, batch_size=batch_size)
    started = time.perf_counter()
    with app.app_context():
        while worker.deliver_webhooks(utcnow()):
            pass
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deliveries", type=int, default=3000)
    parser.add_argument("--batch-size", type=int, default=100)
    args = parser.parse_args()

    from api import create_app

    receiver = subprocess.Popen([sys.executable, "-c", RECEIVER], stdout=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{receiver.stdout.readline().strip()}/hooks"
    workdir = Path(tempfile.mkdtemp(prefix="feedback-desk-webhook-bench-"))
    try:
        app = create_app(
            {"SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/bench.db", "WEBHOOK_ALLOW_PRIVATE_NETWORKS": True}
        )
        payloads = queue_deliveries(app, args.deliveries, url)
        plain = plain_requests(url, payloads)
        worker = worker_delivery(app, args.batch_size)
    finally:
        receiver.terminate()
        shutil.rmtree(workdir, ignore_errors=True)
    plain_rate, worker_rate = args.deliveries / plain, args.deliveries / worker
    print(f"{args.deliveries} deliveries, SQLite, keep-alive receiver in its own process, {os.cpu_count()} cores")
    print(f"plain requests loop, one session  {plain_rate:8.0f} deliveries/s")
    print(f"worker (batch {args.batch_size:3d})               {worker_rate:8.0f} deliveries/s")
    print(f"ratio worker/plain                {worker_rate / plain_rate:8.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
