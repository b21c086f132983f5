"""Use cases of outreach: previews of the removal-request email, the seller's template overrides
and suppression list."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from sqlalchemy import bindparam, delete, select
from sqlalchemy.orm import Session

from workflow.cases.repository import require_sellers_case, sellers_case
from workflow.errors import DomainError, NotFound
from workflow.models import Case, OutboxMessage, Seller, Suppression, TemplateOverride
from workflow.outreach.messages import (
    TEMPLATE_DIR,
    RenderedMessage,
    TemplateProblem,
    check_override,
    render_removal_request,
    render_samples,
    template_key,
)
from workflow.policy import MessagePurpose, message_purposes
from workflow.transactions import inserted_within, read_transaction, write_transaction

MAX_TEMPLATE_LENGTH = 20_000


class MessageNotCompliant(DomainError):
    status = 409
    slug = "message-not-compliant"
    title = "The message would break Amazon's messaging rules"


class InvalidTemplate(DomainError):
    status = 422
    slug = "invalid-template"
    title = "The template cannot be used"


class TemplateTooCostly(DomainError):
    status = 422
    slug = "template-limit-exceeded"
    title = "The template needs more than a message may take to render"


def template_refusal(problem: TemplateProblem) -> DomainError:
    if problem.limit:
        return TemplateTooCostly(problem.detail + "; simplify the template", limit=problem.limit)
    return InvalidTemplate(problem.detail, violations=[str(v) for v in problem.violations])


def _overrides(session: Session, seller_id: str) -> dict[str, str]:
    rows = session.scalars(select(TemplateOverride).where(TemplateOverride.seller_id == seller_id))
    return {template_key(row.name, row.language): row.source for row in rows}


# Built once and run on the session's connection, without the ORM: contact_customer asks it
# on every request, and building the query and going through the ORM cost more than the SQL.
_SELLER_NAME_AND_OVERRIDES = (
    select(Seller.name, TemplateOverride.name, TemplateOverride.language, TemplateOverride.source)
    .outerjoin(TemplateOverride, TemplateOverride.seller_id == Seller.id)
    .where(Seller.id == bindparam("seller_id"))
)


def _seller_name_and_overrides(session: Session, seller_id: str) -> tuple[str, dict[str, str]]:
    """What a removal request needs of the seller, in one query: the name and the overrides."""
    rows = session.connection().execute(_SELLER_NAME_AND_OVERRIDES, {"seller_id": seller_id}).all()
    overrides = {template_key(name, language): source for _, name, language, source in rows if name is not None}
    return rows[0][0], overrides


def render_for_case_within(session: Session, case: Case, action_taken: str | None, language: str | None = None):
    seller_name, overrides = _seller_name_and_overrides(session, case.seller_id)
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
            overrides=overrides,
            language=language,
        )
    except TemplateProblem as problem:
        raise template_refusal(problem) from problem


def action_taken_required(feedback_types: list[str]) -> bool:
    """A service complaint is answered by saying what the seller did, before the feedback."""
    return MessagePurpose.SERVICE.value in message_purposes(feedback_types)


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
    """Store the seller's override after it compiles, renders within the sandbox's limits and
    passes the messaging rules for every message purpose. True when it replaced an earlier
    override. The rendering happens before the write transaction: no lock is held meanwhile."""
    if len(source) > MAX_TEMPLATE_LENGTH:
        raise InvalidTemplate(f"the template is longer than {MAX_TEMPLATE_LENGTH:,} characters; shorten it")
    with read_transaction(session):
        overrides = _overrides(session, seller_id)
    try:
        check_override(name, language, source, overrides)
    except TemplateProblem as problem:
        raise template_refusal(problem) from problem
    with write_transaction(session):
        if inserted_within(session, TemplateOverride(seller_id=seller_id, name=name, language=language, source=source)):
            return False
        session.get(TemplateOverride, (seller_id, name, language), populate_existing=True).source = source
    return True


def preview_template(session: Session, seller_id: str, name: str, language: str, source: str) -> RenderedMessage:
    """A sample message combining every purpose, rendered with `source` in place of the
    template, carrying the rule violations of every sample: what saving it would refuse."""
    with read_transaction(session):
        overrides = _overrides(session, seller_id)
    try:
        samples = render_samples(name, language, source, overrides)
    except TemplateProblem as problem:
        raise template_refusal(problem) from problem
    found = {str(v): v for rendered in samples for v in rendered.violations}
    return replace(samples[-1], violations=list(found.values()))


def delete_override(session: Session, seller_id: str, name: str, language: str) -> None:
    with write_transaction(session):
        deleted = session.execute(
            delete(TemplateOverride).where(
                TemplateOverride.seller_id == seller_id,
                TemplateOverride.name == name,
                TemplateOverride.language == language,
            )
        ).rowcount
        if not deleted:
            raise NotFound(f"no override of {name!r} in {language!r}")


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
    suppression = Suppression(seller_id=seller_id, email=email.lower(), reason=reason, created_at=now)
    if inserted_within(session, suppression):
        return suppression
    return session.get(Suppression, (seller_id, email.lower()), populate_existing=True)


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
