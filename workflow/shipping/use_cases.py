"""The shipper's side of a case: documentation requests and their answers, fault findings and
penalties. What may be asked, and what a fault costs, come from the policy table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session
from statemachine.exceptions import TransitionNotAllowed

from workflow import deadlines
from workflow.accounts import shipper_serves_within
from workflow.cases.repository import require_sellers_case, sellers_case
from workflow.errors import DomainError, InvalidInput, NotFound
from workflow.models import Case, DocumentationRequest, Penalty, ShipperLink
from workflow.policy import BUY_SHIPPING_TYPE, FEEDBACK_TYPES_BY_CODE, Evidence
from workflow.settings import Settings
from workflow.shipping.machine import DocumentationRequestMachine, DocumentationRequestStatus, documentation_machine
from workflow.shipping.representation import ShipperRequestView, shipper_view, summary
from workflow.transactions import read_transaction, write_transaction
from workflow.webhooks import events

# Which answer fields each kind of evidence needs.
EVIDENCE_FIELDS: dict[str, tuple[str, ...]] = {
    Evidence.SHIPPED_ON_TIME: ("shipped_on", "ship_by", "carrier", "tracking_number"),
    Evidence.CORRECT_CONTENTS: ("contents_verified",),
    Evidence.PROTECTIVE_PACKAGING: ("packaging_description",),
    Evidence.NEW_CONDITION_ITEM: ("item_condition",),
    Evidence.INVESTIGATION_SUPPORT: ("notes",),
}


class DocumentationNotOwed(DomainError):
    status = 409
    slug = "documentation-not-owed"
    title = "The shipper owes no documentation for this case"


class RequestConflict(DomainError):
    status = 409
    slug = "documentation-request-conflict"
    title = "The documentation request cannot change that way"


# --- the seller asks ------------------------------------------------------------------------


def owed_types(feedback_types: list[str]) -> list[str]:
    return [code for code in feedback_types if FEEDBACK_TYPES_BY_CODE[code].shipper_owes_documentation]


def request_documentation(
    session: Session,
    seller_id: str,
    case_id: str,
    *,
    shipper_id: str | None,
    note: str | None,
    share_comment: bool,
    settings: Settings,
    now: datetime,
) -> DocumentationRequest:
    with write_transaction(session):
        # Locked so two requests at once cannot both pass the one-open-request check.
        case = sellers_case(session, seller_id, case_id, for_update=True)
        types = owed_types(case.feedback_types)
        if not types:
            names = ", ".join(case.feedback_types)
            raise DocumentationNotOwed(
                f"the shipper owes no documentation for {names}: the policy table gives the shipper no duty "
                "for these feedback types",
                feedback_types=case.feedback_types,
            )
        shipper_id = _shipper_of(session, seller_id, shipper_id)
        if session.scalar(
            select(DocumentationRequest.id).where(
                DocumentationRequest.case_id == case_id,
                DocumentationRequest.shipper_id == shipper_id,
                DocumentationRequest.status.in_(
                    (DocumentationRequestStatus.requested, DocumentationRequestStatus.overdue)
                ),
            )
        ):
            raise RequestConflict("this case has an unanswered documentation request with that shipper already")
        requested = [e.value for e in Evidence if any(e in FEEDBACK_TYPES_BY_CODE[t].evidence for t in types)]
        request = DocumentationRequest(
            case_id=case_id,
            seller_id=seller_id,
            shipper_id=shipper_id,
            feedback_types_csv=",".join(types),
            evidence_requested_csv=",".join(requested),
            note=note,
            share_comment=share_comment,
            status=DocumentationRequestMachine.initial_state.id,
            respond_by=deadlines.add_business_days(now, settings.documentation_response_business_days),
            created_at=now,
        )
        session.add(request)
        session.flush()
        events.emit(session, case, "documentation.requested", now, documentation_request=summary(request))
    return request


def _shipper_of(session: Session, seller_id: str, shipper_id: str | None) -> str:
    linked = list(session.scalars(select(ShipperLink.shipper_id).where(ShipperLink.seller_id == seller_id)))
    if shipper_id is None:
        if len(linked) == 1:
            return linked[0]
        problem = "no shipper is linked to this seller" if not linked else "several shippers serve this seller"
        raise InvalidInput(
            [{"field": "shipper_id", "message": f"{problem}: name the shipper ({', '.join(linked) or 'none'})"}]
        )
    if shipper_id not in linked:
        raise NotFound(f"no shipper {shipper_id!r} serves this seller")
    return shipper_id


def requests_of_case(session: Session, seller_id: str, case_id: str) -> list[DocumentationRequest]:
    with read_transaction(session):
        require_sellers_case(session, seller_id, case_id)
        return list(
            session.scalars(
                select(DocumentationRequest)
                .where(DocumentationRequest.case_id == case_id)
                .order_by(DocumentationRequest.id)
            )
        )


# --- the shipper answers --------------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceGiven:
    shipped_on: date | None = None
    ship_by: date | None = None
    carrier: str | None = None
    tracking_number: str | None = None
    buy_shipping_label: bool = False
    contents_verified: bool | None = None
    packaging_description: str | None = None
    item_condition: str | None = None
    notes: str | None = None
    attachments: tuple[str, ...] = ()

    @property
    def shipped_on_time(self) -> bool:
        return self.shipped_on is not None and self.ship_by is not None and self.shipped_on <= self.ship_by


def requests_for_shipper(
    session: Session, shipper_id: str, status: str | None, request_id: str | None = None
) -> list[ShipperRequestView]:
    """The shipper's requests from the sellers it serves (a request whose link was removed drops
    out), or the one of them with `request_id`."""
    with read_transaction(session):
        query = (
            select(DocumentationRequest, Case)
            .join(Case, Case.id == DocumentationRequest.case_id)
            .join(
                ShipperLink,
                (ShipperLink.shipper_id == DocumentationRequest.shipper_id)
                & (ShipperLink.seller_id == DocumentationRequest.seller_id),
            )
            .where(DocumentationRequest.shipper_id == shipper_id)
            .order_by(DocumentationRequest.id)
        )
        if status is not None:
            query = query.where(DocumentationRequest.status == status)
        if request_id is not None:
            query = query.where(DocumentationRequest.id == request_id)
        return [shipper_view(request, case) for request, case in session.execute(query)]


def _shippers_request(session: Session, shipper_id: str, request_id: str) -> DocumentationRequest:
    request = session.scalar(
        select(DocumentationRequest)
        .where(DocumentationRequest.id == request_id, DocumentationRequest.shipper_id == shipper_id)
        .with_for_update()
    )
    if request is None or not shipper_serves_within(session, shipper_id, request.seller_id):
        raise NotFound(f"no documentation request {request_id!r}")
    return request


def respond(
    session: Session,
    shipper_id: str,
    request_id: str,
    *,
    evidence: EvidenceGiven | None,
    fault: str | None,
    decline_reason: str | None,
    now: datetime,
) -> ShipperRequestView:
    """Provide the evidence with a fault finding, or decline; returns the request as the shipper sees it.
    A fulfilment-center fault on a type the seed penalises records a penalty; on-time Buy
    Shipping evidence on a pure late-delivery case gives the case Amazon's strike-through
    ground."""
    with write_transaction(session):
        request = _shippers_request(session, shipper_id, request_id)
        case = session.scalar(select(Case).where(Case.id == request.case_id).with_for_update())
        event = "provide" if evidence is not None else "decline"
        if evidence is not None:
            _check_evidence(request, evidence)
        on_time = request.status == DocumentationRequestStatus.requested and now <= request.respond_by
        try:
            documentation_machine(request).send(event)
        except TransitionNotAllowed:
            raise RequestConflict(f"the request is {request.status}: it was answered already") from None
        request.responded_at, request.answered_on_time = now, on_time
        if evidence is None:
            request.decline_reason = decline_reason
            events.emit(session, case, "documentation.declined", now, documentation_request=summary(request))
            return shipper_view(request, case)
        given = {**evidence.__dict__, "shipped_on": _iso(evidence.shipped_on), "ship_by": _iso(evidence.ship_by)}
        request.evidence_given_json = json.dumps({**given, "attachments": list(evidence.attachments)})
        request.fault = fault
        if fault == "fulfillment_center":
            for code in request.feedback_types:
                if FEEDBACK_TYPES_BY_CODE[code].penalty_on_fulfilment_fault:
                    session.add(
                        Penalty(
                            shipper_id=shipper_id,
                            seller_id=request.seller_id,
                            case_id=case.id,
                            request_id=request.id,
                            feedback_type=code,
                            created_at=now,
                        )  # fmt: skip
                    )
        if evidence.buy_shipping_label and evidence.shipped_on_time and case.feedback_types == [BUY_SHIPPING_TYPE]:
            case.shipped_on_time_with_buy_shipping = True
            case.updated_at = now
        events.emit(session, case, "documentation.provided", now, documentation_request=summary(request))
    return shipper_view(request, case)


def _iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def _check_evidence(request: DocumentationRequest, evidence: EvidenceGiven) -> None:
    missing = [
        {"field": f"evidence.{name}", "message": f"needed to document {kind.replace('_', ' ')}"}
        for kind in request.evidence_requested
        for name in EVIDENCE_FIELDS[kind]
        if getattr(evidence, name) in (None, "")
    ]
    if missing:
        raise InvalidInput(missing)
