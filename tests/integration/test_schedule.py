"""A case's schedule columns follow from the row however it is written: through a use case or
straight through the ORM (an import, a script), with nothing but the models imported."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
from datetime import UTC, datetime, timedelta

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from workflow.metadata import metadata
from workflow.models import Case, Seller

engine = create_engine("sqlite://")
metadata.create_all(engine)
published = datetime(2026, 11, 1, tzinfo=UTC)
with Session(engine) as session:
    session.add(Seller(id="sel_1", name="Acme"))
    case = Case(
        seller_id="sel_1", order_id="111-1111111-1111111", rating=1, comment="Late.", published_at=published,
        feedback_types_csv="late_delivery", asserted_grounds_csv="", state="new",
        customer_removal_by=published + timedelta(days=60), amazon_removal_by=published + timedelta(days=90),
    )
    session.add(case)
    session.flush()
    print(case.sweep_at.date(), case.next_notice_at.date())
"""


def test_a_case_written_through_the_orm_alone_gets_its_schedule():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    # Swept when the customer window closes (no Amazon ground); first notice 7 days before it.
    assert done.stdout.split() == ["2026-12-31", "2026-12-24"]
