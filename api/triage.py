"""/v1/triage: the triage of one comment, stored nowhere."""

from __future__ import annotations

from flask_openapi3 import Tag

from api.auth import authenticated_blueprint
from api.schemas.common import json_response
from api.schemas.triage import TriageIn, TriageOut
from workflow.triage import triage
from workflow.triage.representation import triage_representation

blueprint = authenticated_blueprint("triage", Tag(name="triage"))


@blueprint.post("/triage", responses={200: TriageOut})
def triage_comment(body: TriageIn):
    """Triage one comment: feedback types, removal grounds and mistake, each with its evidence.

    Nothing is stored."""
    result = triage(body.comment, body.rating, language=body.language, marketplace=body.marketplace)
    return json_response(triage_representation(result.as_dict()))
