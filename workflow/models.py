"""Tables of the domain. The schema itself is created by the Alembic migrations."""

from __future__ import annotations

import json
import secrets
import time
from datetime import datetime
from enum import StrEnum, auto

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    delete,
    event,
    exists,
    false,
    insert,
    inspect,
    select,
    text,
)
from sqlalchemy.orm import ColumnProperty, InstrumentedAttribute, Mapped, column_property, mapped_column
from sqlalchemy.orm.attributes import set_committed_value

from workflow.clock import utcnow
from workflow.db import Base, UTCDateTime
from workflow.policy import in_policy_order, stored_codes, stored_removal_grounds


def new_id(prefix: str) -> str:
    """An opaque id whose sort order is its creation order (keyset pagination relies on it)."""
    return f"{prefix}_{time.time_ns() // 1_000_000:012x}{secrets.token_hex(8)}"


CASE_ID_PATTERN = r"^case_[0-9a-f]{28}$"


class Seller(Base):
    __tablename__ = "sellers"

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("sel"))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Whether the seller has an enabled webhook endpoint, kept by every change of an endpoint
    # (workflow/webhooks/endpoints.py): a write of a case reads it with the case, and looks
    # the seller's endpoints up only when it is true. Most sellers have none.
    has_webhook_endpoints: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class ApiToken(Base):
    """A seller's bearer token, kept only as its SHA-256 digest (tokens are 256 random bits)."""

    __tablename__ = "api_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    label: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # To the minute: the API records a use when it first sees the token in a minute.
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class CaseFacts:
    """What a case's columns say beyond themselves, defined once for the two shapes a case is
    read in: the ORM's `Case`, which use cases change, and the read model's `CaseRow`
    (cases/repository.py), which the API's reads show. The representation and the machine's
    guards ask these and the columns, and work on either."""

    __slots__ = ()

    @property
    def feedback_types(self) -> list[str]:
        """The types, in policy order; empty while an imported case awaits classification."""
        return stored_codes(self.feedback_types_csv)

    @property
    def needs_classification(self) -> bool:
        return not self.feedback_types_csv

    @property
    def asserted_grounds(self) -> list[str]:
        return stored_codes(self.asserted_grounds_csv)

    @property
    def amazon_removal_grounds(self) -> list[str]:
        return list(
            stored_removal_grounds(
                self.feedback_types_csv, self.asserted_grounds_csv, bool(self.shipped_on_time_with_buy_shipping)
            )
        )

    @property
    def is_open(self) -> bool:
        return self.outcome is None

    @property
    def triage(self) -> dict | None:
        return json.loads(self.triage_json) if self.triage_json else None


