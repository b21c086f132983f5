"""CPU per request, in-process: the steadier figure next to bench/api_throughput.py.

Serves the requests bench/api_throughput.py sends, with the same bodies, through the Flask test client in one
thread, and measures the process's own CPU time (`time.process_time`), so other work on the
machine moves the figures less than it moves wrk's. Each endpoint is measured in blocks of
--requests requests after a warm-up; the table shows the least block, per request, and the
ratio of bare Flask's CPU per request to the endpoint's (a request's CPU is what bounds a
worker; the test client costs more per request than gunicorn, so these ratios run lower
than the throughput ratios), and the least wall time per request. Not a test: `.venv/bin/python
bench/request_cpu.py --help`.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.api_throughput import prepare_database  # noqa: E402
from bench.case_rows import scratch_database  # noqa: E402

EVENTS = {
    "close": {"event": "close", "resolution": "resolved"},
    "contact_customer": {"event": "contact_customer", "action_taken": "We sent a replacement."},
}


def least_block(request: Callable[[int], object], requests: int, blocks: int, warm_up: int) -> tuple[float, float]:
    """The least CPU and wall milliseconds per request over `blocks` blocks; request(i) serves
    the i-th. On PostgreSQL the wall time includes the server's work and the round trips."""
    served = 0
    for _ in range(warm_up):
        request(served)
        served += 1
    best_cpu = best_wall = float("inf")
    for _ in range(blocks):
        cpu_started, wall_started = time.process_time(), time.perf_counter()
        for _ in range(requests):
            request(served)
            served += 1
        best_cpu = min(best_cpu, (time.process_time() - cpu_started) / requests * 1000)
        best_wall = min(best_wall, (time.perf_counter() - wall_started) / requests * 1000)
    return best_cpu, best_wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300, help="requests per block")
    parser.add_argument("--blocks", type=int, default=7, help="blocks per endpoint; the least is shown")
    parser.add_argument("--cases", type=int, default=20_000, help="cases of the seller besides the event pools")
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database to use instead of a temporary SQLite file (its schema is dropped!)",
    )
    args = parser.parse_args()
    warm_up = 30
    per_event = warm_up + args.requests * args.blocks

    with scratch_database(args.database_url) as database_url:
        token, ids = prepare_database(database_url, {"cases": args.cases} | {event: per_event for event in EVENTS})
        from api import create_app
        from api.extensions import db
        from bench.bare_flask import app as bare_app

        app = create_app()
        published_on = (date.today() - timedelta(days=3)).isoformat()

        client = app.test_client()
        bare = bare_app.test_client()
        auth = {"Authorization": f"Bearer {token}"}

        def ok(response) -> None:
            if response.status_code >= 300:
                sys.exit(f"{response.request.method} {response.request.path}: {response.status_code} {response.text}")

        endpoints: dict[str, Callable[[int], object]] = {
            "bare Flask": lambda i: ok(bare.get("/")),
            "GET /healthz": lambda i: ok(client.get("/healthz")),
            "GET /v1/cases/{id}": lambda i: ok(client.get(f"/v1/cases/{ids['cases'][i % 1000]}", headers=auth)),
            "GET /v1/cases?limit=50": lambda i: ok(client.get("/v1/cases?limit=50", headers=auth)),
            "POST /v1/cases": lambda i: ok(
                client.post(
                    "/v1/cases",
                    headers=auth,
                    json={
                        "order_id": f"901-{i // 10_000_000:07d}-{i % 10_000_000:07d}",
                        "rating": 1,
                        "comment": "Arrived late.",
                        "published_at": published_on,
                        "feedback_types": ["late_delivery"],
                        "buyer": {"email": "b@marketplace.amazon.com"},
                    },
                )
            ),
        }
        for event, body in EVENTS.items():
            endpoints[f"POST .../events {event}"] = lambda i, event=event, body=body: ok(
                client.post(f"/v1/cases/{ids[event][i]}/events", headers=auth, json=body)
            )

        database = "PostgreSQL" if args.database_url else "SQLite"
        print(
            f"{database}, Flask test client, one thread, least of {args.blocks} blocks of {args.requests} requests "
            f"after {warm_up} of warm-up; load average {os.getloadavg()[0]:.1f} at the start"
        )
        print(f"{'endpoint':40} {'CPU ms':>8} {'ratio':>6} {'wall ms':>8}")
        floor = None
        for name, request in endpoints.items():
            cpu_ms, wall_ms = least_block(request, args.requests, args.blocks, warm_up)
            floor = floor or cpu_ms
            print(f"{name:40} {cpu_ms:8.3f} {floor / cpu_ms:6.2f} {wall_ms:8.3f}", flush=True)
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
