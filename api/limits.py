"""Limits on what one client can make the API do: request size, JSON depth, and the rate of
failed authentications per client address."""

from __future__ import annotations

import math
import time

from flask import Flask, Response, current_app, request
from flask.json.provider import DefaultJSONProvider
from flask_limiter import Limiter
from flask_limiter.errors import RateLimitExceeded
from flask_limiter.util import get_remote_address
from werkzeug.exceptions import RequestEntityTooLarge

from api.problems import problem
from workflow.errors import InvalidInput

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    # A feedback report upload: streamed to its import, never held in memory whole.
    "MAX_REPORT_LENGTH": 512 * 1024 * 1024,
    # Failed authentications per client address (Flask-Limiter's notation); successful requests
    # do not count.
    "AUTH_FAILURE_LIMIT": "20 per minute; 200 per hour",
    # Where the counts live: per process by default; a shared store (redis://..., memcached://...)
    # makes the limit hold across gunicorn workers and hosts.
    "RATELIMIT_STORAGE_URI": "memory://",
}
# Environment variables read for these limits, with their kinds.
ENVIRONMENT_KINDS = {
    "MAX_CONTENT_LENGTH": int,
    "MAX_REPORT_LENGTH": int,
    "AUTH_FAILURE_LIMIT": str,
    "RATELIMIT_STORAGE_URI": str,
}
# Operations whose body is a file streamed to their use case, and the setting that bounds it.
FILE_BODIES = {"imports.create_import": "MAX_REPORT_LENGTH", "web.upload_report": "MAX_REPORT_LENGTH"}

limiter = Limiter(key_func=get_remote_address)

# Shared by every authenticated blueprint: one count per client address, whatever the API.
failed_authentication_limit = limiter.shared_limit(
    lambda: current_app.config["AUTH_FAILURE_LIMIT"],
    scope="failed-authentication",
    deduct_when=lambda response: response.status_code == 401,
)


class BoundedJSONProvider(DefaultJSONProvider):
    """JSON nested deeper than the parser's recursion limit is a refusal, not a crash; a body
    that is not JSON at all says where it broke (an empty one is left to the model, which asks
    for an object)."""

    def loads(self, s, **kwargs):
        try:
            return super().loads(s, **kwargs)
        except RecursionError:
            raise InvalidInput(
                [{"field": "body", "message": "the JSON is nested too deeply; no request needs more than a few levels"}]
            ) from None
        except ValueError as error:  # JSONDecodeError, or bytes that are not UTF-8
            if not s.strip():
                raise
            raise InvalidInput([{"field": "body", "message": f"is not valid JSON: {error}"}]) from None


def _body_limit_setting() -> str:
    return FILE_BODIES.get(request.endpoint, "MAX_CONTENT_LENGTH")


def _refuse_oversized_request() -> None:
    """Refuse by Content-Length before reading anything; a body without one (chunked) is cut
    off by Werkzeug at the same size while it is read."""
    maximum = current_app.config[_body_limit_setting()]
    request.max_content_length = maximum
    if request.content_length is not None and request.content_length > maximum:
        raise RequestEntityTooLarge()


def register_limits(app: Flask) -> None:
    app.json = BoundedJSONProvider(app)
    limiter.init_app(app)
    app.before_request(_refuse_oversized_request)

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(error: RequestEntityTooLarge) -> Response:
        setting = _body_limit_setting()
        maximum = current_app.config[setting]
        return problem(
            413, "request-too-large", "The request is too large",
            f"the request body is over {maximum:,} bytes, the most this service accepts here ({setting})",
        )  # fmt: skip

    @app.errorhandler(RateLimitExceeded)
    def _too_many_failures(error: RateLimitExceeded) -> Response:
        reset_at = limiter.current_limit.reset_at if limiter.current_limit else time.time() + 60
        retry_after = max(1, math.ceil(reset_at - time.time()))
        response = problem(
            429, "too-many-failed-authentications", "Too many failed authentications",
            f"this address sent too many requests without a valid token ({error.description}); "
            f"retry after {retry_after} seconds with a valid token",
        )  # fmt: skip
        response.headers["Retry-After"] = str(retry_after)
        return response
