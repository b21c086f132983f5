"""Amazon removal requests as filed: which grounds each claimed and what Amazon answered, and
the seller's figures per ground and marketplace."""

from __future__ import annotations

from pydantic import BaseModel, Field
from sqlalchemy import select
from sqlalchemy.orm import Session

from workflow.cases.machine import TransitionContext
from workflow.models import AmazonRemovalRequest, Case, RemovalRequestOutcome
from workflow.policy import RemovalGround
from workflow.transactions import read_transaction


class RemovalRequestRecorder:
    """`request_amazon_removal` records the request and the grounds it claims; Amazon's answer
    is recorded on the request it answers (attached by workflow/effects.py)."""

    def __init__(self, transition: TransitionContext) -> None:
        self.session = transition.session
        self.now = transition.now

    def after_request_amazon_removal(self, model: Case) -> None:
        self.session.add(
            AmazonRemovalRequest(
                seller_id=model.seller_id,
                case_id=model.id,
                marketplace=model.marketplace,
                grounds=",".join(model.amazon_removal_grounds),
                filed_at=self.now,
            )
        )

    def after_amazon_removed_feedback(self, model: Case) -> None:
        self._answered(model, RemovalRequestOutcome.removed)

    def after_amazon_declined(self, model: Case) -> None:
        self._answered(model, RemovalRequestOutcome.declined)

    def _answered(self, model: Case, outcome: RemovalRequestOutcome) -> None:
        # Without an autoflush: the case would be written now, and again with the changes the
        # transition's later callbacks make (its history's updated_at), raising its version twice.
        with self.session.no_autoflush:
            request = self.session.scalar(
                select(AmazonRemovalRequest)
                .where(AmazonRemovalRequest.case_id == model.id, AmazonRemovalRequest.outcome.is_(None))
                .order_by(AmazonRemovalRequest.filed_at.desc(), AmazonRemovalRequest.id.desc())
            )
        if request is not None:
            request.outcome = outcome
            request.decided_at = self.now


class RemovalCounts(BaseModel):
    filed: int = 0
    removed: int = 0
    declined: int = 0
    pending: int = Field(0, description="Filed, no answer from Amazon recorded yet.")


class GroundFigures(BaseModel):
    ground: str
    marketplace: str | None
    counts: RemovalCounts


class RemovalInsights(BaseModel):
    """A request claiming two grounds counts once under each."""

    by_ground: dict[str, RemovalCounts]
    by_marketplace: dict[str, RemovalCounts] = Field(description="Marketplace code, or 'unknown'.")
    by_ground_and_marketplace: list[GroundFigures]


def removal_insights(session: Session, seller_id: str) -> RemovalInsights:
    with read_transaction(session):
        rows = session.execute(
            select(AmazonRemovalRequest.grounds, AmazonRemovalRequest.marketplace, AmazonRemovalRequest.outcome).where(
                AmazonRemovalRequest.seller_id == seller_id
            )
        ).all()
    by_ground = {ground.value: RemovalCounts() for ground in RemovalGround}
    by_marketplace: dict[str, RemovalCounts] = {}
    by_pair: dict[tuple[str, str | None], RemovalCounts] = {}
    for grounds, marketplace, outcome in rows:
        _count(by_marketplace.setdefault(marketplace or "unknown", RemovalCounts()), outcome)
        for ground in filter(None, grounds.split(",")):
            _count(by_ground.setdefault(ground, RemovalCounts()), outcome)
            _count(by_pair.setdefault((ground, marketplace), RemovalCounts()), outcome)
    return RemovalInsights(
        by_ground=by_ground,
        by_marketplace=dict(sorted(by_marketplace.items())),
        by_ground_and_marketplace=[
            GroundFigures(ground=ground, marketplace=marketplace, counts=counts)
            for (ground, marketplace), counts in sorted(
                by_pair.items(), key=lambda item: (item[0][0], item[0][1] or "")
            )
        ],
    )


def _count(counts: RemovalCounts, outcome: str | None) -> None:
    counts.filed += 1
    if outcome == RemovalRequestOutcome.removed:
        counts.removed += 1
    elif outcome == RemovalRequestOutcome.declined:
        counts.declined += 1
    else:
        counts.pending += 1
