"""Tables of people and their invitations. The schema itself is created by the Alembic migrations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from workflow.clock import utcnow
from workflow.db import Base, UTCDateTime
from workflow.models import new_id

SELLER = "seller"
SHIPPER = "shipper"


class Person(Base):
    """Someone who signs in to work one account's cases: a seller's or a shipper's."""

    __tablename__ = "people"
    __table_args__ = (CheckConstraint("(seller_id IS NULL) <> (shipper_id IS NULL)", name="one_account"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("psn"))
    # Kept in lower case: addresses are compared case-insensitively.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    seller_id: Mapped[str | None] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    shipper_id: Mapped[str | None] = mapped_column(ForeignKey("shippers.id", ondelete="CASCADE"), index=True)
    # argon2id hash; None until the person accepts the invitation.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    # IANA zone the person reads times in.
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC", server_default="UTC")
    # Part of every session's identity: bumping it signs the person out everywhere.
    session_generation: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def kind(self) -> str:
        return SELLER if self.seller_id else SHIPPER

    @property
    def account_id(self) -> str:
        return self.seller_id or self.shipper_id


class Invite(Base):
    """A one-time link to set a password, kept only as the SHA-256 digest of its token."""

    __tablename__ = "invites"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    person_id: Mapped[str] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
