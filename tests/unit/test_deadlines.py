"""The clocks, as pure functions."""

from __future__ import annotations

from datetime import UTC, datetime

from workflow import deadlines


def test_response_deadline_counts_business_days():
    friday = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)
    assert deadlines.add_business_days(friday, 2) == datetime(2026, 12, 1, 15, 0, tzinfo=UTC)  # Tuesday