class Case(CaseFacts, Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("seller_id", "order_id", name="uq_cases_seller_order"),
        CheckConstraint("rating IN (1, 2)", name="negative_rating"),
        # The list's order is the id: each filter has an index that yields its cases in that
        # order, so a page reads its 50 rows instead of the seller's whole history.
        Index("ix_cases_seller_id", "seller_id", "id"),
        Index("ix_cases_seller_state_id", "seller_id", "state", "id"),
        # due_before: open cases only, a small and recent part of a seller's cases.
        Index(
            "ix_cases_seller_open_id",
            "seller_id",
            "id",
            sqlite_where=text("outcome IS NULL"),
            postgresql_where=text("outcome IS NULL"),
        ),
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
    # The buyer opted out of unsolicited messages: Amazon bounces a removal request to them.
    buyer_opted_out: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Codes are fixed identifiers without commas, so a comma-separated list stays exact and is
    # shown without a join; the filter by type reads the CaseFeedbackType rows that follow it.
    feedback_types_csv: Mapped[str] = mapped_column("feedback_types", String(400))
    # Grounds the seller asserts about the comment (obscene language, personal information).
    asserted_grounds_csv: Mapped[str] = mapped_column("asserted_grounds", String(200), default="")
    # Who chose the feedback types: the triage of the comment, or the seller.
    feedback_types_source: Mapped[str] = mapped_column(String(10), default="seller", server_default="seller")
    # The triage of the comment when the case was opened, as JSON (None for older cases).
    triage_json: Mapped[str | None] = mapped_column("triage", Text)
    state: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str | None] = mapped_column(String(40))
    customer_removal_by: Mapped[datetime] = mapped_column(UTCDateTime)
    amazon_removal_by: Mapped[datetime] = mapped_column(UTCDateTime)
    # When the deadline sweep must look at the case next (None: never); kept by deadlines.py.
    sweep_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # The shipper's evidence showed an on-time shipment with an Amazon Buy Shipping label.
    shipped_on_time_with_buy_shipping: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Cancelled order still received: was the cancellation approved before the order was
    # assigned to a fulfilment center and excluded with the shipper? (None: not recorded yet)
    cancellation_approved_before_assignment: Mapped[bool | None] = mapped_column(Boolean)
    # Deadline notices (7 and 1 days before each deadline) already sent, as bits, and when
    # the next one is due (None: none left); kept by deadlines.py.
    notices_sent: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    next_notice_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    # Where the case came from: typed in ("manual") or a feedback report ("amazon_report"),
    # and then the import that brought it.
    source: Mapped[str] = mapped_column(String(20), default="manual", server_default="manual")
    feedback_import_id: Mapped[str | None] = mapped_column(
        ForeignKey("feedback_imports.id", ondelete="SET NULL"), index=True
    )
    # The latest import stating a period whose file had this order: after it, an open case of
    # that period the file did not have was removed (no foreign key: it is a marker, not a link).
    seen_in_import_id: Mapped[str | None] = mapped_column(String(40))
    # An imported case whose comment the worker has yet to triage (the import itself stays at
    # the speed of its inserts; triage takes about a millisecond a comment).
    awaiting_triage: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), index=True)
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    # Every UPDATE checks and bumps the version, so a change made from a stale read fails.
    __mapper_args__ = {"version_id_col": version}

    @classmethod
    def __declare_last__(cls) -> None:
        """Once the mapping is configured, before any case is written: the schedule columns
        follow from the row on every insert and update (workflow/deadlines.py). Imported here,
        not at the top, because the clocks' module uses the models."""
        from workflow.deadlines import keep_schedule

        event.listen(cls, "before_insert", keep_schedule)
        event.listen(cls, "before_update", keep_schedule)

    @CaseFacts.feedback_types.setter
    def feedback_types(self, codes: list[str]) -> None:
        self.feedback_types_csv = ",".join(in_policy_order(codes))

    @CaseFacts.asserted_grounds.setter
    def asserted_grounds(self, grounds: list[str]) -> None:
        self.asserted_grounds_csv = ",".join(sorted(set(grounds)))


class CaseFeedbackType(Base):
    """One row per feedback type of a case: the index `GET /v1/cases?feedback_type=` walks in
    case order (a comma-separated column could only be scanned). Written from the case's own
    list on every insert and update of a case, below."""

    __tablename__ = "case_feedback_types"
    __table_args__ = (Index("ix_case_feedback_types_seller_type_case", "seller_id", "feedback_type", "case_id"),)

    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True)
    feedback_type: Mapped[str] = mapped_column(String(40), primary_key=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))


def feedback_type_rows(case_id: str, seller_id: str, feedback_types_csv: str) -> list[dict[str, str]]:
    """The CaseFeedbackType rows of a case, for writers that insert cases without the ORM."""
    codes = stored_codes(feedback_types_csv)
    return [{"case_id": case_id, "seller_id": seller_id, "feedback_type": code} for code in codes]


@event.listens_for(Case, "after_insert")
def _index_new_case_types(_mapper, connection, case: Case) -> None:
    rows = feedback_type_rows(case.id, case.seller_id, case.feedback_types_csv)
    if rows:
        connection.execute(insert(CaseFeedbackType), rows)


@event.listens_for(Case, "after_update")
def _index_changed_case_types(_mapper, connection, case: Case) -> None:
    if inspect(case).attrs.feedback_types_csv.history.has_changes():
        connection.execute(delete(CaseFeedbackType).where(CaseFeedbackType.case_id == case.id))
        _index_new_case_types(_mapper, connection, case)


class MessageStatus(StrEnum):
    """Where an outbox email stands: waiting to go out, being sent under a worker's claim, sent,
    given up, or stopped before sending."""

    queued = auto()
    sending = auto()
    sent = auto()
    failed = auto()
    blocked = auto()


