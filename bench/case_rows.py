"""Many cases at once for the benchmarks: Core inserts of ready rows, bypassing the use cases
(which would take minutes for a million cases). Rows carry what the use cases would have
written, the schedule columns included."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from datetime import datetime, timedelta

from sqlalchemy import create_engine, insert, text

CHUNK = 20_000


def case_row(seller_id: str, n: int, published: datetime, now: datetime, **changes) -> dict:
    """Case number `n` of the seller: a late delivery, buyer reachable, state `new`."""
    from workflow.models import new_id

    row = {
        "id": new_id("case"),
        "seller_id": seller_id,
        "order_id": f"900-{n // 10_000_000:07d}-{n % 10_000_000:07d}",
        "rating": 1,
        "comment": "Arrived late.",
        "published_at": published,
        "buyer_email": "b@marketplace.amazon.com",
        "buyer_opted_out": False,
        "feedback_types_csv": "late_delivery",
        "asserted_grounds_csv": "",
        "state": "new",
        "outcome": None,
        "customer_removal_by": published + timedelta(days=60),
        "amazon_removal_by": published + timedelta(days=90),
        "sweep_at": published + timedelta(days=60),
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    row.update(changes)
    return row


def insert_cases(session, rows) -> None:
    """Insert case rows (an iterable of dicts keyed by the model's attribute names, consumed
    in chunks) and their feedback type rows, with bulk inserts in the session's transaction."""
    from workflow.models import Case, CaseFeedbackType, feedback_type_rows

    def write(chunk: list[dict]) -> None:
        session.execute(insert(Case), chunk)
        types = [t for row in chunk for t in feedback_type_rows(row["id"], row["seller_id"], row["feedback_types_csv"])]
        session.execute(insert(CaseFeedbackType), types)

    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == CHUNK:
            write(chunk)
            chunk = []
    if chunk:
        write(chunk)


def analyze(engine) -> None:
    """Planner statistics for the freshly loaded tables, as a database in service has them."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as connection:
            connection.exec_driver_sql("ANALYZE")


@contextmanager
def scratch_database(database_url: str | None):
    """A database for one benchmark run, removed afterwards: a SQLite file in a temporary
    directory, or the given PostgreSQL database with its schema dropped and recreated before
    and after (it must be one you can empty)."""
    if database_url is None:
        workdir = tempfile.mkdtemp(prefix="feedback-desk-bench-")
        try:
            yield f"sqlite:///{os.path.join(workdir, 'bench.db')}"
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
        return
    _empty_schema(database_url)
    try:
        yield database_url
    finally:
        _empty_schema(database_url)


def _empty_schema(database_url: str) -> None:
    engine = create_engine(database_url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))
    engine.dispose()
