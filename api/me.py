"""/v1/me: whose account a token belongs to."""

from __future__ import annotations

from typing import Literal

from flask import g
from flask_openapi3 import Tag
from pydantic import BaseModel

from api.auth import authenticate_any_account, authenticated_blueprint
from api.extensions import db
from api.schemas.common import json_response
from workflow.people import tokens

blueprint = authenticated_blueprint("me", Tag(name="accounts"), authenticate=authenticate_any_account)


class Me(BaseModel):
    id: str
    name: str
    kind: Literal["seller", "shipper"]


@blueprint.get("/me", responses={200: Me})
def me():
    """Name the account the bearer token belongs to: a seller or a shipper."""
    account = tokens.account_for_token(db.session(), g.account_kind, g.account_id)
    return json_response(Me(id=account.id, name=account.name, kind=account.kind))
