"""The deadline sweep's cost grows with the due cases, not with all cases.

Builds a fresh database with 10,000 cases and then one with 1,000,000 (SQLite files in a
temporary directory, or the PostgreSQL database given with --database-url, whose schema is
dropped and recreated before, between and after), each with the same 1,000 cases whose
customer window has closed without removal grounds (due for `expire`), and times the worker's
sweep over each. Prints both times, the time per expired case (target: <= 0.5 ms at 1,000,000
cases on PostgreSQL) and the ratio of the two times (target: 1M/10k <= 1.5). Not a test:
`make bench`.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.case_rows import analyze, case_row, insert_cases, scratch_database  # noqa: E402


def build(app, total: int, due: int) -> None:
    from flask_migrate import upgrade

    from api.extensions import db
    from workflow.accounts import create_seller
    from workflow.clock import utcnow

    with app.app_context():
        upgrade()
        seller, _ = create_seller(db.session(), "Benchmark Seller")
        now = utcnow()
        hopeless, hopeful = now - timedelta(days=61), now - timedelta(days=2)
        rows = (case_row(seller.id, n, hopeless if n < due else hopeful, now, buyer_email=None) for n in range(total))
        with db.session.begin():
            insert_cases(db.session, rows)
        analyze(db.engine)
        db.engine.dispose()


def sweep_seconds(app) -> tuple[float, float, int]:
    """Wall time and the sweeping process's CPU time of sweeping every due case, and how many."""
    from worker.runner import Worker
    from workflow.clock import utcnow

    worker = Worker(app, batch_size=100)
    expired = 0
    started, cpu_started = time.perf_counter(), time.process_time()
    with app.app_context():
        while done := worker.sweep(utcnow()):
            expired += done
    return time.perf_counter() - started, time.process_time() - cpu_started, expired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--large", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=1_000)
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database to use instead of temporary SQLite files (its schema is dropped!)",
    )
    args = parser.parse_args()

    from api import create_app
    from api.extensions import db

    results = {}
    for total in (args.small, args.large):
        with scratch_database(args.database_url) as database_url:
            app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
            started = time.perf_counter()
            build(app, total, args.due)
            print(f"built {total:,} cases in {time.perf_counter() - started:.0f} s", flush=True)
            seconds, cpu_seconds, expired = sweep_seconds(app)
            with app.app_context():
                db.engine.dispose()
        assert expired == args.due, (expired, args.due)
        results[total] = seconds
        print(
            f"sweep over {total:>9,} cases, {expired} due: {seconds:6.2f} s, "
            f"{seconds / expired * 1000:.2f} ms per expired case ({cpu_seconds / expired * 1000:.2f} ms of it the "
            "sweeping process's CPU)",
            flush=True,
        )
    print(f"ratio {args.large:,}/{args.small:,}: {results[args.large] / results[args.small]:.2f}")


if __name__ == "__main__":
    main()
