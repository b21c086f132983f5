"""Query time of every filter of GET /v1/cases for a seller with 1,000,000 cases.

Builds one seller's history (SQLite in a temporary directory, or the PostgreSQL database given
with --database-url, whose schema is dropped and recreated before and after): two years of
feedback, everything older than 90 days closed, the open cases spread over the four open
states, one case in 20 a product review. Then runs each query exactly as the list use case
issues it, and prints its query time: on PostgreSQL the execution time EXPLAIN ANALYZE
reports, on SQLite the time to fetch the page; median of 5 runs after a warm-up, with the
index the plan starts from. Target on PostgreSQL: each <= 5 ms. Not a test: `make bench`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.case_rows import analyze, case_row, insert_cases, scratch_database  # noqa: E402

OPEN_STATES = ("new", "contacting_customer", "awaiting_removal", "amazon_removal_requested")
HISTORY_DAYS = 730
OPEN_DAYS = 90


def history(seller_id: str, total: int, now):
    """The seller's cases in creation order, oldest first."""
    for n in range(total):
        published = now - timedelta(days=HISTORY_DAYS * (total - n) / total)
        types = "product_review" if n % 20 == 0 else ("late_delivery" if n % 3 else "damaged_item,late_delivery")
        is_open = now - published < timedelta(days=OPEN_DAYS)
        state = OPEN_STATES[n % 4] if is_open else "closed"
        row = case_row(seller_id, n, published, now, feedback_types_csv=types, state=state)
        if not is_open:
            row.update(outcome="resolved", sweep_at=None)
        elif state == "amazon_removal_requested":
            row.update(sweep_at=None)
        elif types == "product_review":
            row.update(sweep_at=row["amazon_removal_by"])
        yield row


def build(app, total: int) -> str:
    from flask_migrate import upgrade

    from api.extensions import db
    from workflow.accounts import create_seller
    from workflow.clock import utcnow

    with app.app_context():
        upgrade()
        seller, _ = create_seller(db.session(), "Benchmark Seller")
        with db.session.begin():
            insert_cases(db.session, history(seller.id, total, utcnow()))
        analyze(db.engine)
        return seller.id


def captured_query(app, seller_id: str, filters, after_id: str | None):
    """The SELECT the list use case issues for these filters, with its parameters."""
    from sqlalchemy import event

    from api.extensions import db
    from workflow.cases import use_cases

    seen = []

    def capture(_connection, _cursor, statement, parameters, _context, _executemany):
        if statement.lstrip().upper().startswith("SELECT") and "FROM cases" in statement:
            seen.append((statement, parameters))

    with app.app_context():
        event.listen(db.engine, "before_cursor_execute", capture)
        try:
            use_cases.list_cases(db.session(), seller_id, filters, limit=50, after_id=after_id)
            db.session.rollback()
        finally:
            event.remove(db.engine, "before_cursor_execute", capture)
    return seen[-1]


def query_ms(app, statement: str, parameters) -> tuple[float, str]:
    from api.extensions import db

    timings, plan_start = [], ""
    with app.app_context(), db.engine.connect() as connection:
        for attempt in range(6):
            if db.engine.dialect.name == "postgresql":
                explained = connection.exec_driver_sql("EXPLAIN (ANALYZE, FORMAT JSON) " + statement, parameters)
                plan = json.loads(explained.scalar()) if isinstance(explained, str) else explained.scalar()
                plan = plan if isinstance(plan, list) else json.loads(plan)
                timings.append(plan[0]["Execution Time"])
                plan_start = _first_index(plan[0]["Plan"])
            else:
                started = time.perf_counter()
                connection.exec_driver_sql(statement, parameters).all()
                timings.append((time.perf_counter() - started) * 1000)
                details = connection.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, parameters).all()
                plan_start = "; ".join(detail for _id, parent, _unused, detail in details if parent == 0)
            if attempt == 0:
                timings.clear()  # warm-up
        connection.rollback()
    return statistics.median(timings), plan_start


def _first_index(node: dict) -> str:
    if "Index Name" in node:
        return f"{node['Node Type']} on {node['Index Name']}"
    for child in node.get("Plans", []):
        found = _first_index(child)
        if found:
            return found
    return ""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument(
        "--database-url",
        help="a PostgreSQL database to use instead of a temporary SQLite file (its schema is dropped!)",
    )
    args = parser.parse_args()

    from api import create_app
    from api.extensions import db
    from workflow.cases.use_cases import CaseFilter
    from workflow.clock import utcnow

    with scratch_database(args.database_url) as database_url:
        app = create_app({"SQLALCHEMY_DATABASE_URI": database_url})
        started = time.perf_counter()
        seller_id = build(app, args.cases)
        print(f"built {args.cases:,} cases of one seller in {time.perf_counter() - started:.0f} s", flush=True)
        with app.app_context():
            middle = db.session.execute(
                db.text("SELECT id FROM cases ORDER BY id LIMIT 1 OFFSET :n"), {"n": args.cases // 2}
            ).scalar()
            db.session.rollback()
        queries = {
            "first page": (CaseFilter(), None),
            "deep page (cursor half-way)": (CaseFilter(), middle),
            "state=new": (CaseFilter(state="new"), None),
            "state=amazon_removal_requested": (CaseFilter(state="amazon_removal_requested"), None),
            "feedback_type=product_review": (CaseFilter(feedback_type="product_review"), None),
            "due_before=now+7d": (CaseFilter(due_before=utcnow() + timedelta(days=7)), None),
        }
        database = "PostgreSQL (EXPLAIN ANALYZE execution time)" if args.database_url else "SQLite (fetch time)"
        print(f"{args.cases:,} cases of one seller, {database}, median of 5 runs, 50 per page")
        print(f"{'query':34} {'ms':>8}  plan starts at")
        for name, (filters, after_id) in queries.items():
            statement, parameters = captured_query(app, seller_id, filters, after_id)
            milliseconds, plan_start = query_ms(app, statement, parameters)
            print(f"{name:34} {milliseconds:8.2f}  {plan_start}", flush=True)
        with app.app_context():
            db.engine.dispose()


if __name__ == "__main__":
    main()
