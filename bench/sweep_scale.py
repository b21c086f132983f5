"""The deadline sweep's cost grows with the due cases, not with all cases.

Builds two fresh SQLite databases, one with 10,000 cases and one with 1,000,000, each with
the same 1,000 cases whose customer window has closed without removal grounds (due for
`expire`), and times the worker's sweep over each. Prints both times and their ratio
(target: 1M/10k <= 1.5). Not a test: `make bench`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

CHUNK = 50_000


def build(app, total: int, due: int) -> None:
    from flask_migrate import upgrade
    from sqlalchemy import insert

    from api.extensions import db
    from workflow.accounts import create_seller
    from workflow.clock import utcnow
    from workflow.models import Case, new_id

    with app.app_context():
        upgrade()
        seller, _ = create_seller(db.session(), "Benchmark Seller")
        now = utcnow()
        table = Case.__table__
        with db.engine.begin() as connection:
            for start in range(0, total, CHUNK):
                rows = []
                for n in range(start, min(total, start + CHUNK)):
                    published = now - timedelta(days=61 if n < due else 2)
                    rows.append(
                        {
                            "id": new_id("case"), "seller_id": seller.id,
                            "order_id": f"900-{n // 10_000_000:07d}-{n % 10_000_000:07d}",
                            "rating": 1, "comment": "Late.", "published_at": published, "buyer_email": None,
                            "buyer_opted_out": False, "feedback_types": "late_delivery", "asserted_grounds": "",
                            "state": "new", "customer_removal_by": published + timedelta(days=60),
                            "amazon_removal_by": published + timedelta(days=90),
                            "sweep_at": published + timedelta(days=60), "version": 1,
                            "created_at": now, "updated_at": now,
                        }
                    )  # fmt: skip
                connection.execute(insert(table), rows)
        db.engine.dispose()


def sweep_seconds(app) -> tuple[float, int]:
    from worker.runner import Worker
    from workflow.clock import utcnow

    worker = Worker(app, batch_size=100)
    expired = 0
    started = time.perf_counter()
    with app.app_context():
        while done := worker.sweep(utcnow()):
            expired += done
    return time.perf_counter() - started, expired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=1_000)
    args = parser.parse_args()

    from api import create_app

    results = {}
    for total in (args.small, args.large):
        workdir = Path(tempfile.mkdtemp(prefix="feedback-desk-sweep-bench-"))
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{workdir}/bench.db"})
        started = time.perf_counter()
        build(app, total, args.due)
        print(f"built {total:,} cases in {time.perf_counter() - started:.0f} s", flush=True)
        seconds, expired = sweep_seconds(app)
        assert expired == args.due, (expired, args.due)
        results[total] = seconds
        print(f"sweep over {total:>9,} cases, {expired} due: {seconds:6.2f} s", flush=True)
    print(f"ratio {args.large:,}/{args.small:,}: {results[args.large] / results[args.small]:.2f}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    main()
