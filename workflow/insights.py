"""Figures about a seller's feedback over time: what comes in, how cases end, what gets
removed, what is due. Counted from the cases themselves."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from workflow.cases.machine import OUTCOMES
from workflow.models import Case, ShipperLink
from workflow.policy import FEEDBACK_TYPE_CODES, removal_grounds
from workflow.shipping.scorecards import scorecard

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
    rows = session.execute(
        select(
            Case.feedback_types_csv, Case.asserted_grounds_csv, Case.shipped_on_time_with_buy_shipping,
            Case.published_at, Case.outcome, Case.updated_at, Case.customer_removal_by, Case.amazon_removal_by,
        ).where(Case.seller_id == seller_id)
    ).all()  # fmt: skip
    first_week = _week_of(now) - timedelta(weeks=WEEKS - 1)
    weeks = [first_week + timedelta(weeks=i) for i in range(WEEKS)]
    index = {week: i for i, week in enumerate(weeks)}
    feedback = defaultdict(lambda: [0] * WEEKS)
    outcomes = {outcome: [0] * WEEKS for outcome in OUTCOMES}
    by_type: dict[str, Counter] = defaultdict(Counter)
    by_ground: dict[str, Counter] = defaultdict(Counter)
    deadlines = Counter()
    for types_csv, grounds_csv, buy_shipping, published, outcome, updated, customer_by, amazon_by in rows:
        types = types_csv.split(",")
        if (i := index.get(_week_of(published))) is not None:
            for code in types:
                feedback[code][i] += 1
        if outcome is None:
            due = customer_by if customer_by > now else amazon_by
            days = (due - now).total_seconds() / 86_400
            deadlines[next(label for label, bound in DEADLINE_BUCKETS if bound is None or days <= bound)] += 1
            continue
        # A closed case changes no more: its last update is its closing.
        if (i := index.get(_week_of(updated))) is not None:
            outcomes[outcome][i] += 1
        removed = outcome in REMOVED
        for code in types:
            by_type[code].update(closed=1, removed=int(removed))
        for ground in removal_grounds(types, [g for g in grounds_csv.split(",") if g], bool(buy_shipping)):
            by_ground[ground].update(closed=1, removed=int(removed))
    shippers = session.scalars(select(ShipperLink.shipper_id).where(ShipperLink.seller_id == seller_id))
    return Insights(
        weeks=weeks,
        feedback_by_week={code: feedback[code] for code in FEEDBACK_TYPE_CODES if code in feedback},
        outcomes_by_week=outcomes,
        removal_by_type=[
            Rate(c, by_type[c]["removed"], by_type[c]["closed"]) for c in FEEDBACK_TYPE_CODES if c in by_type
        ],
        removal_by_ground=[Rate(g, n["removed"], n["closed"]) for g, n in by_ground.items()],
        open_by_deadline=[(label, deadlines[label]) for label, _ in DEADLINE_BUCKETS],
        scorecards=[scorecard(session, shipper_id, seller_id) for shipper_id in shippers],
    )