class OutboxMessage(Base):
    """Something that must leave the process (an email), written in the transaction of the
    change that causes it and delivered by the worker."""

    __tablename__ = "outbox_messages"
    __table_args__ = (Index("ix_outbox_messages_due", "status", "next_attempt_at"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("msg"))
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default="email")
    recipient: Mapped[str] = mapped_column(String(320))
    language: Mapped[str] = mapped_column(String(8))
    subject: Mapped[str] = mapped_column(String(300))
    text_body: Mapped[str] = mapped_column(Text)
    html_body: Mapped[str] = mapped_column(Text)
    # The RFC 5322 Message-ID, fixed at creation so a resend is recognisably the same message.
    message_id: Mapped[str] = mapped_column(String(200), unique=True)
    # queued -> sending (under a claim) -> sent | failed | blocked; back to queued to retry.
    status: Mapped[str] = mapped_column(String(20), default=MessageStatus.queued)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # A worker's claim: nobody else takes the message before `claimed_until`, and only the
    # holder of `claim_id` (the fencing token) can record its outcome.
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_id: Mapped[str | None] = mapped_column(String(40))
    last_error: Mapped[str | None] = mapped_column(Text)
    # The outcome is recorded, its effects (the case moving on, the webhook event, a bounce's
    # suppression) are not applied yet.
    effects_pending: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false(), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Suppression(Base):
    """An address the seller must not email: a bounce, a complaint, or the seller's own choice."""

    __tablename__ = "suppressions"

    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), primary_key=True)
    email: Mapped[str] = mapped_column(String(320), primary_key=True)
    reason: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class TemplateOverride(Base):
    """A seller's own version of one email template in one language."""

    __tablename__ = "template_overrides"

    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), primary_key=True)
    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    source: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class WebhookEndpoint(Base):
    """Where an integrator wants to be told about changes, and the secret that signs them.

    The secret signs every delivery, so it is kept as is (a digest could not sign); it is shown
    to the seller once, at creation or rotation."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("whep"))
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    # Comma-separated event types, or "*" for all.
    event_types_csv: Mapped[str] = mapped_column("event_types", String(1000))
    enabled: Mapped[bool] = mapped_column(Boolean, default=True)
    disabled_reason: Mapped[str | None] = mapped_column(String(200))
    secret: Mapped[str] = mapped_column(String(100))
    # After a rotation the old secret signs too, until it expires.
    previous_secret: Mapped[str | None] = mapped_column(String(100))
    previous_secret_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    @property
    def events(self) -> list[str]:
        """The event types it wants, or ["*"]."""
        return self.event_types_csv.split(",")


class WebhookDeliveryStatus(StrEnum):
    """Where a webhook delivery stands: waiting to go out, being attempted under a worker's
    claim, delivered, or given up."""

    queued = auto()
    sending = auto()
    delivered = auto()
    failed = auto()


class WebhookDelivery(Base):
    """One event for one endpoint, written in the transaction of the change it reports. Its
    `id` is the `webhook-id` header: the same on every attempt."""

    __tablename__ = "webhook_deliveries"
    __table_args__ = (
        Index("ix_webhook_deliveries_due", "status", "next_attempt_at"),
        Index("ix_webhook_deliveries_order", "endpoint_id", "case_id", "seq"),
    )

    # Creation order: deliveries for one endpoint and case go out in this order.
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id: Mapped[str] = mapped_column(String(40), unique=True, default=lambda: new_id("msg"))
    endpoint_id: Mapped[str] = mapped_column(ForeignKey("webhook_endpoints.id", ondelete="CASCADE"))
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    case_id: Mapped[str | None] = mapped_column(String(40))
    event_type: Mapped[str] = mapped_column(String(60))
    payload: Mapped[str] = mapped_column(Text)
    # queued -> sending (under a claim) -> delivered | failed; back to queued to retry.
    status: Mapped[str] = mapped_column(String(20), default=WebhookDeliveryStatus.queued)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(UTCDateTime)
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claim_id: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    delivered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class WebhookAttempt(Base):
    """The delivery log: one row per HTTP attempt."""

    __tablename__ = "webhook_attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    delivery_id: Mapped[str] = mapped_column(ForeignKey("webhook_deliveries.id", ondelete="CASCADE"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    status_code: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class Shipper(Base):
    """A fulfilment network that answers documentation requests for the sellers it serves."""

    __tablename__ = "shippers"

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("shp"))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ShipperToken(Base):
    __tablename__ = "shipper_tokens"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    shipper_id: Mapped[str] = mapped_column(ForeignKey("shippers.id", ondelete="CASCADE"), index=True)
    label: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ShipperLink(Base):
    """The shipper fulfils orders for the seller."""

    __tablename__ = "shipper_links"

    shipper_id: Mapped[str] = mapped_column(ForeignKey("shippers.id", ondelete="CASCADE"), primary_key=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), primary_key=True, index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class DocumentationRequest(Base):
    """A seller's request for the shipper's evidence on one case; its own small state machine."""

    __tablename__ = "documentation_requests"
    __table_args__ = (Index("ix_documentation_requests_due", "status", "respond_by"),)

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("doc"))
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    shipper_id: Mapped[str] = mapped_column(ForeignKey("shippers.id", ondelete="CASCADE"), index=True)
    # The case's types the shipper owes documentation for, and the kinds of evidence asked for.
    feedback_types_csv: Mapped[str] = mapped_column("feedback_types", String(400))
    evidence_requested_csv: Mapped[str] = mapped_column("evidence_requested", String(400))
    note: Mapped[str | None] = mapped_column(Text)
    share_comment: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(20))
    respond_by: Mapped[datetime] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    responded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Answered before the deadline and before the request went overdue.
    answered_on_time: Mapped[bool | None] = mapped_column(Boolean)
    # The answer: the evidence as the shipper gave it (JSON), the fault finding, or a refusal.
    evidence_given_json: Mapped[str | None] = mapped_column("evidence_given", Text)
    fault: Mapped[str | None] = mapped_column(String(40))
    decline_reason: Mapped[str | None] = mapped_column(Text)

    @property
    def feedback_types(self) -> list[str]:
        return self.feedback_types_csv.split(",")

    @property
    def evidence_requested(self) -> list[str]:
        return self.evidence_requested_csv.split(",")

    @property
    def evidence_given(self) -> dict | None:
        return json.loads(self.evidence_given_json) if self.evidence_given_json else None


class Penalty(Base):
    """The seed's "poor rating and penalties": the fulfilment center was found at fault."""

    __tablename__ = "penalties"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    shipper_id: Mapped[str] = mapped_column(ForeignKey("shippers.id", ondelete="CASCADE"), index=True)
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"))
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"))
    request_id: Mapped[str] = mapped_column(ForeignKey("documentation_requests.id", ondelete="CASCADE"))
    feedback_type: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


