"""Figures about a seller's feedback over time: what comes in, how cases end, what gets
removed, what is due. Counted from the cases themselves."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case as sql_case
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workflow.cases.desk import next_deadline
from workflow.cases.machine import OUTCOMES
from workflow.models import Case, Shipper, ShipperLink
from workflow.policy import FEEDBACK_TYPE_CODES, stored_codes, stored_removal_grounds
from workflow.shipping.scorecards import scorecard_within
from workflow.transactions import read_transaction

WEEKS = 12
REMOVED = ("removed_by_customer", "removed_by_amazon")
# Upper bounds (days until the next deadline) of the "open cases by deadline" buckets.
DEADLINE_BUCKETS = (("passed", 0), ("within 3 days", 3), ("within a week", 7), ("within 2 weeks", 14),
                    ("within a month", 31), ("later", None))  # fmt: skip


@dataclass(frozen=True)
class Rate:
    label: str
    removed: int
    closed: int

    @property
    def rate(self) -> float | None:
        return self.removed / self.closed if self.closed else None


@dataclass(frozen=True)
class Insights:
    weeks: list[datetime]  # the Monday of each week, oldest first
    feedback_by_week: dict[str, list[int]]  # type -> count per week
    outcomes_by_week: dict[str, list[int]]  # outcome -> closures per week
    removal_by_type: list[Rate]
    removal_by_ground: list[Rate]
    open_by_deadline: list[tuple[str, int]]
    scorecards: list[dict]


def _week_of(instant: datetime) -> datetime:
    day = instant.replace(hour=0, minute=0, second=0, microsecond=0)
    return day - timedelta(days=day.weekday())


def insights(session: Session, seller_id: str, now: datetime) -> Insights:
    with read_transaction(session):
        return _insights_within(session, seller_id, now)


def _insights_within(session: Session, seller_id: str, now: datetime) -> Insights:
    first_week = _week_of(now) - timedelta(weeks=WEEKS - 1)
    weeks = [first_week + timedelta(weeks=i) for i in range(WEEKS)]
    index = {week: i for i, week in enumerate(weeks)}
    mine = Case.seller_id == seller_id

    feedback = defaultdict(lambda: [0] * WEEKS)
    for published, types_csv in session.execute(
        select(Case.published_at, Case.feedback_types_csv).where(mine, Case.published_at >= first_week)
    ):
        if (i := index.get(_week_of(published))) is not None:
            for code in stored_codes(types_csv):
                feedback[code][i] += 1

    outcomes = {outcome: [0] * WEEKS for outcome in OUTCOMES}
    by_type: dict[str, Counter] = defaultdict(Counter)
    by_ground: dict[str, Counter] = defaultdict(Counter)
    closed = select(
        Case.outcome, Case.updated_at, Case.feedback_types_csv, Case.asserted_grounds_csv,
        Case.shipped_on_time_with_buy_shipping,
    ).where(mine, Case.outcome.is_not(None))  # fmt: skip
    for outcome, updated, types_csv, grounds_csv, buy_shipping in session.execute(closed):
        # A closed case changes no more: its last update is its closing.
        if (i := index.get(_week_of(updated))) is not None:
            outcomes[outcome][i] += 1
        removed = outcome in REMOVED
        types = stored_codes(types_csv)
        for code in types:
            by_type[code].update(closed=1, removed=int(removed))
        for ground in stored_removal_grounds(types_csv, grounds_csv, bool(buy_shipping)):
            by_ground[ground].update(closed=1, removed=int(removed))

    # Counted by the database: which bucket each open case's next deadline falls in.
    bucket = sql_case(
        *[
            (next_deadline(now) <= now + timedelta(days=bound), label)
            for label, bound in DEADLINE_BUCKETS
            if bound is not None
        ],
        else_=DEADLINE_BUCKETS[-1][0],
    )
    deadlines = dict(
        session.execute(select(bucket, func.count()).where(mine, Case.outcome.is_(None)).group_by(bucket)).all()
    )

    shippers = session.execute(
        select(Shipper.id, Shipper.name)
        .join(ShipperLink, ShipperLink.shipper_id == Shipper.id)
        .where(ShipperLink.seller_id == seller_id)
        .order_by(Shipper.name)
    ).all()
    return Insights(
        weeks=weeks,
        feedback_by_week={code: feedback[code] for code in FEEDBACK_TYPE_CODES if code in feedback},
        outcomes_by_week=outcomes,
        removal_by_type=[
            Rate(c, by_type[c]["removed"], by_type[c]["closed"]) for c in FEEDBACK_TYPE_CODES if c in by_type
        ],
        removal_by_ground=[Rate(g, n["removed"], n["closed"]) for g, n in by_ground.items()],
        open_by_deadline=[(label, deadlines.get(label, 0)) for label, _ in DEADLINE_BUCKETS],
        scorecards=[
            {**scorecard_within(session, shipper_id, seller_id), "name": name} for shipper_id, name in shippers
        ],
    )
