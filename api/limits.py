"""Limits on what one client can make the API do: request size, JSON depth, and the rate of
failed authentications per client address."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from functools import lru_cache

from flask import Flask, Response, current_app, request
from flask.json.provider import DefaultJSONProvider
from limits import RateLimitItem, parse_many
from limits.storage import storage_from_string
from limits.strategies import FixedWindowRateLimiter
from werkzeug.exceptions import RequestEntityTooLarge

from api.problems import problem
from workflow.errors import InvalidInput

DEFAULTS = {
    "MAX_CONTENT_LENGTH": 1024 * 1024,
    # A feedback report upload: streamed to its import, never held in memory whole.
    "MAX_REPORT_LENGTH": 512 * 1024 * 1024,
    # Failed authentications per client address (the notation of the `limits` library);
    # successful requests do not count.
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


@lru_cache(maxsize=32)
def _parsed(limits: str) -> list[RateLimitItem]:
    return parse_many(limits)


class FailureLimit:
    """Refused attempts counted per key in fixed windows, e.g. "20 per minute; 200 per hour".

    The callers ask before they look at the attempt and count only a refusal: once a window is
    used up, even a right guess is refused until it ends, and successful attempts cost nothing
    but the question. Checked by the operations that authenticate, not by a hook on every
    request."""

    def __init__(self, scope: str, limits: str | Callable[[], str], key: Callable[[], str]) -> None:
        self.scope = scope
        self._limits = limits
        self.key = key

    def limits(self) -> list[RateLimitItem]:
        return _parsed(self._limits() if callable(self._limits) else self._limits)

    def retry_after(self) -> int | None:
        """Whole seconds until the key may try again, or None while it may."""
        counter, key = failure_counter(), self.key()
        for limit in self.limits():
            if not counter.test(limit, self.scope, key):
                reset_at = counter.get_window_stats(limit, self.scope, key).reset_time
                return max(1, math.ceil(reset_at - time.time()))
        return None

    def count_refusal(self) -> None:
        counter, key = failure_counter(), self.key()
        for limit in self.limits():
            counter.hit(limit, self.scope, key)


def failure_counter() -> FixedWindowRateLimiter:
    """The app's counter of refused attempts, kept where RATELIMIT_STORAGE_URI says."""
    return current_app.extensions["failure_counter"]


# Shared by every authenticated blueprint: one count per client address, whatever the API.
failed_authentications = FailureLimit(
    "failed-authentication", lambda: current_app.config["AUTH_FAILURE_LIMIT"], lambda: request.remote_addr or ""
)


def too_many_failed_authentications(retry_after: int) -> Response:
    response = problem(
        429, "too-many-failed-authentications", "Too many failed authentications",
        f"this address sent too many requests without a valid token "
        f"({current_app.config['AUTH_FAILURE_LIMIT']}); retry after {retry_after} seconds with a valid token",
    )  # fmt: skip
    response.headers["Retry-After"] = str(retry_after)
    return response


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
    app.extensions["failure_counter"] = FixedWindowRateLimiter(storage_from_string(app.config["RATELIMIT_STORAGE_URI"]))
    app.before_request(_refuse_oversized_request)

    @app.errorhandler(RequestEntityTooLarge)
    def _too_large(error: RequestEntityTooLarge) -> Response:
        setting = _body_limit_setting()
        maximum = current_app.config[setting]
        return problem(
            413, "request-too-large", "The request is too large",
            f"the request body is over {maximum:,} bytes, the most this service accepts here ({setting})",
        )  # fmt: skip
