"""Tables of the domain. The schema itself is created by the Alembic migrations."""

from __future__ import annotations

import secrets
import time
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from workflow.clock import utcnow
from workflow.db import Base, UTCDateTime
from workflow.policy import in_policy_order, removal_grounds


def new_id(prefix: str) -> str:
    """An opaque id whose sort order is its creation order (keyset pagination relies on it)."""
    return f"{prefix}_{time.time_ns() // 1_000_000:012x}{secrets.token_hex(8)}"


CASE_ID_PATTERN = r"^case_[0-9a-f]{28}$"


class Seller(Base):
    __tablename__ = "sellers"

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("sel"))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApiToken(Base):
    """A seller's bearer token, kept only as its SHA-256 digest (tokens are 256 random bits)."""

    __tablename__ = "api_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Case(Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("seller_id", "order_id", name="uq_cases_seller_order"),
        CheckConstraint("rating IN (1, 2)", name="negative_rating"),
        Index("ix_cases_seller_id", "seller_id", "id"),
        Index("ix_cases_seller_state", "seller_id", "state"),
        Index("ix_cases_seller_customer_removal_by", "seller_id", "customer_removal_by"),
        Index("ix_cases_seller_amazon_removal_by", "seller_id", "amazon_removal_by"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("case"))
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    order_id: Mapped[str] = mapped_column(String(19))
    rating: Mapped[int] = mapped_column(Integer)
    comment: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime] = mapped_column(UTCDateTime)
    marketplace: Mapped[str | None] = mapped_column(String(40))
    buyer_email: Mapped[str | None] = mapped_column(String(320))
    buyer_name: Mapped[str | None] = mapped_column(String(200))
    buyer_language: Mapped[str | None] = mapped_column(String(35))
    # Codes are fixed identifiers without commas, so comma-separated lists stay exact and
    # filterable (see services.list_cases) without a join per case.
    feedback_types_csv: Mapped[str] = mapped_column("feedback_types", String(400))
    # Grounds the seller asserts about the comment (obscene language, personal information).
    asserted_grounds_csv: Mapped[str] = mapped_column("asserted_grounds", String(200), default="")
    state: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str | None] = mapped_column(String(40))
    customer_removal_by: Mapped[datetime] = mapped_column(UTCDateTime)
    amazon_removal_by: Mapped[datetime] = mapped_column(UTCDateTime)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    # Every UPDATE checks and bumps the version, so a change made from a stale read fails.
    __mapper_args__ = {"version_id_col": version}

    @property
    def feedback_types(self) -> list[str]:
        return self.feedback_types_csv.split(",")

    @feedback_types.setter
    def feedback_types(self, codes: list[str]) -> None:
        self.feedback_types_csv = ",".join(in_policy_order(codes))

    @property
    def asserted_grounds(self) -> list[str]:
        return [g for g in self.asserted_grounds_csv.split(",") if g]

    @asserted_grounds.setter
    def asserted_grounds(self, grounds: list[str]) -> None:
        self.asserted_grounds_csv = ",".join(sorted(set(grounds)))

    @property
    def amazon_removal_grounds(self) -> list[str]:
        return removal_grounds(self.feedback_types, self.asserted_grounds)

    @property
    def is_open(self) -> bool:
        return self.outcome is None


class CaseTransition(Base):
    """One row per transition: the case's audit history."""

    __tablename__ = "case_transitions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    event: Mapped[str] = mapped_column(String(40))
    from_state: Mapped[str] = mapped_column(String(40))
    to_state: Mapped[str] = mapped_column(String(40))
    actor: Mapped[str] = mapped_column(String(40))
    note: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
