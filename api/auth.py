"""Bearer-token authentication of sellers."""

from __future__ import annotations

from flask import g, request

from api.extensions import db
from api.problems import problem
from workflow.accounts import seller_for_token


def authenticate_seller():
    """before_request hook: sets g.seller_id, or answers 401."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    seller_id = seller_for_token(db.session, token.strip()) if scheme.lower() == "bearer" and token else None
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
