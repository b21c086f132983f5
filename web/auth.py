"""Signing in and out, accepting an invitation, and who may open which page."""

from __future__ import annotations

from functools import wraps

from flask import abort, flash, redirect, render_template, request, url_for
from flask_login import UserMixin, current_user, login_required, login_user, logout_user

from api.extensions import db
from api.limits import FailureLimit
from web.blueprint import blueprint
from web.display import Problem, problem_of
from workflow.clock import utcnow
from workflow.errors import DomainError
from workflow.people import invites, sessions
from workflow.people.models import SELLER, SHIPPER, Person

# Failed sign-ins only: per address and email address, and per address across email addresses.
FAILED_SIGN_INS = (
    FailureLimit(
        "failed-sign-in",
        "5 per 15 minutes",
        lambda: f"{request.remote_addr}|{request.form.get('email', '').strip().lower()}",
    ),
    FailureLimit("failed-sign-in-per-address", "30 per hour", lambda: request.remote_addr or ""),
)


class SignedIn(UserMixin):
    """The person of a session. Its id carries the session generation, so signing out
    everywhere invalidates every cookie issued before."""

    def __init__(self, person: Person) -> None:
        self.person_id = person.id
        self.email = person.email
        self.kind = person.kind
        self.account_id = person.account_id
        self.time_zone = person.time_zone
        self.generation = person.session_generation

    def get_id(self) -> str:
        return f"{self.person_id}.{self.generation}"


def load_person(session_id: str) -> SignedIn | None:
    person_id, _, generation = session_id.rpartition(".")
    if not generation.isdigit():
        return None
    person = sessions.signed_in_person(db.session(), person_id, int(generation))
    return SignedIn(person) if person else None


def _only(kind: str):
    def decorate(view):
        @wraps(view)
        @login_required
        def guarded(*args, **kwargs):
            if current_user.kind != kind:
                abort(404)
            return view(*args, **kwargs)

        return guarded

    return decorate


seller_only = _only(SELLER)
shipper_only = _only(SHIPPER)


@blueprint.route("/sign-in", methods=["GET", "POST"])
def sign_in():
    if request.method == "GET":
        return render_template("sign_in.html", email=request.args.get("email", ""), problem=None)
    email = request.form.get("email", "")
    if any(limit.retry_after() is not None for limit in FAILED_SIGN_INS):
        problem = Problem(429, "Too many failed sign-ins: wait a little and try again.")
        return render_template("sign_in.html", email=email, problem=problem), 429
    try:
        person = sessions.sign_in(db.session(), email, request.form.get("password", ""))
    except DomainError as refusal:
        if refusal.status == 401:
            for limit in FAILED_SIGN_INS:
                limit.count_refusal()
        return render_template("sign_in.html", email=email, problem=problem_of(refusal)), refusal.status
    login_user(SignedIn(person))
    return redirect(_safe_next(request.args.get("next")))


def _safe_next(target: str | None) -> str:
    """Only a path of this app: never an absolute URL somewhere else."""
    if target and target.startswith("/app/") and not target.startswith("//"):
        return target
    return url_for("web.home")


@blueprint.post("/sign-out")
def sign_out():
    logout_user()
    flash("You are signed out.")
    return redirect(url_for("web.sign_in"))


@blueprint.post("/sign-out-everywhere")
@login_required
def sign_out_everywhere():
    sessions.sign_out_everywhere(db.session(), current_user.person_id)
    logout_user()
    flash("You are signed out on every device.")
    return redirect(url_for("web.sign_in"))


@blueprint.route("/invite/<token>", methods=["GET", "POST"])
def accept_invite(token: str):
    session = db.session()
    if request.method == "GET":
        try:
            person = invites.invited_person(session, token, utcnow())
        except DomainError as refusal:
            return render_template("invite.html", person=None, problem=problem_of(refusal)), refusal.status
        return render_template("invite.html", person=person, problem=None)
    try:
        person = invites.accept(
            session, token, request.form.get("password", ""), request.form.get("password_again", ""), utcnow()
        )
    except DomainError as refusal:
        person = None if refusal.status == 410 else invites.invited_person(session, token, utcnow())
        return render_template("invite.html", person=person, problem=problem_of(refusal)), refusal.status
    logout_user()
    flash("Your password is set. Sign in with it now.")
    return redirect(url_for("web.sign_in", email=person.email))
