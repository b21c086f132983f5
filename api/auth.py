"""Bearer-token authentication of sellers and shippers, and the blueprints that require it."""

from __future__ import annotations

import time
from collections.abc import Callable

from flask import current_app, g, request
from flask_openapi3 import APIBlueprint, Tag
from sqlalchemy.orm import Session

from api.extensions import db
from api.limits import failed_authentications, too_many_failed_authentications
from api.problems import problem
from api.schemas.common import PROBLEM_RESPONSE
from workflow.accounts import hash_token, seller_for_token, shipper_for_token
from workflow.clock import utcnow
from workflow.people import tokens
from workflow.settings import Settings

# Known tokens are remembered per process for a minute: it saves a query and a transaction
# on every request, and bounds how long a (future) revoked token keeps working.
TOKEN_CACHE_SECONDS = 60.0
_TOKEN_CACHE_MAX = 10_000
_known_tokens: dict[tuple[str, str], tuple[str, float]] = {}  # (kind, token digest) -> (account id, expiry)


def _account_for(token: str, kind: str, lookup: Callable[[Session, str], str | None]) -> str | None:
    digest = hash_token(token)
    cached = _known_tokens.get((kind, digest))
    if cached and cached[1] > time.monotonic():
        return cached[0]
    account_id = lookup(db.session(), token)
    if account_id is not None:
        # Looked up at most once a minute per token and process: "last used" to the minute.
        tokens.record_use(db.session(), kind, token, utcnow())
        if len(_known_tokens) >= _TOKEN_CACHE_MAX:
            _known_tokens.clear()
        _known_tokens[(kind, digest)] = (account_id, time.monotonic() + TOKEN_CACHE_SECONDS)
    return account_id


def forget_token(token_hash: str) -> None:
    """A revoked token stops working in this process at once (in others within the cache time)."""
    for kind in ("seller", "shipper"):
        _known_tokens.pop((kind, token_hash), None)


def _bearer_token() -> str | None:
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" and token.strip() else None


def _unauthorized(kind: str, how_to_get_one: str):
    failed_authentications.count_refusal()
    response = problem(
        401,
        "unauthorized",
        "Unauthorized",
        f"send a valid {kind} token as 'Authorization: Bearer <token>' ({how_to_get_one})",
    )
    response.headers["WWW-Authenticate"] = 'Bearer realm="feedback-desk"'
    return response


def _authenticate(kind: str, lookup: Callable[[Session, str], str | None], how_to_get_one: str):
    if (retry_after := failed_authentications.retry_after()) is not None:
        return too_many_failed_authentications(retry_after)
    token = _bearer_token()
    account_id = _account_for(token, kind, lookup) if token else None
    if account_id is None:
        return _unauthorized(kind, how_to_get_one)
    setattr(g, f"{kind}_id", account_id)
    return None


def authenticate_seller():
    """before_request hook: sets g.seller_id, or answers 401."""
    return _authenticate("seller", seller_for_token, "create one with 'feedback-desk sellers create NAME'")


def authenticate_shipper():
    """before_request hook of the shipper API: sets g.shipper_id, or answers 401."""
    return _authenticate("shipper", shipper_for_token, "create one with 'feedback-desk shippers create NAME'")


def authenticate_any_account():
    """before_request hook of operations open to sellers and shippers alike: sets
    g.account_kind and g.account_id, or answers 401."""
    if (retry_after := failed_authentications.retry_after()) is not None:
        return too_many_failed_authentications(retry_after)
    token = _bearer_token()
    for kind, lookup in (("seller", seller_for_token), ("shipper", shipper_for_token)):
        account_id = _account_for(token, kind, lookup) if token else None
        if account_id is not None:
            g.account_kind, g.account_id = kind, account_id
            return None
    return _unauthorized(
        "seller or shipper", "'feedback-desk sellers create NAME', or an API token made in the web app"
    )


def authenticated_blueprint(
    name: str, tag: Tag, *, url_prefix: str = "/v1", authenticate: Callable = authenticate_seller
) -> APIBlueprint:
    """A /v1 blueprint whose every operation needs a bearer token (a seller's by default) and
    documents its problem answers: 401, 413 (too large), 422, and 429 (too many failed
    authentications from the address)."""
    blueprint = APIBlueprint(
        name,
        __name__,
        url_prefix=url_prefix,
        abp_tags=[tag],
        abp_security=[{"bearer": []}],
        abp_responses={401: PROBLEM_RESPONSE, 413: PROBLEM_RESPONSE, 422: PROBLEM_RESPONSE, 429: PROBLEM_RESPONSE},
    )
    blueprint.before_request(authenticate)
    return blueprint


def current_settings() -> Settings:
    return current_app.config["SETTINGS"]
