"""RFC 9457 problem bodies for every refusal the API gives."""

from __future__ import annotations

import json
import logging
from typing import Any

from flask import Flask, Response
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from workflow.errors import DomainError

PROBLEM_TYPE_BASE = "/problems/"
log = logging.getLogger(__name__)


def problem(status: int, slug: str, title: str, detail: str, **extensions: Any) -> Response:
    body = {"type": PROBLEM_TYPE_BASE + slug, "title": title, "status": status, "detail": detail}
    body.update(extensions)
    return Response(json.dumps(body), status=status, mimetype="application/problem+json")


# What pydantic says when the whole body is not an object (or missing): say how to send one.
_NOT_AN_OBJECT = ("model_type", "model_attributes_type", "dict_type")


def _field_error(error: dict) -> dict[str, str]:
    if not error["loc"] and error["type"] in _NOT_AN_OBJECT:
        return {"field": "body", "message": "must be a JSON object (send Content-Type: application/json)"}
    # A model's own check (loc is empty) keeps its sentence, e.g. "a declined answer needs a reason".
    message = error["msg"].removeprefix("Value error, ")
    return {"field": ".".join(str(part) for part in error["loc"]) or "body", "message": message}


def validation_problem(error: ValidationError) -> Response:
    errors = [_field_error(e) for e in error.errors(include_url=False, include_context=False, include_input=False)]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors)
    return problem(422, "invalid-input", "The request is not valid", detail, errors=errors)


def register_problem_handlers(app: Flask) -> None:
    @app.errorhandler(DomainError)
    def _domain_error(error: DomainError) -> Response:
        return problem(error.status, error.slug, error.title, error.detail, **error.extensions)

    @app.errorhandler(HTTPException)
    def _http_error(error: HTTPException) -> Response:
        if error.response is not None:  # already a problem (validation), pass it through
            return error.response
        slug = (error.name or "error").lower().replace(" ", "-")
        response = problem(error.code or 500, slug, error.name, error.description or error.name)
        for header, value in error.get_headers():
            if header.lower() != "content-type":
                response.headers[header] = value
        return response

    @app.errorhandler(IntegrityError)
    @app.errorhandler(StaleDataError)
    def _concurrent_write(error: Exception) -> Response:
        # Use cases take locks or savepoints where requests meet; this is the net under them.
        log.warning("a write collided with a concurrent one: %s", error)
        return problem(
            409, "concurrent-write", "A concurrent request changed the same data",
            "another request changed the same data at the same moment and this one was rolled back; "
            "read the resource again and retry",
        )  # fmt: skip

    @app.errorhandler(Exception)
    def _unexpected(error: Exception) -> Response:
        log.exception("unhandled error")
        return problem(
            500, "internal-error", "Internal server error", "The request failed on the server; it was logged."
        )
