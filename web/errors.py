"""Refusals on pages: the problem's sentence on a page of the app, never a stack trace."""

from __future__ import annotations

import logging

from flask import abort, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from web.blueprint import blueprint
from web.display import Problem, problem_of
from workflow.errors import DomainError

log = logging.getLogger(__name__)


@blueprint.route("/<path:unknown>")
def no_such_page(unknown: str):
    """Any other address under /app/ is a page that does not exist: said on a page, not in JSON."""
    abort(404)


@blueprint.errorhandler(DomainError)
def domain_refusal(error: DomainError):
    return render_template("error.html", problem=problem_of(error)), error.status


@blueprint.errorhandler(CSRFError)
def form_expired(error: CSRFError):
    problem = Problem(400, "The form was open too long or came from elsewhere: reload the page and send it again.")
    return render_template("error.html", problem=problem), 400


@blueprint.errorhandler(HTTPException)
def http_refusal(error: HTTPException):
    sentences = {404: "There is no such page, or it belongs to another account."}
    problem = Problem(error.code or 500, sentences.get(error.code, error.description or error.name), title=error.name)
    return render_template("error.html", problem=problem), error.code


@blueprint.errorhandler(Exception)
def unexpected(error: Exception):
    log.exception("unhandled error on a page")
    problem = Problem(500, "Something failed on our side; it was logged. Try again in a moment.")
    return render_template("error.html", problem=problem), 500