# Derived on every load, never stored: whether the buyer's address is suppressed, and how
# the latest outreach email fares. A flush of the case leaves them as they are (SQLAlchemy
# would otherwise expire them and read them again after the commit, in a second transaction):
# the writes that change them say so with know_derived_columns() or expire them.
Case.buyer_suppressed = column_property(
    exists()
    .where(Suppression.seller_id == Case.seller_id, Suppression.email == Case.buyer_email)
    .correlate_except(Suppression),
    deferred=False,
    expire_on_flush=False,
)
_latest_message = (
    select(OutboxMessage.id)
    .where(OutboxMessage.case_id == Case.id)
    .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())
    .limit(1)
    .correlate_except(OutboxMessage)
    .scalar_subquery()
)


# Each derived column that shows the latest email, and the email's column it shows.
_LATEST_MESSAGE_COLUMNS: dict[ColumnProperty, InstrumentedAttribute] = {}


def _of_latest_message(column):
    derived = column_property(
        select(column).where(OutboxMessage.id == _latest_message).correlate_except(OutboxMessage).scalar_subquery(),
        expire_on_flush=False,
    )
    _LATEST_MESSAGE_COLUMNS[derived] = column
    return derived


Case.outreach_status = _of_latest_message(OutboxMessage.status)
Case.outreach_error = _of_latest_message(OutboxMessage.last_error)
Case.outreach_message_id = _of_latest_message(OutboxMessage.id)
# What a change in the same transaction can leave stale: expire these to read them afresh.
DERIVED_CASE_COLUMNS = ("buyer_suppressed", "outreach_status", "outreach_error", "outreach_message_id")


def know_latest_message(case: Case, message: OutboxMessage) -> None:
    """The case's latest email is now `message`, queued in this transaction: every column
    derived from the latest email shows it, without reading them again."""
    know_derived_columns(
        case,
        **{
            attribute.key: getattr(message, _LATEST_MESSAGE_COLUMNS[attribute].key)
            for attribute in Case.__mapper__.column_attrs
            if attribute in _LATEST_MESSAGE_COLUMNS
        },
    )


def know_derived_columns(case: Case, **values) -> None:
    """Set derived columns a write knows the value of, as if loaded: the answer is then shown
    from the object without reading them again after the commit (a second transaction)."""
    for name, value in values.items():
        if name not in DERIVED_CASE_COLUMNS:
            raise ValueError(f"{name} is not a derived case column")
        set_committed_value(case, name, value)


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


class RemovalRequestOutcome(StrEnum):
    removed = auto()
    declined = auto()


class AmazonRemovalRequest(Base):
    """A removal request the seller filed in Feedback Manager, the grounds it claimed, and
    Amazon's answer; a declined request can be filed again, so a case may have several."""

    __tablename__ = "amazon_removal_requests"

    id: Mapped[str] = mapped_column(String(40), primary_key=True, default=lambda: new_id("arr"))
    seller_id: Mapped[str] = mapped_column(ForeignKey("sellers.id", ondelete="CASCADE"), index=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    marketplace: Mapped[str | None] = mapped_column(String(40))
    # Comma-separated ground codes, in the policy's order.
    grounds: Mapped[str] = mapped_column(String(200))
    filed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    outcome: Mapped[str | None] = mapped_column(String(20))
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
