"""/v1/insights: the seller's figures."""

from __future__ import annotations

from flask import g
from flask_openapi3 import Tag

from api.auth import authenticated_blueprint
from api.extensions import db
from api.schemas.common import json_response
from workflow.cases.removals import RemovalInsights, removal_insights

blueprint = authenticated_blueprint("insights", Tag(name="insights"))


@blueprint.get("/insights/removals", responses={200: RemovalInsights})
def removals():
    """Count the Amazon removal requests filed, removed and declined, per ground and marketplace."""
    return json_response(removal_insights(db.session(), g.seller_id))
