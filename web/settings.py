"""Settings of an account: API tokens, people, the person's own time zone; for sellers also
webhooks with their delivery log, and the suppression list."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from pydantic import ValidationError

from api.auth import current_settings, forget_token
from api.extensions import db
from api.schemas.outreach import SuppressionIn
from api.schemas.webhooks import WebhookIn
from commands.users import invite_link
from web.auth import seller_only
from web.blueprint import blueprint
from web.display import problem_of
from workflow.clock import utcnow
from workflow.errors import DomainError
from workflow.outreach import use_cases as outreach
from workflow.people import invites, sessions, tokens
from workflow.webhooks import endpoints as webhooks
from workflow.webhooks.events import EVENT_TYPES


def settings_page(*, problem=None, status: int = 200, new_token=None, new_invite=None):
    session = db.session()
    return render_template(
        "settings.html",
        tokens=tokens.tokens_of(session, current_user.kind, current_user.account_id),
        people=sessions.people_of(session, current_user.kind, current_user.account_id),
        account=tokens.account_for_token(session, current_user.kind, current_user.account_id),
        time_zones=sessions.time_zones(),
        problem=problem,
        new_token=new_token,
        new_invite=new_invite,
    ), status


@blueprint.get("/settings")
@login_required
def settings():
    return settings_page()


@blueprint.post("/settings/tokens")
@login_required
def create_token():
    try:
        row, token = tokens.create_token(
            db.session(), current_user.kind, current_user.account_id, request.form.get("label", ""), utcnow()
        )
    except DomainError as error:
        return settings_page(problem=problem_of(error), status=error.status)
    # Shown in this answer only: the token is never stored, nor put in a cookie.
    return settings_page(new_token=(row.label, token), status=201)


@blueprint.post("/settings/tokens/revoke")
@login_required
def revoke_token():
    token_hash = request.form.get("token", "")
    try:
        tokens.revoke_token(db.session(), current_user.kind, current_user.account_id, token_hash)
    except DomainError as error:
        return settings_page(problem=problem_of(error), status=error.status)
    forget_token(token_hash)
    flash("The token is revoked: requests with it are refused.")
    return redirect(url_for("web.settings"))


@blueprint.post("/settings/people")
@login_required
def invite_person():
    try:
        person, token = invites.invite(
            db.session(), request.form.get("email", ""), current_user.kind, current_user.account_id, utcnow()
        )
    except DomainError as error:
        return settings_page(problem=problem_of(error), status=error.status)
    return settings_page(new_invite=(person.email, invite_link(token)), status=201)


@blueprint.post("/settings/time-zone")
@login_required
def set_time_zone():
    try:
        sessions.set_time_zone(db.session(), current_user.person_id, request.form.get("time_zone", ""))
    except DomainError as error:
        return settings_page(problem=problem_of(error), status=error.status)
    flash("Times are now shown in your time zone.")
    return redirect(url_for("web.settings"))


# --- webhooks ----------------------------------------------------------------------------------


def webhooks_page(*, problem=None, status: int = 200, created=None):
    return render_template(
        "webhooks.html",
        endpoints=webhooks.list_endpoints(db.session(), current_user.account_id),
        event_types=EVENT_TYPES,
        problem=problem,
        created=created,
        form=request.form,
    ), status


@blueprint.get("/settings/webhooks")
@seller_only
def webhook_endpoints():
    return webhooks_page()


@blueprint.post("/settings/webhooks")
@seller_only
def create_webhook():
    try:
        body = WebhookIn.model_validate(
            {"url": request.form.get("url", "").strip(), "events": request.form.getlist("events") or ["*"]}
        )
        endpoint = webhooks.create_endpoint(
            db.session(), current_user.account_id, body.url, body.events, True, current_settings()
        )
    except (DomainError, ValidationError) as error:
        problem = problem_of(error)
        return webhooks_page(problem=problem, status=problem.status)
    return webhooks_page(created=endpoint, status=201)


@blueprint.post("/settings/webhooks/<endpoint_id>/enabled")
@seller_only
def toggle_webhook(endpoint_id: str):
    enabled = request.form.get("enabled") == "true"
    webhooks.update_endpoint(db.session(), current_user.account_id, endpoint_id, current_settings(), enabled=enabled)
    flash("The endpoint is enabled." if enabled else "The endpoint is disabled: nothing is sent to it.")
    return redirect(url_for("web.webhook_endpoints"))


@blueprint.post("/settings/webhooks/<endpoint_id>/delete")
@seller_only
def delete_webhook(endpoint_id: str):
    webhooks.delete_endpoint(db.session(), current_user.account_id, endpoint_id)
    flash("The endpoint is deleted.")
    return redirect(url_for("web.webhook_endpoints"))


@blueprint.get("/settings/webhooks/<endpoint_id>")
@seller_only
def webhook_deliveries(endpoint_id: str):
    session = db.session()
    endpoint = webhooks.get_endpoint(session, current_user.account_id, endpoint_id)
    deliveries = webhooks.deliveries_of(session, current_user.account_id, endpoint_id)
    return render_template("webhook.html", endpoint=endpoint, deliveries=deliveries)


@blueprint.post("/settings/webhooks/<endpoint_id>/deliveries/<delivery_id>/redeliver")
@seller_only
def redeliver(endpoint_id: str, delivery_id: str):
    webhooks.redeliver(db.session(), current_user.account_id, endpoint_id, delivery_id, utcnow())
    flash("The delivery is queued again, with the same webhook-id.")
    return redirect(url_for("web.webhook_deliveries", endpoint_id=endpoint_id))


# --- suppressions ------------------------------------------------------------------------------


def suppressions_page(*, problem=None, status: int = 200):
    return render_template(
        "suppressions.html",
        suppressions=outreach.list_suppressions(db.session(), current_user.account_id),
        problem=problem,
        form=request.form,
    ), status


@blueprint.get("/settings/suppressions")
@seller_only
def suppressions():
    return suppressions_page()


@blueprint.post("/settings/suppressions")
@seller_only
def add_suppression():
    try:
        body = SuppressionIn.model_validate({"email": request.form.get("email", "").strip(), "reason": "seller"})
        outreach.suppress(db.session(), current_user.account_id, body.email, body.reason, utcnow())
    except (DomainError, ValidationError) as error:
        problem = problem_of(error)
        return suppressions_page(problem=problem, status=problem.status)
    flash(f"{body.email} will not be emailed.")
    return redirect(url_for("web.suppressions"))


@blueprint.post("/settings/suppressions/remove")
@seller_only
def remove_suppression():
    email = request.form.get("email", "")
    outreach.unsuppress(db.session(), current_user.account_id, email)
    flash(f"{email} may be emailed again.")
    return redirect(url_for("web.suppressions"))
