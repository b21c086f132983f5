"""Feedback report import against a bare bulk insert, same rows, same database, same run.

For each database (a fresh SQLite file; PostgreSQL when --postgres URL is given, whose schema
is dropped and re-created), writes a report file of N new negative feedback rows, then times
  1. the same N cases inserted as one bulk insert through SQLAlchemy Core (the baseline),
  2. importing the report file (import_report: read, detect, parse, look up, insert), and
  3. importing the same file again, unchanged (every order known, nothing written),
and prints the times and the ratios. Then, in subprocesses on SQLite, the peak resident memory
while importing N and 10 × N rows. Not a test: `make bench`.

Targets (issue 9): import ≤ 3 × the bulk insert; re-import ≥ 5 × faster than the first import;
peak memory for 10 × N rows ≤ 1.2 × the peak for N.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.case_rows import scratch_database  # noqa: E402


def write_report(path: Path, count: int, today) -> None:
    """A US report of `count` negative rows with distinct orders, written as a stream."""
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("Date\tRating\tComments\tYour Response\tOrder ID\tRater Email\n")
        for n in range(count):
            day = today - timedelta(days=1 + n % 80)
            out.write(
                f"{day.month}/{day.day}/{day.year % 100:02d}\t{1 + n % 2}\t"
                f"Package arrived late and the box was crushed, order {n}.\t\t"
                f"{100 + n % 900:03d}-{n // 10_000_000 % 10_000_000:07d}-{n % 10_000_000:07d}\t"
                f"b{n}@marketplace.amazon.com\n"
            )


def make_app(url: str):
    from flask_migrate import upgrade

    from api import create_app

    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": url})
    with app.app_context():
        upgrade()
    return app


def baseline_rows(seller_id: str, report: Path, now: datetime) -> list[dict]:
    """The cases the import makes of the file, as plain rows for a bulk insert."""
    from workflow.intake.report import FeedbackReport, FeedbackRow
    from workflow.models import new_id

    rows = []
    with report.open("rb") as stream:
        for row in FeedbackReport(stream, "US", today=now.date()):
            assert isinstance(row, FeedbackRow)
            published = datetime.combine(row.published_on, datetime.min.time(), tzinfo=UTC)
            rows.append(
                {
                    "id": new_id("case"), "seller_id": seller_id, "order_id": row.order_id, "rating": row.rating,
                    "comment": row.comment, "published_at": published, "marketplace": "US",
                    "buyer_email": row.rater_email, "buyer_language": "en", "buyer_opted_out": False,
                    "feedback_types": "", "asserted_grounds": "", "state": "new",
                    "customer_removal_by": published + timedelta(days=60),
                    "amazon_removal_by": published + timedelta(days=90),
                    "sweep_at": published + timedelta(days=60), "next_notice_at": published + timedelta(days=53),
                    "notices_sent": 0, "shipped_on_time_with_buy_shipping": False, "source": "amazon_report",
                    "version": 1, "created_at": now, "updated_at": now,
                }
            )  # fmt: skip
    return rows


def measure(url: str, count: int, workdir: Path) -> dict:
    from sqlalchemy import delete, insert

    from api.extensions import db
    from workflow.accounts import create_seller
    from workflow.clock import utcnow
    from workflow.intake.use_cases import import_report
    from workflow.models import Case

    app = make_app(url)
    now = utcnow()
    report = workdir / f"report-{count}.tsv"
    write_report(report, count, now.date())
    with app.app_context():
        session = db.session()
        seller, _ = create_seller(session, "Benchmark Seller")
        rows = baseline_rows(seller.id, report, now)
        started = time.perf_counter()
        with db.engine.begin() as connection:
            connection.execute(insert(Case.__table__), rows)
        bulk = time.perf_counter() - started
        with db.engine.begin() as connection:
            connection.execute(delete(Case.__table__))
        del rows
        settings = app.config["SETTINGS"]
        timings = []
        for _ in range(2):
            started = time.perf_counter()
            with report.open("rb") as stream:
                done = import_report(session, seller.id, stream, "US", None, None, settings, now)
            timings.append(time.perf_counter() - started)
            summary = (done.cases_opened, done.cases_known, done.rejected_rows)
            session.rollback()
            if len(timings) == 1:
                assert summary == (count, 0, 0), summary
            else:
                assert summary == (0, count, 0), summary
    with app.app_context():
        db.engine.dispose()
    return {"bulk_insert_s": bulk, "import_s": timings[0], "reimport_s": timings[1]}


PEAK = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[3])
from bench.import_throughput import write_report, make_app
from api.extensions import db
from workflow.accounts import create_seller
from workflow.clock import utcnow
from workflow.intake.use_cases import import_report
count, workdir = int(sys.argv[1]), Path(sys.argv[2])
report = workdir / f"peak-{count}.tsv"
now = utcnow()
write_report(report, count, now.date())
app = make_app("sqlite:///" + str(workdir / f"peak-{count}.db"))
with app.app_context():
    session = db.session()
    seller, _ = create_seller(session, "Peak")
    # Linux: reset the peak resident size, so VmHWM is the peak of the import alone, not of
    # loading the product or writing the file.
    Path("/proc/self/clear_refs").write_text("5")
    with report.open("rb") as stream:
        done = import_report(session, seller.id, stream, "US", None, None, app.config["SETTINGS"], now)
    assert done.cases_opened == count
status = Path("/proc/self/status").read_text()
print(next(line.split()[1] for line in status.splitlines() if line.startswith("VmHWM:")))
"""


def peak_rss_kib(count: int, workdir: Path) -> int:
    """Peak resident memory (KiB) of a process while it imports `count` rows."""
    root = str(Path(__file__).resolve().parent.parent)
    result = subprocess.run(
        [sys.executable, "-c", PEAK, str(count), str(workdir), root], capture_output=True, text=True, check=True
    )
    return int(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--postgres", default=os.environ.get("BENCH_DATABASE_URL"), help="a PostgreSQL URL to use too")
    parser.add_argument("--skip-memory", action="store_true")
    args = parser.parse_args()
    results = {}
    with tempfile.TemporaryDirectory(prefix="import-bench-") as directory:
        workdir = Path(directory)
        results["sqlite"] = measure("sqlite:///" + str(workdir / "bench.db"), args.rows, workdir)
        if args.postgres:
            with scratch_database(args.postgres) as url:
                results["postgresql"] = measure(url, args.rows, workdir)
        for name, r in results.items():
            print(
                f"{name:10} {args.rows:,} rows: bulk insert {r['bulk_insert_s']:.2f} s, import {r['import_s']:.2f} s "
                f"({r['import_s'] / r['bulk_insert_s']:.2f} × the bulk insert; target ≤ 3), re-import "
                f"{r['reimport_s']:.2f} s ({r['import_s'] / r['reimport_s']:.1f} × faster; target ≥ 5)"
            )
        if not args.skip_memory:
            small, large = peak_rss_kib(args.rows, workdir), peak_rss_kib(10 * args.rows, workdir)
            results["peak_rss_kib"] = {str(args.rows): small, str(10 * args.rows): large}
            print(
                f"peak memory (SQLite): {args.rows:,} rows {small / 1024:.0f} MiB, {10 * args.rows:,} rows "
                f"{large / 1024:.0f} MiB ({large / small:.2f} ×; target ≤ 1.2)"
            )
    print(json.dumps(results))


if __name__ == "__main__":
    main()
