"""The shipper's pages: documentation requests to answer, the answer form, the scorecard."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user
from pydantic import ValidationError

from api.extensions import db
from api.schemas.shipping import DocumentationResponseIn
from web.auth import shipper_only
from web.blueprint import blueprint
from web.display import problem_of
from workflow.clock import utcnow
from workflow.errors import DomainError
from workflow.policy import FAULTS
from workflow.shipping import use_cases as shipping
from workflow.shipping import worklist
from workflow.shipping.scorecards import scorecard

# Answer fields, in the order the form asks them, with how each is entered.
FIELD_INPUTS = {
    "shipped_on": "date", "ship_by": "date", "carrier": "text", "tracking_number": "text",
    "contents_verified": "yes_no", "packaging_description": "textarea", "item_condition": "textarea",
    "notes": "textarea",
}  # fmt: skip


@blueprint.get("/shipper/")
@shipper_only
def shipper_requests():
    to_answer, answered = worklist.shipper_worklist(db.session(), current_user.account_id)
    return render_template("shipper_requests.html", to_answer=to_answer, answered=answered, now=utcnow())


def request_page(request_id: str, *, problem=None, status: int = 200):
    view = worklist.shipper_request(db.session(), current_user.account_id, request_id)
    fields = [name for kind in view.request.evidence_requested for name in shipping.EVIDENCE_FIELDS[kind]]
    return render_template(
        "shipper_request.html", doc=view.request, view=view, fields=list(dict.fromkeys(fields)),
        inputs=FIELD_INPUTS, faults=FAULTS, problem=problem, form=request.form, now=utcnow(),
    ), status  # fmt: skip


@blueprint.get("/shipper/requests/<request_id>")
@shipper_only
def shipper_request(request_id: str):
    return request_page(request_id)


def _evidence_from(form) -> dict:
    evidence = {name: form.get(name, "").strip() or None for name, kind in FIELD_INPUTS.items() if name in form}
    if "contents_verified" in evidence and evidence["contents_verified"] is not None:
        evidence["contents_verified"] = evidence["contents_verified"] == "yes"
    evidence["buy_shipping_label"] = form.get("buy_shipping_label") == "on"
    evidence["attachments"] = [line.strip() for line in form.get("attachments", "").splitlines() if line.strip()]
    return evidence


@blueprint.post("/shipper/requests/<request_id>")
@shipper_only
def answer_request(request_id: str):
    form = request.form
    decision = form.get("decision")
    try:
        if decision == "declined":
            body = DocumentationResponseIn.model_validate(
                {"decision": "declined", "reason": form.get("reason") or None}
            )
        else:
            body = DocumentationResponseIn.model_validate(
                {"decision": "provided", "evidence": _evidence_from(form), "fault": form.get("fault") or None}
            )
        shipping.respond(
            db.session(), current_user.account_id, request_id, evidence=body.evidence_given(), fault=body.fault,
            decline_reason=body.reason, now=utcnow(),
        )  # fmt: skip
    except (DomainError, ValidationError) as error:
        problem = problem_of(error)
        return request_page(request_id, problem=problem, status=problem.status)
    flash("Your answer is sent to the seller.")
    return redirect(url_for("web.shipper_requests"))


@blueprint.get("/shipper/scorecard")
@shipper_only
def shipper_scorecard():
    return render_template("scorecard.html", card=scorecard(db.session(), current_user.account_id))
