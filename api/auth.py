"""Bearer-token authentication of sellers."""

from __future__ import annotations

import time

from flask import g, request

from api.extensions import db
from api.problems import problem
from workflow.accounts import hash_token, seller_for_token

# Known tokens are remembered per process for a minute: it saves a query and a transaction
# on every request, and bounds how long a (future) revoked token keeps working.
TOKEN_CACHE_SECONDS = 60.0
_TOKEN_CACHE_MAX = 10_000
_known_tokens: dict[str, tuple[str, float]] = {}  # token digest -> (seller id, expiry)


def _seller_for(token: str) -> str | None:
    digest = hash_token(token)
    cached = _known_tokens.get(digest)
    if cached and cached[1] > time.monotonic():
        return cached[0]
    seller_id = seller_for_token(db.session(), token)
    if seller_id is not None:
        if len(_known_tokens) >= _TOKEN_CACHE_MAX:
            _known_tokens.clear()
        _known_tokens[digest] = (seller_id, time.monotonic() + TOKEN_CACHE_SECONDS)
    return seller_id


def authenticate_seller():
    """before_request hook: sets g.seller_id, or answers 401."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    seller_id = _seller_for(token.strip()) if scheme.lower() == "bearer" and token else None
    if seller_id is None:
        response = problem(
            401,
            "unauthorized",
            "Unauthorized",
            "send a valid seller token as 'Authorization: Bearer <token>' "
            "(create one with 'feedback-desk sellers create NAME')",
        )
        response.headers["WWW-Authenticate"] = 'Bearer realm="feedback-desk"'
        return response
    g.seller_id = seller_id
    return None
