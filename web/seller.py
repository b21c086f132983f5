"""The seller's pages: the inbox, a case, contacting the buyer, corrections, bulk closing."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from pydantic import ValidationError
from werkzeug.datastructures import MultiDict

from api.auth import current_settings
from api.extensions import db
from api.schemas.cases import CasePatch, EventIn
from api.schemas.outreach import PreviewIn
from web.auth import seller_only
from web.blueprint import blueprint
from web.display import problem_of
from workflow.cases import desk, use_cases
from workflow.cases.machine import OPEN_STATES, RESOLUTIONS
from workflow.clock import utcnow
from workflow.errors import DomainError
from workflow.outreach import use_cases as outreach
from workflow.people.models import SHIPPER
from workflow.policy import ASSERTABLE_GROUNDS, FEEDBACK_TYPES
from workflow.shipping import use_cases as shipping

FEEDBACK_TYPE_CHOICES = [(t.code, t.label) for t in FEEDBACK_TYPES]
GROUND_CHOICES = [g.value for g in ASSERTABLE_GROUNDS]


def _inbox_filter() -> desk.InboxFilter:
    args = request.args
    return desk.InboxFilter(
        state=args.get("state") if args.get("state") in OPEN_STATES else None,
        feedback_type=args.get("type") if args.get("type") in dict(FEEDBACK_TYPE_CHOICES) else None,
        marketplace=args.get("marketplace") or None,
        due_this_week=args.get("due") == "week",
        order_id=(args.get("q") or "").strip()[:19] or None,
        typed_by_triage=args.get("typed") == "triage",
    )


def _page_number() -> int:
    page = request.args.get("page", "1")
    return int(page) if page.isdigit() else 1


def inbox_page(bulk=None, problem=None, status: int = 200):
    now = utcnow()
    page = desk.inbox(db.session(), current_user.account_id, _inbox_filter(), now, _page_number())
    return render_template(
        "inbox.html", page=page, filters=_inbox_filter(), states=OPEN_STATES, types=FEEDBACK_TYPE_CHOICES,
        now=now, bulk=bulk, problem=problem, resolutions=RESOLUTIONS,
    ), status  # fmt: skip


@blueprint.get("/")
@login_required
def home():
    if current_user.kind == SHIPPER:
        return redirect(url_for("web.shipper_requests"))
    return inbox_page()


@blueprint.post("/cases/close")
@seller_only
def close_cases():
    resolution = request.form.get("resolution")
    case_ids = request.form.getlist("case_id")
    if resolution not in RESOLUTIONS or not case_ids:
        flash("Select the cases to close, then choose Close as resolved or Withdraw.", "error")
        return redirect(url_for("web.home", **request.args))
    result = desk.close_cases(
        db.session(), current_user.account_id, case_ids, resolution, settings=current_settings(), now=utcnow()
    )
    if result.done:
        verb = "withdrawn" if resolution == "withdrawn" else "closed as resolved"
        flash(f"{len(result.done)} case{'s' if len(result.done) != 1 else ''} {verb}.")
    for case_id, reason in result.refused.items():
        flash(f"{case_id}: {reason}", "error")
    return redirect(url_for("web.home", **request.args))


def case_page(case_id: str, *, problem=None, status: int = 200, form=None, preview=None):
    now = utcnow()
    file = desk.case_file(db.session(), current_user.account_id, case_id, now)
    return render_template(
        "case.html", file=file, case=file.case, now=now, problem=problem, form=form or MultiDict(), preview=preview,
        types=FEEDBACK_TYPE_CHOICES, grounds=GROUND_CHOICES, resolutions=RESOLUTIONS,
    ), status  # fmt: skip


@blueprint.get("/cases/<case_id>")
@seller_only
def case(case_id: str):
    return case_page(case_id)


@blueprint.post("/cases/<case_id>/events")
@seller_only
def fire_event(case_id: str):
    form = request.form
    try:
        body = EventIn.model_validate(
            {
                "event": form.get("event"),
                "note": form.get("note") or None,
                "expected_version": form.get("expected_version") or None,
                "resolution": form.get("resolution") or None,
                "action_taken": form.get("action_taken") or None,
            }
        )
        use_cases.fire_event(
            db.session(), current_user.account_id, case_id, body.event, actor="seller", settings=current_settings(),
            now=utcnow(), note=body.note, expected_version=body.expected_version,
            fields=body.model_dump(exclude={"event", "note", "expected_version"}),
        )  # fmt: skip
    except (DomainError, ValidationError) as error:
        problem = problem_of(error)
        if form.get("event") == "contact_customer":
            return contact_page(case_id, problem=problem, status=problem.status)
        return case_page(case_id, problem=problem, status=problem.status, form=form)
    flash(_done_sentence(form.get("event")))
    return redirect(url_for("web.case", case_id=case_id))


def _done_sentence(event: str | None) -> str:
    if event == "contact_customer":
        return "The email to the buyer is queued; the case moves on once it is sent."
    return f"Done: {(event or '').replace('_', ' ')}."


def contact_page(case_id: str, *, problem=None, status: int = 200):
    """The email as the buyer will see it, its rule check, and the form that sends it."""
    action_taken = (request.values.get("action_taken") or "").strip() or None
    session = db.session()
    file = desk.case_file(session, current_user.account_id, case_id, utcnow())
    rendered = None
    try:
        PreviewIn.model_validate({"action_taken": action_taken})
        rendered = outreach.preview(session, current_user.account_id, case_id, action_taken, None)
    except (DomainError, ValidationError) as error:
        problem = problem or problem_of(error)
        status = problem.status if status == 200 else status
    return render_template(
        "contact.html", file=file, case=file.case, rendered=rendered, action_taken=action_taken or "", problem=problem
    ), status


@blueprint.route("/cases/<case_id>/contact", methods=["GET", "POST"])
@seller_only
def contact(case_id: str):
    return contact_page(case_id)


@blueprint.post("/cases/<case_id>/correct")
@seller_only
def correct(case_id: str):
    form = request.form
    buyer = {
        "email": form.get("buyer.email", "").strip() or None,
        "name": form.get("buyer.name", "").strip() or None,
        "language": form.get("buyer.language", "").strip() or None,
        "opted_out": form.get("buyer.opted_out") == "on",
    }
    try:
        body = CasePatch.model_validate(
            {
                "expected_version": form.get("expected_version") or None,
                "feedback_types": form.getlist("feedback_types"),
                "asserted_grounds": form.getlist("asserted_grounds"),
                "buyer": buyer,
            }
        )
        use_cases.update_case(
            db.session(), current_user.account_id, case_id, now=utcnow(), expected_version=body.expected_version,
            feedback_types=body.feedback_types, asserted_grounds=body.asserted_grounds,
            buyer=body.buyer.model_dump(),
        )  # fmt: skip
    except (DomainError, ValidationError) as error:
        problem = problem_of(error)
        return case_page(case_id, problem=problem, status=problem.status, form=form)
    flash("The case is corrected.")
    return redirect(url_for("web.case", case_id=case_id))


@blueprint.post("/cases/<case_id>/documentation")
@seller_only
def request_documentation(case_id: str):
    form = request.form
    try:
        shipping.request_documentation(
            db.session(), current_user.account_id, case_id, shipper_id=form.get("shipper_id") or None,
            note=(form.get("note") or "").strip()[:2000] or None, share_comment=form.get("share_comment") == "on",
            settings=current_settings(), now=utcnow(),
        )  # fmt: skip
    except DomainError as error:
        return case_page(case_id, problem=problem_of(error), status=error.status, form=form)
    flash("The shipper is asked for its documentation.")
    return redirect(url_for("web.case", case_id=case_id))
