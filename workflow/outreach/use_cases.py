"""Use cases of outreach: previews of the removal-request email, the seller's template overrides
and suppression list."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from workflow.cases.repository import require_sellers_case, sellers_case
from workflow.errors import DomainError, NotFound
from workflow.models import Case, OutboxMessage, Seller, Suppression, TemplateOverride
from workflow.outreach.messages import (
    TEMPLATE_DIR,
    TemplateProblem,
    check_override,
    render_removal_request,
    template_key,
)
from workflow.transactions import read_transaction, write_transaction

MAX_TEMPLATE_LENGTH = 20_000


class MessageNotCompliant(DomainError):
    status = 409
    slug = "message-not-compliant"
    title = "The message would break Amazon's messaging rules"


class InvalidTemplate(DomainError):
    status = 422
    slug = "invalid-template"
    title = "The template cannot be used"


def _overrides(session: Session, seller_id: str) -> dict[str, str]:
    rows = session.scalars(select(TemplateOverride).where(TemplateOverride.seller_id == seller_id))
    return {template_key(row.name, row.language): row.source for row in rows}


def render_for_case_within(session: Session, case: Case, action_taken: str | None, language: str | None = None):
    seller_name = session.scalar(select(Seller.name).where(Seller.id == case.seller_id))
    try:
        return render_removal_request(
            order_id=case.order_id,
            feedback_date=case.published_at.date(),
            feedback_types=case.feedback_types,
            seller_name=seller_name,
            buyer_name=case.buyer_name,
            buyer_language=case.buyer_language,
            marketplace=case.marketplace,
            action_taken=action_taken,
            overrides=_overrides(session, case.seller_id),
            language=language,
        )
    except TemplateProblem as problem:
        raise InvalidTemplate(problem.detail) from problem


def preview(session: Session, seller_id: str, case_id: str, action_taken: str | None, language: str | None):
    with read_transaction(session):
        return render_for_case_within(session, sellers_case(session, seller_id, case_id), action_taken, language)


def messages_of(session: Session, seller_id: str, case_id: str) -> list[OutboxMessage]:
    with read_transaction(session):
        require_sellers_case(session, seller_id, case_id)
        return list(
            session.scalars(
                select(OutboxMessage)
                .where(OutboxMessage.case_id == case_id)
                .order_by(OutboxMessage.created_at, OutboxMessage.id)
            )
        )


def template_source(session: Session, seller_id: str, name: str, language: str) -> tuple[str, bool]:
    """The template in force for the seller, and whether it is the seller's own override."""
    with read_transaction(session):
        override = session.get(TemplateOverride, (seller_id, name, language))
        if override is not None:
            return override.source, True
        path = TEMPLATE_DIR / template_key(name, language)
        if not path.is_file():
            raise NotFound(f"no template {name!r} in {language!r}")
        return path.read_text(encoding="utf-8"), False


def save_override(session: Session, seller_id: str, name: str, language: str, source: str) -> bool:
    """Store the seller's override after it compiles, renders and passes the messaging rules
    for every message purpose. True when it replaced an earlier override."""
    with write_transaction(session):
        if len(source) > MAX_TEMPLATE_LENGTH:
            raise InvalidTemplate(f"the template is longer than {MAX_TEMPLATE_LENGTH} characters")
        try:
            check_override(name, language, source, _overrides(session, seller_id))
        except TemplateProblem as problem:
            raise InvalidTemplate(problem.detail, violations=[str(v) for v in problem.violations]) from problem
        existing = session.get(TemplateOverride, (seller_id, name, language))
        if existing is None:
            session.add(TemplateOverride(seller_id=seller_id, name=name, language=language, source=source))
        else:
            existing.source = source
    return existing is not None


def delete_override(session: Session, seller_id: str, name: str, language: str) -> None:
    with write_transaction(session):
        override = session.get(TemplateOverride, (seller_id, name, language))
        if override is None:
            raise NotFound(f"no override of {name!r} in {language!r}")
        session.delete(override)


def list_overrides(session: Session, seller_id: str) -> list[TemplateOverride]:
    with read_transaction(session):
        return list(
            session.scalars(
                select(TemplateOverride)
                .where(TemplateOverride.seller_id == seller_id)
                .order_by(TemplateOverride.name, TemplateOverride.language)
            )
        )


def suppress(session: Session, seller_id: str, email: str, reason: str, now: datetime) -> Suppression:
    """Add an address to the seller's suppression list (idempotent: the first reason stays)."""
    with write_transaction(session):
        return suppress_within(session, seller_id, email, reason, now)


def suppress_within(session: Session, seller_id: str, email: str, reason: str, now: datetime) -> Suppression:
    existing = session.get(Suppression, (seller_id, email.lower()))
    if existing is not None:
        return existing
    suppression = Suppression(seller_id=seller_id, email=email.lower(), reason=reason, created_at=now)
    session.add(suppression)
    return suppression


def unsuppress(session: Session, seller_id: str, email: str) -> None:
    with write_transaction(session):
        deleted = session.execute(
            delete(Suppression).where(Suppression.seller_id == seller_id, Suppression.email == email.lower())
        ).rowcount
        if not deleted:
            raise NotFound(f"{email} is not on the suppression list")


def list_suppressions(session: Session, seller_id: str) -> list[Suppression]:
    with read_transaction(session):
        return list(
            session.scalars(select(Suppression).where(Suppression.seller_id == seller_id).order_by(Suppression.email))
        )
