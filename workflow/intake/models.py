"""Tables of feedback brought in: report imports, their rejected rows, Amazon connections and
the report requests of the scheduled pull."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from workflow.clock import utcnow
from workflow.db import Base, UTCDateTime
from workflow.models import new_id


class FeedbackImport(Base):
    """One seller feedback report brought in (uploaded, or pulled from Amazon), and its summary."""

    __tablename__ = "feedback_imports"
    __table_args__ = (Index("ix_feedback_imports_seller_id", "seller_id", "id"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("imp"))
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    marketplace: Mapped[str] = mapped_column(String(2))
    # "upload" (API or command line) or "amazon" (the scheduled pull).
    origin: Mapped[str] = mapped_column(String(20))
    # The period the report covers, when stated: only then can absence mean removal.
    covers_from: Mapped[date | None] = mapped_column(Date)
    covers_to: Mapped[date | None] = mapped_column(Date)
    filename: Mapped[str | None] = mapped_column(String(255))
    encoding: Mapped[str | None] = mapped_column(String(40))
    layout_columns: Mapped[int | None] = mapped_column(Integer)
    # "running" while rows are read (chunk by chunk, each in its own transaction), then "completed".
    status: Mapped[str] = mapped_column(String(20), default="running")
    rows_read: Mapped[int] = mapped_column(Integer, default=0)
    negative_rows: Mapped[int] = mapped_column(Integer, default=0)
    neutral_rows: Mapped[int] = mapped_column(Integer, default=0)
    positive_rows: Mapped[int] = mapped_column(Integer, default=0)
    rejected_rows: Mapped[int] = mapped_column(Integer, default=0)
    cases_opened: Mapped[int] = mapped_column(Integer, default=0)
    cases_known: Mapped[int] = mapped_column(Integer, default=0)
    cases_updated: Mapped[int] = mapped_column(Integer, default=0)
    cases_closed_by_rating: Mapped[int] = mapped_column(Integer, default=0)
    cases_closed_by_disappearance: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    completed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The kept rejected rows, in file order. Loaded only by the use cases that show them (an
    # import's own, get_import): reading them elsewhere raises instead of querying outside a
    # transaction. Written by the import's bulk inserts, never through this list.
    rejections: Mapped[list[FeedbackImportRejection]] = relationship(
        order_by="FeedbackImportRejection.id", lazy="raise", viewonly=True
    )


class FeedbackImportRejection(Base):
    """A row of an import that was not taken, with its line number and why."""

    __tablename__ = "feedback_import_rejections"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    import_id: Mapped[str] = mapped_column(ForeignKey("feedback_imports.id", ondelete="CASCADE"), index=True)
    line: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)


class AmazonConnection(Base):
    """A seller's Selling Partner API authorisation: the app credentials and the refresh token,
    encrypted at rest with the CREDENTIALS_KEY setting, and the marketplaces to pull."""

    __tablename__ = "amazon_connections"

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("amzn"))
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    region: Mapped[str] = mapped_column(String(2))
    marketplaces_csv: Mapped[str] = mapped_column("marketplaces", String(200))
    client_id: Mapped[str] = mapped_column(String(200))
    encrypted_client_secret: Mapped[str] = mapped_column(Text)
    encrypted_refresh_token: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    @property
    def marketplaces(self) -> list[str]:
        return self.marketplaces_csv.split(",")


class AmazonReportRequest(Base):
    """One createReport for one marketplace of a connection, polled until Amazon is done with it."""

    __tablename__ = "amazon_report_requests"
    __table_args__ = (
        Index("ix_amazon_report_requests_due", "status", "next_poll_at"),
        Index("ix_amazon_report_requests_latest", "connection_id", "marketplace", "requested_at"),
        # The worker asks on every pass which pairs were requested within the last day.
        Index("ix_amazon_report_requests_recent", "requested_at"),
    )

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("rptr"))
    connection_id: Mapped[str] = mapped_column(ForeignKey("amazon_connections.id", ondelete="CASCADE"))
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    marketplace: Mapped[str] = mapped_column(String(2))
    # Amazon's reportId; None when createReport itself failed.
    report_id: Mapped[str | None] = mapped_column(String(100))
    # pending (being polled), imported, no_rows (CANCELLED), failed (FATAL, an error), abandoned (stuck).
    status: Mapped[str] = mapped_column(String(20))
    covers_from: Mapped[date] = mapped_column(Date)
    covers_to: Mapped[date] = mapped_column(Date)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_poll_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    import_id: Mapped[str | None] = mapped_column(ForeignKey("feedback_imports.id", ondelete="SET NULL"))
    error: Mapped[str | None] = mapped_column(Text)
